"""CSV: one row per article with a header row, for spreadsheets.

UTF-8 with a byte-order mark: Excel opens a CSV without one in the Windows code page of the
machine (cp1251 or cp1252), which turns Kazakh and Russian text into mojibake; with the BOM it
reads UTF-8. LibreOffice and Python's csv (encoding 'utf-8-sig') accept the BOM. Rows end in
CRLF as RFC 4180 says. A cell that a spreadsheet would run as a formula ('=…', '+…', '-…',
'@…') starts with an apostrophe (articles/spreadsheets.py).
"""

from __future__ import annotations

import io
from datetime import date

from articles.citations.gost import GOST_R_7_0_5, gost_reference
from articles.citations.record import CitationRecord
from articles.spreadsheets import SpreadsheetCsvWriter

BOM = "\ufeff"
COLUMNS = (
    "title", "display_title", "authors", "supervisors", "language", "proceedings", "conference",
    "year", "place", "publisher", "isbn", "editors", "first_page", "last_page", "keywords", "url",
    "reference_gost_r_7_0_5_2008",
)  # fmt: skip


def csv_row(record: CitationRecord, *, accessed: date | None = None) -> list[str]:
    """`title` is empty when none was printed; `display_title` then has the first words."""
    return [
        record.title or "",
        record.display_title,
        "; ".join(person.printed for person in record.authors),
        "; ".join(person.printed for person in record.supervisors),
        record.language,
        record.volume_title(),
        record.conference_name,
        str(record.year),
        record.place,
        record.publisher,
        record.isbn,
        "; ".join(person.printed for person in record.editors),
        "" if record.first_page is None else str(record.first_page),
        "" if record.last_page is None else str(record.last_page),
        "; ".join(record.all_keywords),
        record.url or "",
        gost_reference(record, GOST_R_7_0_5, accessed=accessed),
    ]


def format_csv(records: list[CitationRecord], *, accessed: date | None = None, **_options) -> str:
    """The text starts with the BOM; encode it as plain UTF-8."""
    out = io.StringIO()
    writer = SpreadsheetCsvWriter(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in records:
        writer.writerow(csv_row(record, accessed=accessed))
    return BOM + out.getvalue()

"""CSV that a spreadsheet opens as data, never as formulas — for every CSV the archive writes
(the citation export, articles/citations/table.py, and the editors' usage reports,
articles/usage_reports.py).

Titles and names come from imported files, so a cell may start with '=', '+', '-' or '@' (or a
tab or carriage return, which Excel skips before reading one of those): Excel and LibreOffice
would run it as a formula ('=HYPERLINK(…)' sends the sheet's data away). OWASP's CSV-injection
advice, followed here: such a text cell gets a leading apostrophe, so the spreadsheet shows the
text as it is. Not defusedcsv: it leaves tabs and carriage returns alone and rewrites '|' inside
the cell. Numbers (int) are left alone: a count is never a formula.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"


def spreadsheet_cell(value: Any) -> Any:
    """`value`, with the apostrophe in front when it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return GUARD + value
    return value


class SpreadsheetCsvWriter:
    """csv.writer's `writerow`, with every cell passed through `spreadsheet_cell`."""

    def __init__(self, out: TextIO, **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([spreadsheet_cell(value) for value in row])

"""A reference list as a Word document (.docx), numbered, in any of the reference styles."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

from docx import Document
from docx.shared import Pt

from articles.citations.apa import Runs, apa_runs
from articles.citations.gost import GOST_7_1, GOST_R_7_0_5, GOST_R_7_0_100, gost_reference
from articles.citations.record import CitationRecord

LIST_HEADINGS = {"kk": "Әдебиеттер тізімі", "ru": "Список литературы", "en": "References"}


def reference_runs(style: str, *, accessed: date | None = None) -> Callable[[CitationRecord], Runs]:
    """A function giving one reference as (text, italic) runs, for a style slug."""
    presets = {
        "gost-r-7-0-100-2018": GOST_R_7_0_100,
        "gost-7-1-2003": GOST_7_1,
        "gost-r-7-0-5-2008": GOST_R_7_0_5,
    }
    if style == "apa-7":
        return apa_runs
    preset = presets[style]
    return lambda record: [(gost_reference(record, preset, accessed=accessed), False)]


def format_docx(
    records: list[CitationRecord],
    *,
    style: str = "gost-r-7-0-5-2008",
    heading_language: str = "ru",
    accessed: date | None = None,
    **_options,
) -> bytes:
    """Numbered with Word's own 'List Number' style, so the numbers stay right when a librarian
    inserts or deletes an entry; the APA entries keep their italics."""
    document = Document()
    document.core_properties.title = LIST_HEADINGS.get(heading_language, LIST_HEADINGS["ru"])
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(14)
    document.add_heading(document.core_properties.title, level=1)
    runs_of = reference_runs(style, accessed=accessed)
    for record in records:
        paragraph = document.add_paragraph(style="List Number")
        for text, italic in runs_of(record):
            paragraph.add_run(text).italic = italic or None
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()

"""A reference list as a Word document (.docx) in any of the reference styles, on A4.

GOST lists are numbered with Word's own 'List Number' style ('1.', as the text lists are), so
the numbers stay right when a librarian inserts or deletes an entry. APA lists are not numbered
(APA 7 orders them alphabetically) and hang their second lines by 1.27 cm, keeping the
proceedings title's italics.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

from docx import Document
from docx.shared import Cm, Mm, Pt

from articles.citations.apa import Runs, apa_runs
from articles.citations.gost import GOST_7_1, GOST_R_7_0_5, GOST_R_7_0_100, gost_reference
from articles.citations.record import CitationRecord, in_list_language
from articles.citations.words import words_for

GOST_PRESETS = {
    "gost-r-7-0-100-2018": GOST_R_7_0_100,
    "gost-7-1-2003": GOST_7_1,
    "gost-r-7-0-5-2008": GOST_R_7_0_5,
}
APA = "apa-7"
DOCX_STYLES = (*GOST_PRESETS, APA)
A4 = (Mm(210), Mm(297))
# The margins Russian and Kazakh universities ask for (GOST 7.32): left 30, right 15, top and
# bottom 20 mm.
MARGINS = {"left_margin": Mm(30), "right_margin": Mm(15), "top_margin": Mm(20), "bottom_margin": Mm(20)}
APA_HANGING_INDENT = Cm(1.27)
APA_FIRST_LINE = Cm(-1.27)


def reference_runs(style: str, *, accessed: date | None = None) -> Callable[[CitationRecord], Runs]:
    """A function giving one reference as (text, italic) runs, for a style slug."""
    if style == APA:
        return apa_runs
    preset = GOST_PRESETS[style]
    return lambda record: [(gost_reference(record, preset, accessed=accessed), False)]


def format_docx(
    records: list[CitationRecord],
    *,
    style: str = "gost-r-7-0-5-2008",
    language: str | None = None,
    accessed: date | None = None,
    **_options,
) -> bytes:
    """The list under its heading in the list's `language` (Russian when the records' languages
    are left to themselves). KeyError for a style that is not a reference style."""
    runs_of = reference_runs(style, accessed=accessed)
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = A4
    for margin, length in MARGINS.items():
        setattr(section, margin, length)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    document.core_properties.title = words_for(language or "ru").list_heading
    document.core_properties.language = language or ""
    document.add_heading(document.core_properties.title, level=1)
    for record in in_list_language(records, language):
        if style == APA:
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.left_indent = APA_HANGING_INDENT
            paragraph.paragraph_format.first_line_indent = APA_FIRST_LINE
        else:
            paragraph = document.add_paragraph(style="List Number")
        for text, italic in runs_of(record):
            paragraph.add_run(text).italic = italic or None
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()

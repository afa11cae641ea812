"""A PDF's text layer, page by page — or why there is none: locked, damaged, or scanned.

A PDF cut short by an upload or a download still opens: mupdf rebuilds its missing table of
objects and shows every page, blank where the page's content was lost. Read naively that is
"no text layer", and an editor would run OCR on a file that only needs sending again; cut
near the end, it is worse — the first pages have text and the last are silently empty. So
the file's own signs of damage are read first (no end-of-file marker, no pages, a page that
cannot be loaded or whose content object is missing), and only an intact file without text
is called scanned.

Each page is read once, as mupdf's dict of blocks, lines and spans with the same options as
its plain text (so the lines are those of `page.get_text()`), and `layout` puts them in
reading order with their position and type; `page_numbers` finds the printed page numbers.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from proceedings.importer.layout import Fragment, PageText, Span, line_layouts, place_page, span_style
from proceedings.importer.limits import check_limit
from proceedings.importer.page_numbers import printed_page_numbers
from proceedings.importer.tables import page_tables
from proceedings.importer.types import ImportFileError, RawDocument, TableLayout

if TYPE_CHECKING:
    import pymupdf

# Readers look for the end marker in the last 1024 bytes (PDF 1.7, annex H); padding some
# tools append after it is not damage.
_END_MARKER = b"%%EOF"
_END_WINDOW = 1024
# How mupdf words an allocation it could not make ("code=2: calloc (4104 x 1 bytes) failed").
_MUPDF_ALLOCATION = re.compile(r"\b(?:m|c|re)alloc\b.*\bfailed\b")


class _DamagedError(Exception):
    """Why the PDF is damaged or incomplete, in words for the editor."""


def read_pdf(data: bytes, *, filename: str, max_pages: int | None = None) -> RawDocument:
    """Extract the text layer page by page, remembering the page of every line; a file of more
    than `max_pages` pages is refused before any page is read."""
    import pymupdf  # noqa: PLC0415 - heavy import, only needed for PDFs

    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # pymupdf raises several unrelated types for broken files
        raise_if_out_of_memory(exc)
        raise _damaged(filename, f"it cannot be opened: {exc}") from exc
    with doc:
        if doc.needs_pass or doc.is_encrypted:
            raise ImportFileError(f"{filename}: the PDF is password-protected; upload an unlocked copy.")
        check_limit(filename=filename, limit="pages", allowed=max_pages, found=doc.page_count)
        try:
            text_pages, tables = _text_layer(doc, data)
        except _DamagedError as reason:
            raise _damaged(filename, str(reason)) from None
        repaired = doc.is_repaired
    placed = [place_page(page) for page in text_pages]
    lines, pages, layout = line_layouts(placed, printed_page_numbers(placed))
    if not any(line.strip() for line in lines):
        if repaired:  # mupdf had to rebuild the file: an empty result says nothing about scanning
            raise _damaged(filename, "its structure is broken and no text could be recovered")
        raise ImportFileError(
            f"{filename}: the PDF has no text layer (it is probably scanned); run OCR on it first."
        )
    return RawDocument(
        kind="pdf", lines=lines, pages=list(pages), encoding="pdf", layout=layout, tables=tables
    )


def _text_layer(doc: pymupdf.Document, data: bytes) -> tuple[list[PageText], list[TableLayout]]:
    """Each page's lines, and its tables rebuilt from its rulings (`tables`)."""
    import pymupdf  # noqa: PLC0415 - heavy import, only needed for PDFs

    if _END_MARKER not in data.rstrip(b"\x00\t\n\r\f ")[-_END_WINDOW:]:
        raise _DamagedError("it stops before its end-of-file marker")
    if doc.page_count == 0:
        raise _DamagedError("it has no pages")
    out: list[PageText] = []
    tables: list[TableLayout] = []
    for number in range(1, doc.page_count + 1):
        try:
            page = doc.load_page(number - 1)
            if not all(doc.xref_is_stream(xref) for xref in page.get_contents()):
                raise _DamagedError(f"the content of page {number} is missing")
            # The options of get_text("text"), so the dict's lines are the plain text's lines.
            content = page.get_textpage(flags=pymupdf.TEXTFLAGS_TEXT).extractDICT()
            label = page.get_label() if doc.is_pdf else ""
        except _DamagedError:
            raise
        except Exception as exc:  # as above: mupdf's errors come in many types
            raise_if_out_of_memory(exc)
            raise _DamagedError(f"page {number} cannot be read: {exc}") from exc
        rect = page.rect
        fragments = _fragments(content)
        out.append(PageText(number, rect.width, rect.height, fragments, label=label or ""))
        tables += page_tables(page, number, fragments)
    return out, tables


def _fragments(content: dict) -> list[Fragment]:
    """mupdf's lines as fragments; a NUL (a glyph its font maps to nothing) is dropped."""
    out = []
    for number, block in enumerate(content.get("blocks", [])):
        for line in block.get("lines", []):
            spans = tuple(
                Span(span["text"].replace("\x00", ""), span["size"], *span_style(span["flags"], span["font"]))
                for span in line["spans"]
            )
            if not spans:
                continue
            x0, y0, x1, y1 = line["bbox"]
            dx, dy = line["dir"]
            baseline = line["spans"][0]["origin"][1]
            horizontal = dx > 0.99 and abs(dy) < 0.01
            out.append(Fragment(spans, x0, y0, x1, y1, baseline, number, horizontal=horizontal))
    return out


def raise_if_out_of_memory(error: Exception) -> None:
    """Raise MemoryError for an allocation that failed — Python's own, or mupdf's, which it reports
    as an error like any other — so that a file too large for the memory allowed (under the
    import's limit, proceedings/site/bounded.py) is not called damaged."""
    if isinstance(error, MemoryError) or _MUPDF_ALLOCATION.search(str(error)):
        raise MemoryError(str(error)) from error


def _damaged(filename: str, reason: str) -> ImportFileError:
    return ImportFileError(
        f"{filename}: the PDF is damaged or incomplete ({reason}); "
        "upload the file again, or export it once more from the original."
    )

"""A PDF's text layer, page by page — or why there is none: locked, damaged, or scanned.

A PDF cut short by an upload or a download still opens: mupdf rebuilds its missing table of
objects and shows every page, blank where the page's content was lost. Read naively that is
"no text layer", and an editor would run OCR on a file that only needs sending again; cut
near the end, it is worse — the first pages have text and the last are silently empty. So
the file's own signs of damage are read first (no end-of-file marker, no pages, a page that
cannot be loaded or whose content object is missing), and only an intact file without text
is called scanned.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from proceedings.importer.types import ImportFileError, RawDocument

if TYPE_CHECKING:
    import pymupdf

# Readers look for the end marker in the last 1024 bytes (PDF 1.7, annex H); padding some
# tools append after it is not damage.
_END_MARKER = b"%%EOF"
_END_WINDOW = 1024


class _DamagedError(Exception):
    """Why the PDF is damaged or incomplete, in words for the editor."""


def read_pdf(data: bytes, *, filename: str) -> RawDocument:
    """Extract the text layer page by page, remembering the page of every line."""
    import pymupdf  # noqa: PLC0415 - heavy import, only needed for PDFs

    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # pymupdf raises several unrelated types for broken files
        raise _damaged(filename, f"it cannot be opened: {exc}") from exc
    with doc:
        if doc.needs_pass or doc.is_encrypted:
            raise ImportFileError(f"{filename}: the PDF is password-protected; upload an unlocked copy.")
        try:
            lines, pages = _text_layer(doc, data)
        except _DamagedError as reason:
            raise _damaged(filename, str(reason)) from None
        repaired = doc.is_repaired
    if not any(line.strip() for line in lines):
        if repaired:  # mupdf had to rebuild the file: an empty result says nothing about scanning
            raise _damaged(filename, "its structure is broken and no text could be recovered")
        raise ImportFileError(
            f"{filename}: the PDF has no text layer (it is probably scanned); run OCR on it first."
        )
    return RawDocument(kind="pdf", lines=lines, pages=pages, encoding="pdf")


def _text_layer(doc: pymupdf.Document, data: bytes) -> tuple[list[str], list[int | None]]:
    if _END_MARKER not in data.rstrip(b"\x00\t\n\r\f ")[-_END_WINDOW:]:
        raise _DamagedError("it stops before its end-of-file marker")
    if doc.page_count == 0:
        raise _DamagedError("it has no pages")
    lines: list[str] = []
    pages: list[int | None] = []
    for number in range(1, doc.page_count + 1):
        try:
            page = doc.load_page(number - 1)
            if not all(doc.xref_is_stream(xref) for xref in page.get_contents()):
                raise _DamagedError(f"the content of page {number} is missing")
            # PostgreSQL stores no NUL, and a font that maps a glyph to nothing gives one.
            page_lines = page.get_text("text").replace("\x00", "").split("\n")
        except _DamagedError:
            raise
        except Exception as exc:  # as above: mupdf's errors come in many types
            raise _DamagedError(f"page {number} cannot be read: {exc}") from exc
        if page_lines and page_lines[-1] == "":
            page_lines.pop()
        lines.extend(page_lines)
        pages.extend([number] * len(page_lines))
    return lines, pages


def _damaged(filename: str, reason: str) -> ImportFileError:
    return ImportFileError(
        f"{filename}: the PDF is damaged or incomplete ({reason}); "
        "upload the file again, or export it once more from the original."
    )

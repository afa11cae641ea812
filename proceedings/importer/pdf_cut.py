"""Articles' own PDFs cut out of the volume's PDF: pymupdf alone, without Django, so that an upload's
import runs it in its bounded child process (proceedings/site/bounded.py). What an article's
sheets are, and where its PDF is stored, is proceedings/article_pdfs.py's.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from proceedings.importer.pdf import raise_if_out_of_memory

if TYPE_CHECKING:  # imported where a PDF is cut: see pdf_module()
    import pymupdf

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CutPdf:
    data: bytes
    pages: int


@dataclass(frozen=True)
class CutRequest:
    key: int  # the article's id: the name of its cut in the folder
    sheets: tuple[int, int]  # 1-based, both included
    metadata: dict[str, str]
    first_printed_page: int | None = None


@dataclass(frozen=True)
class CutFile:
    path: Path
    pages: int


@dataclass(frozen=True)
class VolumeCuts:
    pages: int | None  # the volume's page count; None when its PDF cannot be opened (nothing cut)
    files: dict[int, CutFile]  # by request key; a request missing here could not be cut (logged)


def pdf_module():
    """pymupdf, imported when a PDF is cut (by the task worker's child, an editor's edit), not
    when the site starts: pymupdf 2 loads an ONNX layout model (onnxruntime) on import, and
    gunicorn's workers, forked from a master that had loaded it, hang for the graceful time-out in
    onnxruntime's teardown when they exit (and are killed), so every stop took 30 s."""
    import pymupdf  # noqa: PLC0415

    return pymupdf


def pdf_cut(
    volume: pymupdf.Document,
    sheets: tuple[int, int],
    *,
    metadata: dict[str, str],
    first_printed_page: int | None = None,
) -> CutPdf:
    """Sheets `sheets` (1-based, both included) of `volume` as a PDF of their own. With the printed
    number of the first sheet, the viewer numbers the pages as the volume prints them."""
    first, last = sheets
    if not 1 <= first <= last <= volume.page_count:
        raise ValueError(f"sheets {first}–{last} are not in a file of {volume.page_count} pages")
    cut = pdf_module().open()
    try:
        cut.insert_pdf(volume, from_page=first - 1, to_page=last - 1)
        cut.set_metadata(metadata)
        if first_printed_page is not None:
            cut.set_page_labels(
                [{"startpage": 0, "prefix": "", "style": "D", "firstpagenum": first_printed_page}]
            )
        # garbage=3 drops what the copied pages do not use and merges repeated objects (fonts).
        return CutPdf(data=cut.tobytes(garbage=3, deflate=True), pages=cut.page_count)
    finally:
        cut.close()


def volume_cuts(data: bytes, requests: list[CutRequest], *, folder: str, name: str) -> VolumeCuts:
    """Open the volume's PDF (`data`; `name` says which in the log) and write each request's cut
    to `folder`/<key>.pdf. Cutting never fails an import or an edit: a cut that fails is logged
    and left out, a PDF that cannot be opened gives none — only memory running out is raised."""
    try:
        volume = pdf_module().open(stream=data, filetype="pdf")
        if volume.needs_pass:
            volume.authenticate("")  # an owner password only restricts; the import read it so
    except Exception as error:
        raise_if_out_of_memory(error)
        logger.warning("the PDF of %s cannot be opened; no article PDFs cut", name, exc_info=True)
        return VolumeCuts(pages=None, files={})
    files = {}
    with volume:
        for request in requests:
            try:
                cut = pdf_cut(
                    volume,
                    request.sheets,
                    metadata=request.metadata,
                    first_printed_page=request.first_printed_page,
                )
            except Exception as error:
                raise_if_out_of_memory(error)
                logger.warning(
                    "no PDF cut for article %s (sheets %s) of %s",
                    request.key,
                    request.sheets,
                    name,
                    exc_info=True,
                )
                continue
            path = Path(folder) / f"{request.key}.pdf"
            path.write_bytes(cut.data)
            files[request.key] = CutFile(path=path, pages=cut.pages)
        return VolumeCuts(pages=volume.page_count, files=files)

"""Each article's own PDF: its sheets cut from the volume's PDF, as readers and Google Scholar want
one file per paper rather than a whole volume.

An article's sheets are the pages of the volume's file its lines lie on, first to last (a page it
shares with its neighbour comes whole, as in any offprint). They are cut when the import stores
the article and again when an editor's split or merge moves its lines; `article_pdfs_recut` cuts a
whole volume again from its stored source (volumes imported before articles had PDFs, or a
repaired file).

A cut file's name carries its content's digest, so a new cut never overwrites a file that a
transaction still rolling back would leave in use; the file it replaces is deleted once the
change commits. Cutting never fails an import or an edit: a volume whose pages cannot be copied
keeps its articles without PDFs, and the log says why.
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import QuerySet

from articles.models import Article
from proceedings.importer.types import Line
from proceedings.models import Proceedings
from proceedings.site.page_cache import page_cache_invalidate

if TYPE_CHECKING:  # imported where a PDF is cut: see pdf_module()
    import pymupdf

logger = logging.getLogger(__name__)

PDF_SUFFIX = ".pdf"
ARTICLES_FOLDER = "articles"  # under the volume's own folder, beside source.pdf


@dataclass(frozen=True)
class CutPdf:
    data: bytes
    pages: int


def line_sheets(lines: Iterable[Line]) -> tuple[int, int] | None:
    """The first and last sheet (1-based page of the file) these lines lie on; None for a text file."""
    sheets = [line.page for line in lines if line.page is not None]
    return (min(sheets), max(sheets)) if sheets else None


def pdf_metadata(article: Article) -> dict[str, str]:
    """What a reader's PDF viewer and reference manager read from the file itself."""
    people = [a.person.display_name for a in sorted(article.authors, key=lambda authorship: authorship.order)]
    return {
        "title": article.title_display or article.title or "",
        "author": "; ".join(people),
        "subject": article.proceedings.title(article.language),
        "keywords": ", ".join(article.keyword_terms()),
        "creator": "Jinaq",
    }


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


def pdf_module():
    """pymupdf, imported when a PDF is cut (by the task worker, an editor's edit), not when the
    site starts: pymupdf 2 loads an ONNX layout model (onnxruntime) on import, and gunicorn's
    workers, forked from a master that had loaded it, hang for the graceful time-out in
    onnxruntime's teardown when they exit (and are killed), so every stop took 30 s."""
    import pymupdf  # noqa: PLC0415

    return pymupdf


def is_pdf_source(proceedings: Proceedings) -> bool:
    return proceedings.source_file.name.lower().endswith(PDF_SUFFIX)


@contextmanager
def volume_pdf(proceedings: Proceedings, data: bytes | None = None) -> Iterator[pymupdf.Document | None]:
    """The volume's PDF opened (from `data` when the caller has the bytes), or None when the volume
    has no stored PDF or it cannot be opened."""
    if not is_pdf_source(proceedings):
        yield None
        return
    try:
        if data is None:
            with proceedings.source_file.open("rb") as handle:
                data = handle.read()
        document = pdf_module().open(stream=data, filetype="pdf")
        if document.needs_pass:
            document.authenticate("")  # an owner password only restricts; the import read it so
    except Exception:
        logger.warning(
            "the PDF of volume %s cannot be opened; no article PDFs cut", proceedings.pk, exc_info=True
        )
        yield None
        return
    try:
        yield document
    finally:
        document.close()


def _printed_first_page(article: Article, sheets: tuple[int, int]) -> int | None:
    """The printed number of the first sheet, when the article's printed pages run with its sheets."""
    first, last = article.first_page, article.last_page
    if first is None or last is None or last - first != sheets[1] - sheets[0]:
        return None
    return first


def article_pdf_store(
    article: Article, volume: pymupdf.Document, sheets: tuple[int, int] | None
) -> str | None:
    """Cut and store the article's PDF and save its fields; returns the name written (None when
    nothing was). The file it replaces goes once the transaction commits."""
    old_name = article.pdf.name
    if sheets is None:
        cut = None
    else:
        try:
            cut = pdf_cut(
                volume,
                sheets,
                metadata=pdf_metadata(article),
                first_printed_page=_printed_first_page(article, sheets),
            )
        except Exception:
            logger.warning("no PDF cut for article %s (sheets %s)", article.pk, sheets, exc_info=True)
            cut = None
    written = None
    if cut is None:
        article.pdf, article.pdf_pages, article.pdf_size = "", None, None
    else:
        digest = hashlib.sha256(cut.data).hexdigest()[:16]
        folder = posixpath.join(posixpath.dirname(article.proceedings.source_file.name), ARTICLES_FOLDER)
        name = posixpath.join(folder, f"{article.pk}-{digest}{PDF_SUFFIX}")
        storage = article.pdf.storage
        written = name if storage.exists(name) else storage.save(name, ContentFile(cut.data))
        article.pdf, article.pdf_pages, article.pdf_size = written, cut.pages, len(cut.data)
    article.save(update_fields=["pdf", "pdf_pages", "pdf_size", "updated_at"])
    if old_name and old_name != article.pdf.name:
        pdf_file_discard(old_name)
    return written


def pdf_file_discard(name: str) -> None:
    """Delete a stored article PDF once the current transaction commits (at once outside one)."""
    storage = Article._meta.get_field("pdf").storage
    transaction.on_commit(lambda: storage.delete(name))


def on_file_owner_deleted(sender, instance: models.Model, **kwargs) -> None:
    """post_delete: a deleted article's PDF, or a deleted volume's source, goes once the deletion
    commits; a deletion rolled back keeps them."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.FileField) and (name := getattr(instance, field.attname).name):
            storage = field.storage
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


def article_pdfs_cut(
    *,
    proceedings: Proceedings,
    articles: Iterable[Article],
    sheets: dict[int, tuple[int, int] | None],
    data: bytes | None = None,
) -> list[str]:
    """Cut the PDFs of the volume's `articles` by their `sheets` (article id -> first and last
    sheet), the volume's PDF read from `data` when given; returns the names written, for the
    caller to delete should its transaction roll back."""
    written: list[str] = []
    with volume_pdf(proceedings, data) as volume:
        if volume is None:
            return written
        for article in articles:
            article.proceedings = proceedings  # as the caller holds it: an import saves it last
            if name := article_pdf_store(article, volume, sheets.get(article.pk)):
                written.append(name)
    return written


def volume_articles(proceedings: Proceedings, ids: Iterable[int] | None = None) -> QuerySet[Article]:
    """The volume's articles (those of `ids`), with what their PDFs' metadata reads."""
    articles = proceedings.articles.all() if ids is None else proceedings.articles.filter(pk__in=ids)
    return articles.select_related("proceedings").prefetch_related("authorships__person")


def volume_pdf_facts(*, proceedings: Proceedings, data: bytes) -> None:
    """The size and, for a PDF, the page count of the volume's stored source, for its page."""
    proceedings.source_size = len(data)
    proceedings.source_pages = None
    with volume_pdf(proceedings, data) as volume:
        if volume is not None:
            proceedings.source_pages = volume.page_count


@transaction.atomic
def article_pdfs_recut(*, proceedings: Proceedings) -> int:
    """Cut every article of the volume again from its stored source, by the lines it holds now;
    returns how many articles have a PDF after it."""
    from proceedings.editorial.editing_source import volume_source  # noqa: PLC0415 - editorial builds on this

    if not is_pdf_source(proceedings):
        return 0
    source = volume_source(proceedings=proceedings)  # ArticleEditError when it is not stored
    page_cache_invalidate()
    with proceedings.source_file.open("rb") as handle:
        data = handle.read()
    volume_pdf_facts(proceedings=proceedings, data=data)
    proceedings.save(update_fields=["source_size", "source_pages", "updated_at"])
    articles = list(volume_articles(proceedings))
    sheets = {
        article.pk: line_sheets(source.between(article.source_start_line, article.source_end_line))
        for article in articles
    }
    article_pdfs_cut(proceedings=proceedings, articles=articles, sheets=sheets, data=data)
    return proceedings.articles.exclude(pdf="").count()

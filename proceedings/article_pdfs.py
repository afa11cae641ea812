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
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import QuerySet

from articles.models import Article
from proceedings.importer.pdf_cut import CutFile, CutRequest, volume_cuts
from proceedings.importer.types import Line
from proceedings.models import Proceedings
from proceedings.site.bounded import Bounds, bounded_call
from proceedings.site.page_cache import page_cache_invalidate

logger = logging.getLogger(__name__)

PDF_SUFFIX = ".pdf"
ARTICLES_FOLDER = "articles"  # under the volume's own folder, beside source.pdf


@dataclass(frozen=True)
class PdfsCut:
    pages: int | None  # the volume's PDF's page count; None: no PDF, or one that cannot be opened
    written: tuple[str, ...] = ()  # names stored, for the caller to delete should its transaction roll back


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


def is_pdf_source(proceedings: Proceedings) -> bool:
    return proceedings.source_file.name.lower().endswith(PDF_SUFFIX)


def _printed_first_page(article: Article, sheets: tuple[int, int]) -> int | None:
    """The printed number of the first sheet, when the article's printed pages run with its sheets."""
    first, last = article.first_page, article.last_page
    if first is None or last is None or last - first != sheets[1] - sheets[0]:
        return None
    return first


def article_pdf_store(article: Article, cut: CutFile | None) -> str | None:
    """Store the article's cut (None: it has none) and save its fields; returns the name written
    (None when nothing was). The file it replaces goes once the transaction commits."""
    old_name = article.pdf.name
    written = None
    if cut is None:
        article.pdf, article.pdf_pages, article.pdf_size = "", None, None
    else:
        data = cut.path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()[:16]
        folder = posixpath.join(posixpath.dirname(article.proceedings.source_file.name), ARTICLES_FOLDER)
        name = posixpath.join(folder, f"{article.pk}-{digest}{PDF_SUFFIX}")
        storage = article.pdf.storage
        written = name if storage.exists(name) else storage.save(name, ContentFile(data))
        article.pdf, article.pdf_pages, article.pdf_size = written, cut.pages, len(data)
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
    bounds: Bounds | None = None,
) -> PdfsCut:
    """Cut the PDFs of the volume's `articles` by their `sheets` (article id -> first and last
    sheet), the volume's PDF read from `data` when given. The cutting runs within `bounds` in a
    child process (an upload's import) or, without, here; what it cut is stored here."""
    if not is_pdf_source(proceedings):
        return PdfsCut(pages=None)
    if data is None:
        with proceedings.source_file.open("rb") as handle:
            data = handle.read()
    articles = list(articles)
    requests = []
    for article in articles:
        article.proceedings = proceedings  # as the caller holds it: an import saves it last
        if article_sheets := sheets.get(article.pk):
            requests.append(
                CutRequest(
                    key=article.pk,
                    sheets=article_sheets,
                    metadata=pdf_metadata(article),
                    first_printed_page=_printed_first_page(article, article_sheets),
                )
            )
    with tempfile.TemporaryDirectory(prefix="jinaq-cuts-") as folder:
        cuts = bounded_call(
            volume_cuts, data, requests, folder=folder, name=f"volume {proceedings.pk}", bounds=bounds
        )
        if cuts.pages is None:  # the PDF cannot be opened: the articles keep what they had
            return PdfsCut(pages=None)
        stored = [article_pdf_store(article, cuts.files.get(article.pk)) for article in articles]
    return PdfsCut(pages=cuts.pages, written=tuple(name for name in stored if name))


def volume_articles(proceedings: Proceedings, ids: Iterable[int] | None = None) -> QuerySet[Article]:
    """The volume's articles (those of `ids`), with what their PDFs' metadata reads."""
    articles = proceedings.articles.all() if ids is None else proceedings.articles.filter(pk__in=ids)
    return articles.select_related("proceedings").prefetch_related("authorships__person")


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
    articles = list(volume_articles(proceedings))
    sheets = {
        article.pk: line_sheets(source.between(article.source_start_line, article.source_end_line))
        for article in articles
    }
    cut = article_pdfs_cut(proceedings=proceedings, articles=articles, sheets=sheets, data=data)
    proceedings.source_size, proceedings.source_pages = len(data), cut.pages
    proceedings.save(update_fields=["source_size", "source_pages", "updated_at"])
    return proceedings.articles.exclude(pdf="").count()

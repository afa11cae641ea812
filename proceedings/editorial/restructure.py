"""Body structure found again from a PDF volume's stored source, tables included.

Volumes imported before bodies had a structure got one read from their text alone (migration
articles 0024): a PDF's ruled tables, which only its print shows, were lost. This reads each
volume's source once, as an import does, and gives an article the structure the import makes of
its lines — only when its stored body is still what the import makes of them: a body an editor
changed since keeps what it has, and is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from articles.models import Article
from proceedings.article_pdfs import is_pdf_source
from proceedings.importer.pipeline import parse_proceedings
from proceedings.importer.structure import TABLE
from proceedings.models import Proceedings
from proceedings.site.bounded import Bounds, bounded_call
from proceedings.site.page_cache import page_cache_invalidate


@dataclass
class Restructured:
    """What one volume's re-read found: articles given a new structure, already up to date, left
    alone (their body or lines differ from the import's, by id), and tables in the new ones."""

    updated: int = 0
    unchanged: int = 0
    left_alone: list[int] = field(default_factory=list)
    tables: int = 0


def volume_bodies_restructure(
    *, proceedings: Proceedings, dry_run: bool = False, bounds: Bounds | None = None
) -> Restructured:
    """Store, for each article of a PDF volume whose body is as imported, the structure the
    import makes of its lines now; writes nothing when `dry_run`. Read within `bounds` in a child
    process when given (proceedings/site/bounded.py), as an upload's import is."""
    found = Restructured()
    if not is_pdf_source(proceedings):
        return found
    with proceedings.source_file.open("rb") as handle:
        data = handle.read()
    plan = bounded_call(
        parse_proceedings,
        data,
        filename=proceedings.source_file.name,
        max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
        max_pages=settings.JINAQ_IMPORT_MAX_PAGES,
        bounds=bounds,
    )
    drafts = {(draft.start_line, draft.end_line): draft for draft in plan.articles}
    changed = []
    for article in proceedings.articles.order_by("position", "pk"):
        draft = drafts.get((article.source_start_line, article.source_end_line))
        if draft is None or draft.body != article.body:
            found.left_alone.append(article.pk)
        elif draft.structure == article.body_structure:
            found.unchanged += 1
        else:
            article.body_structure = draft.structure
            changed.append(article)
            found.tables += sum(run["kind"] == TABLE for run in draft.structure["runs"])
    found.updated = len(changed)
    if changed and not dry_run:
        _store(changed)
    return found


@transaction.atomic
def _store(articles: list[Article]) -> None:
    Article.objects.bulk_update(articles, ["body_structure"])
    page_cache_invalidate()

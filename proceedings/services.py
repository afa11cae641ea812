"""Writes on proceedings volumes: the import (the importer's last, database-touching step)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from articles.counts import article_counts_refresh, count_scope
from articles.models import Article, Topic
from articles.search.index import article_search_refresh
from articles.selectors import bundled_topic_entries, topic_vocabulary
from articles.services import article_create_from_draft, topic_vocabulary_load
from authors.models import Authorship
from authors.services import people_of_volume, person_refresh_article_counts
from proceedings.article_pdfs import article_pdfs_cut, volume_articles
from proceedings.editorial.non_articles import first_words, text_key
from proceedings.importer.metadata import (
    VolumeMetadata,
    read_sidecar,
    sidecar_path,
    volume_metadata_from_mapping,
)
from proceedings.importer.pipeline import Progress, plan_with_topics
from proceedings.importer.types import ArticleDraft, ImportFileError, ImportPlan
from proceedings.models import NonArticleKind, NonArticlePart, Proceedings, ProceedingsStatus, RepeatReason
from proceedings.oai_records import oai_records_batched
from proceedings.sections import sections_create_from_plan
from proceedings.site.bounded import Bounds, bounded_call
from proceedings.site.page_cache import page_cache_invalidate


@dataclass(frozen=True)
class SuspectedRepeat:
    """A stored article whose text seems to repeat an earlier one: kept, for the editor to decide."""

    line: int  # first source line of the copy
    repeat_of: int  # first source line of the article it seems to repeat


@dataclass
class ImportOutcome:
    proceedings: Proceedings
    plan: ImportPlan | None  # None when the same file was imported before and nothing was parsed
    created: int = 0
    already_present: int = 0
    same_file_already_imported: bool = False
    created_slugs: list[str] = field(default_factory=list)
    suspected_repeats: list[SuspectedRepeat] = field(default_factory=list)
    # Drafts with the text of an article stored a moment ago, too short for the importer to compare
    # (dedupe.MIN_SHINGLES): left out, each kept as a NonArticlePart for the editor to restore.
    repeats_left_out: list[NonArticlePart] = field(default_factory=list)
    # Each created article's sheets of a PDF source (proceedings.article_pdfs), by article id.
    created_sheets: dict[int, tuple[int, int] | None] = field(default_factory=dict)

    @property
    def duplicates_skipped(self) -> int:
        """The repeats left out (each listed in the review); a suspected repeat is stored instead."""
        return len(self.repeats_left_out)


def import_plan_build(
    *,
    data: bytes,
    filename: str,
    max_bytes: int,
    max_pages: int | None = None,
    bounds: Bounds | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """Parse the file and give every article its topics — within `bounds` in a child process when
    given (proceedings/site/bounded.py); reads the database, writes nothing."""
    return bounded_call(
        plan_with_topics,
        data,
        filename=filename,
        max_bytes=max_bytes,
        max_pages=max_pages,
        vocabulary=topic_vocabulary(),
        bounds=bounds,
        progress=progress,
    )


def proceedings_for_import(*, metadata: VolumeMetadata | None, volume: Proceedings | None) -> Proceedings:
    if volume is not None:
        return Proceedings.objects.select_for_update().get(pk=volume.pk)
    if metadata is None:
        raise ImportFileError("Say which volume the file belongs to: its metadata or an existing volume.")
    if Proceedings.objects.filter(slug=metadata.slug).exists():
        raise ImportFileError(
            f"A volume with the slug {metadata.slug!r} exists already; import into it by naming it, "
            "or choose another slug."
        )
    return Proceedings.objects.create(**metadata.as_mapping())


def bundled_sources() -> list[Path]:
    """Proceedings files shipped in fixtures/ with a sidecar describing their volume."""
    fixtures = settings.BASE_DIR / "fixtures"
    return sorted(
        path for path in fixtures.iterdir() if path.suffix in {".txt", ".pdf"} and sidecar_path(path).exists()
    )


def proceedings_import_bundled(*, progress: Progress | None = None) -> list[ImportOutcome]:
    """Import and publish the bundled proceedings that are not in the database yet (cheap when they are)."""
    outcomes = []
    for path in bundled_sources():
        outcomes.append(
            proceedings_import(
                data=path.read_bytes(),
                filename=path.name,
                max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
                metadata=volume_metadata_from_mapping(read_sidecar(path)),
                publish=True,
                progress=progress,
            )
        )
    return outcomes


@transaction.atomic
@oai_records_batched()  # a published import's records, read once at the end
def proceedings_import(
    *,
    data: bytes,
    filename: str,
    max_bytes: int,
    max_pages: int | None = None,
    bounds: Bounds | None = None,
    metadata: VolumeMetadata | None = None,
    volume: Proceedings | None = None,
    publish: bool = False,
    progress: Progress | None = None,
) -> ImportOutcome:
    """Import a proceedings file into a new volume (`metadata`) or an existing one (`volume`).

    All or nothing: a bad file raises ImportFileError before anything is written, and any later
    failure rolls the whole import back. Idempotent: the same file again changes nothing, and
    an article whose text is already in the volume is kept as the editors left it.

    With `bounds`, the work on the file itself (reading and splitting it, cutting the articles'
    PDFs) runs in child processes within them (OverLimitError past them); this process, and its
    transaction, only writes what they return.
    """
    source_sha256 = hashlib.sha256(data).hexdigest()
    earlier = Proceedings.objects.filter(source_sha256=source_sha256).first()
    if earlier is not None:
        return ImportOutcome(proceedings=earlier, plan=None, same_file_already_imported=True)
    page_cache_invalidate()
    plan = import_plan_build(
        data=data,
        filename=filename,
        max_bytes=max_bytes,
        max_pages=max_pages,
        bounds=bounds,
        progress=progress,
    )
    if not plan.articles:
        raise ImportFileError(f"No articles were found in {filename}.")

    if not Topic.objects.exists():
        topic_vocabulary_load(entries=bundled_topic_entries())
    proceedings = proceedings_for_import(metadata=metadata, volume=volume)
    stored_names = [proceedings_store_source(proceedings=proceedings, data=data, filename=filename)]
    try:
        outcome = articles_create_from_plan(proceedings=proceedings, plan=plan)
        cut = article_pdfs_cut(
            proceedings=proceedings,
            articles=volume_articles(proceedings, outcome.created_sheets),
            sheets=outcome.created_sheets,
            data=data,
            bounds=bounds,
        )
        stored_names += cut.written
        proceedings.source_size, proceedings.source_pages = len(data), cut.pages
        proceedings.source_sha256 = source_sha256
        # Imports skip no repeat any more; a count left by an earlier one stays as it was.
        proceedings.duplicates_skipped = proceedings.duplicates_skipped or 0
        if publish:
            proceedings.status = ProceedingsStatus.PUBLISHED
        proceedings.save()
        person_refresh_article_counts(people=people_of_volume(proceedings))
        article_counts_refresh(count_scope(proceedings.articles.all()))
    except BaseException:
        # The database rolls back; the stored files must go with it.
        for name in stored_names:
            proceedings.source_file.storage.delete(name)
        raise
    return outcome


def proceedings_store_source(*, proceedings: Proceedings, data: bytes, filename: str) -> str:
    proceedings.source_file.save(filename, ContentFile(data), save=False)
    return proceedings.source_file.name


def articles_create_from_plan(*, proceedings: Proceedings, plan: ImportPlan) -> ImportOutcome:
    """Store every draft whose text the volume does not hold yet, suspected repeats included.

    A suspected repeat (the importer's `duplicate_of`) is stored like any other article, with
    `repeat_of` pointing at the article it seems to repeat, for the editor to confirm or undo in
    the review: nothing of the file is dropped on a guess. A text the volume held before this
    import is left as the editors left it (re-imports change nothing).
    """
    outcome = ImportOutcome(proceedings=proceedings, plan=plan)
    before = {text_key(*stored) for stored in proceedings.articles.values_list("content_hash", "title")}
    # Text -> article, among articles that are not suspected repeats (their text is unique).
    holder = {
        text_key(text, title): pk
        for text, title, pk in proceedings.articles.filter(repeat_of__isnull=True).values_list(
            "content_hash", "title", "pk"
        )
    }
    position = (proceedings.articles.aggregate(last=Max("position"))["last"] or 0) + 1
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    sections = sections_create_from_plan(proceedings=proceedings, plan=plan)
    taken_slugs: set[str] = set()
    by_line: dict[int, int] = {}  # a draft's first line -> its article, stored now or before
    started = timezone.now()  # people saved from here on got a new spelling (or position) here
    for draft in plan.articles:
        original = by_line.get(draft.duplicate_of) if draft.duplicate_of is not None else None
        key = text_key(draft.content_hash, draft.title)
        if key in before:  # stored by an earlier import
            outcome.already_present += 1
            if key in holder:
                by_line[draft.start_line] = holder[key]
            continue
        if original is None and key in holder:
            # A body too short to judge, the same text as one stored a moment ago: the volume
            # holds one article per text, and keeps these lines for the editor to restore.
            outcome.repeats_left_out.append(repeat_left_out(draft, proceedings=proceedings, kept=holder[key]))
            by_line[draft.start_line] = holder[key]
            continue
        article = article_create_from_draft(
            proceedings=proceedings,
            draft=draft,
            position=position,
            topics=topics,
            taken_slugs=taken_slugs,
            repeat_of_id=original,
            section=sections.get(draft.start_line),
        )
        if original is None:
            holder[key] = article.pk
        else:
            outcome.suspected_repeats.append(
                SuspectedRepeat(line=draft.start_line, repeat_of=draft.duplicate_of)
            )
        by_line[draft.start_line] = article.pk
        outcome.created_sheets[article.pk] = draft.pdf_sheets
        outcome.created += 1
        outcome.created_slugs.append(article.slug)
        position += 1
    NonArticlePart.objects.bulk_create(outcome.repeats_left_out, ignore_conflicts=True)
    # New articles, and older ones of the people this import gave a new spelling (it is searchable
    # there too) — not every older article of everyone in the volume: at 100,000 articles that
    # re-indexed thousands of unchanged articles, loading each, on every import.
    created = Article.objects.filter(proceedings=proceedings, slug__in=outcome.created_slugs)
    respelled = Authorship.objects.filter(article__in=created, person__updated_at__gte=started).values(
        "person"
    )
    same_people = Article.objects.filter(authorships__person__in=respelled)
    article_search_refresh(
        article_ids={*created.values_list("pk", flat=True), *same_people.values_list("pk", flat=True)}
    )
    return outcome


def repeat_left_out(draft: ArticleDraft, *, proceedings: Proceedings, kept: int) -> NonArticlePart:
    """The part a draft left out as a word-for-word repeat of the article `kept` becomes."""
    return NonArticlePart(
        proceedings=proceedings,
        kind=NonArticleKind.REPEAT,
        source_start_line=draft.start_line,
        source_end_line=draft.end_line,
        body_start_line=draft.body_start_line if draft.body else draft.end_line + 1,
        first_page=draft.first_page,
        last_page=draft.last_page,
        title=draft.title or "",
        first_words=first_words(draft.body),
        repeat_of_id=kept,
        repeat_reason=RepeatReason.SAME_TEXT,
    )

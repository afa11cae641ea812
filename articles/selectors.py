"""Reads of articles for the public site."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Prefetch, QuerySet, Sum
from django.db.models.functions import Coalesce

from articles.models import Article, Language, Topic, VolumeCounts
from authors.models import LISTED, Authorship, Person
from proceedings.importer.topics import TopicSpec, load_vocabulary
from proceedings.models import ProceedingsStatus

BUNDLED_TOPICS = settings.BASE_DIR / "fixtures" / "topics.json"


def article_published() -> QuerySet[Article]:
    return Article.objects.filter(proceedings__status=ProceedingsStatus.PUBLISHED)


def article_list_items(articles: QuerySet[Article] | None = None) -> QuerySet[Article]:
    """Articles ready for `articles/_article_item.html` (and its JSON form) in a fixed number of
    queries: the volume joined, people and topics prefetched in order. Pass a filtered queryset
    of published articles, or nothing for all of them."""
    authorships = Authorship.objects.select_related("person").order_by("role", "order")
    return (
        (articles if articles is not None else article_published())
        .select_related("proceedings")
        .prefetch_related(
            Prefetch("authorships", queryset=authorships),
            Prefetch("topics", queryset=Topic.objects.order_by("slug")),
        )
    )


@dataclass(frozen=True)
class ArchiveCounts:
    articles: int
    authors: int
    languages: dict[str, int]


def archive_counts() -> ArchiveCounts:
    """The archive's published articles per language and its listed people, from the stored
    counts (articles.counts, authors.services.person_refresh_article_counts): a sum over the
    published volumes and an index-only count, never a pass over every article."""
    totals = VolumeCounts.objects.filter(proceedings__status=ProceedingsStatus.PUBLISHED).aggregate(
        **{code: Coalesce(Sum(f"articles_{code}"), 0) for code in Language.values}
    )
    per_language = {code: total for code, total in totals.items() if total}
    authors = Person.objects.filter(LISTED).count()
    return ArchiveCounts(articles=sum(per_language.values()), authors=authors, languages=per_language)


def bundled_topic_entries() -> list[dict]:
    """The topic vocabulary shipped in fixtures/topics.json (editors extend it in the admin)."""
    return json.loads(BUNDLED_TOPICS.read_text(encoding="utf-8"))


def topic_vocabulary() -> list[TopicSpec]:
    """The topics as the importer's pure topic step wants them.

    Before any topic is stored (a dry run on a fresh database, even one not yet migrated: a
    dry run writes nothing and should need nothing) the bundled vocabulary stands in, so a dry
    run reports the topics the real import will assign.
    """
    if Topic._meta.db_table not in connection.introspection.table_names() or not Topic.objects.exists():
        return load_vocabulary(bundled_topic_entries())
    return [
        TopicSpec(
            slug=topic.slug,
            names={code: getattr(topic, f"name_{code}") for code in ("kk", "ru", "en")},
            stems={code: tuple(getattr(topic, f"stems_{code}")) for code in ("kk", "ru", "en")},
        )
        for topic in Topic.objects.all()
    ]

"""The stored counts of the public pages, so that no request counts the whole archive.

Each topic's published articles (`Topic.published_articles`: the home page, the topic list, a
topic's page) and each volume's articles per language (`VolumeCounts`: the volume list, and
summed over published volumes, the home page). Like `authors.services.person_refresh_article_counts`
for people, they are recounted by the services that change what they count — an import, an
editor's merge, split or removal of a repeat, a volume published or taken off, the admin's edits
and deletions — right after the change, in its transaction. A recount is bounded by what
changed: one volume's articles, or the articles of the topics involved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from articles.models import Article, Language, Topic, VolumeCounts
from proceedings.models import Proceedings, ProceedingsStatus

ArticleTopic = Article.topics.through


def volume_counts_refresh(*, volumes: Iterable[int] | QuerySet) -> int:
    """Recount the articles of these volumes per language (ids, or a values() queryset of
    ids); returns the number of volumes counted. Volumes that no longer exist are skipped."""
    existing = list(Proceedings.objects.filter(pk__in=volumes).values_list("pk", flat=True))
    per_language = {f"articles_{code}": Count("pk", filter=Q(language=code)) for code in Language.values}
    counted = {
        row.pop("proceedings"): row
        for row in Article.objects.filter(proceedings__in=existing)
        .order_by()
        .values("proceedings")
        .annotate(**per_language)
    }
    empty = dict.fromkeys(per_language, 0)
    VolumeCounts.objects.bulk_create(
        [VolumeCounts(proceedings_id=pk, **counted.get(pk, empty)) for pk in existing],
        update_conflicts=True,
        unique_fields=["proceedings"],
        update_fields=list(per_language),
    )
    return len(existing)


def topic_counts_refresh(*, topics: Iterable[int] | QuerySet | None = None) -> int:
    """Recount the published articles of these topics (None: every topic). One UPDATE."""
    published = (
        ArticleTopic.objects.filter(
            topic=OuterRef("pk"), article__proceedings__status=ProceedingsStatus.PUBLISHED
        )
        .order_by()
        .values("topic")
        .annotate(total=Count("pk"))
        .values("total")
    )
    targets = Topic.objects.all() if topics is None else Topic.objects.filter(pk__in=topics)
    return targets.update(published_articles=Coalesce(Subquery(published), Value(0)))


@dataclass(frozen=True)
class CountScope:
    """The volumes and topics some articles are counted in, read before a change deletes or
    moves them."""

    volumes: frozenset[int]
    topics: frozenset[int]


def count_scope(articles: QuerySet[Article]) -> CountScope:
    return CountScope(
        volumes=frozenset(articles.values_list("proceedings_id", flat=True)),
        topics=frozenset(
            ArticleTopic.objects.filter(article__in=articles).values_list("topic_id", flat=True)
        ),
    )


def article_counts_refresh(*scopes: CountScope) -> None:
    """Recount every volume and topic of these scopes (read them with `count_scope` before the
    change where articles leave, after it where they arrive)."""
    volume_counts_refresh(volumes={pk for scope in scopes for pk in scope.volumes})
    topic_counts_refresh(topics={pk for scope in scopes for pk in scope.topics})


@contextmanager
def article_counts_kept(*, articles: Callable[[], QuerySet[Article]]) -> Iterator[None]:
    """Recount the volumes and topics of `articles()` before and after the block: articles may
    leave them (deleted, moved, a topic taken off) or join them. For the admin's edits."""
    before = count_scope(articles())
    yield
    article_counts_refresh(before, count_scope(articles()))


def archive_counts_refresh() -> None:
    """Recount every volume and every topic (a bulk load, the benchmarks' corpus, tests' data)."""
    volume_counts_refresh(volumes=Proceedings.objects.values("pk"))
    topic_counts_refresh()

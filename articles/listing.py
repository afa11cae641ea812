"""Long lists of published articles in volume order — a topic's, a person's — a page at a time.

Such a list is ordered by its volume (newest first) and printed position, two tables apart, so
PostgreSQL would otherwise join and sort every member of the list (34,000 articles of a broad
topic at 100,000) to show twenty. Two ways to get one page, the cheaper chosen per request from
the stored counts:

- *walk*: the published volumes in the list's order, each one's articles in printed order
  (an index), each checked for membership by a probe of a unique index, until the page is full.
  Costs about (articles up to the page's end) x (archive size / list size) probes — a few
  hundred for the first pages of a broad topic, whatever the archive's size.
- *flat*: every member of the list, joined and sorted, ids only. Costs the list's size: the
  better choice for a small list or a page deep into a broad one.

Either way only the page's ids come back; its articles are then read in one statement with their
volume, people and topics (`listed_articles`). `ListedArticles` does the same for a queryset's
page (a volume's contents, filtered and sorted).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.db import connections, router
from django.db.models import QuerySet, Sum

from articles.models import Article, VolumeCounts
from articles.search.items import hit_items
from proceedings.models import ProceedingsStatus

# The walk is chosen while its expected probes stay under this many times the list's size...
WALK_ADVANTAGE = 2
# ...and never for a list this short: joining it whole costs a few milliseconds at most, and the
# choice itself would cost a query (the archive's size). Joining reads each member's article row
# (~6 us a member at 100,000 articles, the machine busy): 1,750 of a person's articles cost
# 11-15 ms where the walk found their first page in ~1 ms.
FLAT_UP_TO = 500


@dataclass(frozen=True)
class Membership:
    """Which articles belong to a list, as two SQL conditions on `a` (articles_article): `probe`
    checks one article through a unique index, `driver` lets the list's own index lead."""

    probe: str
    driver: str
    params: tuple[Any, ...]


def topic_membership(topic_id: int) -> Membership:
    return Membership(
        probe="(SELECT true FROM articles_article_topics m WHERE m.article_id = a.id AND m.topic_id = %s)",
        driver="a.id IN (SELECT m.article_id FROM articles_article_topics m WHERE m.topic_id = %s)",
        params=(topic_id,),
    )


def person_membership(person_id: int, role: str) -> Membership:
    return Membership(
        probe="(SELECT true FROM authors_authorship m "
        "WHERE m.article_id = a.id AND m.person_id = %s AND m.role = %s)",
        driver="a.id IN (SELECT m.article_id FROM authors_authorship m "
        "WHERE m.person_id = %s AND m.role = %s)",
        params=(person_id, role),
    )


def listed_articles(ids: list[int]) -> list[Article]:
    """The articles with these ids in this order, ready for a list item (what
    articles.selectors.article_list_items gives) in one statement: only the columns a list shows,
    people and topics aggregated beside them. The search reads its hits the same way
    (articles.search.items); through the ORM's prefetch a page of fifty took three statements and
    twice the Python, most of it prefetch bookkeeping per article."""
    if not ids:  # an empty list's only page
        return []
    items = hit_items(ids)
    return [items[pk] for pk in ids if pk in items]


class ListedArticles(Sequence):
    """A queryset of articles, sliced a page at a time as `listed_articles`: the page's ids in the
    queryset's order (filters, sorting), then its items."""

    def __init__(self, queryset: QuerySet[Article]) -> None:
        self.queryset = queryset

    def __len__(self) -> int:
        return self.queryset.count()

    @overload
    def __getitem__(self, index: int) -> Article: ...
    @overload
    def __getitem__(self, index: slice) -> list[Article]: ...
    def __getitem__(self, index):
        if isinstance(index, int):
            return self[index : index + 1][0]
        return listed_articles(list(self.queryset.prefetch_related(None)[index].values_list("pk", flat=True)))


def published_article_total() -> int:
    """Articles in published volumes, from the stored volume counts."""
    totals = VolumeCounts.objects.filter(proceedings__status=ProceedingsStatus.PUBLISHED).aggregate(
        kk=Sum("articles_kk"), ru=Sum("articles_ru"), en=Sum("articles_en")
    )
    return sum(value or 0 for value in totals.values())


class VolumeOrderedArticles(Sequence):
    """A list's published articles in volume order (`volume_order`: SQL over `v`, the volume),
    then printed position; `size` is the list's stored length. Slicing reads one page (what
    Django's Paginator does); iterating is not offered — take a slice."""

    def __init__(
        self, membership: Membership, *, size: int, volume_order: str, flat_up_to: int = FLAT_UP_TO
    ) -> None:
        self.membership, self.size, self.volume_order = membership, size, volume_order
        self.flat_up_to = flat_up_to

    def __len__(self) -> int:
        return self.size

    @overload
    def __getitem__(self, index: int) -> Article: ...
    @overload
    def __getitem__(self, index: slice) -> list[Article]: ...
    def __getitem__(self, index):
        if isinstance(index, int):
            return self[index : index + 1][0]
        start, stop = index.start or 0, min(self.size if index.stop is None else index.stop, self.size)
        if stop <= start:
            return []
        return listed_articles(self.page_ids(start=start, stop=stop))

    def walks(self, stop: int) -> bool:
        """Whether walking the volumes beats joining the whole list, for a page ending at `stop`."""
        if self.size <= self.flat_up_to:
            return False
        probes = stop * published_article_total() / max(self.size, 1)
        return probes <= WALK_ADVANTAGE * self.size

    def page_ids(self, *, start: int, stop: int, walk: bool | None = None) -> list[int]:
        """The ids of the list's articles `start` to `stop` (exclusive); `walk` forces the way
        (None: the cheaper one, see `walks`)."""
        membership = self.membership
        published = ProceedingsStatus.PUBLISHED
        if self.walks(stop) if walk is None else walk:
            sql = f"""
                SELECT a.id FROM (
                    SELECT v.id, v.year, v.date_start, v.slug FROM proceedings_proceedings v
                    WHERE v.status = %s ORDER BY {self.volume_order}
                ) v CROSS JOIN LATERAL (
                    SELECT a.id, a.position FROM articles_article a
                    WHERE a.proceedings_id = v.id AND {membership.probe}
                    ORDER BY a.position
                ) a
                ORDER BY {self.volume_order}, a.position LIMIT %s OFFSET %s
            """
            params = [published, *membership.params, stop - start, start]
        else:
            sql = f"""
                SELECT a.id FROM articles_article a
                JOIN proceedings_proceedings v ON v.id = a.proceedings_id
                WHERE v.status = %s AND {membership.driver}
                ORDER BY {self.volume_order}, a.position LIMIT %s OFFSET %s
            """
            params = [published, *membership.params, stop - start, start]
        with connections[router.db_for_read(Article)].cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

"""The matching published articles of a search, best first, read a page at a time (RankedHits).

Made by articles.search.selectors.article_search from the query's conditions; ranks within tiers
(title hits, abstract hits, body hits) and reads only the tiers a page reaches.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from django.contrib.postgres.search import SearchQueryCombinable, SearchRank
from django.db.models import F, FloatField, Q, QuerySet, Value

from articles.models import Article, SearchEntry
from articles.search.facets import FacetCounts, facet_counts
from articles.search.items import hit_items
from articles.search.matching import with_word_pairs
from articles.search.ordering import DATE, RELEVANCE, hits_order
from articles.search.planner import (
    BACKWARD_WALK_ROWS,
    backward_walk,
    entries_estimate,
    index_counts,
    index_scans,
)

# ts_rank weights for D, C, B, A: a title or keyword hit outweighs many body hits.
RANK_WEIGHTS = [0.02, 0.1, 0.4, 1.0]
FULL_RANK_LIMIT = 300  # a tier up to this size is ranked over whole documents (~10 ms at 300)
PART_RANK_LIMIT = 3000  # up to this size on the tier's own small vector (~10 ms at 3,000)


@dataclass(frozen=True)
class Tier:
    """One band of the results: its hits, and the vector that ranks a middle-sized band."""

    entries: QuerySet[SearchEntry]
    rank_vector: str | None


class RankedHits:
    """The matching published articles, best first, read a page at a time.

    Tiers, as readers expect: articles whose title, keywords or people match (the entry's `lead`)
    come first; then, in a large result, those matching in an abstract (`head`), then those
    matching only in the body (see `tiers`). Within a tier, up to FULL_RANK_LIMIT hits are
    ranked by cover density over the whole document; up to PART_RANK_LIMIT by the tier's own
    small vector; beyond that (a word found in much of the archive) latest added first, so no
    query ranks tens of thousands of rows.
    Supports what Paginator and the callers need: count(), exists(), slicing and iteration.
    """

    def __init__(
        self,
        entries: QuerySet[SearchEntry],
        tsquery: SearchQueryCombinable,
        condition: Q | None = None,
        excluded: Q | None = None,
        tier_excluded: Q | None = None,
        *,
        order: str = RELEVANCE,
    ) -> None:
        """`condition` matches whole documents (articles.search.matching; `tsquery` against the
        document when None), `excluded` what the '-' terms the condition does not carry take out,
        `tier_excluded` (when given) all they take out of the lead and head tiers; `order` one
        of articles.search.ordering.ORDERS."""
        self.tsquery = tsquery
        self.order = order
        whole = condition if condition is not None else Q(document=tsquery)
        self.matched = with_word_pairs(self.without(entries, excluded)).filter(whole)
        # A title that matches has its words in the document too, except for exclusions: in
        # 'подкаст -радио' the title may lack 'радио' where the body has it. Such articles are
        # taken out by id (a GIN lookup), never by testing each tier row's whole document (the
        # planner, misjudging a broad word, would rather read every head hit's document than
        # AND two GIN bitmaps: 120 ms for 'AI OR ИИ -спорт').
        entries = self.without(entries, excluded if tier_excluded is None else tier_excluded)
        self.lead = entries.filter(lead=tsquery)
        self.head = entries.filter(head=tsquery)

    @staticmethod
    def without(entries: QuerySet[SearchEntry], excluded: Q | None) -> QuerySet[SearchEntry]:
        if excluded is None:
            return entries
        return entries.exclude(
            pk__in=with_word_pairs(SearchEntry.objects.all()).filter(excluded).values("pk")
        )

    def tiers(self) -> Iterator[tuple[Tier, int]]:
        """The tiers with their sizes, each counted when a reader reaches it: the head's size
        only when a page goes past the title hits (for a broad word's first page it is never
        needed: one GIN scan less, 6-8 ms at 100,000 articles). Abstract and body hits that fit
        in one fully ranked tier share it, so the weights decide between them (an abstract hit
        counts four times a body hit); only in a large result do abstract hits form a tier of
        their own."""
        lead = self.lead_size
        total = self.total
        yield Tier(self.lead, "lead"), lead
        if total - lead <= FULL_RANK_LIMIT:
            yield Tier(self.matched.exclude(lead=self.tsquery), None), total - lead
            return
        head = self.head_size
        yield Tier(self.head.exclude(lead=self.tsquery), "head"), head - lead
        yield Tier(self.matched.exclude(head=self.tsquery), None), total - head

    @cached_property
    def lead_size(self) -> int:
        """How many title, keyword and people hits (counted with the facets, or with the total,
        when neither is known yet)."""
        if "total" not in self.__dict__ and "facet_counts" not in self.__dict__:
            self.total  # noqa: B018 - counts the lead too
            return self.__dict__["lead_size"]
        with index_scans():
            return index_counts(self.lead)[0]

    @cached_property
    def head_size(self) -> int:
        with index_scans():
            return index_counts(self.head)[0]

    @cached_property
    def facet_counts(self) -> FacetCounts:
        """The hits counted per volume, language and topic: what the facets are made of."""
        counted = "lead_size" in self.__dict__
        with index_scans():
            counts = facet_counts(self.matched, lead=None if counted else self.lead)
        if not counted:
            self.lead_size = counts.lead  # counted in the same statement: every page needs it
        return counts

    @cached_property
    def total(self) -> int:
        """How many hits: the sum of the facet groups when they are counted already (one pass
        over the hits instead of two, which is most of a broad query's cost), else a count, in
        one statement with the lead's size (the first tier's, which every page needs)."""
        if "facet_counts" in self.__dict__:
            return self.facet_counts.total
        with index_scans():
            total, self.lead_size = index_counts(self.matched, self.lead)
        return total

    @property
    def tier_sizes(self) -> list[int]:
        return [size for _, size in self.tiers()]

    def count(self) -> int:
        return self.total  # the tiers' sizes add up to it

    def __len__(self) -> int:
        return self.count()

    def exists(self) -> bool:
        with index_scans():
            return self.matched.exists()

    def __iter__(self) -> Iterator[Article]:
        return iter(self[: self.count()])

    def __getitem__(self, window: slice) -> list[Article]:
        if not isinstance(window, slice) or window.step is not None:
            raise TypeError("RankedHits is read in slices")
        start, stop, _ = window.indices(self.count())
        if self.order != RELEVANCE:
            # No tiers: a date or a title says nothing of relevance (rank None).
            with index_scans():
                return self.articles_in_order([(pk, None) for pk in self.sorted_window(start, stop)])
        ranked: list[tuple[int, float]] = []
        tier_start = 0
        with index_scans():
            for tier, size in self.tiers():
                low, high = max(start - tier_start, 0), min(stop - tier_start, size)
                if low < high:
                    ranked += self.tier_window(tier, size, low, high)
                tier_start += size
                if tier_start >= stop:
                    break  # the next tiers are not counted
        return self.articles_in_order(ranked)

    def sorted_window(self, start: int, stop: int) -> list[int]:
        """Hits start..stop in self.order. By date, once the facets have counted the hits per
        volume, only the volumes the window falls in are read and sorted (through the entries'
        volume index); otherwise every hit is ('медиа', 58,000 hits at 100,000 articles: 5 ms
        against 50). By title every hit is read and sorted (45 ms for those): walking a title
        index in order meets the hits early only where titles and words are unrelated, and
        they are not (the 3,400 hits of a name sit under two titles: 400 ms)."""
        hits = self.matched
        if self.order == DATE and "facet_counts" in self.__dict__:
            volumes, before, seen = [], 0, 0  # hits in the volumes before the window, and so far
            for volume, count in self.facet_counts.newest_volumes_first():
                seen += count
                if seen <= start:
                    before = seen
                    continue
                volumes.append(volume)
                if seen >= stop:
                    break
            hits = hits.filter(proceedings__in=volumes)
            start, stop = start - before, stop - before
        return list(hits.order_by(*hits_order(self.order)).values_list("pk", flat=True)[start:stop])

    def tier_window(self, tier: Tier, size: int, start: int, stop: int) -> list[tuple[int, float]]:
        if size <= FULL_RANK_LIMIT:
            rank = SearchRank(F("document"), self.tsquery, weights=RANK_WEIGHTS, cover_density=True)
            order = ["-rank", "pk"]
        elif size <= PART_RANK_LIMIT and tier.rank_vector:
            rank = SearchRank(F(tier.rank_vector), self.tsquery, weights=RANK_WEIGHTS)
            order = ["-rank", "pk"]
        else:
            rank = Value(0.0, output_field=FloatField())
            order = ["-pk"]
            if stop * entries_estimate() <= BACKWARD_WALK_ROWS * size:  # dense enough: found early
                with backward_walk():
                    return list(
                        tier.entries.annotate(rank=rank)
                        .order_by(*order)
                        .values_list("pk", "rank")[start:stop]
                    )
        return list(tier.entries.annotate(rank=rank).order_by(*order).values_list("pk", "rank")[start:stop])

    @staticmethod
    def articles_in_order(ranked: list[tuple[int, float | None]]) -> list[Article]:
        articles = hit_items([pk for pk, _ in ranked])
        hits = []
        for pk, rank in ranked:
            if (article := articles.get(pk)) is None:
                continue  # deleted since its entry was read
            article.rank = rank
            hits.append(article)
        return hits

"""Facet counts of a search: what narrows the result, by language, topic, year and volume."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db.models import QuerySet

from articles.models import Topic
from articles.search.planner import search_connection
from proceedings.models import Proceedings

# One pass over the hits, counted by PostgreSQL: per volume and language, and per topic (an
# article counts once in the first set, once per topic in the second). A few hundred rows come
# back however many hits there are; grouping by the topic arrays in Python read one row per
# distinct (volume, language, topics), thousands for a broad word.
COUNTS = """
SELECT GROUPING(hit.proceedings_id, hit.language), hit.proceedings_id, hit.language, topic.id,
       count(*) FILTER (WHERE topic.place IS NULL OR topic.place = 1), count(topic.id)
FROM ({hits}) AS hit (article_id, proceedings_id, language, topics)
LEFT JOIN LATERAL unnest(hit.topics) WITH ORDINALITY AS topic (id, place) ON true
GROUP BY GROUPING SETS ((hit.proceedings_id, hit.language), (topic.id))
"""


@dataclass(frozen=True)
class FacetCounts:
    by_volume_language: list[tuple[int, str, int]]  # (volume id, language, hits)
    by_topic: list[tuple[int, int]]  # (topic id, hits)

    @property
    def total(self) -> int:
        return sum(n for *_, n in self.by_volume_language)


def facet_counts(hits: QuerySet) -> FacetCounts:
    """The hits (a SearchEntry queryset) counted per volume and language and per topic."""
    columns = hits.order_by().values_list("pk", "proceedings", "language", "topics")
    try:
        sql, params = columns.query.sql_with_params()
    except EmptyResultSet:  # a filter that names nothing (no published volume of that year)
        return FacetCounts(by_volume_language=[], by_topic=[])
    with search_connection().cursor() as cursor:
        cursor.execute(COUNTS.format(hits=sql), params)
        rows = cursor.fetchall()
    return FacetCounts(
        by_volume_language=[
            (volume, language, n) for grouping, volume, language, _, n, _ in rows if grouping == 0
        ],
        by_topic=[(topic, n) for grouping, _, _, topic, _, n in rows if grouping != 0 and topic is not None],
    )


def search_facets(counts: FacetCounts) -> dict[str, list[tuple]]:
    """Counts that narrow the result: (value, label source…, count), biggest first."""
    volumes = {
        volume: (slug, year, kk, ru, en)
        for volume, slug, year, kk, ru, en in Proceedings.objects.filter(
            pk__in={volume for volume, _, _ in counts.by_volume_language}
        ).values_list("pk", "slug", "year", "title_kk", "title_ru", "title_en")
    }
    languages: Counter[str] = Counter()
    years: Counter[int] = Counter()
    per_volume: Counter[int] = Counter()
    for volume, language, n in counts.by_volume_language:
        languages[language] += n
        years[volumes[volume][1]] += n
        per_volume[volume] += n
    per_topic = dict(counts.by_topic)
    topics = Topic.objects.filter(pk__in=per_topic).values_list("pk", "slug", "name_kk", "name_ru", "name_en")
    return {
        "language": languages.most_common(),
        "topic": [
            (slug, kk, ru, en, per_topic[pk])
            for pk, slug, kk, ru, en in sorted(topics, key=lambda topic: (-per_topic[topic[0]], topic[1]))
        ],
        "year": sorted(years.items(), reverse=True),
        "volume": [
            (volumes[pk][0], *volumes[pk][2:], n)
            for pk, n in sorted(per_volume.items(), key=lambda item: (-item[1], volumes[item[0]][0]))
        ],
    }

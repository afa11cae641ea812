"""Facet counts of a search: what narrows the result, by language, topic, year and volume."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db.models import QuerySet

from articles.models import Topic
from articles.search.planner import search_connection
from proceedings.models import Proceedings

# One pass over the hits, counted by PostgreSQL: per volume and language, and per distinct list of
# topics. A few hundred rows come back however many hits there are (an archive has few topic
# combinations); Python adds each list's count to its topics. Unnesting the lists in SQL instead
# made 2-3 rows of every hit to group (136,682 for the 57,896 hits of 'медиа': 85 ms -> 47 ms).
COUNTS = """
SELECT GROUPING(hit.proceedings_id, hit.language), hit.proceedings_id, hit.language, hit.topics, count(*)
FROM ({hits}) AS hit (article_id, proceedings_id, language, topics)
GROUP BY GROUPING SETS ((hit.proceedings_id, hit.language), (hit.topics))
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
    per_topic: Counter[int] = Counter()
    for grouping, _, _, topics, n in rows:
        if grouping != 0:
            for topic in topics or ():
                per_topic[topic] += n
    return FacetCounts(
        by_volume_language=[
            (volume, language, n) for grouping, volume, language, _, n in rows if grouping == 0
        ],
        by_topic=list(per_topic.items()),
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

"""Facet counts of a search: what narrows the result, by language, topic, year and volume."""

from __future__ import annotations

from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import EmptyResultSet
from django.db.models import QuerySet, Value

from articles.search.planner import search_connection

# One pass over the hits, counted by PostgreSQL: per volume and language, and per distinct list of
# topics. A few hundred rows come back however many hits there are (an archive has few topic
# combinations); Python adds each list's count to its topics. Unnesting the lists in SQL instead
# made 2-3 rows of every hit to group (136,682 for the 57,896 hits of 'медиа': 85 ms -> 47 ms).
# The same statement brings what labels the facets (the volumes' and topics' names) and counts the
# first tier of the results (the title hits: a GIN count that reads no rows), which every page
# needs: one round trip where there were four, and no queryset compiled for the labels.
COUNTS = """
WITH grouped AS (
  SELECT GROUPING(hit.language) AS per_list, hit.proceedings_id, hit.language,
         hit.topics, count(*) AS hits
  FROM ({hits}) AS hit (article_id, proceedings_id, language, topics)
  GROUP BY GROUPING SETS ((hit.proceedings_id, hit.language), (hit.topics))
)
SELECT g.per_list, g.proceedings_id, g.language, g.topics, g.hits,
       v.slug, v.year, v.title_kk, v.title_ru, v.title_en, v.date_start
FROM grouped g LEFT JOIN proceedings_proceedings v ON v.id = g.proceedings_id
UNION ALL
SELECT 2, t.id, NULL, NULL, NULL, t.slug, NULL, t.name_kk, t.name_ru, t.name_en, NULL
FROM articles_topic t WHERE t.id IN (SELECT unnest(topics) FROM grouped WHERE per_list = 1)
UNION ALL
SELECT 3, NULL, NULL, NULL, ({lead}), NULL, NULL, NULL, NULL, NULL, NULL
"""
PER_VOLUME_LANGUAGE, PER_TOPIC_LIST, TOPIC, LEAD = range(4)


@dataclass(frozen=True)
class FacetCounts:
    by_volume_language: list[tuple[int, str, int]]  # (volume id, language, hits)
    by_topic: list[tuple[int, int]]  # (topic id, hits)
    volumes: dict[int, tuple[str, int, str, str, str]] = field(default_factory=dict)  # slug, year, titles
    topics: dict[int, tuple[str, str, str, str]] = field(default_factory=dict)  # slug, kk, ru, en names
    lead: int = 0  # the hits' title, keyword and people hits (RankedHits.lead), when asked for
    volume_dates: dict[int, date | None] = field(default_factory=dict)  # each volume's first day

    @property
    def total(self) -> int:
        return sum(n for *_, n in self.by_volume_language)

    def newest_volumes_first(self) -> list[tuple[int, int]]:
        """(volume id, hits) in the order of the volume lists and of a search sorted by date:
        year, first day (undated last) and slug (articles.search.ordering.hits_order)."""
        hits: Counter[int] = Counter()
        for volume, _, n in self.by_volume_language:
            hits[volume] += n

        def newest(volume: int) -> tuple:
            slug, year = self.volumes[volume][:2]
            day = self.volume_dates.get(volume)
            return (-year, day is None, -day.toordinal() if day else 0, slug)

        return [(volume, hits[volume]) for volume in sorted(hits, key=newest)]


def facet_counts(hits: QuerySet, lead: QuerySet | None = None) -> FacetCounts:
    """The hits (a SearchEntry queryset) counted per volume and language and per topic, with the
    labels of those volumes and topics, and the size of `lead` (a queryset) when given."""
    columns = hits.order_by().values_list("pk", "proceedings", "language", "topics")
    try:
        sql, params = columns.query.sql_with_params()
    except EmptyResultSet:  # a filter that names nothing (no published volume of that year)
        return FacetCounts(by_volume_language=[], by_topic=[])
    lead_sql, lead_params = "0", []
    if lead is not None:
        with suppress(EmptyResultSet):
            lead_sql, lead_params = lead.order_by().values_list(Value(1)).query.sql_with_params()
            lead_sql = f"SELECT count(*) FROM ({lead_sql}) AS lead_hit"
    with search_connection().cursor() as cursor:
        cursor.execute(COUNTS.format(hits=sql, lead=lead_sql), [*params, *lead_params])
        rows = cursor.fetchall()
    per_topic: Counter[int] = Counter()
    by_volume_language, volumes, topics, lead_size, dates = [], {}, {}, 0, {}
    for kind, key, language, topic_list, n, slug, year, kk, ru, en, day in rows:
        if kind == PER_VOLUME_LANGUAGE:
            by_volume_language.append((key, language, n))
            volumes[key] = (slug, year, kk, ru, en)
            dates[key] = day
        elif kind == PER_TOPIC_LIST:
            for topic in topic_list or ():
                per_topic[topic] += n
        elif kind == TOPIC:
            topics[key] = (slug, kk, ru, en)
        else:
            lead_size = n
    return FacetCounts(
        by_volume_language=by_volume_language,
        by_topic=list(per_topic.items()),
        volumes=volumes,
        topics=topics,
        lead=lead_size,
        volume_dates=dates,
    )


def search_facets(counts: FacetCounts) -> dict[str, list[tuple]]:
    """Counts that narrow the result: (value, label source…, count), biggest first."""
    volumes = counts.volumes
    languages: Counter[str] = Counter()
    years: Counter[int] = Counter()
    per_volume: Counter[int] = Counter()
    for volume, language, n in counts.by_volume_language:
        languages[language] += n
        years[volumes[volume][1]] += n
        per_volume[volume] += n
    per_topic = dict(counts.by_topic)
    topics = [(pk, *labels) for pk, labels in counts.topics.items()]
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

"""Facet counts of a search: what narrows the result, by language, topic, year and volume."""

from __future__ import annotations

from collections import Counter

from articles.models import Topic
from proceedings.models import Proceedings


def search_facets(groups: list[tuple[int, str, list[int], int]]) -> dict[str, list[tuple]]:
    """Counts that narrow the result: (value, label source…, count), biggest first.

    `groups` are the hits counted per (volume, language, topics) in one pass over the narrow
    search table; every facet follows from them."""
    volumes = Proceedings.objects.in_bulk({volume for volume, *_ in groups})
    languages: Counter[str] = Counter()
    years: Counter[int] = Counter()
    per_volume: Counter[int] = Counter()
    per_topic: Counter[int] = Counter()
    for volume, language, topic_ids, n in groups:
        languages[language] += n
        years[volumes[volume].year] += n
        per_volume[volume] += n
        for topic in topic_ids:
            per_topic[topic] += n
    topics = Topic.objects.in_bulk(per_topic)
    return {
        "language": languages.most_common(),
        "topic": [
            (topic.slug, topic.name_kk, topic.name_ru, topic.name_en, per_topic[pk])
            for pk, topic in sorted(topics.items(), key=lambda item: (-per_topic[item[0]], item[1].slug))
        ],
        "year": sorted(years.items(), reverse=True),
        "volume": [
            (volumes[pk].slug, volumes[pk].title_kk, volumes[pk].title_ru, volumes[pk].title_en, n)
            for pk, n in sorted(per_volume.items(), key=lambda item: (-item[1], volumes[item[0]].slug))
        ],
    }

"""What the search page shows besides hits: places to start browsing from when nothing has been
typed yet, and the volume a search from a volume's page is limited to."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F

from articles import browse
from articles.models import Topic
from authors.models import LISTED, Person
from proceedings.models import Proceedings
from proceedings.selectors import proceedings_published

LATEST_VOLUMES = 4
BUSIEST_TOPICS = 12
MOST_PUBLISHED_PEOPLE = 8


@dataclass(frozen=True)
class StartingPoints:
    volumes: list[Proceedings]
    topics: list[Topic]
    people: list[Person]


def starting_points() -> StartingPoints:
    """The latest volumes, the busiest topics and the most published people: three statements
    over the counts stored beside the archive (articles.counts, Person's article counts), so the
    empty search page costs the same at any size."""
    people = (
        Person.objects.filter(LISTED)
        .annotate(articles=F("articles_as_author") + F("articles_as_supervisor"))
        .order_by("-articles", "sort_name", "id")
        .only("slug", "display_name", "articles_as_author", "articles_as_supervisor")
    )
    return StartingPoints(
        volumes=list(browse.volume_list_items()[:LATEST_VOLUMES]),
        topics=list(browse.topics_with_counts()[:BUSIEST_TOPICS]),
        people=list(people[:MOST_PUBLISHED_PEOPLE]),
    )


def scope_volume(*, slug: str) -> Proceedings | None:
    """The published volume a search is limited to (`volume=`), None when there is none such."""
    return proceedings_published().filter(slug=slug).first()

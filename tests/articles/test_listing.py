"""A topic's or a person's articles a page at a time (articles.listing): walking the volumes
and joining the whole list give the same pages, in the same order as the plain query."""

import datetime

import pytest

from articles.browse import topic_articles
from articles.listing import VolumeOrderedArticles, person_membership, topic_membership
from authors.models import Role
from authors.selectors import person_article_list, person_articles
from tests.articles.helpers import stored_counts_refresh
from tests.factories import (
    ArticleFactory,
    AuthorshipFactory,
    PersonFactory,
    ProceedingsFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    """Six volumes — two of one year (the slug decides), one without a start date, one draft —
    with every third article in the topic and every second by the person."""
    topic, person = TopicFactory(), PersonFactory()
    volumes = [
        ProceedingsFactory(year=2025, slug="b-2025", date_start=datetime.date(2025, 4, 1)),
        ProceedingsFactory(year=2025, slug="a-2025", date_start=datetime.date(2025, 4, 1)),
        ProceedingsFactory(year=2024, slug="c-2024", date_start=None),
        ProceedingsFactory(year=2024, slug="d-2024", date_start=datetime.date(2024, 3, 1)),
        ProceedingsFactory(year=2020, slug="e-2020"),
        ProceedingsFactory(year=2026, slug="draft", status="draft"),
    ]
    n = 0
    for volume in volumes:
        for position in (3, 1, 2, 5, 4):  # stored out of printed order
            n += 1
            article = ArticleFactory(
                proceedings=volume, position=position, title_display=f"{volume.slug} {position}"
            )
            if n % 3 == 0:
                article.topics.add(topic)
            if n % 2 == 0:
                AuthorshipFactory(article=article, person=person, role=Role.AUTHOR)
    stored_counts_refresh()
    topic.refresh_from_db()
    person.refresh_from_db()
    return topic, person


def titles(articles) -> list[str]:
    return [article.title_display for article in articles]


def test_a_topic_page_is_the_same_walked_or_joined_and_in_volume_order(archive):
    topic, _ = archive
    listing = topic_articles(topic=topic)
    expected = [
        article.pk
        for article in topic.articles.filter(proceedings__status="published").order_by(
            "-proceedings__year", "proceedings__slug", "position"
        )
    ]

    assert len(listing) == len(expected) == 8
    for start, stop in [(0, 3), (3, 6), (6, 9), (0, 8)]:
        walked = listing.page_ids(start=start, stop=stop, walk=True)
        joined = listing.page_ids(start=start, stop=stop, walk=False)
        assert walked == joined == expected[start:stop]


def test_a_persons_page_is_the_same_walked_or_joined_and_in_volume_order(archive):
    _, person = archive
    listing = person_article_list(person=person, role=Role.AUTHOR)
    expected = [article.pk for article in person_articles(person=person, role=Role.AUTHOR)]

    assert len(listing) == len(expected) == 12
    for start, stop in [(0, 5), (5, 10), (10, 15)]:
        walked = listing.page_ids(start=start, stop=stop, walk=True)
        joined = listing.page_ids(start=start, stop=stop, walk=False)
        assert walked == joined == expected[start:stop]


def test_a_slice_reads_the_page_with_people_and_topics(archive, django_assert_num_queries):
    topic, _ = archive
    listing = VolumeOrderedArticles(
        topic_membership(topic.pk),
        size=topic.published_articles,
        volume_order="v.year DESC, v.slug",
        flat_up_to=0,
    )

    with django_assert_num_queries(3):  # archive size (the choice), page ids, items with people and topics
        page = listing[0:3]
        [(article.authors, list(article.topics.all())) for article in page]

    assert titles(page) == ["a-2025 3", "a-2025 5", "b-2025 2"]
    assert listing[7].title_display == titles(listing[7:8])[0]
    assert listing[8:20] == []


def test_the_walk_is_chosen_for_a_long_list_and_an_early_page_only(archive):
    _, person = archive
    listing = VolumeOrderedArticles(
        person_membership(person.pk, Role.AUTHOR), size=12, volume_order="v.year DESC", flat_up_to=0
    )

    # 25 published articles, 12 of them the person's: about two probes per article of the page,
    # so a page ending at the 5th costs ~10 probes (walked), one ending at the 12th ~25, more
    # than twice the list (joined).
    assert (listing.walks(5), listing.walks(12)) == (True, False)
    assert (
        VolumeOrderedArticles(
            person_membership(person.pk, Role.AUTHOR), size=2, volume_order="v.year DESC", flat_up_to=0
        ).walks(2)
        is False
    )
    assert (
        VolumeOrderedArticles(
            person_membership(person.pk, Role.AUTHOR), size=12, volume_order="v.year DESC"
        ).walks(5)
        is False
    )  # short lists are always joined

"""Related articles from a bounded pool (articles.browse.article_related): the newest published
articles of each of the article's people and topics, scored on everything they share."""

import pytest

from articles.browse import RELATED_POOL, article_get, article_related
from tests.factories import ArticleFactory, AuthorshipFactory, PersonFactory, ProceedingsFactory, TopicFactory

pytestmark = pytest.mark.django_db


def related_titles(article) -> list[str]:
    return [item.title_display for item in article_related(article=article_get(slug=article.slug))]


def test_a_shared_person_outranks_a_shared_topic_beyond_the_topics_pool():
    topic, person = TopicFactory(), PersonFactory()
    old = ProceedingsFactory(year=2001)
    own = ArticleFactory(proceedings=old, title_display="Own")
    colleague = ArticleFactory(proceedings=old, title_display="Colleague's")
    for article in (own, colleague):
        article.topics.add(topic)
        AuthorshipFactory(article=article, person=person)
    newer = ProceedingsFactory(year=2025)
    for n in range(RELATED_POOL + 5):  # newer articles on the topic push it out of the topic's pool
        ArticleFactory(proceedings=newer, position=n + 1, title_display=f"Topic {n + 1}").topics.add(topic)

    # The colleague shares the person and the topic (4 points) although the topic's pool holds
    # only its latest stored articles, Topic 6 to 55; those follow in printed order.
    assert related_titles(own) == ["Colleague's", "Topic 6", "Topic 7", "Topic 8", "Topic 9"]


def test_drafts_never_fill_the_pool():
    person = PersonFactory()
    own = ArticleFactory(title_display="Own")
    AuthorshipFactory(article=own, person=person)
    published = ArticleFactory(proceedings=ProceedingsFactory(year=2000), title_display="Published")
    AuthorshipFactory(article=published, person=person)
    draft = ProceedingsFactory(status="draft", year=2030)
    for n in range(RELATED_POOL + 5):  # newer than everything, in a draft volume
        AuthorshipFactory(article=ArticleFactory(proceedings=draft, position=n + 1), person=person)

    assert related_titles(own) == ["Published"]


@pytest.mark.parametrize("candidates", [3, RELATED_POOL + 20])
def test_related_takes_the_same_queries_however_many_candidates(django_assert_num_queries, candidates):
    topic, person = TopicFactory(), PersonFactory()
    volume = ProceedingsFactory()
    own = ArticleFactory(proceedings=volume, position=1)
    own.topics.add(topic)
    AuthorshipFactory(article=own, person=person)
    for n in range(candidates):
        article = ArticleFactory(proceedings=volume, position=n + 2)
        article.topics.add(topic)
        AuthorshipFactory(article=article, person=person)
    article = article_get(slug=own.slug)

    with django_assert_num_queries(2):  # candidates scored and ordered with their volumes; their people
        related = article_related(article=article)

    first = 2 + max(0, candidates - RELATED_POOL)  # the pool: the latest stored candidates
    assert [item.position for item in related] == list(range(first, first + min(candidates, 5)))

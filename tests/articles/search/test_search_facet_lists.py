"""Topic facets from the hits' distinct topic lists (articles.search.facets): each list's count
goes to every topic in it, whatever the order or the overlap of the lists."""

import pytest

from articles.models import Topic
from articles.search.facets import facet_counts
from articles.search.index import article_search_refresh
from articles.search.selectors import article_search
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_lists_sharing_topics_add_up_per_topic():
    radio, tv, web = (Topic.objects.create(slug=slug, name_en=slug) for slug in ("radio", "tv", "web"))
    topic_lists = [(radio, tv), (radio, tv), (tv, web), (web,), ()]
    for topics in topic_lists:
        article = ArticleFactory(body="Медиа туралы мақала.", language="kk")
        article.topics.add(*topics)
        article_search_refresh(article_ids=[article.pk])

    counts = facet_counts(article_search(query="медиа").articles.matched)

    assert dict(counts.by_topic) == {radio.pk: 2, tv.pk: 3, web.pk: 2}
    assert counts.total == 5

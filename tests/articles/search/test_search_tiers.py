"""The search's tiers and the narrow search table: order, paging and freshness."""

import pytest

from articles.models import SearchEntry, Topic
from articles.search import selectors
from articles.search.index import article_search_refresh
from articles.search.selectors import SearchFilters, article_search
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def indexed(**fields):
    article = ArticleFactory(**fields)
    article_search_refresh(article_ids=[article.pk])
    return article


@pytest.fixture
def two_tiers():
    """Three articles with 'подкаст' only in the body, two with it in the title."""
    body_only = [indexed(body=f"Мәтін ішінде подкаст туралы айтылады {n}.", language="kk") for n in range(3)]
    titled = [
        indexed(title=f"Подкаст жанры {n}", body=f"Дыбыстық жанр туралы мәтін {n}.", language="kk")
        for n in range(2)
    ]
    return titled, body_only


@pytest.mark.parametrize("full_rank_limit", [300, 1], ids=["small tiers", "large tiers"])
def test_head_hits_come_first_and_pages_join_up(two_tiers, monkeypatch, full_rank_limit):
    # With a limit of 1 both tiers take the path of a large archive: head ranked by the head
    # alone, body hits latest added first.
    monkeypatch.setattr(selectors, "FULL_RANK_LIMIT", full_rank_limit)
    titled, body_only = two_tiers
    hits = article_search(query="подкаст").articles

    every = [article.pk for article in hits[0:5]]
    paged = [article.pk for start in range(0, 5, 2) for article in hits[start : start + 2]]

    assert hits.count() == 5
    assert set(every[:2]) == {article.pk for article in titled}
    assert set(every[2:]) == {article.pk for article in body_only}
    assert paged == every
    if full_rank_limit == 1:
        assert every[2:] == sorted(every[2:], reverse=True)


def test_entry_follows_the_articles_topics_language_and_volume(client):
    article = indexed(body="Радиожурналистика туралы мақала.", language="kk")
    topic = Topic.objects.create(slug="radio", name_en="Radio")
    assert (
        article_search(query="радиожурналистика", filters=SearchFilters(topic="radio")).articles.count() == 0
    )

    article.topics.add(topic)
    article.language = "ru"
    article.save()
    article_search_refresh(article_ids=[article.pk])

    entry = SearchEntry.objects.get(pk=article.pk)
    assert (entry.topics, entry.language, entry.proceedings_id) == ([topic.pk], "ru", article.proceedings_id)
    results = article_search(query="радиожурналистика", filters=SearchFilters(topic="radio", language="ru"))
    assert [hit.pk for hit in results.articles[:5]] == [article.pk]
    assert results.facets["topic"] == [("radio", "", "", "Radio", 1)]


def test_unknown_topic_or_volume_filter_finds_nothing():
    indexed(body="Радиожурналистика туралы мақала.", language="kk")

    assert article_search(query="радиожурналистика").articles.count() == 1
    assert (
        article_search(query="радиожурналистика", filters=SearchFilters(topic="nope")).articles.count() == 0
    )
    assert (
        article_search(query="радиожурналистика", filters=SearchFilters(volume="nope")).articles.count() == 0
    )


def test_head_vector_is_the_title_and_abstract_part_of_the_document():
    article = indexed(title="Подкаст жанры", abstract_kk="Аудио форматтар.", body="Дыбыс туралы мәтін.")

    head = SearchEntry.objects.get(pk=article.pk).head

    assert "подкаст" in head
    assert "аудио" in head
    assert "дыбыс" not in head

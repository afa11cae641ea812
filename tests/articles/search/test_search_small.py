"""Search views on small data built in each test (no seed)."""

import pytest
from django.db.models import Func
from django.urls import reverse

from articles.models import Article, SearchEntry
from articles.search.index import article_search_refresh
from tests.factories import ArticleFactory, AuthorshipFactory

pytestmark = pytest.mark.django_db


def test_snippet_is_escaped_before_highlighting(client):
    article = ArticleFactory(
        body="Медиа <script>alert('x')</script> және 5 < 6 & медиасауаттылық туралы.", language="kk"
    )
    article_search_refresh(article_ids=[article.pk])

    html = client.get(reverse("search"), {"q": "медиасауаттылық"}).content.decode()

    assert "<script>alert" not in html
    assert "5 &lt; 6 &amp; <mark>медиасауаттылық</mark>" in html
    assert "<mark>медиасауаттылық</mark>" in html


def test_search_page_query_count_does_not_grow_with_results(client, django_assert_max_num_queries):
    for number in range(25):
        article = ArticleFactory(body=f"Цифрлық медиа туралы мақала {number}.", language="kk")
        AuthorshipFactory(article=article)
        article_search_refresh(article_ids=[article.pk])

    # Counts, page and facets run in three blocks, each between a SET and a RESET (index_scans).
    with django_assert_max_num_queries(18):
        response = client.get(reverse("search"), {"q": "медиа"})

    assert response.context["page"].paginator.count == 25
    assert len(response.context["hits"]) == 20


def test_draft_volumes_never_appear_in_search(client):
    article = ArticleFactory(body="Жасырын қолжазба туралы мәтін.", proceedings__status="draft")
    article_search_refresh(article_ids=[article.pk])

    assert client.get("/api/search", {"q": "қолжазба"}).json()["count"] == 0


def test_a_very_long_body_is_indexed_and_highlighted_in_part_but_kept_whole(client):
    filler = " ".join(f"сөз{number}" for number in range(40_000))  # ~300,000 characters
    body = f"Басында медиасауаттылық туралы. {filler} Соңында криптография туралы."
    article = ArticleFactory(body=body, language="kk")
    article_search_refresh(article_ids=[article.pk])

    found = client.get("/api/search", {"q": "медиасауаттылық"}).json()
    past_the_cut = client.get("/api/search", {"q": "криптография"}).json()
    lexemes = SearchEntry.objects.annotate(n=Func("document", function="length")).get(pk=article.pk).n

    assert found["count"] == 1
    assert "<mark>медиасауаттылық</mark>" in found["results"][0]["snippet"]
    assert past_the_cut["count"] == 0
    # The first 100,000 characters hold some 13,000 of the filler words (each also as a skeleton
    # and in word pairs); the whole body would give over 120,000 lexemes.
    assert lexemes < 60_000
    assert Article.objects.get(pk=article.pk).body == body

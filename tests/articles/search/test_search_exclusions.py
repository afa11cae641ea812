"""Excluded terms ('-радио'): carried by the words' tsquery where a clause of words can carry
them, taken out by id otherwise, and always out of the title and abstract tiers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import SearchEntry
from articles.search import ranking
from articles.search.index import article_search_refresh
from articles.search.planner import index_counts, index_scans
from articles.search.selectors import article_search
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def indexed(body: str, title: str = "Мақала"):
    article = ArticleFactory(body=body, title=title, language="kk")
    article_search_refresh(article_ids=[article.pk])
    return article


def found(query: str, *, with_facets: bool = False) -> set[int]:
    hits = article_search(query=query, with_facets=with_facets).articles
    return {article.pk for article in hits[0 : hits.count()]}


def test_an_excluded_word_goes_into_the_words_query_not_a_list_of_ids():
    plain = indexed("Медиа нарығы туралы.")
    indexed("Медиа және радио туралы.")

    with CaptureQueriesContext(connection) as captured:
        hits = article_search(query="медиа -радио").articles
        total = hits.total

    assert total == 1
    # The total and the lead's size in one statement: the lead takes the word out by id (a title
    # may lack it where the body has it), the total through the words' query.
    (counts,) = [query["sql"] for query in captured.captured_queries if "count(*)" in query["sql"]]
    counted, lead = counts.split("(SELECT count(*)")[1:]
    assert "!!(" in counted
    assert " IN (SELECT" not in counted
    assert " IN (SELECT" in lead
    assert found("медиа -радио") == found("медиа -радио", with_facets=True) == {plain.pk}


def test_a_title_hit_whose_body_has_the_excluded_word_is_left_out():
    kept = indexed("Медиа нарығы туралы.", title="Медиа нарығы")
    indexed("Бұл мақалада радио туралы айтылады.", title="Медиа және қоғам")
    indexed("Медиа туралы, радио туралы емес.", title="Қоғам")

    hits = article_search(query="медиа -радио").articles

    assert hits.count() == 1
    assert [article.pk for article in hits[0:10]] == [kept.pk]


def test_excluded_words_with_only_a_phrase_to_carry_them_are_taken_out_by_id():
    kept = indexed("Жасанды интеллект журналистикада.")
    indexed("Жасанды интеллект және радио.")

    assert found('"жасанды интеллект" -радио') == {kept.pk}
    assert found('"жасанды интеллект" -радио', with_facets=True) == {kept.pk}


def test_excluded_words_and_phrases_together():
    kept = indexed("Медиа нарығы туралы.")
    indexed("Медиа және радио.")
    indexed("Медиа және жасанды интеллект.")

    assert found('медиа -радио -"жасанды интеллект"') == {kept.pk}


def test_a_page_within_the_title_hits_never_counts_the_head(monkeypatch):
    # Three tiers (title, abstract, body) as in a large result: more body hits than one fully
    # ranked tier takes.
    monkeypatch.setattr(ranking, "FULL_RANK_LIMIT", 1)
    titled = [indexed("Мәтін.", title=f"Подкаст {number}") for number in range(3)]
    bodies = [indexed("Подкаст туралы.") for _ in range(3)]
    hits = article_search(query="подкаст").articles

    with CaptureQueriesContext(connection) as captured:
        page = hits[0:2]

    assert {article.pk for article in page} < {article.pk for article in titled}
    assert not any('"head" @@' in query["sql"] for query in captured.captured_queries)
    assert hits.tier_sizes == [3, 0, 3]
    rest = {article.pk for article in titled + bodies} - {article.pk for article in page}
    assert {article.pk for article in hits[2:6]} == rest


def test_index_counts_counts_each_queryset_and_an_empty_filter_as_nought():
    indexed("Медиа нарығы туралы.")
    indexed("Радио туралы.")
    entries = SearchEntry.objects.all()

    with index_scans():
        counts = index_counts(entries, entries.filter(pk__in=[]), entries.filter(language="ru"))

    assert counts == [2, 0, 0]

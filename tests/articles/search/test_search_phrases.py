"""Quoted phrases: found through the documents' adjacent-word pairs, exactly as PostgreSQL's
own phrase operator would find them."""

import operator
from functools import reduce

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import SearchEntry, document_word_pairs
from articles.search.index import article_search_refresh
from articles.search.selectors import article_search
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def indexed(body: str, language: str = "kk"):
    article = ArticleFactory(body=body, language=language)
    article_search_refresh(article_ids=[article.pk])
    return article


def found(query: str) -> set[int]:
    hits = article_search(query=query).articles
    return {article.pk for article in hits[0 : hits.count()]}


def word_pairs(article) -> str:
    return SearchEntry.objects.annotate(pairs=document_word_pairs()).get(pk=article.pk).pairs


def test_pairs_are_in_their_index_not_in_the_stored_document():
    article = indexed("Жасанды интеллект туралы.")

    entry = SearchEntry.objects.get(pk=article.pk)

    pairs = word_pairs(article)
    assert "'~жасанды интеллект'" in pairs
    assert "'~интеллект туралы'" in pairs
    assert "~" not in entry.document
    assert "~" not in entry.head


def test_two_word_phrase_needs_the_words_side_by_side_in_that_order():
    adjacent = indexed("Жасанды интеллект журналистикада қолданылады.")
    indexed("Интеллект жасанды емес.")
    indexed("Жасанды жолмен жасалған интеллект.")

    assert found('"жасанды интеллект"') == {adjacent.pk}
    assert found("жасанды интеллект") == found("интеллект жасанды")  # without quotes: any order
    assert len(found("жасанды интеллект")) == 3


def test_russian_phrase_meets_inflected_text_through_stems():
    inflected = indexed("Роль искусственного интеллекта в редакции.", language="ru")

    assert found('"искусственный интеллект"') == {inflected.pk}


def test_phrase_with_a_stop_word_keeps_its_gap():
    with_gap = indexed("Анализ и синтез данных.", language="ru")
    indexed("Анализ синтез данных.", language="ru")

    assert found('"анализ и синтез"') == {with_gap.pk}


def test_longer_phrase_is_not_pieced_together_from_its_pairs():
    whole = indexed("Цифрлық медиа нарығы өсіп келеді.")
    indexed("Цифрлық медиа және медиа нарығы.")  # both pairs, not the phrase

    assert found('"цифрлық медиа нарығы"') == {whole.pk}


def test_excluded_phrase():
    plain = indexed("Медиа нарығы туралы.")
    indexed("Медиа және жасанды интеллект.")

    assert found('медиа -"жасанды интеллект"') == {plain.pk}


def test_documents_are_matched_by_pairs_and_tiers_by_the_phrase_itself():
    indexed("Жасанды интеллект журналистикада қолданылады.")
    with CaptureQueriesContext(connection) as captured:
        hits = article_search(query='"жасанды интеллект"').articles
        hits.count()

    # The total and the lead counted in one statement (planner.index_counts); the head's size
    # only when a page goes past the lead.
    (counts,) = [query["sql"] for query in captured.captured_queries if "count(*)" in query["sql"]]
    total, lead = counts.split("(SELECT count(*)")[1:]
    head = str(hits.head.query)
    assert 'jinaq_word_pairs("articles_searchentry"."document") @@ (jinaq_phrase_pair(' in total
    # The small vectors carry no pairs: the head and the lead are checked with the phrase itself.
    assert '"head" @@ ((phraseto_tsquery(' in head
    assert '"lead" @@ ((phraseto_tsquery(' in lead
    assert "jinaq_phrase_pair" not in head + lead


def test_two_word_phrases_use_the_pairs_index_and_never_recompute_pairs():
    indexed("Жасанды интеллект журналистикада қолданылады.")
    hits = article_search(query='"жасанды интеллект" журналистикада').articles

    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        sql, params = hits.matched.values("pk").query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")

    assert "searchentry_pairs_gin" in plan
    # The pairs are looked up in their index, never recomputed from a row's document.
    assert [line for line in plan.splitlines() if "Filter" in line and "jinaq_word_pairs" in line] == []


@pytest.mark.parametrize(
    "phrase",
    ['"жасанды интеллект"', '"интеллект жасанды"', '"цифрлық медиа нарығы"', '"анализ и синтез"',
     '"искусственный интеллект"', '"роль искусственного"', '"медиа нарығы"', '"the media market"'],
)  # fmt: skip
def test_phrases_find_what_the_phrase_operator_finds(phrase):
    texts = [
        ("Жасанды интеллект журналистикада.", "kk"), ("Интеллект жасанды емес.", "kk"),
        ("Цифрлық медиа нарығы өсіп келеді.", "kk"), ("Цифрлық медиа және медиа нарығы.", "kk"),
        ("Анализ и синтез данных.", "ru"), ("Анализ синтез данных.", "ru"),
        ("Роль искусственного интеллекта в редакции.", "ru"), ("The media market grows.", "en"),
        ("Market of the media.", "en"),
    ]  # fmt: skip
    articles = [indexed(text, language) for text, language in texts]
    text = phrase.strip('"')
    expected = {
        article.pk
        for article in articles
        if SearchEntry.objects.filter(
            pk=article.pk, document=reduce(operator.or_, [SearchQuery(text, config=c, search_type="phrase")
                                                          for c in ("russian", "english", "simple")])
        ).exists()
    }  # fmt: skip

    assert found(phrase) == expected
    assert expected


def test_compounds_with_numbers_are_read_as_the_text_was():
    covid = indexed("COVID-19 пандемиясы кезіндегі GPT-4 моделі.")
    indexed("COVID пандемиясы, 19 ел.")

    assert found("COVID-19") == {covid.pk}
    assert found("gpt-4 моделі") == {covid.pk}
    assert found('"covid-19 пандемиясы"') == {covid.pk}


def test_a_kazakh_phrase_in_another_form_is_found_when_the_form_typed_is_not():
    inflected = indexed("Бизнес коммуникацияның негізгі түрлері қарастырылады.")
    indexed("Коммуникациясы жақсы бизнес.")  # both words, not in that order

    assert found('"бизнес коммуникациясы"') == {inflected.pk}
    assert found('"бизнес коммуникацияның"') == {inflected.pk}  # as typed: through the pairs


def test_the_inflected_phrase_is_what_the_snippet_marks(client):
    indexed("Бизнес коммуникацияның негізгі түрлері қарастырылады.")

    html = client.get(reverse("search"), {"q": '"бизнес коммуникациясы"'}).content.decode()

    assert "<mark>Бизнес</mark> <mark>коммуникацияның</mark>" in html


def test_when_no_article_has_every_word_those_with_all_but_one_are_shown(client):
    near = indexed("Мультфильмдердің тәрбиелік рөлі туралы мақала.")
    indexed("Мультфильмдер туралы.")  # two of the three words missing

    results = article_search(query="мультфильмдердің тәрбиелік мәні")
    page = client.get("/en/search/", {"q": "мультфильмдердің тәрбиелік мәні"})
    api = client.get("/api/search", {"q": "мультфильмдердің тәрбиелік мәні"}).json()

    assert {article.pk for article in results.articles[0:5]} == {near.pk}
    assert results.any_but_one == ("мультфильмдердің", "тәрбиелік", "мәні")
    assert "these have all but one" in page.content.decode()
    assert (api["count"], api["all_words"]) == (1, False)
    assert article_search(query="мультфильмдердің тәрбиелік рөлі").any_but_one == ()
    assert article_search(query="тәрбиелік мәні").articles.count() == 0  # two words: no sparing


def test_the_all_but_one_fallback_is_bounded_to_six_words():
    indexed("Мультфильмдердің тәрбиелік рөлі, балалардың қиялы және отбасылық құндылықтар туралы.")

    six = article_search(query="мультфильмдердің тәрбиелік балалардың қиялы отбасылық мәні")
    seven = article_search(query="мультфильмдердің тәрбиелік балалардың қиялы отбасылық құндылықтар мәні")

    assert (six.articles.count(), len(six.any_but_one)) == (1, 6)
    # Seven words would ask for 7 × 6 terms: the search stays with what matches every word.
    assert (seven.articles.count(), seven.any_but_one) == (0, ())


def test_a_latin_phrase_for_cyrillic_text_falls_back_to_its_words():
    mobile = indexed("Мобильді коммерция Қазақстанда дамып келеді.")

    assert found('"mobildi kommertsiya"') == {mobile.pk}
    assert found('"kommertsiya mobildi"') == {mobile.pk}  # the skeletons keep no word order
    assert article_search(query='"mobildi kommertsiya"').phrases_loosened is True
    assert article_search(query='"мобильді коммерция"').phrases_loosened is False


def test_the_page_and_the_api_say_when_a_phrase_was_loosened(client):
    indexed("Бизнес коммуникацияның негізгі түрлері қарастырылады.")

    page = client.get("/en/search/", {"q": '"бизнес коммуникациясы"'}).content.decode()
    api = client.get("/api/search", {"q": '"бизнес коммуникациясы"'}).json()

    assert "exactly as typed" in page
    assert (api["count"], api["exact_phrases"], api["all_words"]) == (1, False, True)

"""'Did you mean' on the bundled proceedings (issue 16): only when a query finds little, only
words that find nothing replaced, by forms the archive has, never for long queries."""

import pytest
from django.urls import reverse

from articles.search.selectors import article_search
from articles.search.suggest import FEW_RESULTS, MAX_SUGGESTED_CHARS, search_suggestion

pytestmark = pytest.mark.django_db


def suggestion_on_page(client, query: str) -> str | None:
    return client.get(reverse("search"), {"q": query, "format": "json"}).json()["suggestion"]


def test_a_query_whose_words_the_archive_has_is_not_corrected(client, seed_archive):
    # One article has both words; 'новостей' is another form of the archive, not a correction.
    assert article_search(query="фейковые новости").articles.count() == 1
    assert suggestion_on_page(client, "фейковые новости") is None


def test_a_mistyped_word_is_replaced_by_a_word_of_the_archive(client, seed_archive):
    suggestion = suggestion_on_page(client, "журналстика")

    assert suggestion == "журналистика"
    assert article_search(query=suggestion).articles.count() > 0


def test_a_query_with_enough_results_gets_no_suggestion(client, seed_archive):
    # 'телефония OR журналстика' finds the telephony article; 'медиа OR журналстика' finds many.
    assert search_suggestion("медиа OR журналстика", found=FEW_RESULTS) is None
    assert article_search(query="медиа OR журналстика").articles.count() >= FEW_RESULTS
    assert suggestion_on_page(client, "медиа OR журналстика") is None


def test_a_query_with_few_results_is_corrected_keeping_its_syntax(client, seed_archive):
    found = article_search(query="телефония OR Журналстика").articles.count()

    assert 0 < found < FEW_RESULTS
    assert suggestion_on_page(client, "телефония OR Журналстика") == "телефония OR журналистика"
    assert suggestion_on_page(client, '"журналстика" -xyzzy') == '"журналистика" -xyzzy'


def test_a_long_query_gets_no_suggestion(client, seed_archive):
    pasted = ("журналстика медиа краудсоринг " * 20)[:500]
    # One word to search for among stop words, the rest of a pasted sentence: over the limit.
    filler = " и в на с по для от из к о об"
    short = "журналстика" + filler
    long = "журналстика" + filler * 7

    assert suggestion_on_page(client, pasted) is None
    assert len(short) <= MAX_SUGGESTED_CHARS < len(long)
    assert search_suggestion(short) == "журналистика" + filler
    assert search_suggestion(long) is None


def test_a_correction_that_finds_no_more_is_not_offered(seed_archive):
    # Both words are typos of the archive's words, but no article has both corrections.
    assert search_suggestion("краудсоринг журналстиканың дипфейктері") is None

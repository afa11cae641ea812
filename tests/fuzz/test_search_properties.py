"""Property tests of the search: whatever a reader types, the parser and the search answer."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles.search.ordering import ORDERS
from articles.search.query import MAX_WORD_CHARS, MAX_WORDS, parse_query
from articles.search.selectors import article_search
from articles.search.snippets import search_snippets
from articles.search.suggest import search_suggestion
from authors.selectors import person_search

pytestmark = pytest.mark.django_db

OPERATORS = [*list("&|!:*()<->\\'\"-"), "<->", "<2>", " OR ", "or", '-"', ":*", "!!"]
queries = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from([*OPERATORS, "a", "ж", "1", " ", "中"]), max_size=30).map("".join),
    st.lists(
        st.sampled_from(["2025", "1", "中国", "ИИ", "AI", "ә", "<2>", "x", "журналистика"]), max_size=6
    ).map(" ".join),
    st.text(min_size=1500, max_size=2000),
)
fuzz = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@fuzz
@given(text=queries)
@example(text="2025")
@example(text="中国")
@example(text="1")
@example(text="<2>")
def test_people_search_answers_any_query(seed_archive, text):
    people = person_search(query=text)

    assert len(people) <= 10


@fuzz
@given(text=queries)
@example(text="2025")
@example(text='"журналистика')
@example(text="\x00")
def test_article_search_answers_any_query(seed_archive, text):
    results = article_search(query=text)
    hits = list(results.articles[:5])
    snippets = search_snippets(articles=hits, query=text, highlight=results.highlight)

    assert set(snippets) <= {article.pk for article in hits}


@fuzz
@given(text=queries, order=st.sampled_from(ORDERS))
@example(text="2025", order="title")
@example(text="ИИ", order="date")
@example(text='"жасанды интеллект" -медиа', order="title")
def test_sorted_search_answers_any_query(seed_archive, text, order):
    results = article_search(query=text, order=order)
    hits = list(results.articles[:5])

    assert len(hits) <= 5
    assert all(article.rank is None for article in hits) or order == "relevance"


@fuzz
@given(text=queries)
@example(text="then\U00100000")  # corrected to the stop word 'the': nothing left to search, a 500
@example(text='"түрлі" OR -"course"')
def test_did_you_mean_answers_any_query(seed_archive, text):
    suggestion = search_suggestion(text)

    assert suggestion is None or article_search(query=suggestion).found_any()


@settings(max_examples=500, deadline=None)
@given(text=st.text(max_size=3000))
@example(text="журналистика " * 200)
@example(text='"' + "сөз " * 300 + '"')
@example(text="ж" * 2000)
@example(text="G.S.T.U.V.W.X.Y.Z.A.B.C.D.E.F.")
def test_parsed_query_is_bounded(text):
    parsed = parse_query(text)

    words = [word for clause in parsed.clauses for term in clause for word in term.words]
    assert len(words) <= MAX_WORDS
    assert all(len(word) <= MAX_WORD_CHARS for word in words)
    assert all(
        len(term.text) <= MAX_WORDS * (MAX_WORD_CHARS + 1) for clause in parsed.clauses for term in clause
    )

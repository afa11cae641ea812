"""Property tests of the public pages: whatever the query string holds, the answer is never a
5xx, never an exception, and nothing of it comes back as markup."""

from urllib.parse import quote_from_bytes, urlencode

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles.citations.formats import FORMATS
from articles.models import Article
from authors.models import Person

pytestmark = pytest.mark.django_db

# Anything a client can put in a value, markup included: the probe must never come back as a tag.
PROBE = "<b id=fz>"
texts = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40)  # no lone surrogates
values = st.one_of(
    texts,
    texts.map(lambda text: PROBE + text),
    st.sampled_from(["", "\x00", "0", "-1", "2025", "99999999999999999999", "1e9", "kk", "json", "xml"]),
    st.sampled_from(["journalism-masters-2025", "zhurnalistika", "a" * 300, "x y", "../../etc"]),
    st.text(min_size=500, max_size=2000),
)
FILTERS = ("q", "language", "topic", "year", "volume", "page", "format", "sort", "letter", "author")
query_strings = st.dictionaries(st.sampled_from(FILTERS), values, max_size=5)
fuzz = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def assert_answered(response) -> None:
    assert response.status_code < 500
    if response["Content-Type"].startswith("text/html"):
        assert PROBE not in response.content.decode()


@pytest.fixture(scope="module")
def seed_slugs(seed_archive):
    article = Article.objects.order_by("pk").first()
    person = Person.objects.filter(authorships__isnull=False).order_by("pk").first()
    return {"article": article.slug, "person": person.slug, "volume": seed_archive.outcome.proceedings.slug}


@fuzz
@given(params=query_strings, language=st.sampled_from(["kk", "ru", "en"]))
@example(params={"q": "2025"}, language="kk")
@example(params={"q": "медиа", "sort": "title", "volume": "journalism-masters-2025"}, language="ru")
@example(params={"q": "", "sort": "date"}, language="en")
@example(params={"q": "x", "volume": "\x00"}, language="kk")
@example(params={"q": "x", "topic": "\x00"}, language="en")
@example(params={"q": "x", "page": "\x00", "format": "json"}, language="ru")
def test_search_page_and_api_answer_any_parameters(client, seed_archive, params, language):
    assert_answered(client.get(f"/{language}/search/", params))
    api = client.get("/api/search", params)
    assert api.status_code < 500
    assert api["Content-Type"] == "application/json"


@fuzz
@given(
    params=query_strings,
    format_slug=st.sampled_from(sorted(FORMATS)),
    scope=st.sampled_from(["q", "volume", "author", "article", "list"]),
)
@example(params={"volume": "\x00"}, format_slug="bibtex", scope="volume")
@example(params={"author": "\x00"}, format_slug="ris", scope="author")
def test_every_export_answers_any_parameters(client, seed_archive, params, format_slug, scope):
    params = {scope: params.get(scope, "1"), **params}

    assert_answered(client.get(f"/kk/cite/{format_slug}/", params))


@fuzz
@given(
    params=query_strings,
    page=st.sampled_from(["volume", "author", "authors", "topics", "volumes", "article", "home"]),
)
def test_browse_pages_and_twins_answer_any_parameters(client, seed_slugs, params, page):
    urls = {
        "volume": f"/kk/proceedings/{seed_slugs['volume']}/",
        "author": f"/ru/authors/{seed_slugs['person']}/",
        "authors": "/kk/authors/",
        "topics": "/en/topics/",
        "volumes": "/kk/proceedings/",
        "article": f"/kk/articles/{seed_slugs['article']}/",
        "home": "/en/",
    }

    assert_answered(client.get(urls[page], params))


@fuzz
@given(raw=st.binary(max_size=60), name=st.sampled_from(FILTERS))
def test_undecodable_bytes_in_the_query_string_are_answered(client, seed_archive, raw, name):
    query = f"{name}={quote_from_bytes(raw)}&{urlencode({'q': 'медиа'})}"

    assert_answered(client.get(f"/kk/search/?{query}"))
    assert client.get(f"/api/search?{query}").status_code < 500

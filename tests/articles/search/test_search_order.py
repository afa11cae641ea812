"""Sorting a search by relevance, date or title; searching within a volume; the empty search
page's places to start (issue 16)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import SearchEntry
from articles.search.index import article_search_refresh
from articles.search.ordering import title_sort_key
from articles.search.selectors import article_search
from tests.articles.helpers import stored_counts_refresh
from tests.factories import ArticleFactory, AuthorshipFactory, ProceedingsFactory, TopicFactory

pytestmark = pytest.mark.django_db

# In the Kazakh alphabet (А Ә Б … О Ө … Ы І …), Latin after Cyrillic, digits first.
TITLES_IN_ORDER = [
    "21 ғасырдағы медиа",
    "Алматы медиасы",
    "Әлем медиасы",
    "Бала және медиа",
    "Медиа және қоғам",
    "«Медиасауаттылық» туралы",
    "Орталық Азия медиасы",
    "Өнер және медиа",
    "Ыстық тақырыптар: медиа",
    "Ірі медиа холдингтер",
    "Media in Kazakhstan",
]


def test_title_keys_sort_in_the_kazakh_alphabet_ignoring_case_and_punctuation():
    shuffled = TITLES_IN_ORDER[::-1]

    assert sorted(shuffled, key=title_sort_key) == TITLES_IN_ORDER
    assert title_sort_key("«МЕДИА» — ЖӘНЕ ҚОҒАМ!") == title_sort_key("медиа және қоғам")
    assert title_sort_key("Qazaqstandağy média") == title_sort_key("QAZAQSTANDAGY MEDIA")
    assert len(title_sort_key("сөз " * 100)) == 100


@pytest.fixture
def two_volumes():
    """The titles above in two volumes, 2023 and 2025, each mentioning 'медиа'."""
    older = ProceedingsFactory(year=2023, slug="older-volume", title_en="Older volume")
    newer = ProceedingsFactory(year=2025, slug="newer-volume", title_en="Newer volume")
    articles = []
    for number, title in enumerate(TITLES_IN_ORDER):
        article = ArticleFactory(
            proceedings=older if number % 2 else newer,
            title=title.upper(),
            title_display=title,
            language="kk",
        )
        AuthorshipFactory(article=article)
        articles.append(article)
    article_search_refresh(article_ids=[article.pk for article in articles])
    stored_counts_refresh()
    return {"older": older, "newer": newer, "articles": articles}


def api(client, **params) -> dict:
    return client.get("/api/search", {"q": "медиа", **params}).json()


def test_sort_by_title_lists_every_hit_in_the_kazakh_alphabet(client, two_volumes):
    first_page = api(client, sort="title")
    titles = [hit["display_title"] for hit in first_page["results"]]

    assert first_page["sort"] == "title"
    assert [title.upper() for title in titles] == [title.upper() for title in TITLES_IN_ORDER]
    assert {hit["rank"] for hit in first_page["results"]} == {None}  # no relevance was computed


def test_the_database_orders_title_keys_as_python_does(two_volumes):
    keys = list(SearchEntry.objects.order_by("title_key").values_list("title_key", flat=True))

    assert keys == sorted(keys)
    assert keys == [title_sort_key(title) for title in TITLES_IN_ORDER]


def test_sort_by_date_puts_the_newest_volume_first(client, two_volumes):
    hits = api(client, sort="date")["results"]
    volumes = [hit["proceedings"]["slug"] for hit in hits]
    newer = [article.slug for article in two_volumes["articles"][::2]]

    assert volumes == ["newer-volume"] * 6 + ["older-volume"] * 5
    assert [hit["slug"] for hit in hits[:6]] == newer  # a volume's articles in the order they came


def test_a_date_sorted_window_read_through_the_facets_volumes_is_the_full_sort_s_window():
    volumes = [
        ProceedingsFactory(year=2025, date_start=datetime.date(2025, 4, 1), slug="b-dated"),
        ProceedingsFactory(year=2025, date_start=None, slug="a-undated"),
        ProceedingsFactory(year=2025, date_start=datetime.date(2025, 5, 1), slug="c-later"),
        ProceedingsFactory(year=2024, date_start=datetime.date(2024, 4, 1), slug="d-older"),
    ]
    articles = [ArticleFactory(proceedings=volume, language="kk") for volume in volumes for _ in range(4)]
    article_search_refresh(article_ids=[article.pk for article in articles])
    windowed = article_search(query="медиа", order="date", with_facets=True).articles
    full = article_search(query="медиа", order="date").articles
    order = ["c-later", "b-dated", "a-undated", "d-older"]

    assert "facet_counts" in windowed.__dict__
    assert "facet_counts" not in full.__dict__
    assert [article.proceedings.slug for article in full[0:16]] == [slug for slug in order for _ in range(4)]
    for start, stop in [(0, 16), (0, 3), (3, 9), (4, 8), (7, 13), (12, 16), (15, 16), (16, 16)]:
        assert [a.pk for a in windowed[start:stop]] == [a.pk for a in full[start:stop]], (start, stop)


def test_relevance_is_the_default_and_keeps_its_ranks(client, two_volumes):
    default, relevance = api(client), api(client, sort="relevance")

    assert default["sort"] == relevance["sort"] == "relevance"
    assert [hit["slug"] for hit in default["results"]] == [hit["slug"] for hit in relevance["results"]]
    assert all(isinstance(hit["rank"], float) for hit in default["results"])


@pytest.mark.parametrize("value", ["bogus", "DATE", "title ", "\x00", "1"])
def test_an_unknown_sort_is_a_400_with_a_message(client, two_volumes, value):
    page = client.get(reverse("search"), {"q": "медиа", "sort": value})
    answer = client.get("/api/search", {"q": "медиа", "sort": value})

    assert (page.status_code, answer.status_code) == (400, 400)
    assert "sort=relevance" in answer.json()["error"]


def test_a_sorted_search_costs_no_more_statements_than_a_ranked_one(client, two_volumes):
    counts = {}
    for order in ("relevance", "date", "title"):
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("search"), {"q": "медиа", "sort": order})
        counts[order] = len(queries)

    assert counts["date"] <= counts["relevance"]
    assert counts["title"] <= counts["relevance"]


def test_the_results_page_links_each_order_and_marks_the_chosen_one(client, two_volumes):
    response = client.get("/en/search/", {"q": "медиа", "sort": "date", "language": "kk"})
    links = response.context["order_links"]
    html = response.content.decode()

    assert [(link.label, link.selected) for link in links] == [
        ("Relevance", False),
        ("Newest first", True),
        ("Title", False),
    ]
    assert links[0].url == "/en/search/?q=%D0%BC%D0%B5%D0%B4%D0%B8%D0%B0&language=kk"
    assert links[2].url == "/en/search/?q=%D0%BC%D0%B5%D0%B4%D0%B8%D0%B0&sort=title&language=kk"
    assert '<input type="hidden" name="sort" value="date">' in html  # a new query keeps the order


def test_a_search_from_a_volume_page_stays_in_that_volume(client, two_volumes):
    volume_page = client.get(reverse("volume_detail", args=["older-volume"])).content.decode()
    response = client.get("/en/search/", {"q": "медиа", "volume": "older-volume"})
    html = response.content.decode()

    assert '<input type="hidden" name="volume" value="older-volume">' in volume_page
    assert {article.proceedings.slug for article, _ in response.context["hits"]} == {"older-volume"}
    assert response.context["page"].paginator.count == 5
    assert response.context["scope_volume"] == two_volumes["older"]
    assert 'href="/en/search/?q=%D0%BC%D0%B5%D0%B4%D0%B8%D0%B0">Search the whole archive</a>' in html
    assert api(client, volume="older-volume")["count"] == 5


def test_the_empty_search_page_offers_volumes_topics_and_authors_in_few_statements(
    client, two_volumes, django_assert_max_num_queries
):
    topic = TopicFactory(name_en="Media literacy")
    two_volumes["articles"][0].topics.add(topic)
    stored_counts_refresh()

    with django_assert_max_num_queries(6):
        response = client.get("/en/search/")
    start = response.context["starting_points"]
    html = response.content.decode()

    assert [volume.slug for volume in start.volumes] == ["newer-volume", "older-volume"]
    assert [found.name_en for found in start.topics] == ["Media literacy"]
    assert len(start.people) == 8
    assert "Most published authors" in html
    assert response.context["page"].paginator.count == 0


def test_the_empty_search_pages_twin_has_its_starting_points_and_the_api_not(client, two_volumes):
    twin = client.get("/en/search/", {"format": "json"}).json()
    api = client.get("/api/search").json()

    assert [volume["slug"] for volume in twin["starting_points"]["volumes"]] == [
        "newer-volume",
        "older-volume",
    ]
    assert len(twin["starting_points"]["people"]) == 8
    assert twin["starting_points"]["people"][0]["url"].startswith("/en/authors/")
    assert "starting_points" not in api


def test_a_query_shows_no_starting_points(client, two_volumes):
    assert client.get(reverse("search"), {"q": "медиа"}).context["starting_points"] is None
    assert "starting_points" not in client.get("/en/search/", {"q": "медиа", "format": "json"}).json()

import datetime

import pytest

from tests.articles.helpers import article_titles, volume_with_articles
from tests.factories import ArticleFactory, AuthorshipFactory, PersonFactory, ProceedingsFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def volume():
    """Three articles in printed order: Kazakh, English (untitled), Russian."""
    volume = ProceedingsFactory(
        slug="media-2025",
        title_kk="Медиа 2025",
        title_ru="Медиа 2025 (рус.)",
        title_en="Media 2025",
        conference_name="Student conference",
        year=2025,
        date_start=datetime.date(2025, 4, 17),
        date_end=datetime.date(2025, 4, 18),
        place="Almaty",
        publisher="Kazakh University",
        isbn="978-601-04-0000-0",
        editors="Editor One\nEditor Two",
    )
    ethics = TopicFactory(slug="ethics", name_en="Ethics")
    ai = TopicFactory(slug="ai", name_en="AI")
    ArticleFactory(
        proceedings=volume, position=1, language="kk", title_display="Бірінші", slug="first"
    ).topics.add(ethics)
    ArticleFactory(
        proceedings=volume,
        position=2,
        language="en",
        title=None,
        title_display="",
        body="Alpha beta.",
        slug="second",
    ).topics.add(ai)
    third = ArticleFactory(proceedings=volume, position=3, language="ru", title_display="Абв", slug="third")
    third.topics.add(ethics, ai)
    AuthorshipFactory(article=third, person=PersonFactory(display_name="Иванова А.", slug="ivanova"))
    return volume


def test_volume_list_paginates_published_volumes_newest_first(client):
    for year in range(2000, 2023):
        ProceedingsFactory(year=year, slug=f"volume-{year}")
    ProceedingsFactory(year=2024, slug="draft", status="draft")

    first = client.get("/en/proceedings/")
    second = client.get("/en/proceedings/?page=2&format=json").json()

    assert [volume.slug for volume in first.context["page"]][:3] == [
        "volume-2022",
        "volume-2021",
        "volume-2020",
    ]
    assert [volume["slug"] for volume in second["volumes"]] == ["volume-2002", "volume-2001", "volume-2000"]
    assert (second["page"], second["pages"], second["count"]) == (2, 2, 23)
    assert '<a href="?page=2" aria-current="page">' in client.get("/en/proceedings/?page=2").content.decode()


def test_volume_page_shows_contents_in_order_and_metadata(client, volume):
    response = client.get("/en/proceedings/media-2025/")
    html = response.content.decode()

    assert article_titles(response.context["page"]) == ["Бірінші", "Alpha beta.", "Абв"]
    assert '<h1 lang="en">Media 2025</h1>' in html
    assert '<span lang="kk">Медиа 2025</span>' in html
    assert '<span lang="ru">Медиа 2025 (рус.)</span>' in html
    for fact in ("Student conference", "Almaty", "Kazakh University", "978-601-04-0000-0", "Editor Two"):
        assert fact in html
    assert "<dd>2025</dd>" in html
    assert '<a href="/en/authors/ivanova/">Иванова А.</a>' in html


def test_volume_page_filters_by_language_and_topic(client, volume):
    by_language = client.get("/en/proceedings/media-2025/?language=ru")
    by_topic = client.get("/en/proceedings/media-2025/?topic=ai")
    both = client.get("/en/proceedings/media-2025/?topic=ethics&language=kk")

    assert article_titles(by_language.context["page"]) == ["Абв"]
    assert article_titles(by_topic.context["page"]) == ["Alpha beta.", "Абв"]
    assert article_titles(both.context["page"]) == ["Бірінші"]


@pytest.mark.parametrize(
    ("sort", "titles"),
    [
        ("position", ["Бірінші", "Alpha beta.", "Абв"]),
        ("title", ["Alpha beta.", "Абв", "Бірінші"]),
        ("language", ["Alpha beta.", "Бірінші", "Абв"]),
    ],
)
def test_volume_page_sorts(client, volume, sort, titles):
    response = client.get(f"/en/proceedings/media-2025/?sort={sort}")

    assert article_titles(response.context["page"]) == titles


@pytest.mark.parametrize("query", ["language=xx", "topic=no-such-topic", "sort=-title", "sort=id"])
def test_volume_page_bad_filter_value_is_400(client, volume, query):
    html_response = client.get(f"/en/proceedings/media-2025/?{query}")
    json_response = client.get(f"/en/proceedings/media-2025/?{query}&format=json")

    assert (html_response.status_code, json_response.status_code) == (400, 400)
    assert "These filters are not valid." in html_response.content.decode()
    assert list(json_response.json()["errors"]) == [query.split("=")[0]]


def test_volume_page_topic_of_another_volume_is_400(client, volume):
    TopicFactory(slug="elsewhere")

    assert client.get("/en/proceedings/media-2025/?topic=elsewhere").status_code == 400


def test_volume_page_json_twin_matches_the_filtered_page(client, volume):
    data = client.get("/en/proceedings/media-2025/?topic=ethics&sort=title&format=json").json()

    assert data["volume"]["title"] == {"kk": "Медиа 2025", "ru": "Медиа 2025 (рус.)", "en": "Media 2025"}
    assert data["volume"]["editors"] == ["Editor One", "Editor Two"]
    assert (data["volume"]["date_start"], data["volume"]["isbn"]) == ("2025-04-17", "978-601-04-0000-0")
    assert data["filters"] == {"language": None, "topic": "ethics", "sort": "title"}
    assert [article["slug"] for article in data["articles"]] == ["third", "first"]
    assert data["articles"][0]["authors"] == [
        {"name": "Иванова А.", "slug": "ivanova", "url": "/en/authors/ivanova/"}
    ]
    assert [topic["slug"] for topic in data["articles"][0]["topics"]] == ["ai", "ethics"]


def test_volume_page_pagination_keeps_the_filters(client):
    volume_with_articles(55, slug="big")

    html = client.get("/en/proceedings/big/?language=kk").content.decode()

    assert '<a href="?language=kk&amp;page=2" rel="next">Next</a>' in html


@pytest.mark.parametrize(
    "url", ["/en/proceedings/draft/", "/en/proceedings/nope/", "/en/proceedings/media-2025/?page=5"]
)
def test_volume_page_draft_unknown_or_bad_page_is_404(client, volume, url):
    ProceedingsFactory(slug="draft", status="draft")

    assert client.get(url).status_code == 404


def test_volume_list_bad_page_is_404(client):
    ProceedingsFactory()

    assert client.get("/en/proceedings/?page=0").status_code == 404


@pytest.mark.parametrize("articles", [2, 20])
def test_volume_pages_query_count_does_not_grow_with_articles(client, django_assert_num_queries, articles):
    volume = volume_with_articles(articles)
    topic = volume.articles.first().topics.first()

    with django_assert_num_queries(2):
        client.get("/en/proceedings/")
    # volume, count, topic choices, page ids, items (articles.listing.listed_articles), sections
    with django_assert_num_queries(6):
        response = client.get(f"/en/proceedings/{volume.slug}/")
    with django_assert_num_queries(6):  # the chosen topic found among the choices
        client.get(f"/en/proceedings/{volume.slug}/?topic={topic.slug}&language=kk&sort=title")

    assert len(response.context["page"]) == articles

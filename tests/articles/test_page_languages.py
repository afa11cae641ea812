"""What a page says in which language: a volume's facts and a topic's description in the
interface language where given, and one canonical address per article with its alternates."""

import re

import pytest

from articles.models import Topic
from articles.services import topic_vocabulary_load
from tests.articles.helpers import stored_counts_refresh
from tests.factories import ArticleFactory, PersonFactory, ProceedingsFactory, TopicFactory

pytestmark = pytest.mark.django_db


def head_links(html: str) -> dict[str, str]:
    """rel=canonical and each hreflang alternate of the <head>: {"canonical": url, "kk": url, …}."""
    head = html.split("</head>", 1)[0]
    links = {"canonical": re.findall(r'<link rel="canonical" href="([^"]+)">', head)}
    links.update(dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', head)))
    return links


@pytest.fixture
def volume():
    return ProceedingsFactory(
        slug="media-2025",
        conference_name="Студенттік ғылыми конференция",
        conference_name_ru="Студенческая научная конференция",
        place="Алматы",
        place_en="Almaty",
        publisher="Қазақ университеті",
    )


def test_volume_page_shows_its_facts_in_the_interface_language_where_given(client, volume):
    ArticleFactory(proceedings=volume)
    stored_counts_refresh()

    pages = {
        code: client.get(f"/{code}/proceedings/media-2025/").content.decode() for code in ("kk", "ru", "en")
    }

    assert "<dd>Студенческая научная конференция</dd>" in pages["ru"]
    assert "<dd>Студенттік ғылыми конференция</dd>" in pages["kk"]
    assert "<dd>Студенттік ғылыми конференция</dd>" in pages["en"]  # none in English: as printed
    assert "<dd>Almaty</dd>" in pages["en"]
    assert "<dd>Алматы</dd>" in pages["ru"]
    assert all("<dd>Қазақ университеті</dd>" in html for html in pages.values())


def test_volume_twin_gives_the_facts_in_each_language(client, volume):
    ArticleFactory(proceedings=volume)
    stored_counts_refresh()

    data = client.get("/ru/proceedings/media-2025/?format=json").json()["volume"]

    assert (data["conference"], data["place"]) == ("Студенттік ғылыми конференция", "Алматы")
    assert data["in_languages"] == {
        "conference_name": {"kk": "", "ru": "Студенческая научная конференция", "en": ""},
        "place": {"kk": "", "ru": "", "en": "Almaty"},
        "publisher": {"kk": "", "ru": "", "en": ""},
    }


def test_topic_twin_gives_the_description_in_the_interface_language_and_all(client):
    TopicFactory(slug="tv", description="TV channels.", description_ru="Телеканалы.")

    topic = client.get("/ru/topics/tv/?format=json").json()["topic"]

    assert topic["description"] == "Телеканалы."
    assert topic["descriptions"] == {"kk": "", "ru": "Телеканалы.", "en": ""}


def test_home_page_volume_card_shows_the_conference_in_the_interface_language(client, volume):
    ArticleFactory(proceedings=volume)
    stored_counts_refresh()

    html = client.get("/ru/").content.decode()

    assert '<p class="volume-card__conference muted">Студенческая научная конференция</p>' in html


def test_scholar_tags_give_the_volumes_facts_in_the_articles_language(client, volume):
    ArticleFactory(proceedings=volume, slug="russian-paper", language="ru")

    html = client.get("/en/articles/russian-paper/").content.decode()

    assert '<meta name="citation_conference_title" content="Студенческая научная конференция">' in html


@pytest.mark.parametrize("interface", ["kk", "ru", "en"])
def test_an_article_has_one_canonical_address_in_its_own_language(client, interface):
    ArticleFactory(slug="paper", language="ru")
    base = "http://testserver"

    links = head_links(client.get(f"/{interface}/articles/paper/").content.decode())

    assert links == {
        "canonical": [f"{base}/ru/articles/paper/"],
        "kk": f"{base}/kk/articles/paper/",
        "ru": f"{base}/ru/articles/paper/",
        "en": f"{base}/en/articles/paper/",
        "x-default": f"{base}/articles/paper/",  # sends a browser to its language, as in the sitemap
    }
    assert client.get("/articles/paper/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/en/articles/paper/"


def test_volume_topic_and_author_pages_are_their_own_canonical_with_alternates(client, volume):
    topic = TopicFactory(slug="tv")
    article = ArticleFactory(proceedings=volume)
    article.topics.add(topic)
    person = PersonFactory(slug="seitova")
    article.authorships.create(person=person, role="author", order=1)
    stored_counts_refresh()
    base = "http://testserver"

    for path in ("proceedings/media-2025/", "topics/tv/", "authors/seitova/"):
        links = head_links(client.get(f"/ru/{path}").content.decode())
        assert links == {
            "canonical": [f"{base}/ru/{path}"],
            "kk": f"{base}/kk/{path}",
            "ru": f"{base}/ru/{path}",
            "en": f"{base}/en/{path}",
            "x-default": f"{base}/{path}",
        }, path


def test_vocabulary_fills_descriptions_a_stored_topic_lacks_and_keeps_an_editors(client):
    Topic.objects.create(slug="tv", name_en="Television", description_ru="Наш текст.")
    entry = {
        "slug": "tv",
        "name_en": "Television",
        "description_en": "TV channels.",
        "description_kk": "Телеарналар.",
        "description_ru": "Телеканалы.",
    }

    created = topic_vocabulary_load(entries=[entry, {**entry, "slug": "radio", "name_en": "Radio"}])

    stored = {
        topic.slug: (topic.description, topic.description_kk, topic.description_ru, topic.description_en)
        for topic in Topic.objects.order_by("slug")
    }
    assert created == 1
    assert stored == {
        "radio": ("TV channels.", "Телеарналар.", "Телеканалы.", "TV channels."),
        "tv": ("", "Телеарналар.", "Наш текст.", "TV channels."),
    }

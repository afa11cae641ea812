"""The language switcher (proceedings/site/context_processors.py): this page in every language."""

from __future__ import annotations

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def switcher(response) -> list[tuple[str, str, bool]]:
    return [(link.code, link.url, link.current) for link in response.context["language_links"]]


def test_language_links_of_an_article_keep_its_address_and_query(client):
    ArticleFactory(slug="media-ethics")

    response = client.get("/ru/articles/media-ethics/?cite=apa")

    assert switcher(response) == [
        ("kk", "/kk/articles/media-ethics/?cite=apa", False),
        ("ru", "/ru/articles/media-ethics/?cite=apa", True),
        ("en", "/en/articles/media-ethics/?cite=apa", False),
    ]


def test_language_links_of_a_list_page(client):
    response = client.get("/en/topics/?page=1")

    assert switcher(response) == [
        ("kk", "/kk/topics/?page=1", False),
        ("ru", "/ru/topics/?page=1", False),
        ("en", "/en/topics/?page=1", True),
    ]


def test_language_links_of_a_missing_page_stay_on_its_address(client):
    response = client.get("/kk/no-such-page/")

    assert response.status_code == 404
    assert [url for _code, url, _current in switcher(response)] == ["/kk/no-such-page/"] * 3


def test_site_urls_are_the_pages_in_the_interface_language(client):
    ru = client.get("/ru/topics/").context["site_urls"]
    en = client.get("/en/topics/").context["site_urls"]

    assert (ru["home"], ru["volume_list"], ru["topic_list"]) == ("/ru/", "/ru/proceedings/", "/ru/topics/")
    assert (en["home"], en["search"], en["author_index"]) == ("/en/", "/en/search/", "/en/authors/")

"""Query-string values that cannot name anything answer 400 with the reason, in the page's
language (JSON for the API and the JSON twins); values that name nothing answer 404; never 500."""

import json

import pytest
from django.test import RequestFactory
from django.utils import translation

from proceedings.site.views import server_error
from tests.factories import staff_user
from tests.http import error_reason

pytestmark = pytest.mark.django_db

SLUG_REASON = {
    "en": "“{name}” must be an address name (letters, digits, hyphens).",
    "ru": "«{name}» должно быть именем адреса (буквы, цифры, дефисы).",
}


@pytest.mark.parametrize("name", ["volume", "topic"])
@pytest.mark.parametrize("value", ["\x00", "a b", "x\x00y", "<script>"])
def test_search_filter_that_cannot_be_a_slug_is_a_400(client, seed_archive, name, value):
    page = client.get("/en/search/", {"q": "медиа", name: value})
    api = client.get("/api/search", {"q": "медиа", name: value}, HTTP_ACCEPT_LANGUAGE="en")
    twin = client.get("/en/search/", {"q": "медиа", name: value, "format": "json"})

    reason = SLUG_REASON["en"].format(name=name)
    assert error_reason(page) == error_reason(api) == error_reason(twin) == (400, reason)
    assert api["Content-Type"] == twin["Content-Type"] == "application/json"
    assert "<script>" not in page.content.decode()


def test_the_reason_is_in_the_language_of_the_page(client, seed_archive):
    response = client.get("/ru/search/", {"q": "медиа", "volume": "\x00"})

    assert error_reason(response) == (400, SLUG_REASON["ru"].format(name="volume"))
    assert '<html lang="ru">' in response.content.decode()


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({"volume": "\x00"}, SLUG_REASON["en"].format(name="volume")),
        ({"author": "\x00"}, SLUG_REASON["en"].format(name="author")),
        ({"article": ["ok-slug", "\x00"]}, SLUG_REASON["en"].format(name="article")),
        ({"q": "медиа", "topic": "\x00"}, SLUG_REASON["en"].format(name="topic")),
        ({"q": "медиа", "year": "\x00"}, "A year is four digits."),
        ({"q": "медиа", "language": "\x00"}, "Unknown language: use kk, ru or en."),
    ],
)
def test_export_with_an_unreadable_scope_is_a_400(client, seed_archive, params, reason):
    assert error_reason(client.get("/en/cite/bibtex/", params)) == (400, reason)


def test_export_of_more_named_articles_than_allowed_is_a_400(client, seed_archive):
    response = client.get("/en/cite/ris/", {"article": ["a"] * 501})

    assert error_reason(response) == (400, "At most 500 values of “article” at a time.")


def test_more_fields_than_django_reads_is_a_400(client, seed_archive):
    response = client.get("/en/cite/ris/", {"article": ["a"] * 1001, "format": "json"})

    assert error_reason(response) == (400, "The request could not be read.")


@pytest.mark.parametrize("url", ["/en/search/?q=медиа", "/en/proceedings/", "/en/authors/", "/en/topics/"])
def test_unknown_format_is_a_400(client, seed_archive, url):
    response = client.get(url, {"format": "xml"})

    assert error_reason(response) == (400, "Unknown format: use format=json, or leave it out for the page.")


def test_api_answers_a_missing_page_in_json(client, seed_archive):
    response = client.get("/api/search", {"q": "медиа", "page": "999"}, HTTP_ACCEPT_LANGUAGE="en")

    assert (response.status_code, response["Content-Type"]) == (404, "application/json")
    assert response.json() == {"error": "There is nothing at this address.", "status": 404}


def test_api_answers_in_the_language_the_client_asks_for(client, seed_archive):
    english = client.get("/api/search", {"q": "медиа", "page": "\x00"}, HTTP_ACCEPT_LANGUAGE="en")
    russian = client.get("/api/search", {"q": "медиа", "page": "\x00"}, HTTP_ACCEPT_LANGUAGE="ru")

    assert error_reason(english) == (400, "A page number is a whole number, like 2.")
    assert error_reason(russian) == (400, "Номер страницы — целое число, например 2.")


def test_api_errors_are_json_in_debug_mode_too(client, seed_archive, settings):
    settings.DEBUG = True

    missing = client.get("/api/search", {"q": "медиа", "page": "999"}, HTTP_ACCEPT_LANGUAGE="en")
    bad = client.get("/en/search/", {"q": "медиа", "volume": "\x00"})

    assert (missing.status_code, missing["Content-Type"]) == (404, "application/json")
    assert error_reason(bad) == (400, "“volume” must be an address name (letters, digits, hyphens).")


def test_api_server_error_is_json():
    with translation.override("en"):
        response = server_error(RequestFactory().get("/api/search", {"q": "x"}))

    assert (response.status_code, response["Content-Type"]) == (500, "application/json")
    assert json.loads(response.content) == {"error": "Something went wrong", "status": 500}


def test_admin_login_with_a_foreign_next_lands_on_the_admin(client):
    user = staff_user("editor", editor=True)

    response = client.post(
        "/admin/login/?next=https://evil.example/",
        {"username": user.username, "password": "not-used", "next": "https://evil.example/"},
    )

    assert (response.status_code, response["Location"]) == (302, "/admin/")

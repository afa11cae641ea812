"""The page cache (proceedings/site/page_cache.py): cached pages are served with one query, an
editor's change shows on the very next request, and no reader ever gets another's list or token.

These tests commit (transactional_db): the content token changes when a change commits, as in
production. The invalidation tests run against the in-process cache and, when it answers, against
Redis on 127.0.0.1:6379 (as CI runs them).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from articles.models import Article
from authors.services import person_merge
from proceedings.editorial.publishing import proceedings_publish
from proceedings.editorial.repeats import article_repeat_confirm
from proceedings.models import ProceedingsStatus
from proceedings.site.database import cache_config, connection_url, page_cache_config
from proceedings.site.page_cache import page_cache_invalidate, page_key
from tests.articles.helpers import stored_counts_refresh
from tests.factories import ArticleFactory, AuthorshipFactory, PersonFactory, ProceedingsFactory, TopicFactory

pytestmark = pytest.mark.django_db(transaction=True)

REDIS_URL = "redis://127.0.0.1:6379/0"
MANAGE = Path(__file__).resolve().parents[3] / "manage.py"
BADGE = re.compile(r'class="site-nav__citations"[^>]*>[^<]*(?:<span class="count-badge">(\d+)</span>)?</a>')
TOGGLE = re.compile(
    r'<form class="citation-toggle" method="post" action="([^"]+)"[^>]*>\s*'
    r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)">'
    r'<input type="hidden" name="article" value="([^"]+)">'
)


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as probe:
            probe.sendall(b"PING\r\n")
            return probe.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture(params=["memory", "redis"])
def page_cache_backend(request, settings):
    """The pages cache in this process's memory, or in Redis under a prefix of its own (never
    cleared: clearing would flush the whole Redis database, other users' keys included)."""
    if request.param == "redis":
        if not redis_answers():
            pytest.skip("no Redis answers on 127.0.0.1:6379 (CI runs this variant against one)")
        config = page_cache_config({"REDIS_URL": REDIS_URL})
        settings.CACHES = {
            "default": cache_config({}),
            "pages": {**config, "KEY_PREFIX": f"jinaq-test-{uuid.uuid4().hex}", "TIMEOUT": 60},
        }
        assert type(caches["pages"]).__name__ == "RedisCache"
    return request.param


@pytest.fixture
def archive(db):
    """A published volume: two articles by one person, in one topic; a second person with one."""
    volume = ProceedingsFactory(slug="media-2025", title_kk="Медиа 2025", title_en="Media 2025")
    topic = TopicFactory(slug="digital-media", name_kk="Цифрлық медиа", name_en="Digital media")
    first = ArticleFactory(proceedings=volume, slug="first", title_display="Бірінші мақала", position=1)
    second = ArticleFactory(proceedings=volume, slug="second", title_display="Екінші мақала", position=2)
    for article in (first, second):
        article.topics.add(topic)
    author = PersonFactory(slug="uzbekova", display_name="Өзбекова Гүлнар")
    twin = PersonFactory(slug="uzbekova-gs", display_name="Узбекова Г.С.")
    AuthorshipFactory(article=first, person=author)
    AuthorshipFactory(article=second, person=twin)
    stored_counts_refresh()
    page_cache_invalidate()  # after a flush the token row may be new: make sure there is one
    return {
        "volume": volume,
        "topic": topic,
        "first": first,
        "second": second,
        "author": author,
        "twin": twin,
    }


def get(client: Client, url: str, **headers) -> tuple[str, int]:
    """The page's text and how many queries answering it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode(), len(queries)


def unmasked(page: str) -> str:
    """The page with its CSRF tokens blanked: Django masks the token anew for every answer."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken" value=""', page)


def stored_page(url: str):
    """What the pages cache holds for an anonymous reader's request of `url`, or None."""
    with translation.override(url.split("/")[1]):
        return caches["pages"].get(page_key(RequestFactory().get(url)))


PAGES = [
    "/kk/",
    "/kk/?format=json",
    "/ru/proceedings/",
    "/en/proceedings/media-2025/",
    "/en/proceedings/media-2025/?format=json",
    "/kk/articles/first/",
    "/kk/articles/first/?format=json",
    "/ru/topics/",
    "/en/topics/digital-media/",
    "/en/topics/digital-media/?format=json",
    "/kk/authors/",
    "/kk/authors/uzbekova/",
    "/kk/authors/uzbekova/?format=json",
]


@pytest.mark.parametrize("url", PAGES)
def test_a_second_request_is_answered_from_the_cache_with_one_query(archive, client, url):
    first, first_queries = get(client, url)
    second, second_queries = get(client, url)
    assert unmasked(second) == unmasked(first)
    # One query: the content token. Rendering takes more.
    assert (second_queries, first_queries > second_queries) == (1, True)


def test_the_cached_page_holds_holes_not_a_readers_list_or_token(archive, client):
    client.post("/kk/citations/add/", {"article": "first", "next": "/kk/"})
    client.get("/en/proceedings/media-2025/")
    stored = stored_page("/en/proceedings/media-2025/").content.decode()
    assert "csrfmiddlewaretoken" not in stored
    assert "count-badge" not in stored
    assert re.findall(r"<!--jinaq-hole:([a-z-]+):([-\w]*)-->", stored) == [
        ("citation-badge", ""),
        ("citation-toggle", "first"),
        ("citation-toggle", "second"),
    ]


def test_two_readers_each_see_their_own_citation_list_from_one_cached_page(archive):
    librarian, student, newcomer = Client(), Client(), Client()
    librarian.post("/en/citations/add/", {"article": "first", "next": "/en/"})
    librarian.post("/en/citations/add/", {"article": "second", "next": "/en/"})
    student.post("/en/citations/add/", {"article": "second", "next": "/en/"})
    url = "/en/proceedings/media-2025/"
    pages = {name: get(reader, url) for name, reader in [("l", librarian), ("s", student), ("n", newcomer)]}
    again = {name: get(reader, url) for name, reader in [("l", librarian), ("s", student), ("n", newcomer)]}

    def seen(page: str) -> tuple:
        badge = BADGE.search(page).group(1)
        return badge, [(slug, action.rsplit("/", 2)[-2]) for action, _token, slug in TOGGLE.findall(page)]

    assert {name: seen(page) for name, (page, _) in again.items()} == {
        "l": ("2", [("first", "remove"), ("second", "remove")]),
        "s": ("1", [("first", "add"), ("second", "remove")]),
        "n": (None, [("first", "add"), ("second", "add")]),
    }
    assert {name: seen(page) for name, (page, _) in pages.items()} == {
        name: seen(page) for name, (page, _) in again.items()
    }
    # From the cache: the token, plus the session for the two readers who have one.
    assert {name: queries for name, (_, queries) in again.items()} == {"l": 2, "s": 2, "n": 1}


def test_each_reader_gets_a_working_csrf_token_of_their_own_from_a_cached_page(archive):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    url = "/kk/articles/first/"
    get(first, url)
    tokens = {}
    for name, reader in (("first", first), ("second", second)):
        page, queries = get(reader, url)
        assert queries == 1
        (token,) = {token for _action, token, _slug in TOGGLE.findall(page)}
        tokens[name] = token
        added = reader.post(
            "/kk/citations/add/", {"article": "first", "next": url, "csrfmiddlewaretoken": token}
        )
        assert added.status_code == 302
        page, _ = get(reader, url)
        assert BADGE.search(page).group(1) == "1"
    assert tokens["first"] != tokens["second"]


def test_a_title_that_spells_a_hole_is_shown_as_written(archive, client):
    """Content cannot forge a hole: HTML escapes it, and a JSON twin is never filled."""
    marker = "<!--jinaq-hole:citation-badge:--><!--jinaq-hole:unknown:x-->"
    Article.objects.filter(slug="first").update(title_display=marker)
    page_cache_invalidate()
    for _ in range(2):
        twin = client.get("/kk/articles/first/?format=json")
        page, _queries = get(client, "/kk/articles/first/")
        assert (twin.status_code, twin.json()["display_title"]) == (200, marker)
        assert "&lt;!--jinaq-hole:citation-badge:--&gt;" in page


def test_each_language_prefix_gets_its_own_page_whatever_the_browser_asks(archive, client):
    for code in ("kk", "ru", "en"):
        get(client, f"/{code}/")
    pages = {
        code: get(client, f"/{code}/", **{"Accept-Language": "ru", "Cookie": "django_language=en"})
        for code in ("kk", "ru", "en")
    }
    assert {code: re.search(r'<html lang="(\w+)">', page).group(1) for code, (page, _) in pages.items()} == {
        "kk": "kk",
        "ru": "ru",
        "en": "en",
    }
    current = {
        code: re.search(r'<a href="([^"]+)" lang="\w+" hreflang="\w+" aria-current="true">', page).group(1)
        for code, (page, _) in pages.items()
    }
    assert current == {"kk": "/kk/", "ru": "/ru/", "en": "/en/"}
    assert {code: queries for code, (_, queries) in pages.items()} == {"kk": 1, "ru": 1, "en": 1}


def test_a_cached_answer_keeps_the_headers_of_a_fresh_one(archive, client):
    fresh = client.get("/kk/articles/first/?format=json")
    cached = client.get("/kk/articles/first/?format=json")
    names = ["Content-Type", "Content-Language", "Vary", "Content-Security-Policy", "X-Frame-Options"]
    assert [cached.headers.get(name) for name in names] == [fresh.headers.get(name) for name in names]
    assert cached.json() == fresh.json()


def test_editors_are_never_served_or_stored_a_cached_page(archive, client):
    get(client, "/kk/articles/first/")
    # Written around every service and signal: the cached page is now stale on purpose.
    Article.objects.filter(slug="first").update(title_display="Түзетілген тақырып")
    editor = Client()
    editor.force_login(User.objects.create_superuser("editor", password="not-used"))
    seen = {
        "editor": get(editor, "/kk/articles/first/")[0],
        "reader": get(client, "/kk/articles/first/")[0],
    }
    assert {who: "Түзетілген тақырып" in page for who, page in seen.items()} == {
        "editor": True,
        "reader": False,
    }
    get(editor, "/kk/topics/")
    assert (stored_page("/kk/topics/"), stored_page("/kk/articles/first/") is not None) == (None, True)


def test_uncommitted_changes_are_shown_and_never_cached(archive, client):
    get(client, "/kk/articles/first/")
    with transaction.atomic():
        article = Article.objects.get(slug="first")
        article.title_display = "Әлі сақталмаған"
        article.save()
        assert "Әлі сақталмаған" in get(client, "/kk/articles/first/")[0]
        transaction.set_rollback(True)
    page, queries = get(client, "/kk/articles/first/")
    assert ("Әлі сақталмаған" in page, "Бірінші мақала" in page, queries) == (False, True, 1)


def test_a_services_uncommitted_change_is_never_cached_after_its_savepoint_is_released(archive, client):
    """The service's own atomic block is released (a savepoint) while the change is still uncommitted."""
    url = "/kk/proceedings/media-2025/"
    Article.objects.filter(slug="second").update(repeat_of=archive["first"])
    with transaction.atomic():
        article_repeat_confirm(
            article=Article.objects.get(slug="second"), user=User.objects.create_user("ed")
        )
        assert "Екінші мақала" not in get(client, url)[0]
        transaction.set_rollback(True)
    page, queries = get(client, url)
    assert ("Екінші мақала" in page, queries > 1) == (True, True)


# The editor's changes: each shows on the very next request of every cached page it touches.


def cache_pages(client: Client, urls: list[str]) -> None:
    for url in urls:
        get(client, url)
        assert get(client, url)[1] == 1, url  # served from the cache now


def test_publishing_shows_on_the_next_request(page_cache_backend, archive, client):
    draft = ProceedingsFactory(slug="draft-2026", title_en="Unseen volume", status=ProceedingsStatus.DRAFT)
    ArticleFactory(proceedings=draft, slug="unseen", title_display="Жаңа мақала")
    urls = ["/en/", "/en/?format=json", "/en/proceedings/"]
    cache_pages(client, urls)
    assert not any("Unseen volume" in get(client, url)[0] for url in urls)
    proceedings_publish(volume=draft, user=User.objects.create_user("editor"))
    assert [("Unseen volume" in get(client, url)[0]) for url in urls] == [True, True, True]


def test_an_editorial_decision_shows_on_the_next_request(page_cache_backend, archive, client):
    """Removing a suspected repeat (proceedings/editorial/repeats.py) takes it off the volume's
    contents, its topic and its author's page at once."""
    Article.objects.filter(slug="second").update(repeat_of=archive["first"])
    urls = [
        "/kk/proceedings/media-2025/",
        "/kk/proceedings/media-2025/?format=json",
        "/kk/topics/digital-media/",
    ]
    cache_pages(client, [*urls, "/kk/authors/uzbekova-gs/"])
    assert all("Екінші мақала" in get(client, url)[0] for url in urls)
    editor = User.objects.create_user("editor")
    article_repeat_confirm(article=Article.objects.get(slug="second"), user=editor)
    assert [("Екінші мақала" in get(client, url)[0]) for url in urls] == [False, False, False]
    # Its only author has no published article left: the page is gone, not served from the cache.
    assert client.get("/kk/authors/uzbekova-gs/").status_code == 404


def test_an_admin_save_shows_on_the_next_request(page_cache_backend, archive, client):
    urls = ["/en/topics/", "/en/topics/digital-media/", "/en/topics/digital-media/?format=json", "/en/"]
    cache_pages(client, urls)
    editor = Client()
    editor.force_login(User.objects.create_superuser("editor", password="not-used"))
    topic = archive["topic"]
    saved = editor.post(
        f"/admin/articles/topic/{topic.pk}/change/",
        {"slug": topic.slug, "name_kk": topic.name_kk, "name_ru": "", "name_en": "Digital journalism"}
        | {"description": "", "stems_kk": "", "stems_ru": "", "stems_en": "", "_save": "Save"},
    )
    assert saved.status_code == 302, saved.content.decode()[:2000]
    assert [("Digital journalism" in get(client, url)[0]) for url in urls] == [True, True, True, True]


def test_a_person_merge_shows_on_the_next_request(page_cache_backend, archive, client):
    urls = ["/kk/authors/uzbekova/", "/kk/authors/uzbekova/?format=json", "/kk/articles/second/"]
    cache_pages(client, urls)
    assert "Екінші мақала" not in get(client, urls[0])[0]
    person_merge(keep=archive["author"], remove=archive["twin"])
    pages = [get(client, url)[0] for url in urls]
    assert ["Екінші мақала" in page for page in pages[:2]] == [True, True]
    assert ('href="/kk/authors/uzbekova/"' in pages[2], 'href="/kk/authors/uzbekova-gs/"' in pages[2]) == (
        True,
        False,
    )


def test_a_save_from_the_shell_shows_on_the_next_request(page_cache_backend, archive, client):
    """A write that goes around the services (a model's save) is caught by the signals."""
    urls = ["/ru/articles/first/", "/ru/articles/first/?format=json", "/ru/proceedings/media-2025/"]
    cache_pages(client, urls)
    article = Article.objects.get(slug="first")
    article.title_display = "Исправленное название"
    article.save()
    assert [("Исправленное название" in get(client, url)[0]) for url in urls] == [True, True, True]


# Configuration: REDIS_URL, its older name, and the in-process default.


def test_page_cache_config_without_redis_keeps_pages_in_this_process():
    config = page_cache_config({})
    assert (config["BACKEND"], config["LOCATION"], config["OPTIONS"]["MAX_ENTRIES"]) == (
        "django.core.cache.backends.locmem.LocMemCache",
        "jinaq-pages",
        2000,
    )
    assert cache_config({})["LOCATION"] != config["LOCATION"]  # the throttle's counts apart


@pytest.mark.parametrize("variable", ["REDIS_URL", "JINAQ_CACHE_URL"])
def test_redis_url_or_its_older_name_puts_both_caches_in_redis(variable):
    environ = {variable: "redis://cache.example:6379/1"}
    configs = [cache_config(environ), page_cache_config(environ)]
    assert [(config["BACKEND"], config["LOCATION"], config.get("KEY_PREFIX", "")) for config in configs] == [
        ("django.core.cache.backends.redis.RedisCache", "redis://cache.example:6379/1", ""),
        ("django.core.cache.backends.redis.RedisCache", "redis://cache.example:6379/1", "jinaq-pages"),
    ]


def test_redis_url_wins_over_its_older_name():
    environ = {"REDIS_URL": "redis://new:6379/0", "JINAQ_CACHE_URL": "redis://old:6379/0"}
    assert page_cache_config(environ)["LOCATION"] == "redis://new:6379/0"


def test_a_cache_url_that_is_not_redis_is_refused():
    with pytest.raises(ValueError, match="REDIS_URL must be a redis:// address"):
        page_cache_config({"REDIS_URL": "memcached://cache.example:11211"})


def test_page_caching_switched_off_renders_every_request(archive, client, settings):
    settings.JINAQ_PAGE_CACHE = False
    queries = [get(client, "/kk/")[1] for _ in range(2)]
    assert queries[0] == queries[1] > 1


def test_a_change_made_by_another_process_shows_on_the_next_request(archive, client):
    """The import worker, another gunicorn worker, the shell: each has a page cache of its own in
    memory, and the content token in the database tells this one that its pages are stale."""
    urls = ["/kk/articles/first/", "/kk/"]
    cache_pages(client, urls)
    environment = {
        "PATH": os.environ["PATH"],
        "JINAQ_NO_BOOTSTRAP": "1",
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": connection_url(connection),
    }
    code = (
        "from proceedings.editorial.publishing import proceedings_unpublish;"
        "from proceedings.models import Proceedings;"
        "from django.contrib.auth.models import User;"
        "proceedings_unpublish(volume=Proceedings.objects.get(slug='media-2025'),"
        " user=User.objects.create_user('worker'))"
    )
    done = subprocess.run(
        [sys.executable, str(MANAGE), "shell", "-c", code],
        env=environment,
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert client.get(urls[0]).status_code == 404
    assert "Медиа 2025" not in get(client, urls[1])[0]

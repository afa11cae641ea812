"""Anonymous searches and exports are capped per client, with a 429 that says when to retry."""

import pytest
from django.core.cache import cache

from tests.factories import staff_user
from tests.http import error_reason

pytestmark = pytest.mark.django_db


@pytest.fixture
def caps(settings):
    settings.RATELIMIT_ENABLE = True
    settings.JINAQ_SEARCH_RATE = "3/m"
    settings.JINAQ_EXPORT_RATE = "2/m"
    cache.clear()
    yield
    cache.clear()


def statuses(client, url, params, times, **extra):
    return [client.get(url, params, **extra).status_code for _ in range(times)]


def test_search_over_the_cap_is_a_429_with_retry_after(client, caps):
    answers = statuses(client, "/en/search/", {"q": "медиа"}, 3)
    refused = client.get("/api/search", {"q": "медиа"}, HTTP_ACCEPT_LANGUAGE="en")  # one count for both

    retry = int(refused["Retry-After"])
    assert answers == [200, 200, 200]
    assert 1 <= retry <= 60
    assert refused.json() == {
        "error": f"Too many requests from your address. Please try again in {retry} seconds."
        if retry != 1
        else "Too many requests from your address. Please try again in 1 second.",
        "status": 429,
    }


def test_the_429_page_speaks_the_language_of_the_page(client, caps):
    statuses(client, "/ru/search/", {"q": "медиа"}, 3)

    status, reason = error_reason(client.get("/ru/search/", {"q": "медиа"}))

    assert status == 429
    assert reason.startswith("Слишком много запросов с вашего адреса.")


def test_exports_have_their_own_cap(client, caps, seed_archive):
    volume = {"volume": "journalism-masters-2025"}

    assert statuses(client, "/en/cite/ris/", volume, 3) == [200, 200, 429]
    assert client.get("/en/search/", {"q": "медиа"}).status_code == 200


def test_each_client_is_counted_on_its_own(client, caps):
    first = statuses(client, "/api/search", {"q": "x"}, 4, REMOTE_ADDR="10.0.0.1")
    second = statuses(client, "/api/search", {"q": "x"}, 1, REMOTE_ADDR="10.0.0.2")

    assert (first, second) == ([200, 200, 200, 429], [200])


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(client, caps, settings):
    settings.JINAQ_TRUSTED_PROXIES = 1
    proxy = {"REMOTE_ADDR": "127.0.0.1"}

    spoofing = statuses(
        client, "/api/search", {"q": "x"}, 4, HTTP_X_FORWARDED_FOR="1.1.1.1, 10.0.0.1", **proxy
    )
    other = statuses(client, "/api/search", {"q": "x"}, 1, HTTP_X_FORWARDED_FOR="10.0.0.2", **proxy)

    assert (spoofing, other) == ([200, 200, 200, 429], [200])


def test_signed_in_editors_are_not_capped(client, caps):
    client.force_login(staff_user("editor", editor=True))

    assert statuses(client, "/api/search", {"q": "x"}, 5) == [200] * 5


def test_one_ipv6_network_is_one_client(client, caps):
    first = statuses(client, "/api/search", {"q": "x"}, 3, REMOTE_ADDR="2001:db8:1:2::1")
    same_64 = statuses(client, "/api/search", {"q": "x"}, 1, REMOTE_ADDR="2001:db8:1:2:ffff::9")
    other_64 = statuses(client, "/api/search", {"q": "x"}, 1, REMOTE_ADDR="2001:db8:1:3::1")

    assert (first, same_64, other_64) == ([200, 200, 200], [429], [200])


@pytest.mark.parametrize("forwarded", ["", "not-an-address", "1.1.1.1, , junk"])
def test_a_garbled_forwarded_header_is_still_counted_never_an_error(client, caps, settings, forwarded):
    settings.JINAQ_TRUSTED_PROXIES = 1

    answers = statuses(client, "/api/search", {"q": "x"}, 4, HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="")

    assert answers == [200, 200, 200, 429]

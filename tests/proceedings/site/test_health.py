"""/healthz — database, the task worker's heartbeat, free disk for media — and the translated 503
a database outage answers (the outage itself: tests/proceedings/site/test_outage.py)."""

from __future__ import annotations

import json

import pytest
from django.http import HttpRequest
from django.utils import translation

from articles.usage import usage_flush
from proceedings.site.views import service_unavailable
from proceedings.site.worker import Heartbeat

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"


@pytest.fixture
def heartbeat(settings, tmp_path):
    settings.JINAQ_WORKER_HEARTBEAT = tmp_path / "worker-heartbeat.json"
    return Heartbeat(settings.JINAQ_WORKER_HEARTBEAT, worker_id="test-worker")


def checks_of(response) -> dict[str, bool]:
    return {name: check["ok"] for name, check in response.json()["checks"].items()}


def test_healthz_answers_200_with_each_check_when_the_site_can_work(client, heartbeat):
    heartbeat.beat("idle")

    response = client.get("/healthz")

    body = response.json()
    assert (response.status_code, body["status"], checks_of(response)) == (
        200,
        "ok",
        {"database": True, "worker": True, "disk": True},
    )
    assert (body["checks"]["worker"]["state"], body["checks"]["disk"]["min_free_mb"]) == ("idle", 500)
    assert "no-store" in response["Cache-Control"]


def test_healthz_answers_503_when_the_worker_heartbeat_is_stale(client, heartbeat, settings):
    heartbeat.beat("running a task")
    record = json.loads(settings.JINAQ_WORKER_HEARTBEAT.read_text())
    record["at"] -= 61
    settings.JINAQ_WORKER_HEARTBEAT.write_text(json.dumps(record))

    response = client.get("/healthz")

    assert (response.status_code, response.json()["status"], checks_of(response)) == (
        503,
        "failing",
        {"database": True, "worker": False, "disk": True},
    )
    assert response.json()["checks"]["worker"]["error"] == "the last heartbeat is older than 60 s"


def test_healthz_answers_503_when_no_worker_ever_ran(client, heartbeat):
    response = client.get("/healthz")

    assert (response.status_code, response.json()["checks"]["worker"]) == (
        503,
        {"ok": False, "error": "no heartbeat: the task worker has not run here"},
    )


def test_healthz_answers_503_when_the_media_disk_is_short_of_space(client, heartbeat, settings):
    heartbeat.beat("idle")
    settings.JINAQ_HEALTH_MIN_FREE_MEDIA_MB = 10**9  # a petabyte

    response = client.get("/healthz")

    assert (response.status_code, checks_of(response)) == (
        503,
        {"database": True, "worker": True, "disk": False},
    )
    assert response.json()["checks"]["disk"]["error"] == "less than 1000000000 MB free for uploaded files"


def test_healthz_is_not_redirected_to_https_where_every_page_is(client, heartbeat, settings):
    """A proxy or monitor probes it over plain HTTP on the machine itself."""
    heartbeat.beat("idle")
    settings.SECURE_SSL_REDIRECT = True

    page, health = client.get("/kk/"), client.get("/healthz")

    assert (page.status_code, health.status_code) == (301, 200)


def test_healthz_is_neither_rate_limited_nor_counted(client, heartbeat, settings):
    heartbeat.beat("idle")
    settings.RATELIMIT_ENABLE = True
    settings.JINAQ_SEARCH_RATE = settings.JINAQ_EXPORT_RATE = "2/m"

    statuses = {client.get("/healthz", HTTP_USER_AGENT=BROWSER).status_code for _ in range(20)}

    assert (statuses, usage_flush()) == ({200}, 0)


def test_robots_txt_keeps_crawlers_off_healthz(client):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Disallow: /healthz" in lines


@pytest.mark.parametrize(
    ("language", "heading", "message"),
    [
        ("kk", "Мұрағат уақытша қолжетімсіз", "Мұрағаттың дерекқоры қазір жауап бермей тұр."),
        ("ru", "Архив временно недоступен", "База данных архива сейчас не отвечает."),
        ("en", "The archive is briefly unavailable", "database does not answer at the moment."),
    ],
)
def test_outage_page_is_short_translated_and_asks_to_retry_later(language, heading, message):
    request = HttpRequest()
    request.path = f"/{language}/volumes/"
    with translation.override(language):
        response = service_unavailable(request)
    html = response.content.decode()
    assert (response.status_code, response["Retry-After"], response["Cache-Control"]) == (
        503,
        "30",
        "no-store",
    )
    assert (f'<html lang="{language}">' in html, f"<h1>{heading}</h1>" in html, message in html) == (
        True,
    ) * 3
    assert f'href="/{language}/volumes/"' in html  # "try again": the same address


def test_outage_answer_of_the_api_is_json():
    request = HttpRequest()
    request.path = "/api/search"
    with translation.override("ru"):
        response = service_unavailable(request)
    assert (response.status_code, response["Content-Type"], response["Retry-After"]) == (
        503,
        "application/json",
        "30",
    )
    assert json.loads(response.content) == {
        "error": "База данных архива сейчас не отвечает. Пожалуйста, повторите попытку чуть позже.",
        "status": 503,
    }

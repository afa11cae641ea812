"""DATABASE_REPLICA_URLS and the router's rules, without a database; tests/test_replicas_standby.py
runs the same rules against real hot standbys."""

from __future__ import annotations

import threading
import time

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.db import router
from django.http import HttpResponse
from django.test import RequestFactory
from django_tasks_db.models import DBTaskResult

from articles.models import Article
from proceedings.site.database import replica_database_configs
from proceedings.site.routers import (
    PRIMARY_READS_COOKIE,
    PrimaryReplicaRouter,
    ReplicaReadsMiddleware,
    replica_next,
    request_reads,
    request_reads_primary,
)

REPLICAS = ["replica_1", "replica_2"]


@pytest.fixture
def replicas(settings):
    settings.JINAQ_READ_REPLICAS = REPLICAS
    return REPLICAS


def test_replica_urls_become_numbered_postgresql_aliases():
    configs = replica_database_configs(
        {"DATABASE_REPLICA_URLS": " postgres://reader:s3cret@db-2:5433/jinaq, ,postgresql://db-3/jinaq,"}
    )

    assert {alias: (config["HOST"], config["PORT"], config["NAME"]) for alias, config in configs.items()} == {
        "replica_1": ("db-2", 5433, "jinaq"),
        "replica_2": ("db-3", "", "jinaq"),
    }
    assert {config["CONN_MAX_AGE"] for config in configs.values()} == {60}
    assert [config["OPTIONS"]["connect_timeout"] for config in configs.values()] == [3, 3]


def test_a_replica_url_may_set_its_own_connect_timeout():
    (config,) = replica_database_configs(
        {"DATABASE_REPLICA_URLS": "postgres://db-2/jinaq?connect_timeout=10"}
    ).values()

    assert config["OPTIONS"]["connect_timeout"] == 10


def test_no_replica_urls_no_replicas():
    assert (replica_database_configs({}), replica_database_configs({"DATABASE_REPLICA_URLS": " , "})) == (
        {},
        {},
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "postgres://db-2/jinaq, mysql://reader:s3cret@db-3/jinaq",
            "DATABASE_REPLICA_URLS item 2 (mysql://reader:***@db-3/jinaq) must point at PostgreSQL, "
            "not 'django.db.backends.mysql'",
        ),
        ("db-2:5432", "DATABASE_REPLICA_URLS item 1 (db-2:5432) is not a database URL: "),
        (
            "postgres://reader:s3cret@db-2:port/jinaq",
            "DATABASE_REPLICA_URLS item 1 (postgres://reader:***@db-2:port/jinaq) is not a database URL",
        ),
    ],
)
def test_a_bad_replica_url_stops_start_up_naming_it_without_its_password(value, message):
    with pytest.raises(ImproperlyConfigured) as refused:
        replica_database_configs({"DATABASE_REPLICA_URLS": value})

    assert str(refused.value).startswith(message)
    assert "s3cret" not in str(refused.value)


def test_without_replicas_the_router_has_no_opinion():
    routes = PrimaryReplicaRouter()
    article = Article()

    with request_reads("replica_1"):
        chosen = (
            routes.db_for_read(Article),
            routes.db_for_write(Article, instance=article),
            routes.allow_relation(article, Article()),
            routes.allow_migrate("default", "articles"),
        )

    assert chosen == (None, None, None, None)


def test_a_readers_request_reads_its_replica_and_everything_else_the_primary(replicas):
    outside = router.db_for_read(Article)
    with request_reads("replica_2"):
        public = router.db_for_read(Article)
        always_primary = [router.db_for_read(model) for model in (User, Session, DBTaskResult)]
    with request_reads(None):  # an editor's, or one that may write
        editors = router.db_for_read(Article)

    assert (outside, public, always_primary, editors) == ("default", "replica_2", ["default"] * 3, "default")


def test_objects_read_from_a_replica_are_written_and_related_on_the_primary(replicas):
    from_replica, from_primary = Article(), Article()
    from_replica._state.db, from_primary._state.db = "replica_1", "default"

    assert router.db_for_write(Article, instance=from_replica) == "default"
    assert router.allow_relation(from_replica, from_primary) is True
    # Outside a request, related reads of an object that came from a replica go to the primary too.
    assert router.db_for_read(Article, instance=from_replica) == "default"


def test_migrations_never_run_on_a_replica(replicas):
    routes = PrimaryReplicaRouter()

    assert [routes.allow_migrate(alias, "articles") for alias in ["default", *REPLICAS]] == [
        None,
        False,
        False,
    ]


def middleware_run(request) -> tuple[HttpResponse, list[str]]:
    """Run `request` through ReplicaReadsMiddleware; returns the response and where the view read.
    (Requests that would read a replica are in tests/test_replicas_standby.py: it connects first.)"""
    reads = []

    def recording_view(request):
        reads.append(router.db_for_read(Article))
        return HttpResponse("ok")

    request.user = getattr(request, "user", AnonymousUser())
    return ReplicaReadsMiddleware(recording_view)(request), reads


def test_replicas_are_taken_in_turn():
    chosen = [replica_next(REPLICAS) for _ in range(4)]

    assert chosen in (REPLICAS * 2, list(reversed(REPLICAS)) * 2)


def test_a_form_sent_reads_the_primary_and_marks_the_browser_for_a_few_seconds(replicas, settings):
    settings.JINAQ_READ_PRIMARY_AFTER_WRITE_SECONDS = 7
    factory = RequestFactory()

    response, reads = middleware_run(factory.post("/kk/citations/add/"))
    cookie = response.cookies[PRIMARY_READS_COOKIE]

    assert reads == ["default"]
    assert (cookie["max-age"], cookie["httponly"], cookie["samesite"]) == (7, True, "Lax")
    assert int(cookie.value) - time.time() == pytest.approx(7, abs=2)


@pytest.mark.parametrize(
    ("method", "cookie", "reads_primary"),
    [
        ("GET", None, False),  # a reader
        ("HEAD", None, False),
        ("POST", None, True),
        ("GET", lambda: str(int(time.time()) + 5), True),  # wrote a moment ago
        ("GET", lambda: str(int(time.time()) - 1), False),  # long enough ago
        ("GET", lambda: "not-a-time", False),
    ],
)
def test_who_reads_the_primary(method, cookie, reads_primary):
    request = RequestFactory().generic(method, "/kk/")
    request.user = AnonymousUser()
    if cookie is not None:
        request.COOKIES[PRIMARY_READS_COOKIE] = cookie()

    assert request_reads_primary(request) is reads_primary


def test_signed_in_users_read_the_primary():
    request = RequestFactory().get("/kk/articles/some-article/")
    request.user = User(username="chief", is_staff=True)

    assert request_reads_primary(request) is True


def test_a_request_that_writes_reads_its_own_writes_from_then_on(replicas):
    with request_reads("replica_1") as reads:
        before = router.db_for_read(Article)
        router.db_for_write(Article)  # as Model.save() and QuerySet.update() ask
        after = router.db_for_read(Article)

    assert (before, reads.wrote, after) == ("replica_1", True, "default")


def test_without_replicas_the_middleware_changes_nothing():
    response, reads = middleware_run(RequestFactory().post("/kk/citations/add/"))

    assert (reads, PRIMARY_READS_COOKIE in response.cookies) == (["default"], False)


def test_each_thread_reads_where_its_own_request_does(replicas):
    # Two requests served at once by two threads: neither sees the other's choice.
    both_inside = threading.Barrier(2)
    seen = {}

    def serve(replica: str) -> None:
        with request_reads(replica):
            both_inside.wait(timeout=10)
            seen[replica] = router.db_for_read(Article)
            both_inside.wait(timeout=10)

    threads = [threading.Thread(target=serve, args=(replica,)) for replica in REPLICAS]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert seen == {"replica_1": "replica_1", "replica_2": "replica_2"}
    assert router.db_for_read(Article) == "default"

"""Read replicas against real hot standbys: a primary and two streaming standbys made by
`pg_basebackup -R` from the embedded server's own binaries (proceedings/site/embedded_postgres/
replication.py), whatever server the rest of the suite runs on. No mock: a standby refuses writes
and shows only what it has replayed, so pausing its replay shows where every read came from.

Django's connections point at the pair for this module (the schema migrated on the primary,
replayed by the standbys) and back at the test database afterwards. The tests commit: a standby
only ever sees committed rows.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import dj_database_url
import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import DatabaseError, connections, router
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from articles.search.index import article_search_refresh
from proceedings.models import Proceedings, ProceedingsStatus
from proceedings.site.embedded_postgres.replication import ReplicatedCluster, replicated_cluster
from proceedings.site.routers import PRIMARY_READS_COOKIE, ReplicaReadsMiddleware, request_reads
from tests.admin_forms import article_change_data
from tests.factories import ArticleFactory
from tests.proceedings.upload_samples import VOLUME_FIELDS, proceedings_text, upload
from tests.task_worker import run_worker

REPLICAS = ["replica_1", "replica_2"]
ALIASES = ["default", "progress", *REPLICAS]


@contextmanager
def connections_to(configs: dict[str, dict]) -> Iterator[None]:
    """Point Django's connections for these aliases at other servers for the block.

    The content-type cache is keyed by alias, not by server, so it is emptied on the way in and out.
    """
    configured = connections.configure_settings(copy.deepcopy(configs))
    saved = {
        alias: (connections.settings.get(alias), connections[alias])
        for alias in configs
        if alias in connections.settings
    }
    ContentType.objects.clear_cache()
    for alias in configs:
        connections.settings[alias] = configured[alias]
        connections[alias] = connections.create_connection(alias)
    try:
        yield
    finally:
        for alias in configs:
            connections[alias].close()
            if alias in saved:
                connections.settings[alias], connections[alias] = saved[alias]
            else:
                del connections.settings[alias]
                del connections[alias]
        ContentType.objects.clear_cache()


@pytest.fixture(scope="module")
def cluster(django_db_blocker) -> Iterator[ReplicatedCluster]:
    with ExitStack() as stack:
        cluster = stack.enter_context(replicated_cluster(database="jinaq", standbys=len(REPLICAS)))
        primary = dj_database_url.parse(cluster.primary.url("jinaq"))
        databases = {"default": primary, "progress": dict(primary)}
        for alias, standby in zip(REPLICAS, cluster.standbys, strict=True):
            databases[alias] = dj_database_url.parse(standby.url("jinaq"))
        stack.enter_context(django_db_blocker.unblock())
        stack.enter_context(connections_to(databases))
        stack.enter_context(
            override_settings(
                JINAQ_READ_REPLICAS=REPLICAS,
                # Whole pages from a cache would answer without reading any database.
                CACHES={
                    alias: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
                    for alias in settings.CACHES
                },
            )
        )
        call_command("migrate", verbosity=0)
        cluster.replay_wait()
        yield cluster


@contextmanager
def queries_seen(aliases: list[str] = ALIASES) -> Iterator[dict[str, list[str]]]:
    """The SQL each alias ran during the block, as {alias: [sql, ...]}. (Watching connects: leave
    out a server that is down.)"""
    with ExitStack() as stack:
        captured = {
            alias: stack.enter_context(CaptureQueriesContext(connections[alias])) for alias in aliases
        }
        seen: dict[str, list[str]] = {}
        yield seen
    seen.update(
        {alias: [query["sql"] for query in context.captured_queries] for alias, context in captured.items()}
    )


def aliases_used(seen: dict[str, list[str]]) -> list[str]:
    return [alias for alias in ALIASES if seen.get(alias)]


@contextmanager
def replay_paused(cluster: ReplicatedCluster) -> Iterator[None]:
    """The standbys stop applying the primary's WAL (they keep receiving it) until the block ends:
    a lag as long as the test needs, with nothing timed."""
    for standby in cluster.standbys:
        standby.query("SELECT pg_wal_replay_pause()")
    try:
        for standby in cluster.standbys:
            deadline = time.monotonic() + 30
            while standby.query("SELECT pg_get_wal_replay_pause_state()") != [("paused",)]:
                assert time.monotonic() < deadline, "the standby did not pause its replay"
                time.sleep(0.005)
        yield
    finally:
        for standby in cluster.standbys:
            standby.query("SELECT pg_wal_replay_resume()")
        cluster.replay_wait()


def title_read(client: Client, slug: str) -> str | int:
    """The article's title as the JSON twin gives it, or the status code if it is not found."""
    response = client.get(reverse("article_detail", args=[slug]), {"format": "json"})
    return response.json()["title"] if response.status_code == 200 else response.status_code


def editor() -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    user = User.objects.filter(username="chief").first() or User.objects.create_superuser(
        "chief", password="x"
    )
    client.force_login(user)
    return client


def test_standbys_are_hot_standbys_that_refuse_writes(cluster):
    article = ArticleFactory(title="ТІКЕЛЕЙ ЖАЗУ")
    cluster.replay_wait()

    in_recovery = {}
    for alias in ALIASES:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT pg_is_in_recovery()")
            in_recovery[alias] = cursor.fetchone()[0]
    with pytest.raises(DatabaseError, match="read-only transaction"):
        Article.objects.using("replica_1").filter(pk=article.pk).update(title="ЖОҚ")

    assert in_recovery == {
        "default": False,
        "progress": False,
        "replica_1": True,
        "replica_2": True,
    }


def test_readers_pages_are_read_from_one_replica_per_request_in_turn(cluster):
    article = ArticleFactory(title="МЕДИА ЖӘНЕ ҚОҒАМ")
    article_search_refresh(article_ids=[article.pk])
    cluster.replay_wait()
    reader = Client()
    addresses = [
        reverse("article_detail", args=[article.slug]),
        reverse("article_detail", args=[article.slug]) + "?format=json",
        reverse("home"),
        reverse("volume_detail", args=[article.proceedings.slug]) + "?format=json",
        reverse("search") + "?q=медиа",
        "/api/search?q=медиа",
    ]

    statuses, used = [], []
    for address in addresses:
        with queries_seen() as seen:
            statuses.append(reader.get(address).status_code)
        used.append(aliases_used(seen))
    found = reader.get("/api/search", {"q": "медиа"}).json()["results"]

    assert statuses == [200] * len(addresses)
    # Every query of a page on one replica (the search's planner settings too), none on the primary.
    assert used in (
        [["replica_1"], ["replica_2"]] * (len(addresses) // 2),
        [["replica_2"], ["replica_1"]] * (len(addresses) // 2),
    )
    assert [hit["slug"] for hit in found] == [article.slug]


def test_a_row_written_on_the_primary_reaches_readers_once_replayed(cluster):
    reader = Client()
    with replay_paused(cluster):
        article = ArticleFactory(title="ЖАҢА МАҚАЛА")
        before_replay = title_read(reader, article.slug)
        on_primary = Article.objects.filter(slug=article.slug).exists()  # outside a request: the primary

    after_replay = title_read(reader, article.slug)

    assert (on_primary, before_replay) == (True, 404)
    assert after_replay == "ЖАҢА МАҚАЛА"


def test_an_editor_reads_their_save_from_the_primary_while_replicas_lag(cluster):
    article = ArticleFactory(title="ЕСКІ АТАУ")
    cluster.replay_wait()
    chief, reader, sender = editor(), Client(), Client()
    change = reverse("admin:articles_article_change", args=[article.pk])
    data = article_change_data(chief, article, title="ЖАҢА АТАУ")

    with replay_paused(cluster):
        saved = chief.post(change, data)
        with queries_seen() as editors_reads:
            editors_title = title_read(chief, article.slug)
        readers_title = title_read(reader, article.slug)
        # A reader who has just sent a form (here: a citation added to their list) reads the
        # primary for the next few seconds.
        sent = sender.post(reverse("citation_list_add"), {"article": article.slug})
        with queries_seen() as senders_reads:
            senders_title = title_read(sender, article.slug)
    readers_title_replayed = title_read(reader, article.slug)

    assert saved.status_code == 302
    assert (editors_title, aliases_used(editors_reads)) == ("ЖАҢА АТАУ", ["default"])
    assert readers_title == "ЕСКІ АТАУ"  # the replicas are behind: readers see the last replayed
    assert (sent.status_code, sent.cookies["jinaq_primary_reads"]["max-age"]) == (302, 10)
    assert (senders_title, aliases_used(senders_reads)) == ("ЖАҢА АТАУ", ["default"])
    assert readers_title_replayed == "ЖАҢА АТАУ"


def test_writes_in_a_readers_request_go_to_the_primary(cluster):
    article = ArticleFactory(title="ОҚЫЛҒАН")
    cluster.replay_wait()

    with request_reads("replica_2") as reads:
        read = Article.objects.get(pk=article.pk)
        read_from = read._state.db
        chosen_for_write = router.db_for_write(Article, instance=read)
        read.title = "ЖАЗЫЛҒАН"
        read.save(update_fields=["title"])
        next_read = router.db_for_read(Article)

    assert (read_from, chosen_for_write, read._state.db) == ("replica_2", "default", "default")
    assert (reads.wrote, next_read) == (True, "default")  # the rest of the request reads its writes
    assert Article.objects.using("default").get(pk=article.pk).title == "ЖАЗЫЛҒАН"


def test_an_upload_imports_through_the_progress_connection_and_readers_get_it_from_replicas(cluster):
    chief, reader = editor(), Client()
    uploaded = chief.post(
        reverse("admin:proceedings_proceedings_upload"),
        {**VOLUME_FIELDS, "source": upload("volume.txt", proceedings_text())},
    )
    volume = Proceedings.objects.get(slug=VOLUME_FIELDS["slug"])

    run_worker()  # outside any request: reads and writes the primary; progress through "progress"
    status = chief.get(reverse("admin:proceedings_proceedings_import_status", args=[volume.pk])).json()
    chief.post(reverse("admin:proceedings_proceedings_publish", args=[volume.pk]))
    cluster.replay_wait()
    with queries_seen() as seen:
        page = reader.get(reverse("volume_detail", args=[volume.slug]), {"format": "json"})

    assert uploaded.status_code == 302
    assert (status["status"], status["done"], status["total"]) == ("done", 2, 2)
    assert Proceedings.objects.get(pk=volume.pk).status == ProceedingsStatus.PUBLISHED
    assert [article["title"] for article in page.json()["articles"]] == [
        "ЖАСАНДЫ ИНТЕЛЛЕКТ ЖӘНЕ СПОРТ ЖУРНАЛИСТИКАСЫ",
        "МЕДИАГРАМОТНОСТЬ СТУДЕНТОВ В ЭПОХУ СОЦИАЛЬНЫХ СЕТЕЙ",
    ]
    assert len(aliases_used(seen)) == 1
    assert aliases_used(seen)[0] in REPLICAS


def test_a_readers_request_that_writes_reads_its_writes_and_marks_the_browser(cluster):
    article = ArticleFactory(title="САНАЛАДЫ")
    cluster.replay_wait()
    reads = []

    def view_that_writes(request):
        reads.append(Article.objects.get(pk=article.pk)._state.db)
        Article.objects.filter(pk=article.pk).update(title="САНАЛДЫ")
        reads.append(Article.objects.get(pk=article.pk).title)
        reads.append(router.db_for_read(Article))
        return HttpResponse("ok")

    request = RequestFactory().get("/kk/")
    request.user = AnonymousUser()
    response = ReplicaReadsMiddleware(view_that_writes)(request)

    assert reads[0] in REPLICAS
    assert reads[1:] == ["САНАЛДЫ", "default"]  # its own write, read back from the primary
    assert PRIMARY_READS_COOKIE in response.cookies


def test_a_replica_that_is_down_is_skipped_and_used_again_once_back(cluster, caplog):
    article = ArticleFactory(title="ТҰРАҚТЫ")
    cluster.replay_wait()
    reader = Client()
    first, second = cluster.standbys

    def reads_of(requests: int, *, up: list[str]) -> list[list[str]]:
        used = []
        for _ in range(requests):
            with queries_seen(["default", *up]) as seen:
                assert title_read(reader, article.slug) == "ТҰРАҚТЫ"
            used.append(aliases_used(seen))
        return used

    try:
        second.stop()
        connections["replica_2"].close()  # as a worker whose connection ended with its last request
        with caplog.at_level("WARNING", logger="proceedings.site.routers"):
            one_down = reads_of(4, up=["replica_1"])
        warnings_one_down = [record.getMessage().split(" (")[0] for record in caplog.records]
        first.stop()
        connections["replica_1"].close()
        both_down = reads_of(2, up=[])
    finally:
        for standby in cluster.standbys:
            if not (standby.pgdata / "postmaster.pid").exists():
                standby.start()
        cluster.replay_wait()
    with override_settings(JINAQ_REPLICA_RETRY_SECONDS=0):  # instead of waiting out the 30 s
        both_back = reads_of(2, up=REPLICAS)

    assert one_down == [["replica_1"]] * 4
    assert warnings_one_down == ["Replica replica_2 does not answer"]  # tried once, then left alone
    assert both_down == [["default"]] * 2
    assert sorted(both_back) == [["replica_1"], ["replica_2"]]


def test_cached_pages_change_when_the_readers_replica_has_replayed_the_change(cluster):
    # The page cache on: a page is kept under the content token read on the reader's replica, so
    # a reader gets the new page once their replica has the change — not before (the page would
    # be made from the replica's old rows), and not after (kept under a token that never returns).
    memory = {
        alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"replicas-{alias}"}
        for alias in settings.CACHES
    }
    reader = Client()
    with override_settings(CACHES=memory, JINAQ_PAGE_CACHE=True):
        article = ArticleFactory(title="КЭШТЕГІ АТАУ")
        cluster.replay_wait()
        first = title_read(reader, article.slug)
        with queries_seen() as seen:
            again = title_read(reader, article.slug)
        with replay_paused(cluster):
            article.title = "ЖАҢАРҒАН АТАУ"
            article.save()  # the services' invalidation, through the post_save safety net
            while_behind = title_read(reader, article.slug)
        replayed = title_read(reader, article.slug)

    assert (first, again, while_behind) == ("КЭШТЕГІ АТАУ",) * 3
    assert [len(seen[alias]) for alias in aliases_used(seen)] == [1]  # the token, on a replica
    assert aliases_used(seen)[0] in REPLICAS
    assert replayed == "ЖАҢАРҒАН АТАУ"

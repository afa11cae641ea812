"""Read replicas on this machine: replication lag, and what reading through the router costs.

    .venv/bin/python bench/replicas.py [--articles 10000] [--standbys 1] [--writes 200] [--rounds 5]

Builds a throwaway primary and hot standbys from the embedded server's binaries
(proceedings/site/embedded_postgres/replication.py), points DATABASE_URL and
DATABASE_REPLICA_URLS at them, migrates, builds a synthetic corpus on the primary (bench/corpus.py)
and measures:

1. how long after the corpus build's last commit the standbys had replayed it;
2. the lag of single small writes: an article's title updated and committed on the primary, then
   the time until the standby's replay LSN passes the primary's (`--writes` of them; p50/p95/max);
3. single requests of public pages through Django's test client, page cache off, in interleaved
   rounds reading the primary (no replicas configured) and reading the replicas through the
   router: p50 per page and requests per second. Both servers share this machine's two cores, so
   this shows what the routing costs, not what a second machine adds.

Everything is deleted at the end; nothing touches var/pgdata or other databases.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ["JINAQ_PAGE_CACHE"] = "0"  # the cost of reading, not of a cache

import psycopg2  # noqa: E402

from proceedings.site.embedded_postgres.replication import ReplicatedCluster, replicated_cluster  # noqa: E402

DATABASE = "jinaq_replicas_bench"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def lsn_connections(cluster: ReplicatedCluster) -> tuple:
    """Open connections for polling LSNs (a new connection per poll would add its own milliseconds)."""
    primary = psycopg2.connect(host=str(cluster.primary.socket_dir), user="postgres", dbname=DATABASE)
    standbys = [
        psycopg2.connect(host=str(s.socket_dir), user="postgres", dbname=DATABASE) for s in cluster.standbys
    ]
    for connection in [primary, *standbys]:
        connection.autocommit = True
    return primary, standbys


def replayed_after(primary, standbys) -> float:
    """Seconds until every standby has replayed what the primary has written now."""
    started = time.perf_counter()
    with primary.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        (target,) = cursor.fetchone()
    for standby in standbys:
        with standby.cursor() as cursor:
            while True:
                cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
                if cursor.fetchone()[0]:
                    break
    return time.perf_counter() - started


def small_write_lags(cluster: ReplicatedCluster, writes: int) -> list[float]:
    from articles.models import Article  # noqa: PLC0415

    primary, standbys = lsn_connections(cluster)
    ids = list(Article.objects.values_list("pk", flat=True)[:writes])
    lags = []
    for number, pk in enumerate(ids):
        Article.objects.filter(pk=pk).update(title_display=f"Lag probe {number}")  # autocommit: committed
        lags.append(replayed_after(primary, standbys) * 1000)
    return lags


def page_addresses() -> dict[str, list[str]]:
    from articles.models import Article, Topic  # noqa: PLC0415
    from authors.models import Person  # noqa: PLC0415
    from proceedings.models import Proceedings  # noqa: PLC0415

    articles = list(Article.objects.order_by("?").values_list("slug", flat=True)[:8])
    return {
        "home": ["/kk/", "/ru/", "/en/"],
        "article": [f"/kk/articles/{slug}/" for slug in articles],
        "article JSON": [f"/kk/articles/{slug}/?format=json" for slug in articles],
        "volume": [
            f"/kk/proceedings/{slug}/" for slug in Proceedings.objects.values_list("slug", flat=True)[:8]
        ],
        "topic": [f"/kk/topics/{slug}/" for slug in Topic.objects.values_list("slug", flat=True)[:8]],
        "author": [
            f"/kk/authors/{slug}/" for slug in Person.objects.order_by("?").values_list("slug", flat=True)[:8]
        ],
        "search API": ["/api/search?q=журналистика", "/api/search?q=медиа", "/api/search?q=Tokayev"],
    }


def page_rounds(replicas: list[str], rounds: int) -> dict[str, dict[str, list[float]]]:
    """{"primary"|"replicas": {page: [ms, ...]}}, the two ways interleaved round by round."""
    from django.conf import settings  # noqa: PLC0415
    from django.db import connections  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    settings.ALLOWED_HOSTS = ["testserver"]
    pages = page_addresses()
    requests = [(name, address) for name, addresses in pages.items() for address in addresses]
    client = Client()
    timings: dict[str, dict[str, list[float]]] = {"primary": {}, "replicas": {}}
    ways = {"primary": [], "replicas": replicas}
    for way, aliases in ways.items():  # warm-up, and a check that each way reads where it should
        settings.JINAQ_READ_REPLICAS = aliases
        with contextlib.ExitStack() as stack:
            seen = {
                alias: stack.enter_context(CaptureQueriesContext(connections[alias]))
                for alias in ["default", *replicas]
            }
            for _, address in requests:
                assert client.get(address).status_code == 200, address
        used = sorted(alias for alias, captured in seen.items() if captured.captured_queries)
        print(f"warm-up reading {way}: queries went to {used}")
    rng = random.Random(7)
    for _ in range(rounds):
        for way in rng.sample(list(ways), 2):
            settings.JINAQ_READ_REPLICAS = ways[way]
            rng.shuffle(requests)
            for name, address in requests:
                started = time.perf_counter()
                client.get(address)
                timings[way].setdefault(name, []).append((time.perf_counter() - started) * 1000)
    settings.JINAQ_READ_REPLICAS = replicas
    return timings


def report(*, build_seconds: float, articles: int, catch_up: float, lags: list[float], timings) -> None:
    print(f"\ncorpus: {articles:,} articles built on the primary in {build_seconds:.1f} s;")
    print(f"standbys had replayed all of it {catch_up * 1000:.0f} ms after the build returned\n")
    print("| single small write, commit -> replayed on every standby | writes | p50 ms | p95 ms | max ms |")
    print("|---|---|---|---|---|")
    print(
        f"| UPDATE of one article's title | {len(lags)} | {percentile(lags, 0.5):.1f} | "
        f"{percentile(lags, 0.95):.1f} | {max(lags):.1f} |"
    )
    print("\n| page (test client, page cache off) | p50 ms primary | p50 ms via router to replicas | ratio |")
    print("|---|---|---|---|")
    for name in timings["primary"]:
        primary, replicas = (
            percentile(timings["primary"][name], 0.5),
            percentile(timings["replicas"][name], 0.5),
        )
        print(f"| {name} | {primary:.1f} | {replicas:.1f} | {replicas / primary:.2f} |")
    totals = {way: sum(sum(values) for values in pages.values()) / 1000 for way, pages in timings.items()}
    counts = {way: sum(len(values) for values in pages.values()) for way, pages in timings.items()}
    rates = {way: counts[way] / totals[way] for way in timings}
    print(f"| all requests, one client | {rates['primary']:.0f} req/s | {rates['replicas']:.0f} req/s | "
          f"{rates['replicas'] / rates['primary']:.2f} |")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--standbys", type=int, default=1)
    parser.add_argument("--writes", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    with replicated_cluster(database=DATABASE, standbys=arguments.standbys) as cluster:
        os.environ["DATABASE_URL"] = cluster.primary.url(DATABASE)
        os.environ["DATABASE_REPLICA_URLS"] = ",".join(standby.url(DATABASE) for standby in cluster.standbys)
        import django  # noqa: PLC0415

        django.setup()
        from corpus import corpus_build  # noqa: PLC0415 - bench/ is the script's folder
        from django.conf import settings  # noqa: PLC0415
        from django.core.management import call_command  # noqa: PLC0415

        call_command("migrate", verbosity=0)
        build = corpus_build(arguments.articles, progress=lambda message: None)
        primary, standbys = lsn_connections(cluster)
        catch_up = replayed_after(primary, standbys)
        lags = small_write_lags(cluster, arguments.writes)
        timings = page_rounds(list(settings.JINAQ_READ_REPLICAS), arguments.rounds)
        from django.db import connections  # noqa: PLC0415

        connections.close_all()
        report(
            build_seconds=build.seconds,
            articles=build.articles,
            catch_up=catch_up,
            lags=lags,
            timings=timings,
        )


if __name__ == "__main__":
    main()

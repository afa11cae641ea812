"""Search at 100,000 articles: p50/p95 of the search itself and of the whole results page.

    .venv/bin/python bench/search.py [--articles 100000] [--rebuild] [--repeat 3] [--database NAME]
                                     [--cpu 200]

Builds (once; --rebuild to redo) a scratch database `jinaq_bench` on the embedded PostgreSQL
(or on DATABASE_URL's server) holding the synthetic corpus of bench/corpus.py: the bundled
proceedings imported, then synthetic articles each made of a few paragraphs of a seed article,
with the seed article's people and topics, spread over 200 volumes and 20 years; search vectors
equal to the ones the real code builds.
Then it times a fixed mix of queries (Kazakh inflected forms, Russian, English, Latin-script,
names, phrases, exclusions, rare and very common words): `article_search` up to the first
page of hits with the total count ("search"), and the full HTML page through Django's test
client ("page": facets, snippets, template). Targets: search p95 < 50 ms, page p95 < 150 ms.

With --cpu N it measures instead what a request costs the machine, which wall-clock times on a
busy machine do not show: N of bench/load.py's distinct queries (others for each) asked for through
Django's test client, as /api/search and as the results page, with the Python time of this
process (time.process_time) and the CPU time of its PostgreSQL backend (/proc/<pid>/schedstat:
a server on this machine), per request, and the statements per request. Issue 13's load goals
(API >= 120 req/s, page >= 40 req/s on 2 cores) mean about 15 ms and 50 ms a request.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
BENCH_DATABASE = "jinaq_bench"

import django  # noqa: E402
from corpus import corpus_build  # noqa: E402 - bench/ is the script's folder
from django.conf import settings  # noqa: E402
from scratch_database import scratch_database  # noqa: E402

QUERIES = [
    "журналистиканың", "телефонияның", "жасанды интеллект", '"жасанды интеллект"', "медиа",
    "краудсорсинг", "цифрлық медианың трансформациясы", "искусственный интеллект",
    "продюсирование в Казахстане", "корпоративные коммуникации", "sports journalism",
    "Belt and Road Initiative", "fake news detection", "zhurnalistika", "Tokayev", "qazaqstan",
    "Барлыбаева", "Uzbekova", "Камзин", "AI OR ИИ -спорт", "stress tolerance", "дипфейк",
]  # fmt: skip
SEARCH_GOAL_MS, PAGE_GOAL_MS = 50, 150


def use_bench_database(name: str = BENCH_DATABASE) -> None:
    scratch_database(settings, name)


def build_corpus(total: int) -> None:
    build = corpus_build(total)
    print(
        f"built {build.articles:,} articles in {build.seconds:.0f} s ({build.rate:.0f}/s; "
        f"{build.prototypes:,} distinct texts indexed by the real writer, "
        f"{build.sample_checked} copied vectors checked against it)"
    )


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(repeat: int) -> None:
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    from articles.models import Article  # noqa: PLC0415
    from articles.search.selectors import article_search, index_scans  # noqa: PLC0415

    print(f"articles in the corpus: {Article.objects.count():,}")
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    search_ms, page_ms = [], []
    for query in QUERIES:  # warm-up: caches, plans
        client.get("/en/search/", {"q": query})
    for _ in range(repeat):
        for query in QUERIES:
            started = time.perf_counter()
            results = article_search(query=query)
            list(results.articles[:20])
            results.articles.count()
            search_ms.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            response = client.get("/en/search/", {"q": query})
            page_ms.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (query, response.status_code)
    per_query = {}
    for index, query in enumerate(QUERIES * repeat):
        per_query.setdefault(query, []).append((search_ms[index], page_ms[index]))
    for query, times in per_query.items():
        worst = max(times)
        count = article_search(query=query).articles.count()
        print(f"  {query[:38]:40} {count:>7,} hits  search {worst[0]:6.1f} ms  page {worst[1]:6.1f} ms")
    for label, values, goal in (("search", search_ms, SEARCH_GOAL_MS), ("page", page_ms, PAGE_GOAL_MS)):
        p50, p95 = percentile(values, 0.5), percentile(values, 0.95)
        verdict = "within" if p95 < goal else "OVER"
        print(f"{label:6} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  (goal p95 < {goal} ms: {verdict})")
    with CaptureQueriesContext(connection) as captured:
        list(article_search(query="медиа").articles[:20])
    with index_scans(), connection.cursor() as cursor:
        for query in captured.captured_queries:
            if "articles_searchentry" in query["sql"]:
                cursor.execute(f"EXPLAIN ANALYZE {query['sql']}")
                print(f"plan of: {query['sql'][:100]}…")
                print("\n".join("  " + row[0] for row in cursor.fetchall()))


def backend_cpu(connection) -> Callable[[], float] | None:
    """The CPU seconds the connection's PostgreSQL backend has used so far, or None when the
    server is not on this machine."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        schedstat = Path(f"/proc/{cursor.fetchone()[0]}/schedstat")
    return (lambda: int(schedstat.read_text().split()[0]) / 1e9) if schedstat.exists() else None


def measure_cpu(count: int) -> None:
    import random  # noqa: PLC0415
    from urllib.parse import urlencode  # noqa: PLC0415

    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415
    from load import search_queries  # noqa: PLC0415 - bench/ is the script's folder

    settings.ALLOWED_HOSTS = ["testserver"]
    # bench/load.py's list and order; each kind its own queries, so that neither finds the other's
    # in a cache of this process (the vocabulary's, articles.search.vocabulary).
    queries = search_queries(3000, random.Random(13))
    api, page = queries[:count], queries[count : 2 * count]
    client = Client()
    languages = ("kk", "ru", "en")
    addresses = {  # as bench/load.py asks for them
        "search API": [f"/api/search?{urlencode({'q': query})}" for query in api],
        "search page": [f"/{languages[n % 3]}/search/?{urlencode({'q': q})}" for n, q in enumerate(page)],
    }
    print(f"CPU per request over {count} distinct queries of bench/load.py (test client, one process):")
    for kind, paths in addresses.items():
        for path in paths[:10]:  # warm-up: caches, plans
            client.get(path)
        postgres = backend_cpu(connection)
        python, server, statements = time.process_time(), postgres() if postgres else 0.0, 0
        for path in paths:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(path).status_code == 200, path
            statements += len(captured.captured_queries)
        python = (time.process_time() - python) / count * 1000
        if postgres:
            server = (postgres() - server) / count * 1000
            figures = f"Python {python:5.1f} + PostgreSQL {server:5.1f} = {python + server:5.1f} ms"
        else:
            figures = f"Python {python:5.1f} ms (PostgreSQL's CPU not readable here)"
        print(f"  {kind:12} {figures}, {statements / count:.1f} statements a request")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database", default=BENCH_DATABASE, help="another corpus (built when missing)")
    parser.add_argument("--cpu", type=int, metavar="N", help="CPU per request over N load-bench queries")
    arguments = parser.parse_args()
    use_bench_database(arguments.database)
    django.setup()
    from django.core.management import call_command  # noqa: PLC0415

    from articles.models import Article  # noqa: PLC0415

    call_command("migrate", verbosity=0)

    if arguments.rebuild or Article.objects.count() < arguments.articles:
        build_corpus(arguments.articles)
    if arguments.cpu:
        measure_cpu(arguments.cpu)
    else:
        measure(arguments.repeat)


if __name__ == "__main__":
    main()

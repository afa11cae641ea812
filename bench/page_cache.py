"""What the page cache saves at 100,000 articles: single requests for the home and article pages
(and their JSON twins) made afresh, served from the cache, and made on the first request after a
change; p50/p95 in ms.

    .venv/bin/python bench/page_cache.py [--repeat 5] [--sample 10]

Reads the benchmarks' corpus in the scratch database `jinaq_bench` (bench/corpus.py builds it, and
bench/pages.py migrates it; this script writes nothing there: sessions are signed cookies here).
Through Django's test client, so without a server in front: one process, the page cache in its
memory and, when one answers on 127.0.0.1:6379, in Redis. "reader with a list" carries a citation
list of ten articles, so its cached page has the badge and forms filled in for it.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
BENCH_DATABASE = "jinaq_bench"
REDIS_URL = "redis://127.0.0.1:6379/0"

import django  # noqa: E402
from django.conf import settings  # noqa: E402
from scratch_database import scratch_database  # noqa: E402 - bench/ is the script's folder


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as probe:
            probe.sendall(b"PING\r\n")
            return probe.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def timed_rounds(
    addresses: list[str], get: Callable[[str], int], *, repeat: int, before: Callable[[str], None]
) -> tuple[list[float], int]:
    """ms per request over `repeat` shuffled rounds, and the most queries one request took."""
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    timings, most_queries = [], 0
    rng = random.Random(7)
    order = list(addresses)
    for _ in range(repeat):
        rng.shuffle(order)
        for address in order:
            before(address)
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                status = get(address)
            timings.append((time.perf_counter() - started) * 1000)
            assert status == 200, (address, status)
            most_queries = max(most_queries, len(queries))
    return timings, most_queries


def measure(*, sample: int, repeat: int) -> None:
    from django.core.cache import caches  # noqa: PLC0415
    from django.test import Client, RequestFactory, override_settings  # noqa: PLC0415
    from django.utils import translation  # noqa: PLC0415

    from articles.models import Article  # noqa: PLC0415
    from proceedings.site.page_cache import content_generation, page_key  # noqa: PLC0415

    if content_generation() is None:
        sys.exit(f"{BENCH_DATABASE} has no content token: run bench/pages.py once (it migrates).")
    print(f"articles in the corpus: {Article.objects.count():,}")
    settings.ALLOWED_HOSTS = ["testserver"]
    slugs = list(Article.objects.order_by("?").values_list("slug", flat=True)[: sample + 10])
    pages = {
        "home": ["/kk/", "/ru/", "/en/"],
        "article": [f"/kk/articles/{slug}/" for slug in slugs[:sample]],
    }
    pages |= {
        f"{name} JSON": [f"{address}?format=json" for address in addresses]
        for name, addresses in pages.items()
    }
    anonymous, reader = Client(), Client()
    for slug in slugs[sample:]:
        reader.post("/kk/citations/add/", {"article": slug, "next": "/kk/"})

    def forget(address: str) -> None:
        with translation.override(address.split("/")[1]):
            caches["pages"].delete(page_key(RequestFactory().get(address)))

    def keep(address: str) -> None:
        pass

    backends = {"memory": settings.CACHES["pages"]}
    if redis_answers():
        prefix = f"jinaq-bench-{uuid.uuid4().hex}"
        backends["Redis"] = {**settings.CACHES["pages"], **{
            "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix, "TIMEOUT": 600, "OPTIONS": {},
        }}  # fmt: skip
    rows: dict[str, dict[str, tuple[float, float, int]]] = {}

    def run(
        name: str, column: str, client: Client, addresses: list[str], before: Callable[[str], None]
    ) -> None:
        for address in addresses:  # warm-up: plans, templates; fills the cache when it is on
            assert client.get(address).status_code == 200, address
        timings, queries = timed_rounds(
            addresses, lambda address: client.get(address).status_code, repeat=repeat, before=before
        )
        rows.setdefault(name, {})[column] = (percentile(timings, 0.5), percentile(timings, 0.95), queries)

    for name, addresses in pages.items():
        settings.JINAQ_PAGE_CACHE = False
        run(name, "made afresh (cache off)", anonymous, addresses, keep)
        settings.JINAQ_PAGE_CACHE = True
        for backend, config in backends.items():
            with override_settings(CACHES={**settings.CACHES, "pages": config}):
                run(name, f"cached, {backend}", anonymous, addresses, keep)
                run(name, f"cached, {backend}, reader with a list", reader, addresses, keep)
                run(name, f"first request after a change, {backend}", anonymous, addresses, forget)
    columns = list(dict.fromkeys(column for row in rows.values() for column in row))
    print(f"\n{repeat} rounds; p50 / p95 ms (most queries per request)\n")
    print("| page | " + " | ".join(columns) + " |")
    print("|---" * (len(columns) + 1) + "|")
    for name, row in rows.items():
        cells = [f"{p50:.1f} / {p95:.1f} ({queries})" for p50, p95, queries in (row[c] for c in columns)]
        print(f"| {name} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sample", type=int, default=10, help="articles measured")
    arguments = parser.parse_args()
    scratch_database(settings, BENCH_DATABASE, create=False)
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"  # write nothing there
    django.setup()
    measure(sample=arguments.sample, repeat=arguments.repeat)


if __name__ == "__main__":
    main()

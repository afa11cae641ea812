"""Load over loopback against `manage.py serve` at 100,000 articles: req/s, p50/p99, errors, time-outs.

    .venv/bin/python bench/load.py [--duration 10] [--connections 16] [--kinds article,home,...]
                                   [--workers N] [--threads N] [--database jinaq_bench] [--migrate]

Starts the production server itself — `manage.py serve` (gunicorn and the task worker) with a
deployment's settings: DEBUG off, a secret key, hashed and compressed static files collected into
var/load/static, ALLOWED_HOSTS=127.0.0.1, the HTTPS redirect on (every request says it came
through a TLS proxy, X-Forwarded-Proto) — on a free port, against the benchmarks' corpus in the
scratch database `jinaq_bench` (bench/corpus.py builds it; this script only reads it, and with
unapplied migrations `serve` refuses: run bench/pages.py once, or pass --migrate). The per-client
caps are off (JINAQ_RATE_LIMITS=0): sixteen connections from one address are a crowd of readers
here, not one reader. Its log (the access log, a line per request) is var/load/serve.log.

The load tool is wrk (`apt-get install wrk`): written in C with an event loop, it keeps 16
connections busy for a few per cent of one core, where a Python client would take a large share
of this 2-core machine from the server it measures. bench/load.lua walks a list of paths, each
wrk thread from its own offset, so a list longer than the run never asks for a page twice.

Each page kind is loaded alone for --duration seconds (16 connections, 2 wrk threads, wrk's
2-second time-out), then all kinds mixed: articles over thousands of distinct articles in the
three interface languages, home, the search API and the search page over 3,000 distinct queries
(words, word pairs and names of the corpus), author, topic and volume pages. "shared article"
(not in the mix, not run unless asked for) is a class following the same ten links: after the
first ask of each, the page cache answers. An untimed warm-up
over other addresses comes first. An error is an answer other than 200 or a socket error; a
time-out is a request without an answer within 2 s. Goals at 100,000 articles on 2 cores (issue
13): article and home >= 300 req/s, search API >= 120 req/s, search page >= 40 req/s, 0 errors
and 0 time-outs everywhere.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
SCRATCH = ROOT / "var" / "load"
LANGUAGES = ("kk", "ru", "en")
GOALS = {"article": 300, "home": 300, "search API": 120, "search page": 40}  # req/s
SHARED_ARTICLES = 10  # the "shared article" kind: these articles, each in the three languages
MIX = {"article": 50, "home": 10, "search API": 15, "search page": 10, "author": 5, "topic": 5, "volume": 5}

import django  # noqa: E402
from django.conf import settings  # noqa: E402
from scratch_database import scratch_database  # noqa: E402 - bench/ is the script's folder

# ---- what to ask for ------------------------------------------------------------------------------


def search_queries(count: int, rng: random.Random) -> list[str]:
    """Distinct queries a reader could type: words of the corpus (titles, keywords, abstracts, the
    start of bodies, of 500 articles picked by the seeded generator), adjacent word pairs of their
    titles and abstracts, people's surnames — enough that a cache of results cannot carry it."""
    from django.db.models import Max, Min  # noqa: PLC0415

    from articles.models import Article  # noqa: PLC0415
    from authors.models import Person  # noqa: PLC0415

    ids = Article.objects.aggregate(low=Min("pk"), high=Max("pk"))
    picked = rng.sample(range(ids["low"], ids["high"] + 1), min(500, ids["high"] - ids["low"] + 1))
    texts = ("title_display", "abstract_kk", "abstract_ru", "abstract_en")
    lists = ("keywords_kk", "keywords_ru", "keywords_en")
    words, pairs = set(), set()
    for article in Article.objects.filter(pk__in=picked).only(*texts, *lists, "body"):
        for field in texts:
            text_words = re.findall(r"[^\W\d_]{4,}", getattr(article, field).lower())
            words.update(text_words)
            pairs.update(" ".join(pair) for pair in itertools.pairwise(text_words))
        keywords = [keyword for field in lists for keyword in getattr(article, field) or []]
        words.update(re.findall(r"[^\W\d_]{4,}", " ".join([*keywords, article.body[:3000]]).lower()))
    names = Person.objects.values_list("display_name", flat=True)
    surnames = {word for name in names for word in name.split()[:1] if len(word) > 2 and "." not in word}
    queries = sorted(words) + sorted(pairs) + sorted(surnames)
    rng.shuffle(queries)
    return queries[:count]


def page_paths(rng: random.Random, *, articles: int, queries: int) -> dict[str, list[str]]:
    """Each page kind -> its addresses, in the order they are asked for."""
    from articles.models import Article, Topic  # noqa: PLC0415
    from authors.models import LISTED, Person  # noqa: PLC0415
    from proceedings.models import Proceedings  # noqa: PLC0415

    def spread(slugs: list[str], address: str) -> list[str]:
        """One interface language per object, in turn (articles: thousands of objects)."""
        return [f"/{LANGUAGES[n % 3]}{address.format(quote(slug))}" for n, slug in enumerate(slugs)]

    def every_language(slugs: list[str], address: str) -> list[str]:
        """Each object in the three languages (the corpus has 14 people, 29 topics, 201 volumes)."""
        return [f"/{language}{address.format(quote(slug))}" for slug in slugs for language in LANGUAGES]

    published = Article.objects.filter(proceedings__status="published")
    article_slugs = list(published.order_by("?").values_list("slug", flat=True)[:articles])
    volumes = list(Proceedings.objects.filter(status="published").values_list("slug", flat=True))
    topics = list(Topic.objects.values_list("slug", flat=True))
    people = list(Person.objects.filter(LISTED).order_by("?").values_list("slug", flat=True)[:3000])
    found = search_queries(queries, rng)
    shared = article_slugs[len(article_slugs) // 2 :][:SHARED_ARTICLES]
    paths = {
        "article": spread(article_slugs, "/articles/{}/"),
        # A class handed the same few links: the page cache answers all but the first asks.
        "shared article": every_language(shared, "/articles/{}/"),
        "home": [f"/{language}/" for language in LANGUAGES],
        "search API": [f"/api/search?{urlencode({'q': query})}" for query in found],
        "search page": [f"/{LANGUAGES[n % 3]}/search/?{urlencode({'q': q})}" for n, q in enumerate(found)],
        "author": every_language(people, "/authors/{}/"),
        "topic": every_language(topics, "/topics/{}/"),
        "volume": every_language(volumes, "/proceedings/{}/"),
    }
    for kind in ("topic", "volume", "author"):
        rng.shuffle(paths[kind])
    return paths


def mixed(paths: dict[str, list[str]], rng: random.Random, *, total: int) -> list[str]:
    """`total` addresses drawn by MIX's weights; each kind's list walked from its second half, so
    the mix asks for pages its kind's own run has not."""
    kinds = rng.choices(list(MIX), weights=list(MIX.values()), k=total)
    cursors = {kind: len(paths[kind]) // 2 for kind in MIX}
    chosen = []
    for kind in kinds:
        chosen.append(paths[kind][cursors[kind] % len(paths[kind])])
        cursors[kind] += 1
    return chosen


# ---- the server --------------------------------------------------------------------------------------


def server_environment(port: int, arguments: argparse.Namespace) -> dict[str, str]:
    """`serve`'s environment: a deployment's settings, on the bench database's server."""
    from django.db import connection  # noqa: PLC0415 - once Django is set up

    from proceedings.site.database import connection_url  # noqa: PLC0415

    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "proceedings.site.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": connection_url(connection),
        "JINAQ_STATIC_ROOT": str(SCRATCH / "static"),
        "JINAQ_MEDIA_ROOT": str(SCRATCH / "media"),
        "JINAQ_BIND": f"127.0.0.1:{port}",
        "JINAQ_RATE_LIMITS": "0",
        "JINAQ_NO_BOOTSTRAP": "1",
        "PYTHONUNBUFFERED": "1",
    }
    for name, value in (("JINAQ_WORKERS", arguments.workers), ("JINAQ_THREADS", arguments.threads)):
        if value:
            environment[name] = str(value)
    return environment


def start_server(environment: dict[str, str], *, migrate: bool) -> subprocess.Popen:
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=environment, check=True)
    with (SCRATCH / "serve.log").open("wb") as log:
        server = subprocess.Popen(
            [*manage, "serve", *(["--migrate"] if migrate else [])],
            env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    base = f"http://{environment['JINAQ_BIND']}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(
                f"serve stopped (exit {server.returncode}):\n{(SCRATCH / 'serve.log').read_text()}"
            )
        try:
            request = urllib.request.Request(f"{base}/kk/", headers={"X-Forwarded-Proto": "https"})
            with urllib.request.urlopen(request, timeout=10):
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("serve did not answer within 300 s; see var/load/serve.log")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=90)
        except subprocess.TimeoutExpired:
            server.kill()


# ---- the load ----------------------------------------------------------------------------------------


def load(base: str, paths: list[str], *, seconds: int, connections: int) -> dict:
    command = wrk_command(base, paths, seconds=seconds, connections=connections)
    return wrk_result(subprocess.run(command, capture_output=True, text=True, check=True).stdout, paths)


def wrk_command(
    base: str, paths: list[str], *, seconds: int, connections: int, pause_ms: int = 0
) -> list[str]:
    """wrk walking `paths` (bench/load.lua) for `seconds` with `connections` connections, each
    pausing `pause_ms` before every request (0: asking again at once, the most the server gives)."""
    listing = SCRATCH / "paths.txt"
    listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
    threads = min(2, connections)
    return [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "2s",
        "-s", str(ROOT / "bench" / "load.lua"), base, "--", str(listing), str(threads), str(pause_ms),
    ]  # fmt: skip


def wrk_result(output: str, paths: list[str]) -> dict:
    """wrk's closing JSON line (bench/load.lua) as the bench's figures; "per_second" keeps the
    statuses of each wall-clock second: {unix second: {status: count}}."""
    result = json.loads(output.strip().splitlines()[-1])
    answered_ok = result["statuses"].get("200", 0)
    sockets = result["connect"] + result["read"] + result["write"]
    seconds_run = result["duration_us"] / 1e6
    per_second: dict[int, dict[str, int]] = {}
    for key, count in result.get("per_second", {}).items():
        second, status = key.split(":")
        per_second.setdefault(int(second), {})[status] = count
    return {
        "urls": min(len(set(paths)), result["requests"]),  # asked for, at most once each until the list wraps
        "requests": result["requests"],
        "rate": result["requests"] / seconds_run,
        "p50": result["p50_us"] / 1000,
        "p99": result["p99_us"] / 1000,
        "errors": sum(result["statuses"].values()) - answered_ok + sockets,
        "timeouts": result["timeout"],
        "statuses": result["statuses"],
        "sockets": sockets,
        "per_second": per_second,
    }


def report(rows: dict[str, dict], *, connections: int, seconds: float, workers: str) -> None:
    print(f"\n{connections} connections, {seconds:g} s per kind, serve with {workers}\n")
    print(
        "| page kind | distinct URLs | requests | req/s | p50 ms | p99 ms | errors | time-outs | goal req/s |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for kind, row in rows.items():
        goal = GOALS.get(kind)
        verdict = "" if goal is None else (f"{goal} ✓" if row["rate"] >= goal else f"{goal} ✗")
        print(
            f"| {kind} | {row['urls']:,} | {row['requests']:,} | {row['rate']:.0f} | {row['p50']:.0f} | "
            f"{row['p99']:.0f} | {row['errors']} | {row['timeouts']} | {verdict} |"
        )
    odd = {kind: row["statuses"] for kind, row in rows.items() if row["errors"]}
    if odd:
        print("\nstatuses where there were errors:", json.dumps(odd))


def bench_setup(database: str, *, seed: int) -> tuple[dict[str, list[str]], random.Random]:
    """Django on the benchmarks' database (its size said), and the addresses the load walks."""
    SCRATCH.mkdir(parents=True, exist_ok=True)
    scratch_database(settings, database, create=False)
    django.setup()
    from articles.models import Article  # noqa: PLC0415

    print(f"{database}: {Article.objects.count():,} articles", flush=True)
    rng = random.Random(seed)
    return page_paths(rng, articles=20_000, queries=3_000), rng


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per page kind")
    parser.add_argument("--warmup", type=int, default=5, help="untimed seconds first")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--kinds", default=",".join([*MIX, "mix"]), help="comma-separated, of: %(default)s")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: serve's, 2 x cores + 1)")
    parser.add_argument("--threads", type=int, help="threads per worker (> 1: gthread)")
    parser.add_argument("--database", default="jinaq_bench")
    parser.add_argument("--migrate", action="store_true", help="let serve apply pending migrations")
    arguments = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("bench/load.py needs wrk: apt-get install wrk")
    paths, rng = bench_setup(arguments.database, seed=13)
    from proceedings.site.serve import available_cores, server_plan  # noqa: PLC0415

    warmup = [path for kind in MIX for path in paths[kind][-200:]]
    rng.shuffle(warmup)
    port = free_port()
    environment = server_environment(port, arguments)
    server = start_server(environment, migrate=arguments.migrate)
    base = f"http://127.0.0.1:{port}"
    rows, load_before = {}, os.getloadavg()[0]
    try:
        load(base, warmup, seconds=arguments.warmup, connections=arguments.connections)
        for kind in arguments.kinds.split(","):
            chosen = mixed(paths, rng, total=50_000) if kind == "mix" else paths[kind]
            rows[kind] = load(base, chosen, seconds=arguments.duration, connections=arguments.connections)
            print(f"{kind}: {rows[kind]['rate']:.0f} req/s", flush=True)
    finally:
        stop_server(server)
    plan = server_plan(environment, cores=available_cores())
    workers = f"{plan.workers} workers x {plan.threads} threads ({'gthread' if plan.threads > 1 else 'sync'})"
    report(rows, connections=arguments.connections, seconds=arguments.duration, workers=workers)
    # Other jobs on the machine take cores from the server: the figures mean little beside a high load.
    load_after, cores = os.getloadavg()[0], available_cores()
    print(f"\nload average (1 min): {load_before:.1f} before, {load_after:.1f} after ({cores} cores)")


if __name__ == "__main__":
    main()

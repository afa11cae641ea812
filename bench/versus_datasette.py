"""Jinaq beside Datasette + SQLite FTS5 on the same corpus and machine: req/s per pair, and ratios.

    .venv/bin/python bench/versus_datasette.py [--database jinaq_bench] [--rounds 3] [--duration 10]
                                               [--connections 16] [--datasette /tmp/datasette-venv]

The benchmarks' corpus (bench/corpus.py builds `jinaq_bench`) is exported to SQLite — one row per
published article: id, slug, title, language, year, volume, people, keywords, abstracts, body —
with an FTS5 index over the text columns, linked to the table the way sqlite-utils links them
(`content=[articles]`), which is how Datasette finds a table's full-text index. Datasette runs from
a virtual environment of its own (created with `python3 -m venv` and `pip install datasette` on
first use; never a dependency of the project) with its defaults; Jinaq runs under `manage.py
serve` with a deployment's settings (bench/load.py starts it). Both serve at once; the load
(wrk, bench/load.py) goes to one at a time, in interleaved rounds — Jinaq then Datasette, then
the other way round — so a machine busy with something else hurts both alike:

| pair | Jinaq | Datasette |
|---|---|---|
| search API | /api/search?q=… | /jinaq/articles.json?_search=…&_nosuggest=1&_size=20&_col=… |
| search page | /{kk,ru,en}/search/?q=… | /jinaq/articles?_search=…&_nosuggest=1&_size=20&_col=… |
| article | /{kk,ru,en}/articles/<slug>/ | /jinaq/articles/<id> |

Searches run over 3,000 distinct queries (bench/load.py's: words, word pairs and surnames of the
corpus), articles over 20,000 distinct ones, each list walked once per run so no cache of
results can carry the figure. Datasette's facet suggestions are off (`_nosuggest=1`, as a
data-minded user runs it: with them a broad word takes it about a second), its page holds 20
rows as Jinaq's does (its default is 100) and the listed columns, not the bodies (it has no
snippets); it lists hits by id where Jinaq ranks them, and reads no inflections, no Latin-typed
Cyrillic and no people's names.
The median of the rounds is printed per pair, with Jinaq ÷ Datasette.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402
import load  # noqa: E402 - bench/ is the script's folder: the server, the queries and wrk
from django.conf import settings  # noqa: E402
from scratch_database import scratch_database  # noqa: E402

SCRATCH = ROOT / "var" / "versus"
load.SCRATCH = SCRATCH  # the wrk path list and serve's log go here, apart from bench/load.py's
PAIRS = ("search API", "search page", "article")
EXPORT_BATCH = 2000
COLUMNS = "id, slug, title, language, year, volume, people, keywords, abstracts, body"
LISTED_COLUMNS = ("slug", "title", "language", "year", "volume", "people", "keywords")


# ---- the corpus in SQLite ----------------------------------------------------------------------------


def export_sqlite(path: Path) -> int:
    """The published articles of the current database in a new SQLite file with an FTS5 index."""
    from articles.models import Article  # noqa: PLC0415
    from authors.models import Authorship  # noqa: PLC0415

    path.unlink(missing_ok=True)
    target = sqlite3.connect(path)
    target.execute(
        "CREATE TABLE articles (id INTEGER PRIMARY KEY, slug TEXT, title TEXT, language TEXT, year INTEGER,"
        " volume TEXT, people TEXT, keywords TEXT, abstracts TEXT, body TEXT)"
    )
    published = Article.objects.filter(proceedings__status="published").order_by("pk")
    ids = list(published.values_list("pk", flat=True))
    for start in range(0, len(ids), EXPORT_BATCH):
        batch = ids[start : start + EXPORT_BATCH]
        people: dict[int, list[str]] = {}
        names = Authorship.objects.filter(article__in=batch).order_by("article", "role", "order")
        for article, name in names.values_list("article", "person__display_name"):
            people.setdefault(article, []).append(name)
        rows = [
            (
                article.pk, article.slug, article.title_display or article.title, article.language,
                article.proceedings.year, article.proceedings.slug, "; ".join(people.get(article.pk, [])),
                "; ".join(term for terms in article.keywords().values() for term in terms),
                "\n\n".join(article.abstracts().values()), article.body,
            )
            for article in published.filter(pk__in=batch).select_related("proceedings")
        ]  # fmt: skip
        target.executemany(f"INSERT INTO articles ({COLUMNS}) VALUES ({', '.join('?' * 10)})", rows)
    # sqlite-utils' shape of a full-text index: Datasette finds it through content=[articles].
    target.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5"
        " (title, people, keywords, abstracts, body, content=[articles], content_rowid=id)"
    )
    target.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
    target.commit()
    target.execute("VACUUM")
    target.close()
    return len(ids)


def fts_size(path: Path) -> int:
    """Bytes of the FTS5 index's own tables (dbstat), the counterpart of Jinaq's search table."""
    connection = sqlite3.connect(path)
    try:
        (size,) = connection.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'articles_fts%'"
        ).fetchone()
    except sqlite3.OperationalError:  # a SQLite built without dbstat
        size = 0
    connection.close()
    return size or 0


# ---- Datasette -----------------------------------------------------------------------------------------


def datasette_binary(venv: Path) -> Path:
    binary = venv / "bin" / "datasette"
    if not binary.exists():
        print(f"installing Datasette into {venv} (a scratch virtual environment)", flush=True)
        subprocess.run(["python3", "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "datasette"], check=True)
    return binary


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_datasette(binary: Path, database: Path, port: int) -> subprocess.Popen:
    with (SCRATCH / "datasette.log").open("wb") as log:
        server = subprocess.Popen(
            [str(binary), "serve", str(database), "--host", "127.0.0.1", "--port", str(port)],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"datasette stopped:\n{(SCRATCH / 'datasette.log').read_text()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/jinaq/articles.json?_size=1", timeout=10):
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("Datasette did not answer within 120 s")


# ---- the pairs -------------------------------------------------------------------------------------------


def datasette_search(query: str) -> str:
    """Datasette's table search as a reader would compare it: suggestions off, Jinaq's page size
    (20, not Datasette's 100), the list's columns (Datasette has no snippets: no bodies)."""
    columns = [("_col", column) for column in LISTED_COLUMNS]
    return urlencode([("_search", query), ("_nosuggest", 1), ("_size", 20), *columns])


def pair_paths(rng: random.Random) -> dict[str, tuple[list[str], list[str]]]:
    """Each pair -> (Jinaq's addresses, Datasette's), the same queries and articles in the same order."""
    from articles.models import Article  # noqa: PLC0415

    queries = load.search_queries(3000, rng)
    published = Article.objects.filter(proceedings__status="published")
    articles = list(published.order_by("?").values_list("pk", "slug")[:20_000])
    languages = load.LANGUAGES
    return {
        "search API": (
            [f"/api/search?{urlencode({'q': query})}" for query in queries],
            [f"/jinaq/articles.json?{datasette_search(query)}" for query in queries],
        ),
        "search page": (
            [f"/{languages[n % 3]}/search/?{urlencode({'q': query})}" for n, query in enumerate(queries)],
            [f"/jinaq/articles?{datasette_search(query)}" for query in queries],
        ),
        "article": (
            [f"/{languages[n % 3]}/articles/{slug}/" for n, (_, slug) in enumerate(articles)],
            [f"/jinaq/articles/{pk}" for pk, _ in articles],
        ),
    }


def run_rounds(
    jinaq: str, datasette: str, paths: dict, *, rounds: int, seconds: int, connections: int
) -> dict[str, dict[str, list[dict]]]:
    results: dict[str, dict[str, list[dict]]] = {pair: {"Jinaq": [], "Datasette": []} for pair in PAIRS}
    for round_number in range(rounds):
        for pair in PAIRS:
            jinaq_paths, datasette_paths = paths[pair]
            order = [("Jinaq", jinaq, jinaq_paths), ("Datasette", datasette, datasette_paths)]
            if round_number % 2:
                order.reverse()
            for name, base, addresses in order:
                # Each round starts further into the lists: no address is asked twice across rounds.
                offset = round_number * len(addresses) // rounds
                row = load.load(base, addresses[offset:] + addresses[:offset], seconds=seconds,
                                connections=connections)  # fmt: skip
                results[pair][name].append(row)
                print(
                    f"round {round_number + 1} {pair:12} {name:9} {row['rate']:7.1f} req/s"
                    f"  p50 {row['p50']:6.0f} ms  errors {row['errors']}  time-outs {row['timeouts']}",
                    flush=True,
                )
    return results


def report(results: dict, *, rounds: int, connections: int, seconds: int) -> None:
    print(f"\n{connections} connections, {rounds} interleaved rounds of {seconds} s per side (median)\n")
    print("| pair | Jinaq req/s | Datasette req/s | Jinaq ÷ Datasette | Jinaq errors / time-outs |")
    print("|---|---|---|---|---|")
    for pair in PAIRS:
        ours = statistics.median(row["rate"] for row in results[pair]["Jinaq"])
        theirs = statistics.median(row["rate"] for row in results[pair]["Datasette"])
        errors = sum(row["errors"] for row in results[pair]["Jinaq"])
        timeouts = sum(row["timeouts"] for row in results[pair]["Jinaq"])
        print(f"| {pair} | {ours:.0f} | {theirs:.0f} | {ours / theirs:.2f} | {errors} / {timeouts} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--database", default="jinaq_bench")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10, help="seconds per side and round")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--datasette", type=Path, default=Path("/tmp/datasette-venv"))
    parser.add_argument("--reexport", action="store_true", help="export the corpus again")
    parser.add_argument("--workers", type=int, help="Jinaq's gunicorn workers (default: serve's)")
    parser.add_argument("--threads", type=int, help="Jinaq's threads per worker")
    arguments = parser.parse_args()
    SCRATCH.mkdir(parents=True, exist_ok=True)
    scratch_database(settings, arguments.database, create=False)
    django.setup()
    sqlite_path = SCRATCH / "jinaq.db"
    if arguments.reexport or not sqlite_path.exists():
        started = time.perf_counter()
        exported = export_sqlite(sqlite_path)
        print(f"exported {exported:,} articles to {sqlite_path} in {time.perf_counter() - started:.0f} s")
    megabytes = fts_size(sqlite_path) / 2**20, sqlite_path.stat().st_size / 2**20
    print("SQLite: FTS5 index {:.0f} MB, whole file {:.0f} MB".format(*megabytes))
    binary = datasette_binary(arguments.datasette)
    paths = pair_paths(random.Random(13))
    jinaq_port, datasette_port = free_port(), free_port()
    jinaq = load.start_server(load.server_environment(jinaq_port, arguments), migrate=False)
    try:
        datasette = start_datasette(binary, sqlite_path, datasette_port)
        try:
            bases = f"http://127.0.0.1:{jinaq_port}", f"http://127.0.0.1:{datasette_port}"
            for base, addresses in zip(bases, paths["search API"], strict=True):  # untimed warm-up
                load.load(base, addresses[-300:], seconds=3, connections=arguments.connections)
            results = run_rounds(
                *bases, paths, rounds=arguments.rounds, seconds=arguments.duration,
                connections=arguments.connections,
            )  # fmt: skip
        finally:
            load.stop_server(datasette)
    finally:
        load.stop_server(jinaq)
    report(results, rounds=arguments.rounds, connections=arguments.connections, seconds=arguments.duration)


if __name__ == "__main__":
    main()

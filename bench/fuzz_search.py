"""Fuzzing the public pages: generated requests against a running server, 5xx and tracebacks counted.

    .venv/bin/python bench/fuzz_search.py [--requests 10000] [--seed 1] [--concurrency 4] [--json]
    .venv/bin/python bench/fuzz_search.py --url http://127.0.0.1:8000 [--log server.log]

By default it serves the site itself: a scratch database `jinaq_fuzz` on the embedded PostgreSQL
(or on DATABASE_URL's server) is migrated and holds the bundled proceedings, published; static
files are collected into var/fuzz/static and uploads go to var/fuzz/media. The server is
`runserver --noreload` (threaded) with a deployment's settings — DEBUG off, a secret key,
ALLOWED_HOSTS=127.0.0.1, no HTTPS redirect — and the per-client caps off (JINAQ_RATE_LIMITS=0:
the bench measures the pages, not the limiter), on a free port, its output in var/fuzz/server.log
(rewritten each run). It is stopped at the end, on Ctrl-C and on an error too. `--url` targets a
server already running instead; `--log` names its log (only what is written after the start is
read).

The requests (the same set for the same --seed) go to /api/search; the search page in the three
languages, as HTML and JSON, with filters and page numbers; citation exports in every format of a
search, a volume, an author or articles; the author index; volume, topic, article and author
pages; mistyped addresses. Queries mix real words of the bundled text (Kazakh, Russian, English,
Latin transliteration), people's names, years and numbers with the hostile: CJK and emoji, control
characters and NUL, tsquery operators, unbalanced quotes and OR/-, strings up to 2,000 characters,
characters of every Unicode category, SQL-ish text, broken percent-encoding and invalid UTF-8
(3% of the requests send raw bytes in the request line). Filters and slugs get real values, read
from the site's JSON twins, or hostile ones.

Warm-up: `--warmup` requests (300; another stream of the same generator) fill caches first and are
not timed; their answers still count as errors. A request is timed from opening its connection
(one per request, see `fetch`) to the last byte of the answer; with more threads than cores the
times include waiting for the server. Reported per route and overall: answers by status class,
p50/p95/p99/max; the server log's tracebacks (with each exception's first line) and 5xx lines;
the 10 slowest requests; every 5xx request. Goals on the bundled archive: 0 errors, p99 <= 250 ms.
The exit status is 1 when an answer was a 5xx, the log holds a traceback or a request got no
answer at all; times do not gate (they depend on the machine).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import importlib
import json
import os
import random
import re
import secrets
import signal
import socket
import string
import subprocess
import sys
import threading
import time
import unicodedata
import urllib.request
from array import array
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.citations.formats import FORMATS  # noqa: E402
from proceedings.transliteration import to_latin  # noqa: E402

FUZZ_DATABASE = "jinaq_fuzz"
SCRATCH = ROOT / "var" / "fuzz"
SEED_TEXT = ROOT / "fixtures" / "000_b9a1821462d33f30.txt"
P99_GOAL_MS = 250
SERVER_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "proceedings.settings",
    "DJANGO_DEBUG": "0",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DJANGO_LOG_LEVEL": "WARNING",  # 4xx as warnings, 5xx with their tracebacks; runserver logs each request
    "JINAQ_RATE_LIMITS": "0",
    "JINAQ_MEDIA_ROOT": str(SCRATCH / "media"),
    "PYTHONUNBUFFERED": "1",
}
CLASSES = ("2xx", "3xx", "4xx", "429", "5xx", "failed")
LANGUAGES = ("kk", "ru", "en")

KAZAKH_LETTERS = set("әғқңөұүһі")
KAZAKH_LATIN = str.maketrans({"ә": "ä", "ғ": "ğ", "қ": "q", "ң": "ñ", "ө": "ö", "ұ": "ū", "ү": "ü", "і": "ı"})
KNOWN_LATIN = ["Tokayev", "qazaqstan", "zhurnalistika", "kraudsorsingtiñ", "Qytaydaghy", "prodyusirovanie"]
NUMBERS = [
    "2025", "1", "0", "-1", "2024 2025", "1e309", "9" * 40, "٣٤", "２０２５", "Ⅻ", "½", "NaN", "0x1F", "1.5",
    "№1", "2025-11-25", "15:30", "-0", "+7 777 123 45 67", "1,000,000",
]  # fmt: skip
CJK_EMOJI = [
    "中国", "新闻学", "人工智能", "日本語のテキスト", "한국어", "🙂", "👨‍👩‍👧‍👦", "🇰🇿", "𝕵𝖎𝖓𝖆𝖖",
    "ﷺ", "ẞ", "İstanbul", "ǅ", "ﬁ", "e\u0301", "العربية", "עברית", "\u0915\u094d\u0937",
]  # fmt: skip
CONTROLS = [chr(code) for code in (*range(32), 0x7F, *range(0x80, 0xA0))] + [
    "\u200b", "\u200d", "\u202e", "\u2028", "\ufeff", "\ufffd", "\ufffe", "\uffff", "\U0010ffff",
]  # fmt: skip
OPERATORS = [
    "&", "|", "!", ":", "*", "(", ")", "<->", "<2>", "<0>", "<-1>", "<99999999999>", "\\", "'", '"', ":*",
    "!!", "&&", "||", "''", "-", "OR", ":A", ":ABCD", "()", "!(", "&!", "|:*",
]  # fmt: skip
SQLISH = [
    "' OR 1=1 --", "'; DROP TABLE articles_article; --", "\\'", "1; SELECT pg_sleep(5)", "$$", "E'\\x00'",
    "%' AND '%'='", "../../etc/passwd", "<script>alert(1)</script>", "{{ 7*7 }}", "${jndi:ldap://x}",
    "%s%s%s%n", "NULL", "[]", "{}", "true", "to_tsquery('a')", "a::regclass",
]  # fmt: skip
BROKEN_ENCODING = [
    "%", "%%", "%zz", "%G1", "%0", "%C3", "%C3%28", "%E2%82", "%ED%A0%80", "%F4%90%80%80", "%FF%FE", "%C0%AF",
    "%00", "%F0%9F%98", "%2500", "%u0041", "%E0%80%80", "+%2B+", "%FF", "%D0",
]  # fmt: skip
HOSTILE_VALUES = [
    "", " ", "\x00", "kk\x00", "-1", "0", "9" * 30, "１", "２０２５", "1e5", "1.5", "null", "қазақ", "KK",
    "ru ", "../..", "a b", "😀", "<b>", "' OR 1=1 --", "x" * 201, "x" * 5000, "%", "\u202e", "json\x00",
]  # fmt: skip
PAGES = [
    "0",
    "-1",
    "999999999",
    "9999999999",
    "1.5",
    "abc",
    "１",
    "\x00",
    "",
    "last",
    "2 ",
    "+1",
    "0x10",
    "९",
]


class Encoded(str):
    """A query-string value sent as it is: percent-encoded already, badly on purpose."""

    __slots__ = ()


Pairs = list[tuple[str, "str | Encoded | None"]]


# ---- the server ------------------------------------------------------------------------------------


def django_for_fuzzing(*, create_database: bool = False) -> None:
    """Django on the scratch database with the server's settings; the bench and its server both call it."""
    os.environ.update(SERVER_ENVIRONMENT)
    import django  # noqa: PLC0415
    from django.conf import settings  # noqa: PLC0415

    for alias in ("default", "progress"):
        database = settings.DATABASES[alias]
        database["NAME"] = FUZZ_DATABASE
        if "EMBEDDED_DATABASE" in database:
            database["EMBEDDED_DATABASE"] = FUZZ_DATABASE  # the embedded backend creates it
    database = settings.DATABASES["default"]
    if create_database and "EMBEDDED_DATABASE" not in database:
        import psycopg2  # noqa: PLC0415

        admin = psycopg2.connect(
            host=database["HOST"], port=database["PORT"], user=database["USER"],
            password=database["PASSWORD"], dbname="postgres",
        )  # fmt: skip
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [FUZZ_DATABASE])
            if cursor.fetchone() is None:
                cursor.execute(f"CREATE DATABASE {FUZZ_DATABASE}")
        admin.close()
    settings.STATIC_ROOT = SCRATCH / "static"  # DEBUG off: hashed files from collectstatic, not ours to touch
    django.setup()


def prepare_site() -> None:
    django_for_fuzzing(create_database=True)
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connections  # noqa: PLC0415

    from proceedings.services import proceedings_import_bundled  # noqa: PLC0415

    call_command("migrate", interactive=False, verbosity=0)
    proceedings_import_bundled()  # a no-op when the scratch database has them already
    call_command("collectstatic", interactive=False, verbosity=0)
    connections.close_all()


def serve(addrport: str) -> None:
    # A process started in the background may inherit SIGINT ignored; the bench stops us with it.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    django_for_fuzzing()
    from django.core.management import call_command  # noqa: PLC0415

    call_command("runserver", addrport, use_reloader=False)


@contextlib.contextmanager
def own_server(log_path: Path) -> Iterator[str]:
    """The site on a free port for the length of the block; stopped however the block ends."""
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    print("preparing the scratch database and static files...", file=sys.stderr, flush=True)
    prepare_site()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, __file__, "--serve", f"127.0.0.1:{port}"],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches the bench, which stops the server itself
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(base, server, log_path)
        yield base
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGINT)  # runserver exits cleanly and leaves the embedded server
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def wait_until_answering(base: str, server: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            tail = log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
            raise SystemExit(f"the server stopped (exit {server.returncode}):\n{tail}")
        try:
            with urllib.request.urlopen(f"{base}/kk/", timeout=5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not answer within 120 s; see {log_path}")


# ---- what the site holds, and words to search for ----------------------------------------------


@dataclass
class Vocabulary:
    words: dict[str, list[str]]  # kk, ru, en words of the seed text (at least twice in it)
    lines: list[str]  # lines of the seed text, for phrases
    volumes: list[str] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    letters: list[str] = field(default_factory=list)
    people: list[tuple[str, str]] = field(default_factory=list)  # (slug, display name)
    articles: list[str] = field(default_factory=list)


def seed_vocabulary() -> Vocabulary:
    text = SEED_TEXT.read_text(encoding="utf-8")
    counts = Counter(word.lower() for word in re.findall(r"[^\W\d_]{3,}", text))
    frequent = [word for word, count in counts.items() if count >= 2]
    words = {
        "kk": [word for word in frequent if KAZAKH_LETTERS & set(word)],
        "ru": [word for word in frequent if re.fullmatch("[а-яё]+", word)],
        "en": [word for word in frequent if word.isascii()],
    }
    lines = [line.strip() for line in text.splitlines() if len(line.strip()) > 30]
    return Vocabulary(words=words, lines=lines)


def get_json(base: str, path: str) -> dict:
    with urllib.request.urlopen(base + path, timeout=60) as response:
        return json.load(response)


def all_pages(base: str, path: str, key: str, *, limit: int = 20) -> list[dict]:
    items, page = [], 1
    while True:
        data = get_json(base, f"{path}{'&' if '?' in path else '?'}format=json&page={page}")
        items += data[key]
        if not data["has_next"] or page >= limit:
            return items
        page += 1


def discover(base: str, vocabulary: Vocabulary) -> None:
    """Real slugs, years, letters and names, read through the pages' JSON twins (not timed)."""
    volumes = all_pages(base, "/en/proceedings/", "volumes")
    vocabulary.volumes = [volume["slug"] for volume in volumes]
    vocabulary.years = sorted({str(volume["year"]) for volume in volumes if volume["year"]})
    vocabulary.topics = [topic["slug"] for topic in all_pages(base, "/en/topics/", "topics")]
    for slug in vocabulary.volumes:
        vocabulary.articles += [
            item["slug"] for item in all_pages(base, f"/en/proceedings/{slug}/", "articles")
        ]
    letters = get_json(base, "/en/authors/?format=json")["letters"]
    vocabulary.letters = [item["letter"] for item in letters]
    for item in letters:
        if item["count"]:
            people = all_pages(base, f"/en/authors/?letter={quote(item['letter'])}", "people", limit=3)
            vocabulary.people += [(person["slug"], person["name"]) for person in people]


# ---- queries and requests ----------------------------------------------------------------------


@cache
def code_points_by_category() -> dict[str, array]:
    """Every code point but the surrogates (which UTF-8 cannot carry), by Unicode category."""
    table: dict[str, array] = {}
    for code in range(0x110000):
        if not 0xD800 <= code <= 0xDFFF:
            table.setdefault(unicodedata.category(chr(code)), array("I")).append(code)
    return table


def unicode_soup(rng: random.Random, length: int) -> str:
    table = code_points_by_category()
    categories = sorted(table)
    return "".join(chr(rng.choice(table[rng.choice(categories)])) for _ in range(length))


def some_words(rng: random.Random, v: Vocabulary, count: int = 1) -> str:
    words = v.words[rng.choice(LANGUAGES)]
    return " ".join(rng.choice(words) for _ in range(count))


def phrase(rng: random.Random, v: Vocabulary) -> str:
    words = re.findall(r"[^\W_]+", rng.choice(v.lines))
    start = rng.randrange(max(1, len(words) - 2))
    text = " ".join(words[start : start + rng.randint(2, 5)])
    return f'"{text}"' if rng.random() < 0.4 else text


def latin(rng: random.Random, v: Vocabulary) -> str:
    if rng.random() < 0.2:
        return rng.choice(KNOWN_LATIN)
    text = some_words(rng, v, rng.randint(1, 2))
    return to_latin(text.translate(KAZAKH_LATIN) if rng.random() < 0.5 else text)


def name(rng: random.Random, v: Vocabulary) -> str:
    if not v.people:
        return "Uzbekova G.S."
    full = rng.choice(v.people)[1]
    parts = full.split() or [full]
    variants = [full, parts[0], full.lower(), to_latin(full), " ".join(reversed(parts))]
    return rng.choice(variants)


def maybe_with_words(rng: random.Random, v: Vocabulary, text: str) -> str:
    return f"{text} {some_words(rng, v)}" if rng.random() < 0.4 else text


def control(rng: random.Random, v: Vocabulary) -> str:
    text = list(some_words(rng, v, rng.randint(1, 3)))
    for _ in range(rng.randint(1, 4)):
        text.insert(rng.randint(0, len(text)), rng.choice(CONTROLS))
    return "".join(text)


def operators(rng: random.Random, v: Vocabulary) -> str:
    tokens = [
        rng.choice(OPERATORS) if rng.random() < 0.6 else some_words(rng, v) for _ in range(rng.randint(1, 9))
    ]
    return rng.choice(["", " "]).join(tokens)


def syntax(rng: random.Random, v: Vocabulary) -> str:
    a, b, c = (some_words(rng, v) for _ in range(3))
    return rng.choice([
        f'"{a} {b}', f'{a} "{b}', f"{a} OR", f"OR {a}", "OR OR OR", f"-{a}", f"- {a}", f"--{a}",
        f'"{a}" OR -"{b}"', '""', '"', f"{a} -", f'-"{a} {b}"', f"{a} OR OR {b}", f"({a} OR {b}) -({c})",
        f"-{a} -{b} -{c}", f"{a} or {b}", f"{a} | {b} & !{c}", f"{a}'s {b}'",
        some_words(rng, v, rng.randint(11, 40)),
    ])  # fmt: skip


def long_text(rng: random.Random, v: Vocabulary) -> str:
    length = rng.randint(200, 2000)
    text = rng.choice([
        lambda: some_words(rng, v, 400), lambda: rng.choice(v.words["kk"]) * 200, lambda: "a" * length,
        lambda: unicode_soup(rng, length), lambda: "(" * length, lambda: "& " * length, lambda: "🙂" * length,
        lambda: rng.choice(v.lines) * 40,
    ])()  # fmt: skip
    return text[:length]


QUERY_KINDS: dict[str, tuple[int, Callable[[random.Random, Vocabulary], str]]] = {
    "words": (20, lambda rng, v: some_words(rng, v, rng.randint(1, 3))),
    "phrase": (8, phrase),
    "latin": (8, latin),
    "name": (8, name),
    "number": (6, lambda rng, v: maybe_with_words(rng, v, rng.choice(NUMBERS))),
    "cjk": (5, lambda rng, v: maybe_with_words(rng, v, rng.choice(CJK_EMOJI))),
    "control": (7, control),
    "operators": (10, operators),
    "syntax": (10, syntax),
    "long": (5, long_text),
    "unicode": (6, lambda rng, v: unicode_soup(rng, rng.randint(1, 30))),
    "sqlish": (3, lambda rng, v: rng.choice(SQLISH)),
    "broken": (4, lambda rng, v: Encoded(quote(some_words(rng, v)) + rng.choice(BROKEN_ENCODING))),
    "blank": (2, lambda rng, v: rng.choice(["", " ", "   ", "\u3000", "\t", "+"])),
}


def query(rng: random.Random, v: Vocabulary) -> str:
    kind = rng.choices(list(QUERY_KINDS), weights=[weight for weight, _ in QUERY_KINDS.values()])[0]
    return QUERY_KINDS[kind][1](rng, v)


def pick(rng: random.Random, valid: list[str], *, share: float = 0.6) -> str:
    """A real value most of the time, else a hostile one (or a broken encoding)."""
    if valid and rng.random() < share:
        return rng.choice(valid)
    if rng.random() < 0.15:
        return Encoded(rng.choice(BROKEN_ENCODING))
    return rng.choice(HOSTILE_VALUES) if rng.random() < 0.8 else unicode_soup(rng, rng.randint(1, 8))


def page(rng: random.Random) -> str:
    return pick(rng, ["1", "1", "2", "3"], share=0.7) if rng.random() < 0.9 else rng.choice(PAGES)


def search_pairs(rng: random.Random, v: Vocabulary) -> Pairs:
    pairs: Pairs = [("q", query(rng, v))] if rng.random() < 0.95 else []
    for key, valid in (
        ("language", list(LANGUAGES)),
        ("topic", v.topics),
        ("year", [*v.years, "1999", "2030"]),
        ("volume", v.volumes),
    ):
        if rng.random() < 0.2:
            pairs.append((key, pick(rng, valid)))
    return pairs + page_pairs(rng, share=0.2)


def page_pairs(rng: random.Random, key: str = "page", *, share: float = 0.3) -> Pairs:
    return [(key, page(rng))] if rng.random() < share else []


def format_pairs(rng: random.Random, share: float = 0.3) -> Pairs:
    if rng.random() >= share:
        return []
    return [("format", "json" if rng.random() < 0.8 else pick(rng, ["html", "JSON", "xml"]))]


def path_slug(rng: random.Random, valid: list[str]) -> str:
    """A real slug for the path, or one the URL pattern refuses or that names nothing."""
    if valid and rng.random() < 0.85:
        return rng.choice(valid)
    hostile = [
        "x" * 300,
        "no-such-thing",
        "%FF",
        "%00",
        "..%2F..",
        quote(rng.choice(HOSTILE_VALUES), safe=""),
    ]
    return rng.choice(hostile)


def route_api(rng: random.Random, v: Vocabulary, lang: str) -> tuple[str, Pairs]:
    return "/api/search", search_pairs(rng, v) + format_pairs(rng, 0.05)


def route_search(rng: random.Random, v: Vocabulary, lang: str) -> tuple[str, Pairs]:
    return f"/{lang}/search/", search_pairs(rng, v)


def route_search_json(rng: random.Random, v: Vocabulary, lang: str) -> tuple[str, Pairs]:
    return f"/{lang}/search/", [*search_pairs(rng, v), ("format", "json")]


def route_cite(rng: random.Random, v: Vocabulary, lang: str) -> tuple[str, Pairs]:
    """A citation export of a search, a volume, an author, articles, the session's list, or nothing."""
    unknown = ["pdf", "gost", "BIBTEX", "x" * 60]
    citation_format = rng.choice(list(FORMATS) if rng.random() < 0.92 else unknown)
    people = [slug for slug, _ in v.people]
    scopes: list[Callable[[], Pairs]] = [
        lambda: search_pairs(rng, v),
        lambda: search_pairs(rng, v),
        lambda: [("volume", pick(rng, v.volumes, share=0.8))],
        lambda: [("author", pick(rng, people, share=0.8))],
        lambda: [("article", pick(rng, v.articles, share=0.8)) for _ in range(rng.choice([1, 1, 2, 3, 501]))],
        lambda: [("list", "1")],
        lambda: [],
        lambda: [("q", None)],
    ]
    return f"/{lang}/cite/{citation_format}/", rng.choice(scopes)()


def route_authors(rng: random.Random, v: Vocabulary, lang: str) -> tuple[str, Pairs]:
    letter = [("letter", pick(rng, v.letters, share=0.7))] if rng.random() < 0.8 else []
    return f"/{lang}/authors/", letter + page_pairs(rng) + format_pairs(rng)


def route_volume(rng: random.Random, v: Vocabulary, lang: str) -> tuple[str, Pairs]:
    choices = {"language": list(LANGUAGES), "topic": v.topics, "sort": ["position", "title", "language"]}
    pairs = [(key, pick(rng, valid)) for key, valid in choices.items() if rng.random() < 0.4]
    return f"/{lang}/proceedings/{path_slug(rng, v.volumes)}/", pairs + page_pairs(rng) + format_pairs(rng)


def route_topic(rng: random.Random, v: Vocabulary, lang: str) -> tuple[str, Pairs]:
    return f"/{lang}/topics/{path_slug(rng, v.topics)}/", page_pairs(rng) + format_pairs(rng)


def route_other(rng: random.Random, v: Vocabulary, lang: str) -> tuple[str, Pairs]:
    """The other public pages (article and author pages, lists, the citation list) and odd addresses."""
    styles = [*FORMATS, "nope"]
    people = [slug for slug, _ in v.people]
    odd = ["/", "/api/search/", "/xx/search/", f"/{lang}/search", "/static/%FF", "/media/..%2F"]
    pages: list[Callable[[], tuple[str, Pairs]]] = [
        lambda: (f"/{lang}/", []),
        lambda: (f"/{lang}/proceedings/", page_pairs(rng)),
        lambda: (f"/{lang}/topics/", page_pairs(rng)),
        lambda: (f"/{lang}/articles/{path_slug(rng, v.articles)}/", [("cite", pick(rng, styles, share=0.8))]),
        lambda: (
            f"/{lang}/authors/{path_slug(rng, people)}/",
            page_pairs(rng) + page_pairs(rng, "supervised_page"),
        ),
        lambda: (f"/{lang}/citations/", [("style", pick(rng, styles))]),
        lambda: (rng.choice(odd), search_pairs(rng, v)),
    ]
    path, pairs = rng.choice(pages)()
    return path, pairs + format_pairs(rng)


ROUTES: dict[str, tuple[int, Callable[[random.Random, Vocabulary, str], tuple[str, Pairs]]]] = {
    "api": (22, route_api),
    "search": (18, route_search),
    "search-json": (10, route_search_json),
    "cite": (16, route_cite),
    "authors": (8, route_authors),
    "volume": (9, route_volume),
    "topic": (7, route_topic),
    "other": (10, route_other),
}


def mangled(rng: random.Random, pairs: Pairs) -> Pairs:
    """Now and then a query string of odd shape: repeated keys, a key without '=', 1,001 fields."""
    roll = rng.random()
    if roll < 0.03 and pairs:
        return [*pairs, rng.choice(pairs)]
    if roll < 0.05:
        return [*pairs, (rng.choice(["q", "page", "format", "", "=", "&"]), None)]
    if roll < 0.06:
        return pairs + [("x", "1")] * 1001
    return pairs


def encoded(text: str, *, raw: bool) -> str:
    """Percent-encoded; `raw` keeps non-ASCII characters as they are (sent as UTF-8 bytes)."""
    if raw:
        return "".join(char if ord(char) > 127 else quote(char, safe="") for char in text)
    return quote(text, safe="")


@dataclass(frozen=True)
class Request:
    route: str
    target: str  # path and query string; when `raw`, non-ASCII characters and lone surrogates (bytes)
    raw: bool

    def shown(self, width: int = 150) -> str:
        text = quote(self.target.encode("utf-8", "surrogateescape"), safe=string.punctuation)
        text = text if len(text) <= width else f"{text[: width - 1]}…"
        return f"{text} [raw bytes]" if self.raw else text


def generate(rng: random.Random, v: Vocabulary, count: int) -> list[Request]:
    weights = [weight for weight, _ in ROUTES.values()]
    requests = []
    for _ in range(count):  # request by request: a shorter run is the start of a longer one
        route = rng.choices(list(ROUTES), weights=weights)[0]
        path, pairs = ROUTES[route][1](rng, v, rng.choice(LANGUAGES))
        raw = rng.random() < 0.03
        if raw and pairs:  # invalid UTF-8 itself, not its percent-encoding
            pairs = [*pairs, ("q", rng.choice(["\udcff", "\udcc3", "\udce2\udc82", "\udced\udca0\udc80"]))]
        parts = [
            encoded(key, raw=raw)
            if value is None
            else f"{encoded(key, raw=raw)}={value if isinstance(value, Encoded) else encoded(value, raw=raw)}"
            for key, value in mangled(rng, pairs)
        ]
        requests.append(Request(route, f"{path}?{'&'.join(parts)}" if parts else path, raw))
    return requests


# ---- sending them --------------------------------------------------------------------------------


class RawConnection(http.client.HTTPConnection):
    """Sends a request line's non-ASCII characters as UTF-8 and lone surrogates as the bytes they
    stand for (invalid UTF-8), where http.client would refuse anything but ASCII."""

    def _encode_request(self, request: str) -> bytes:
        return request.encode("utf-8", "surrogateescape")


@dataclass(frozen=True)
class Outcome:
    request: Request
    status: int  # 0: no answer
    ms: float
    error: str = ""

    @property
    def kind(self) -> str:
        return "failed" if not self.status else "429" if self.status == 429 else f"{self.status // 100}xx"


def fetch(host: str, port: int, request: Request) -> Outcome:
    """One request on a connection of its own. runserver writes an answer's headers and body
    separately, and on a kept-alive connection Nagle's algorithm and the client's delayed ACK then
    hold every body back ~40 ms; a new connection (loopback: ~0.1 ms) measures the page instead."""
    connection = RawConnection(host, port, timeout=60)
    started = time.perf_counter()
    try:
        connection.request("GET", request.target, headers={"User-Agent": "jinaq-fuzz", "Connection": "close"})
        response = connection.getresponse()
        response.read()
    except (OSError, http.client.HTTPException) as failure:
        return Outcome(
            request, 0, (time.perf_counter() - started) * 1000, f"{type(failure).__name__}: {failure}"
        )
    finally:
        connection.close()
    return Outcome(request, response.status, (time.perf_counter() - started) * 1000)


def send(requests: list[Request], *, base: str, concurrency: int, label: str) -> list[Outcome]:
    outcomes: list[Outcome] = []  # appended to by every thread (list.append is atomic)
    stop = threading.Event()
    parts = urlsplit(base)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80

    def work(share: list[Request]) -> None:
        for request in share:
            if stop.is_set():
                break
            outcomes.append(fetch(host, port, request))

    threads = [
        threading.Thread(target=work, args=(requests[n::concurrency],), daemon=True)
        for n in range(concurrency)
    ]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            while thread.is_alive():
                thread.join(timeout=0.5)  # a timeout, so that Ctrl-C gets through
                if sys.stderr.isatty():
                    print(f"\r{label}: {len(outcomes)}/{len(requests)}", end="", file=sys.stderr, flush=True)
    finally:
        stop.set()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    return outcomes


# ---- the server's log, and the report ------------------------------------------------------------

TRACEBACK = "Traceback (most recent call last)"
CHAINED = ("The above exception was the direct cause", "During handling of the above exception")
REQUEST_LINE = re.compile(r'^\[[^\]]*\] "')  # runserver: [time] "GET /path HTTP/1.1" 500 145
SERVER_5XX = re.compile(r'" 5\d\d \d+\s*$')
LOGGED_PATH = re.compile(r"^[A-Z][A-Za-z ]+: (/\S*)")  # django.request: Internal Server Error: /path


@dataclass
class LogFindings:
    """Tracebacks come in chains (an exception raised while handling another); a chain ending in
    what Django itself answers 400 — SuspiciousOperation, BadRequest: 1,001 fields, say — is
    logged by django.security with its traceback by design, and is not an error."""

    path: str
    tracebacks: int = 0
    lines_5xx: int = 0
    errors: Counter = field(default_factory=Counter)  # each chain's exceptions (first lines) -> how often
    refused: Counter = field(default_factory=Counter)  # the same, for chains Django answered 400
    examples: dict[tuple[str, ...], str] = field(default_factory=dict)  # a chain -> a path that raised it


def exception_line(lines: list[str], header: int) -> str:
    """The first line of a traceback's exception: the first unindented line after its frames."""
    following = (line for line in lines[header + 1 :] if line.strip() and not line[0].isspace())
    return next(following, "(traceback cut off)")[:200]


def refused_by_django(exception: str) -> bool:
    from django.core.exceptions import BadRequest, SuspiciousOperation  # noqa: PLC0415

    module, _, name = exception.split(":", 1)[0].rpartition(".")
    try:
        raised = getattr(importlib.import_module(module), name)
    except Exception:  # a class we cannot look at is not one of Django's 400s
        return False
    return isinstance(raised, type) and issubclass(raised, (SuspiciousOperation, BadRequest))


def scan_log(path: Path, offset: int) -> LogFindings:
    findings = LogFindings(str(path))
    with path.open("rb") as log:
        log.seek(offset)
        lines = log.read().decode("utf-8", errors="replace").splitlines()
    # django.request writes "Internal Server Error: /path" and then the traceback; django.security
    # writes its message and traceback first and django.request's "Bad Request: /path" after.
    chains: list[list] = []  # [exceptions, path]
    chained = False
    for number, line in enumerate(lines):
        findings.lines_5xx += bool(REQUEST_LINE.match(line) and SERVER_5XX.search(line))
        if (found := LOGGED_PATH.match(line)) and chains and chains[-1][1] is None:
            chains[-1][1] = found[1]
        if line.startswith(CHAINED):
            chained = True
        elif TRACEBACK in line:
            findings.tracebacks += 1
            if chained and chains:
                chains[-1][0].append(exception_line(lines, number))
            else:
                before = LOGGED_PATH.match(lines[number - 1]) if number else None
                chains.append([[exception_line(lines, number)], before and before[1]])
            chained = False
    for exceptions, example in chains:
        chain = tuple(exceptions)
        (findings.refused if refused_by_django(chain[-1]) else findings.errors)[chain] += 1
        findings.examples.setdefault(chain, example or "?")
    return findings


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))] if ordered else 0.0


def figures(outcomes: list[Outcome]) -> dict:
    times = [outcome.ms for outcome in outcomes]
    kinds = Counter(outcome.kind for outcome in outcomes)
    return {
        "count": len(outcomes),
        **{kind: kinds[kind] for kind in CLASSES},
        **{f"p{n}_ms": round(percentile(times, n / 100), 1) for n in (50, 95, 99)},
        "max_ms": round(max(times, default=0.0), 1),
    }


def summary(
    arguments: argparse.Namespace, warmup: list[Outcome], timed: list[Outcome], log: LogFindings | None
) -> dict:
    warm = {id(outcome) for outcome in warmup}
    errors = [outcome for outcome in warmup + timed if outcome.kind in ("5xx", "failed")]
    overall = figures(timed)
    return {
        "requests": len(timed),
        "seed": arguments.seed,
        "concurrency": arguments.concurrency,
        "warmup": figures(warmup),
        "routes": {route: figures([o for o in timed if o.request.route == route]) for route in ROUTES},
        "all": overall,
        "log": log
        and {
            "path": log.path,
            "tracebacks": log.tracebacks,
            "lines_5xx": log.lines_5xx,
            **{
                key: [
                    {"exceptions": list(chain), "count": count, "example_path": log.examples[chain]}
                    for chain, count in counter.most_common()
                ]
                for key, counter in (("errors", log.errors), ("refused_400", log.refused))
            },
        },
        "slowest": [
            {"ms": round(o.ms, 1), "status": o.status, "route": o.request.route, "url": o.request.shown()}
            for o in sorted(timed, key=lambda o: o.ms, reverse=True)[:10]
        ],
        "errors": [
            {
                "status": o.status,
                "route": o.request.route,
                "url": o.request.shown(),
                "error": o.error,
                "warmup": id(o) in warm,
            }
            for o in errors
        ],
        "goals": {"errors": 0, "p99_ms": P99_GOAL_MS},
        "passed": not errors and not (log and (log.errors or log.lines_5xx)),
        "p99_within_goal": overall["p99_ms"] <= P99_GOAL_MS,
    }


def print_report(report: dict) -> None:
    header = f"{'route':12} {'requests':>8} " + " ".join(f"{kind:>6}" for kind in CLASSES)
    print(header + "  " + " ".join(f"{name:>7}" for name in ("p50 ms", "p95 ms", "p99 ms", "max ms")))
    rows = [*report["routes"].items(), ("all", report["all"])]
    for route, row in rows:
        counts = " ".join(f"{row[kind]:>6}" for kind in CLASSES)
        times = " ".join(f"{row[key]:>7.1f}" for key in ("p50_ms", "p95_ms", "p99_ms", "max_ms"))
        print(f"{route:12} {row['count']:>8} {counts}  {times}")
    warm = report["warmup"]
    print(
        f"warm-up (not timed): {warm['count']} requests, "
        + ", ".join(f"{kind} {warm[kind]}" for kind in CLASSES if warm[kind])
    )
    log = report["log"]
    if log:
        errors = sum(item["count"] for item in log["errors"])
        refused = sum(item["count"] for item in log["refused_400"])
        print(
            f"server log {log['path']}: {log['lines_5xx']} lines with a 5xx answer, {log['tracebacks']}"
            f" tracebacks: {errors} errors, {refused} requests Django refused (400, logged with a traceback)"
        )
        for label, key in (("error", "errors"), ("400", "refused_400")):
            for item in log[key]:
                *causes, last = item["exceptions"]
                after = f"  [after: {' / '.join(causes)}]" if causes else ""
                print(f"  {label:5} {item['count']:>5} × {last}  (e.g. {item['example_path']}){after}")
    print("10 slowest:")
    for item in report["slowest"]:
        print(f"  {item['ms']:>8.1f} ms  {item['status']}  {item['route']:11} {item['url']}")
    print(f"5xx and unanswered requests: {len(report['errors'])}")
    for item in report["errors"]:
        note = " (warm-up)" if item["warmup"] else ""
        status = item["status"] or "no answer"
        print(f"  {status} {item['route']:11} {item['url']}{note} {item['error']}".rstrip())
    verdict = "within" if report["p99_within_goal"] else "OVER"
    outcome = "passed" if report["passed"] else "FAILED"
    print(
        f"goals: 0 errors -> {outcome}; p99 {report['all']['p99_ms']:.1f} ms <= {P99_GOAL_MS} ms -> {verdict}"
    )


def run(arguments: argparse.Namespace, base: str) -> tuple[list[Outcome], list[Outcome]]:
    vocabulary = seed_vocabulary()
    try:
        discover(base, vocabulary)
    except OSError as error:  # URLError and HTTPError included
        raise SystemExit(f"cannot read the site's JSON twins at {base}: {error}") from None
    warmup = generate(random.Random(f"warm-up {arguments.seed}"), vocabulary, arguments.warmup)
    timed = generate(random.Random(arguments.seed), vocabulary, arguments.requests)
    return (
        send(warmup, base=base, concurrency=arguments.concurrency, label="warm-up"),
        send(timed, base=base, concurrency=arguments.concurrency, label="requests"),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--warmup", type=int, default=300, help="untimed requests first")
    parser.add_argument("--url", help="a running server to fuzz instead of one of our own")
    parser.add_argument("--log", type=Path, help="with --url: that server's log, to scan")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--serve", help=argparse.SUPPRESS)  # the server process itself
    arguments = parser.parse_args()
    if arguments.log and not (arguments.url and arguments.log.is_file()):
        parser.error("--log names the log file of the server given with --url")
    if arguments.serve:
        serve(arguments.serve)
        return
    log_path = arguments.log if arguments.url else SCRATCH / "server.log"
    offset = log_path.stat().st_size if arguments.url and log_path else 0  # --url: only what comes now
    try:
        if arguments.url:
            warmup, timed = run(arguments, arguments.url.rstrip("/"))
        else:
            with own_server(log_path) as base:
                warmup, timed = run(arguments, base)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
    report = summary(arguments, warmup, timed, scan_log(log_path, offset) if log_path else None)
    if arguments.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print_report(report)
    sys.exit(0 if report["passed"] else 1)


if __name__ == "__main__":
    main()

"""What the fuzzer sends: the tables of real and hostile values, the words of the seed text, the
query and route generators, and `generate`, which turns a seeded random stream into requests.
Kept apart from sending so that the same --seed gives the same requests whatever the server does:
every choice is drawn here, in a fixed order, from the generator it is handed (a shorter run is
the start of a longer one).
"""

from __future__ import annotations

import random
import re
import string
import unicodedata
from array import array
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import quote

from articles.citations.formats import FORMATS
from proceedings.transliteration import to_latin

from . import ROOT

SEED_TEXT = ROOT / "fixtures" / "000_b9a1821462d33f30.txt"
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
    "0", "-1", "999999999", "9999999999", "1.5", "abc", "１", "\x00", "", "last", "2 ", "+1", "0x10", "९",
]  # fmt: skip


class Encoded(str):
    """A query-string value sent as it is: percent-encoded already, badly on purpose."""

    __slots__ = ()


Pairs = list[tuple[str, "str | Encoded | None"]]


# ---- words to search for ------------------------------------------------------------------------


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

"""What of an article goes into its search vector, with which weight and configuration.

Pure: the index service hands in plain values. Weights decide ranking: title (and the title
printed again in other languages), keywords and people's names (A) above abstracts (B) above
the body (C).

Latin/Cyrillic skeletons ride in the document for people's names only (with their initials).
Every other word reaches the other script through the shared vocabulary (`text_words`, kept by
articles.search.index in SearchWord), which a query expands into the documents' own lexemes,
with their own weights and positions: skeletons in every document were some 45 % of it (one per
distinct body word, 2.8 of 6.1 KB a row) and of the head vector the tiers read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from articles.search.script import skeleton, skeleton_text

# PostgreSQL has Russian and English stemmers; Kazakh is indexed word for word ('simple') and
# found through prefix queries on a stem computed in Python (articles.search.kazakh).
CONFIG_BY_LANGUAGE = {"kk": "simple", "ru": "russian", "en": "english"}
# How much of a body is indexed, and highlighted in results: ten times a long article. A volume
# imported as one piece (a 10 MB text without headers) would otherwise make every search that
# meets it rank and highlight millions of characters (1 s instead of 50 ms); PostgreSQL also
# stops counting word positions at 16,383. The whole text stays stored and shown.
MAX_INDEXED_BODY_CHARS = 100_000
MIN_SKELETON = 3  # shorter skeletons are kept for people's initials only


def indexed_part(body: str) -> str:
    """The part of `body` that is indexed: all of it, or its first MAX_INDEXED_BODY_CHARS
    characters ending at a word boundary where there is one near."""
    if len(body) <= MAX_INDEXED_BODY_CHARS:
        return body
    cut = body.rfind(" ", MAX_INDEXED_BODY_CHARS - 1000, MAX_INDEXED_BODY_CHARS)
    return body[: cut if cut > 0 else MAX_INDEXED_BODY_CHARS]


@dataclass(frozen=True)
class Segment:
    text: str
    config: str
    weight: str


@dataclass(frozen=True)
class ArticleText:
    language: str
    title: str
    keywords: dict[str, list[str]]
    abstracts: dict[str, str]
    body: str  # its indexed part (indexed_part)
    people: list[str]  # display names and every printed variant
    parallel_titles: dict[str, str] = field(default_factory=dict)  # by language, the own one aside


@dataclass(frozen=True)
class SearchDocument:
    segments: list[Segment]
    # The segments whose words the vocabulary learns (all but the people's names).
    spelled: list[Segment] = field(default_factory=list)


def search_document(article: ArticleText) -> SearchDocument:
    own = CONFIG_BY_LANGUAGE[article.language]
    texts = [Segment(article.title, own, "A")] if article.title else []
    texts += [
        Segment(title, CONFIG_BY_LANGUAGE.get(language, own), "A")
        for language, title in article.parallel_titles.items()
        if title
    ]
    texts += [
        Segment("; ".join(terms), CONFIG_BY_LANGUAGE.get(language, own), "A")
        for language, terms in article.keywords.items()
        if terms
    ]
    people: list[Segment] = []
    if article.people:
        names = "; ".join(article.people)
        # Word for word and through the Russian stemmer ('Барлыбаевой' finds 'Барлыбаева'),
        # without the initials; as skeletons with the initials kept ('Uzbekova G.S.' meets
        # 'Өзбекова Г.С.'). A bare initial 'и' would meet the text's words that stem to it: the
        # Russian stemmer reads 'ИИ' (AI) as 'и', and «И. И. Someone» came first for 'ИИ'.
        spelled = without_initials(names)
        people = [
            Segment(spelled, "simple", "A"),
            Segment(spelled, "russian", "A"),
            Segment(skeleton_text(names, min_length=1), "simple", "A"),
        ]
    rest = [
        Segment(text, CONFIG_BY_LANGUAGE.get(language, own), "B")
        for language, text in article.abstracts.items()
        if text
    ]
    rest += [Segment(article.body, own, "C")] if article.body else []
    return SearchDocument(segments=texts + people + rest, spelled=texts + rest)


_SINGLE_LETTER = re.compile(r"(?<![^\W_])[^\W\d_](?![^\W_])")


def without_initials(names: str) -> str:
    """People's names without their one-letter words ('Узбеков К. И.' -> 'Узбеков  .  .')."""
    return _SINGLE_LETTER.sub(" ", names)


# A text's words as the 'default' parser reads them: letters and digits, hyphenated ones whole.
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def text_words(text: str) -> dict[str, str]:
    """The distinct words of a text (lower-case) with their skeletons, those of three letters
    and more ('журналистиканың' -> 'zhurnalistikanin'): what the vocabulary learns from it. A
    hyphenated word comes whole and as its parts, as PostgreSQL indexes it."""
    words = set(_WORD.findall(text.lower()))
    words |= {part for word in words if "-" in word for part in word.split("-")}
    return {word: shape for word in words if len(shape := skeleton(word)) >= MIN_SKELETON}

"""The orders a search's hits can be read in: by relevance, newest volume first, or by title.

Relevance is RankedHits' own (tiers, cover density, reading only the tiers a page reaches).
Date and title order every hit, so a page reads each hit's narrow row once, as the facet pass
does, and sorts them: the volume's date through a join with the small volumes table, the title
through SearchEntry.title_key, which the indexer writes beside the vectors.
"""

from __future__ import annotations

import string
import unicodedata

from django.db.models import F
from django.db.models.expressions import OrderBy

from authors.names import KAZAKH_ALPHABET

RELEVANCE, DATE, TITLE = "relevance", "date", "title"
ORDERS = (RELEVANCE, DATE, TITLE)

TITLE_KEY_LENGTH = 100  # SearchEntry.title_key: titles alike this far are told apart by their ids
_DIGITS = "0123456789"
# Digits, then the Kazakh Cyrillic alphabet (А Ә Б … Я), then Latin, each to one character from
# '!' upwards; words apart by a space, which sorts below all of them ('Медиа және' before
# 'Медиасауаттылық'). Letters of other scripts keep their own code points, above these.
_KEY_CHARS = {
    char: chr(ord("!") + rank) for rank, char in enumerate(_DIGITS + KAZAKH_ALPHABET + string.ascii_uppercase)
}


def title_sort_key(title: str) -> str:
    """`title` as a key that sorts as a reader of the Kazakh alphabet expects when compared code
    point by code point (the "C" collation, which every PostgreSQL has: the embedded server has
    no ICU, hence no 'kk-x-icu'): Ә after А, Ө after О, І after Ы, Latin after Cyrillic; case,
    accents ('é', Kazakh Latin 'ä') and punctuation ignored."""
    words: list[str] = []
    word: list[str] = []
    for char in title.upper():
        if (key := _KEY_CHARS.get(char)) is None and char.isalpha():
            base = unicodedata.normalize("NFKD", char)[0]  # 'É' -> 'E'; Cyrillic Й is a letter of its own
            key = _KEY_CHARS.get(base, char)
        if key is None:  # not a letter or digit: a word ends
            if word:
                words.append("".join(word))
                word = []
            continue
        word.append(key)
    if word:
        words.append("".join(word))
    return " ".join(words)[:TITLE_KEY_LENGTH]


def hits_order(order: str) -> list[OrderBy | str]:
    """How RankedHits sorts every hit for `order` (DATE or TITLE): the newest volume first as the
    volume lists order them, a volume's articles in the order they were added (its printed order
    for an imported volume); or by title_key. Ids break ties, so pages never overlap."""
    if order == DATE:
        return [
            F("proceedings__year").desc(),
            F("proceedings__date_start").desc(nulls_last=True),
            F("proceedings__slug").asc(),
            "pk",
        ]
    return ["title_key", "pk"]

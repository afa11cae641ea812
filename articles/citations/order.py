"""A reference list in alphabetical order, as GOST lists are ordered.

Entries sort by their text as printed (the first author's surname, or the title where the
reference starts with it), word by word: Cyrillic first, in the Kazakh alphabet (А Ә Б … Ғ … Қ
… Ң … Ө … Ұ Ү … Һ … І … Я, which keeps the Russian letters in their own order), then Latin —
the convention of Russian and Kazakh reference lists, sources in Cyrillic before those in other
scripts. Case, accents and punctuation do not count ('[Атауы жоқ: …]' sorts under 'А').
Python's own string order would put Ә, Ғ, Қ and the other Kazakh letters after Я.
"""

from __future__ import annotations

import unicodedata
from typing import TypeVar

from authors.names import KAZAKH_ALPHABET

T = TypeVar("T")

_DIGITS = "0123456789"
_LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Digits, then Cyrillic, then Latin; letters of other scripts after them, by code point.
_RANKS = {char: rank for rank, char in enumerate(_DIGITS + KAZAKH_ALPHABET + _LATIN)}
_OTHER_SCRIPTS = len(_RANKS)


def _rank(char: str) -> int | None:
    """The place of a letter or digit in the order; None for anything else (a word break)."""
    if char in _RANKS:
        return _RANKS[char]
    if not char.isalnum():
        return None
    base = unicodedata.normalize("NFKD", char)[0]  # 'É' -> 'E'; Cyrillic Й stays a letter of its own
    return _RANKS.get(base, _OTHER_SCRIPTS + ord(char))


def reference_sort_key(reference: str) -> tuple[tuple[int, ...], ...]:
    """Each word of `reference` as the ranks of its letters, so a word sorts before the longer
    words it begins ('Медиа және' before 'Медиасауаттылық')."""
    words: list[tuple[int, ...]] = []
    word: list[int] = []
    for char in reference.upper():
        rank = _rank(char)
        if rank is None:
            if word:
                words.append(tuple(word))
                word = []
            continue
        word.append(rank)
    if word:
        words.append(tuple(word))
    return tuple(words)


def alphabetical_order(entries: list[tuple[str, T]]) -> list[tuple[str, T]]:
    """(reference, anything) pairs by `reference_sort_key` of the reference; equal references keep
    the order they had."""
    return sorted(entries, key=lambda entry: reference_sort_key(entry[0]))

"""A reference list in alphabetical order, as GOST lists are ordered.

Entries sort by their text as printed (the first author's surname, or the title where the
reference starts with it), word by word: Cyrillic first, in the Kazakh alphabet (А Ә Б … Ғ … Қ
… Ң … Ө … Ұ Ү … Һ … І … Я, which keeps the Russian letters in their own order), then Latin —
the convention of Russian and Kazakh reference lists, sources in Cyrillic before those in other
scripts. Case, accents and punctuation do not count ('[Атауы жоқ: …]' sorts under 'А'); digits
come first. Python's own string order would put Ә, Ғ, Қ and the other Kazakh letters after Я.

The key is the one search sorts titles by (articles.search.ordering.title_sort_key): one
alphabet order for the whole archive.
"""

from __future__ import annotations

from typing import TypeVar

from articles.search.ordering import title_sort_key

T = TypeVar("T")


def alphabetical_order(entries: list[tuple[str, T]]) -> list[tuple[str, T]]:
    """(reference, anything) pairs in the alphabetical order of the references; equal ones (and
    ones alike as far as the key reaches, 100 letters) keep the order they had."""
    return sorted(entries, key=lambda entry: title_sort_key(entry[0]))

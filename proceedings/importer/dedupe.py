"""Recognise an article printed twice, and fingerprint bodies for idempotent re-imports.

A repeated article may lose its header and get its lists renumbered, so copies are
compared by overlapping word shingles of the body with digits and list markers removed,
not by exact text. Only a large overlap counts: articles on the same topic share phrases,
not whole runs of eight words.
"""

from __future__ import annotations

import hashlib
import re

from proceedings.importer.normalise import fold_words
from proceedings.importer.types import ArticleDraft

_SHINGLE = 8
_OVERLAP = 0.5
_WORD = re.compile(r"[^\W\d_]+")


def content_hash(body: str) -> str:
    """sha256 of the body with whitespace folded and case ignored, stable across re-imports."""
    folded = " ".join(body.casefold().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def shingles(text: str, size: int = _SHINGLE) -> set[int]:
    """Hashes of every run of `size` words; digits and punctuation never take part."""
    words = fold_words(_WORD.findall(text.replace("Ё", "Е").replace("ё", "е")))
    # zip over `size` shifted copies yields every run of `size` consecutive words as a tuple;
    # the copies differ in length on purpose, zip stops at the shortest.
    return set(map(hash, zip(*(words[k:] for k in range(size)), strict=False)))


def overlap(a: set[int], b: set[int]) -> float:
    """Share of the smaller set found in the larger one (a truncated copy still matches)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def mark_duplicates(articles: list[ArticleDraft]) -> None:
    """Set `duplicate_of` on every later copy to the start line of the first copy."""
    prints = [shingles(article.body) for article in articles]
    for later in range(len(articles)):
        if len(prints[later]) < 20:
            continue
        for earlier in range(later):
            if articles[earlier].duplicate_of is None and overlap(prints[earlier], prints[later]) >= _OVERLAP:
                articles[later].duplicate_of = articles[earlier].start_line
                articles[later].warnings.append(f"repeats the article at line {articles[earlier].start_line}")
                break

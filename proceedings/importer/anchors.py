"""The volume's own contents as anchors: an article starts where a title it lists is printed.

A contents list (proceedings.importer.contents) names every article and its page; where the
body prints the first line of a listed title, an article begins, whatever else the header
shows or lacks. Titles are compared by their letters only (case, punctuation, spacing and ё
aside), on the first letters of the title: a wrapped title's first line is a prefix of it.
"""

from __future__ import annotations

import re

from proceedings.importer.contents import ContentsEntry
from proceedings.importer.types import Line

_NOT_LETTER = re.compile(r"[\W\d_]+")
_KEY = 24  # letters compared
_MIN_KEY = 12  # a shorter first line ('ВВЕДЕНИЕ') is no anchor


def letters_key(text: str) -> str:
    return _NOT_LETTER.sub("", text.casefold().replace("ё", "е"))


def contents_anchors(lines: list[Line], entries: list[ContentsEntry]) -> list[int]:
    """Indices of the lines that print the start of a title the contents lists, each title once
    (its first print after the contents: an abstract's title printed again in its paper counts
    once, at the abstract)."""
    keys: dict[str, str] = {}
    for entry in entries:
        key = letters_key(entry.title)
        if len(key) >= _MIN_KEY:
            keys.setdefault(key[:_KEY], key)
    found: list[int] = []
    seen: set[str] = set()
    for index, line in enumerate(lines):
        key = letters_key(line.text)
        if len(key) < _MIN_KEY:
            continue
        title = keys.get(key[:_KEY]) if len(key) >= _KEY else _prefix_of(key, keys.values())
        if title and title not in seen:
            seen.add(title)
            found.append(index)
    return found


def _prefix_of(key: str, titles) -> str | None:
    return next((title for title in titles if title.startswith(key)), None)

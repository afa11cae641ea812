"""Stable ASCII keys for BibTeX entries and CSL-JSON ids: 'andreeva2025zhasandy'."""

from __future__ import annotations

import re

from articles.citations.record import CitationRecord
from proceedings.transliteration import to_latin

_NOT_KEY = re.compile(r"[^a-z0-9]")
_WORD = re.compile(r"[^\W\d_]{2,}")


def citation_key(record: CitationRecord) -> str:
    """Surname, year and the first word of the title, transliterated; the same record always gets
    the same key. 'anonymous' and 'untitled' stand in for what is missing."""
    first = record.authors[0] if record.authors else None
    name = (first.surname or first.printed.split(" ")[0]) if first else "anonymous"
    words = _WORD.findall(record.title or "")
    word = words[0] if words else "untitled"
    return "".join(_ascii(part) for part in (name, str(record.year), word))


def citation_keys(records: list[CitationRecord]) -> list[str]:
    """Keys for a list, made unique by 'b', 'c', … on the second and later repeats."""
    seen: dict[str, int] = {}
    keys = []
    for record in records:
        key = citation_key(record)
        count = seen.get(key, 0)
        seen[key] = count + 1
        keys.append(key if count == 0 else key + _suffix(count))
    return keys


def _ascii(text: str) -> str:
    return _NOT_KEY.sub("", to_latin(text).encode("ascii", "ignore").decode())


def _suffix(count: int) -> str:
    letters = ""
    count += 1  # the second entry is 'b'
    while count:
        count, remainder = divmod(count - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters

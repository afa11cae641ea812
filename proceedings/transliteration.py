"""Cyrillic (Kazakh and Russian) to plain Latin letters, for URLs people can read and type.

The mapping follows common informal practice (ж→zh, ш→sh, х→kh, қ→q, ң→ng, ұ/ү→u, і→i), not a
reversible standard: slugs only need to be readable and stable.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.text import slugify

_CYRILLIC_TO_LATIN = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "gh", "д": "d", "е": "e", "ё": "yo",
    "ж": "zh", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n",
    "ң": "ng", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
    "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def to_latin(text: str) -> str:
    """Lower-case Latin spelling of `text`; characters without a mapping are kept."""
    lowered = unicodedata.normalize("NFC", text).lower()
    return "".join(_CYRILLIC_TO_LATIN.get(char, char) for char in lowered)


def slug_from_text(text: str, *, max_words: int = 8, max_length: int = 80) -> str:
    """A readable ASCII slug from the first words of `text` ('' when nothing usable is left)."""
    words = _WORD.findall(text)[:max_words]
    slug = slugify(to_latin(" ".join(words)))
    return slug[:max_length].rstrip("-")


def former_slugs_joined(*groups: list[str], current: str) -> list[str]:
    """Old addresses of a page (articles and people keep theirs to redirect), each once, in the
    order they were retired, never the address it has now."""
    return [
        slug for slug in dict.fromkeys(slug for group in groups for slug in group) if slug and slug != current
    ]

"""How much the text on either side of a line shares its vocabulary: a change of subject.

Two articles printed one after the other without a header between them still differ in what
they talk about — 'краудсорсинг' on one side, 'дипфейк' on the other — while two sections of
one article keep repeating their terms. Words are compared by their first letters (a rough stem
that works alike for Kazakh, Russian and English inflection), over a window of text on each side
(the lexical cohesion of TextTiling, Hearst 1997).
"""

from __future__ import annotations

import math
import re
from collections import Counter

from proceedings.importer.types import Line

WINDOW_CHARS = 2000
_STEM = 5
_WORD = re.compile(r"[^\W\d_]{4,}")


def _stems(lines: list[Line], start: int, step: int) -> Counter[str]:
    stems: Counter[str] = Counter()
    taken, k = 0, start
    while 0 <= k < len(lines) and taken < WINDOW_CHARS:
        text = lines[k].text
        stems.update(word[:_STEM] for word in _WORD.findall(text.casefold()))
        taken += len(text)
        k += step
    return stems


def similarity_across(lines: list[Line], i: int) -> float:
    """Cosine similarity of the vocabularies just above line `i` and from it on (0 to 1)."""
    above, below = _stems(lines, i - 1, -1), _stems(lines, i, 1)
    shared = sum(count * below[stem] for stem, count in above.items() if stem in below)
    norms = math.sqrt(sum(v * v for v in above.values()) * sum(v * v for v in below.values()))
    return shared / norms if norms else 0.0

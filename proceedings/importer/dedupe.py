"""Recognise an article printed twice, and fingerprint bodies for idempotent re-imports.

A repeated article may lose its header and get its lists renumbered, so copies are compared
by the word shingles of their bodies (runs of eight words, digits and punctuation left out),
not by exact text. Three things keep the test from calling different articles repeats:

- What a volume prints around every article is no evidence: lines found in many articles
  (running headers, the conference's name, a journal's footer) are taken out of the bodies,
  and so are shingles found in many articles. A scrap made of running headers and page
  numbers is then nearly empty.
- Both sides must be long enough to judge: a short text says little, and a scrap or an
  abstract is never the original nor the copy of a full article.
- The resemblance is symmetric (Jaccard: shared shingles over all shingles of the two), so an
  abstract inside its full paper, or a scrap inside anything, is far from the bar; a one-sided
  "share of the smaller set" made 19 articles of a real volume repeats of a header scrap.

Only the later copy is marked (`duplicate_of`, a warning); the import keeps it as an article
and the editor decides in the review.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from proceedings.importer.types import ArticleDraft

SHINGLE = 8
# Jaccard of the two bodies' shingles from which a later article is taken for a repeat. Real
# repeats score near 1 (the bundled volume's: 1.0); a copy that lost a quarter of its text, or
# has a neighbour's scrap glued on, still passes; an extended abstract inside its paper does not.
RESEMBLANCE = 0.7
# Distinct shingles (boilerplate out) each side needs before it is judged at all: ~60 words.
MIN_SHINGLES = 50
# A line or a shingle is boilerplate when at least this share of the volume's articles has it,
# and never when fewer than COMMON_MIN do: an article printed twice, or even three times, puts
# its text in as many articles, and its prints must still be found.
COMMON_SHARE = 0.1
COMMON_MIN = 4
# A line of boilerplate has at least this many words (a lone "Введение" is not taken out).
LINE_MIN_WORDS = 2
REPEAT_WARNING = "looks like a repeat of the article at line {line}"
_REPEAT_WARNING = re.compile(r"^looks like a repeat of the article at line (?P<line>\d+)$")
_WORD = re.compile(r"[^\W\d_]+")


def content_hash(body: str) -> str:
    """sha256 of the body with whitespace folded and case ignored, stable across re-imports."""
    folded = " ".join(body.casefold().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def words_of(text: str) -> list[str]:
    """The text's words folded; digits and punctuation never take part."""
    return _WORD.findall(text.replace("Ё", "Е").replace("ё", "е").casefold())


def shingles(text: str | list[str], size: int = SHINGLE) -> set[int]:
    """Hashes of every run of `size` words of a text (or of a list of words already folded)."""
    words = words_of(text) if isinstance(text, str) else text
    # zip over `size` shifted copies yields every run of `size` consecutive words as a tuple;
    # the copies differ in length on purpose, zip stops at the shortest.
    return set(map(hash, zip(*(words[k:] for k in range(size)), strict=False)))


def resemblance(a: set[int], b: set[int]) -> float:
    """Jaccard: shared over all; symmetric, so a part never resembles its whole."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


def is_repeat_warning(text: str) -> bool:
    return _REPEAT_WARNING.match(text) is not None


def common_limit(articles: int) -> int:
    """In how many articles a line or shingle must be found to count as the volume's boilerplate."""
    return max(COMMON_MIN, math.ceil(COMMON_SHARE * articles))


def _common(groups: Iterable[set], *, limit: int) -> set:
    counts = Counter(item for group in groups for item in group)
    return {item for item, count in counts.items() if count >= limit}


def boilerplate_lines(texts: list[str], *, limit: int) -> set[tuple[str, ...]]:
    """Lines (as their words) that at least `limit` of the articles' texts carry."""
    keys = [{tuple(words_of(line)) for line in text.splitlines()} for text in texts]
    return {key for key in _common(keys, limit=limit) if len(key) >= LINE_MIN_WORDS}


def without_lines(words: list[str], lines: set[tuple[str, ...]]) -> list[str]:
    """`words` with every run equal to one of `lines` taken out (the longest where several start)."""
    if not lines:
        return words
    starting: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for line in sorted(lines, key=len, reverse=True):
        starting[line[0]].append(line)
    out: list[str] = []
    at = 0
    while at < len(words):
        found = next(
            (line for line in starting.get(words[at], ()) if tuple(words[at : at + len(line)]) == line), None
        )
        if found:
            at += len(found)
        else:
            out.append(words[at])
            at += 1
    return out


def fingerprints(articles: list[ArticleDraft]) -> list[set[int]]:
    """Each body's shingles with the volume's boilerplate (common lines and shingles) taken out."""
    limit = common_limit(len(articles))
    lines = boilerplate_lines([article.text for article in articles], limit=limit)
    prints = [shingles(without_lines(words_of(article.body), lines)) for article in articles]
    common = _common(prints, limit=limit)
    return [own - common for own in prints]


def find_repeats(articles: list[ArticleDraft]) -> dict[int, int]:
    """Later article index -> index of the earlier article it repeats (the closest, then the first).

    A copy is never an original: a third print points at the first. Shared shingles are
    counted through an index of the originals', which stays small because no remaining
    shingle is in many articles.
    """
    prints = fingerprints(articles)
    owners: dict[int, list[int]] = defaultdict(list)
    found: dict[int, int] = {}
    for later, own in enumerate(prints):
        if len(own) < MIN_SHINGLES:
            continue
        shared = Counter(earlier for shingle in own for earlier in owners.get(shingle, ()))
        scores = [
            (count / (len(own) + len(prints[earlier]) - count), -earlier) for earlier, count in shared.items()
        ]
        best = max(scores, default=None)
        if best is not None and best[0] >= RESEMBLANCE:
            found[later] = -best[1]
            continue
        for shingle in own:
            owners[shingle].append(later)
    return found


def mark_duplicates(articles: list[ArticleDraft]) -> None:
    """Set `duplicate_of` on every later copy to the start line of the first, with a warning."""
    for later, earlier in find_repeats(articles).items():
        line = articles[earlier].start_line
        articles[later].duplicate_of = line
        articles[later].warnings.append(REPEAT_WARNING.format(line=line))

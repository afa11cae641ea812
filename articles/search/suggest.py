"""'Did you mean': near misses on people's names and keywords.

PostgreSQL's pg_trgm is not available in every installation (the embedded server ships
without it), so candidates come from the SearchTerm vocabulary through an index on skeleton
length and first letter, and are ranked in Python with difflib. Comparing skeletons makes
'Uzbekova' and 'Өзбекова' equal and keeps the typo distance meaningful across scripts.
"""

from __future__ import annotations

import difflib

from articles.models import SearchTerm
from articles.search.query import STOP_WORDS, parse_query
from articles.search.script import skeleton

MIN_RATIO = 0.75
MAX_CANDIDATES = 5000
LENGTH_SLACK = 2
# A correction is offered for short queries: each word is compared with thousands of terms, and
# a long query rewritten word by word reads as noise, not as what the reader meant.
MAX_SUGGESTED_WORDS = 4


def closest_term(word: str) -> str | None:
    """The vocabulary word closest to `word`, or None when `word` is known or nothing is close."""
    shape = skeleton(word)
    if len(shape) < 3:
        return None
    candidates = SearchTerm.objects.filter(
        length__gte=len(shape) - LENGTH_SLACK,
        length__lte=len(shape) + LENGTH_SLACK,
        skeleton__startswith=shape[0],
    ).values_list("word", "skeleton")[:MAX_CANDIDATES]
    best, best_ratio = None, MIN_RATIO
    for candidate, candidate_shape in candidates:
        if candidate_shape == shape:
            return None  # a known word in another spelling: the search finds it already
        if candidate in STOP_WORDS:
            continue  # 'then' is not a typo of 'the': a stop word is never searched for
        matcher = difflib.SequenceMatcher(None, shape, candidate_shape)
        # The quick upper bounds first: most candidates are ruled out without the full comparison.
        if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = candidate, ratio
    return best


def search_suggestion(query: str) -> str | None:
    """A corrected query that finds something, or None."""
    from articles.search.selectors import article_search  # noqa: PLC0415 - selectors import this module's caller

    words = parse_query(query).positive_words()
    if len(words) > MAX_SUGGESTED_WORDS:
        return None
    corrected = [closest_term(word) or word for word in words]
    if corrected == words:
        return None
    suggestion = " ".join(corrected)
    return suggestion if article_search(query=suggestion).found_any() else None

"""'Did you mean': a mistyped word replaced by a word of the archive, when a query finds little.

PostgreSQL's pg_trgm is not available in every installation (the embedded server ships
without it), so candidates come from the SearchTerm vocabulary through an index on skeleton
length and first letter, and are ranked in Python with difflib. Comparing skeletons makes
'Uzbekova' and 'Өзбекова' equal and keeps the typo distance meaningful across scripts.

Only a word that finds nothing is replaced: a word the archive has in some form is no typo, so
'фейковые новости' (one article) is never turned into the archive's other form 'новостей'. And
the whole suggestion must find more than the query did, with every one of its words.
"""

from __future__ import annotations

import difflib
import re

from articles.models import SearchEntry, SearchTerm
from articles.search.planner import index_exists
from articles.search.query import STOP_WORDS, normalise_query_text, parse_query
from articles.search.script import skeleton

MIN_RATIO = 0.75
MAX_CANDIDATES = 5000
LENGTH_SLACK = 2
# A correction is offered for short queries: each word is compared with thousands of terms, and
# a long query rewritten word by word reads as noise, not as what the reader meant. A pasted
# sentence or abstract (more characters than a few words and a name take) is not a typo either.
MAX_SUGGESTED_WORDS = 4
MAX_SUGGESTED_CHARS = 80
# A query is offered a correction only when it finds fewer articles than this. Three or more
# means its words are in the archive and it found what it was about; one or two may be a stray
# hit of an 'OR' alternative or of all-but-one of the words (the shown results say so), where
# the word that found nothing may still be a typo.
FEW_RESULTS = 3
MIN_SKELETON = 3  # shorter words are not corrected: too many words are that close to them


def closest_term(word: str) -> str | None:
    """The vocabulary word closest to `word`, or None when `word` is known or nothing is close."""
    shape = skeleton(word)
    if len(shape) < MIN_SKELETON:
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


def words_finding_nothing(words: list[str]) -> list[str]:
    """Those of `words` (long enough to correct) that no published article has in any form the
    search reads: one statement, an EXISTS through the index for each."""
    from articles.search.selectors import SearchFilters, word_query  # noqa: PLC0415 - selectors import this module's caller

    candidates = [word for word in dict.fromkeys(words) if len(skeleton(word)) >= MIN_SKELETON]
    if not candidates:
        return []
    entries = SearchFilters().apply(SearchEntry.objects.all())
    found = index_exists(*(entries.filter(document=word_query(word)) for word in candidates))
    return [word for word, exists in zip(candidates, found, strict=True) if not exists]


def corrected_query(query: str, corrections: dict[str, str]) -> str:
    """The query as typed, quotes, OR and minus signs kept, each corrected word replaced; in the
    parser's reading (lower case, ё as е) when a word is not found as typed."""
    typed = query.strip()
    for text, flags in ((typed, re.IGNORECASE), (normalise_query_text(typed), 0)):
        patterns = [
            (re.compile(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", flags), new)
            for word, new in corrections.items()
        ]
        if all(pattern.search(text) for pattern, _ in patterns):
            corrected = text
            for pattern, correction in patterns:
                corrected = pattern.sub(correction, corrected)
            return corrected
    return typed


def search_suggestion(query: str, *, found: int = 0) -> str | None:
    """A corrected query that finds more than the `found` articles of `query` (0: nothing, or
    only articles with all but one of its words) with every word it has, or None: for a query
    that finds FEW_RESULTS or more, a long one, or one whose every word the archive has."""
    if found >= FEW_RESULTS or len(query.strip()) > MAX_SUGGESTED_CHARS:
        return None
    words = parse_query(query).positive_words()
    if not words or len(words) > MAX_SUGGESTED_WORDS:
        return None
    corrections = {
        word: correction for word in words_finding_nothing(words) if (correction := closest_term(word))
    }
    suggestion = corrected_query(query, corrections)
    if suggestion == query.strip():
        return None  # nothing corrected (or the word as typed was longer than the parser reads)
    return suggestion if finds_more(suggestion, found=found) else None


def finds_more(query: str, *, found: int) -> bool:
    """Whether `query` finds articles with all its words, more than `found` of them."""
    from articles.search.selectors import article_search  # noqa: PLC0415 - selectors import this module's caller

    results = article_search(query=query)
    if results.any_but_one or not results.found_any():
        return False
    return not found or results.articles.count() > found

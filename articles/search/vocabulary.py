"""The archive's words by their Latin/Cyrillic skeleton (articles.models.SearchWord), for queries
typed in the other script: documents hold skeletons for people's names only
(articles.search.document), so a typed word's skeleton is looked up here and searched as the
documents' own lexemes, which carry their weights (the tiers and ranking read them as before).

The lexemes go into the query as constants, not as a subquery: PostgreSQL then estimates the
query from its statistics as it did when the skeletons were in the documents, and plans the
phrase pairs' index the same way. A looked-up skeleton is kept for a minute in the process
(a request builds a word's query several times); the indexing service forgets them all when it
adds words, so a process that indexes sees its own words at once and others within the minute.
"""

from __future__ import annotations

import time

from articles.models import SearchWord

MEMO_SECONDS = 60
MEMO_SIZE = 10_000
# A prefix met by more words than this ('kaz') is looked up whole: one query never carries
# thousands of lexemes.
MAX_LEXEMES = 300

_memo: dict[tuple[str, bool], tuple[float, tuple[str, ...]]] = {}


def skeleton_lexemes(shape: str, *, prefix: bool) -> tuple[str, ...]:
    """The lexemes of the words whose skeleton is `shape` (with `prefix`, starts with it)."""
    key = (shape, prefix)
    now = time.monotonic()
    if (memo := _memo.get(key)) and memo[0] > now:
        return memo[1]
    words = (
        SearchWord.objects.filter(skeleton__startswith=shape)
        if prefix
        else SearchWord.objects.filter(skeleton=shape)
    )
    found = words.values_list("lexeme", flat=True)[: MAX_LEXEMES + 1]
    # Words come from letters, digits and hyphens, so no lexeme should need quoting; one that
    # would is left out rather than break the query (expressions.lexeme_literal refuses it).
    lexemes = tuple(sorted({lexeme for lexeme in found if "'" not in lexeme and "\\" not in lexeme}))
    if len(lexemes) > MAX_LEXEMES:
        lexemes = skeleton_lexemes(shape, prefix=False)
    if len(_memo) >= MEMO_SIZE:
        _memo.clear()
    _memo[key] = (now + MEMO_SECONDS, lexemes)
    return lexemes


def vocabulary_forget() -> None:
    """Drop what this process remembers of the vocabulary (it has just learnt new words)."""
    _memo.clear()

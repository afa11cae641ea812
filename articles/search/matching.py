"""Which search entries match a query: words through the document's GIN index, two-word phrases
through the index of the documents' word pairs.

The pairs ('~жасанды интеллект') are not stored: they take more room than the words themselves
(a third of the table at 100,000 articles). An expression index on `jinaq_word_pairs(document)`
(articles migration 0013) holds them, so a quoted two-word phrase is still found through an index
alone, exactly as the phrase operator would find it, without reading any document. The query is
therefore a condition over two indexed expressions rather than one tsquery: the clauses made of
words stay one tsquery for the document (one index scan), each clause with a phrase becomes a
condition of its own, and excluded terms are taken out by id. No condition ever asks PostgreSQL
to recompute the pairs of a row: a phrase it must check word by word (three words or more, a stop
word inside) is checked against the document's positions, never in the same test as a pair.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from functools import reduce

from django.contrib.postgres.search import SearchQueryCombinable
from django.db.models import Q, QuerySet

from articles.models import document_word_pairs
from articles.search.expressions import PhraseCheckQuery, PhrasePairQuery
from articles.search.query import ParsedQuery, Term

# The configurations a phrase is read in: the Russian and English stemmers, and word for word.
PHRASE_CONFIGS = ("russian", "english", "simple")
PAIRS = "pairs"  # the alias the entries' word pairs are filtered under


def with_word_pairs(entries: QuerySet) -> QuerySet:
    """`entries` that can be filtered on their documents' word pairs (through their index)."""
    return entries.alias(**{PAIRS: document_word_pairs()})


def phrase_condition(term: Term) -> Q:
    """A phrase in any of the configurations: its pair where it is two words side by side, else
    the phrase operator (each configuration gives one of the two; the other is NULL)."""
    text = term.text or " ".join(term.words)
    conditions = [
        Q(**{PAIRS: PhrasePairQuery(text, config=config)}) | Q(document=PhraseCheckQuery(text, config=config))
        for config in PHRASE_CONFIGS
    ]
    return reduce(operator.or_, conditions)


def term_condition(term: Term, word_query: Callable[[Term], SearchQueryCombinable]) -> Q:
    return phrase_condition(term) if term.is_phrase else Q(document=word_query(term))


def match_condition(parsed: ParsedQuery, word_query: Callable[[Term], SearchQueryCombinable]) -> Q | None:
    """The positive clauses as one condition (None when there are none): the clauses of words
    ANDed into one tsquery, each clause with a phrase a condition of its own. Excluded terms are
    left to `excluded_condition`."""
    words: SearchQueryCombinable | None = None
    conditions: list[Q] = []
    for clause in parsed.clauses:
        if clause[0].negated:
            continue
        if any(term.is_phrase for term in clause):
            conditions.append(reduce(operator.or_, [term_condition(term, word_query) for term in clause]))
            continue
        clause_query = reduce(operator.or_, [word_query(term) for term in clause])
        words = clause_query if words is None else words & clause_query
    if words is not None:
        conditions.insert(0, Q(document=words))
    return reduce(operator.and_, conditions) if conditions else None


def excluded_condition(parsed: ParsedQuery, word_query: Callable[[Term], SearchQueryCombinable]) -> Q | None:
    """What the '-' terms exclude, as one positive condition (the parser keeps every excluded
    term in a clause of its own)."""
    excluded = [
        term_condition(Term(words=term.words, text=term.text), word_query)
        for clause in parsed.clauses
        for term in clause
        if term.negated
    ]
    return reduce(operator.or_, excluded) if excluded else None

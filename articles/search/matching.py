"""Which search entries match a query: words through the document's GIN index, two-word phrases
through the index of the documents' word pairs.

The pairs ('~жасанды интеллект') are not stored: they take more room than the words themselves
(a third of the table at 100,000 articles). An expression index on `jinaq_word_pairs(document)`
(articles migration 0013) holds them, so a quoted two-word phrase is still found through an index
alone, exactly as the phrase operator would find it, without reading any document. The query is
therefore a condition over two indexed expressions rather than one tsquery: the clauses made of
words stay one tsquery for the document (one index scan), each clause with a phrase becomes a
condition of its own, excluded words ride in the words' tsquery (where there is one) and excluded
phrases are taken out by id. No condition ever asks PostgreSQL to recompute the pairs of a row: a
phrase it must check word by word (three words or more, a stop word inside) is checked against
the document's positions, never in the same test as a pair.
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


def carries_exclusions(parsed: ParsedQuery) -> bool:
    """Whether the excluded words can go into the words' tsquery ('(ai | ии) & !спорт': one GIN
    scan that drops them as it goes, 7 ms against 19 for taking them out by id at 100,000
    articles). That needs a clause of positive words to carry them: a NOT alone makes GIN walk
    its whole index, so with phrases only they are taken out by id."""
    return any(is_word_clause(clause) for clause in parsed.clauses)


def is_word_clause(clause: tuple[Term, ...]) -> bool:
    """A positive clause of words only (no phrase in it)."""
    return not clause[0].negated and not any(term.is_phrase for term in clause)


def words_query(
    parsed: ParsedQuery, word_query: Callable[[Term], SearchQueryCombinable]
) -> SearchQueryCombinable | None:
    """The clauses made only of words, ANDed into one tsquery with the excluded single words
    (see carries_exclusions); None when there is no clause of words."""
    words: SearchQueryCombinable | None = None
    for clause in parsed.clauses:
        if not is_word_clause(clause):
            continue
        clause_query = reduce(operator.or_, [word_query(term) for term in clause])
        words = clause_query if words is None else words & clause_query
    if words is None:
        return None
    for term in excluded_terms(parsed):
        if not term.is_phrase:
            words &= word_query(term)  # negated by word_query: '!!(…)'
    return words


def match_condition(parsed: ParsedQuery, word_query: Callable[[Term], SearchQueryCombinable]) -> Q | None:
    """The positive clauses as one condition (None when there are none): the clauses of words
    ANDed into one tsquery with the excluded words, each clause with a phrase a condition of its
    own. What the words' tsquery cannot carry is left to `excluded_condition`."""
    conditions = [
        reduce(operator.or_, [term_condition(term, word_query) for term in clause])
        for clause in parsed.clauses
        if not clause[0].negated and any(term.is_phrase for term in clause)
    ]
    if (words := words_query(parsed, word_query)) is not None:
        conditions.insert(0, Q(document=words))
    return reduce(operator.and_, conditions) if conditions else None


def excluded_terms(parsed: ParsedQuery) -> list[Term]:
    return [term for clause in parsed.clauses for term in clause if term.negated]


def excluded_condition(
    parsed: ParsedQuery, word_query: Callable[[Term], SearchQueryCombinable], *, carried: bool | None = None
) -> Q | None:
    """What the '-' terms that `match_condition` leaves out exclude, as one positive condition
    (the parser keeps every excluded term in a clause of its own): excluded phrases, and every
    excluded term when no clause of words carries them (`carried` False: every one, for
    conditions built from parts of the query, some of which may have no words)."""
    inline = carries_exclusions(parsed) if carried is None else carried
    excluded = [
        term_condition(Term(words=term.words, text=term.text), word_query)
        for term in excluded_terms(parsed)
        if term.is_phrase or not inline
    ]
    return reduce(operator.or_, excluded) if excluded else None

"""Small pieces of PostgreSQL full-text SQL that django.contrib.postgres does not have.

Built in the style of contrib/postgres/search.py, so they combine with its SearchQuery objects
(`|`, `&`) and every user-supplied text travels as a query parameter.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.postgres.search import SearchConfig, SearchQuery, SearchQueryCombinable, SearchQueryField
from django.db.models import Func, Value

from articles.search.query import ParsedQuery, Term


def lexeme_literal(lexeme: str, *, prefix: bool) -> str:
    """One lexeme in tsquery syntax ('стем':*); only clean words get here, never quotes or escapes."""
    if not lexeme or "'" in lexeme or "\\" in lexeme:
        raise ValueError(f"not a clean lexeme: {lexeme!r}")
    return f"'{lexeme}'" + (":*" if prefix else "")


class ReadyQuery(SearchQuery):
    """A tsquery we build ourselves rather than one PostgreSQL parses from text.

    A SearchQuery as far as Django's lookups can tell: `vector=query` passes a SearchQuery (or a
    combination) through as it is, but wraps anything else in plainto_tsquery() — so a lone
    query of our own (the one lexeme of '2025' in the people search) became
    plainto_tsquery(<tsquery>), an error. The subclasses set `template`.
    """

    output_field = SearchQueryField()

    def __init__(self, *expressions) -> None:
        # SearchQuery's own __init__ parses text; ours takes ready expressions.
        self.config = None  # read by SearchQueryCombinable when this query comes first in `a | b`
        self.invert = False  # read by SearchQuery.as_sql and `~query`
        Func.__init__(self, *expressions, output_field=SearchQueryField())


class LexemeQuery(ReadyQuery):
    """A tsquery made of one ready lexeme (a Kazakh stem, a marked skeleton), cast rather than
    parsed: it must reach the index exactly as the 'simple' configuration stored it. `prefix`
    adds ':*'."""

    template = "%(expressions)s::tsquery"

    def __init__(self, lexeme: str, *, prefix: bool = False) -> None:
        super().__init__(Value(lexeme_literal(lexeme, prefix=prefix)))


class LexemesQuery(ReadyQuery):
    """Any of these ready lexemes, whole ('журналистиканың' | 'журналистик'): a word typed in the
    other script, as the documents' lexemes its skeleton stands for (articles.search.vocabulary)."""

    template = "%(expressions)s::tsquery"

    def __init__(self, lexemes: tuple[str, ...]) -> None:
        super().__init__(Value(" | ".join(lexeme_literal(lexeme, prefix=False) for lexeme in lexemes)))


class PhrasePairQuery(ReadyQuery):
    """A two-word phrase as its adjacent-word pair ('~жасанды интеллект'), for the entries' word
    pairs (articles.search.matching.word_pairs, articles migration 0013): found through their GIN
    index without reading any document. NULL — nothing — where the phrase, read in `config`, is
    not two words side by side; PhraseCheckQuery covers that case."""

    template = "jinaq_phrase_pair(%(expressions)s)"

    def __init__(self, phrase: str, *, config: str) -> None:
        super().__init__(SearchConfig(config), Value(phrase))


class PhraseCheckQuery(ReadyQuery):
    """The phrase operator's query (phraseto_tsquery) where PhrasePairQuery has no pair to look
    up — a phrase of one word, of three or more, or with a stop word inside — else NULL. Checked
    against the words' positions, so PostgreSQL reads the candidates' documents."""

    template = "jinaq_phrase_check(%(expressions)s)"

    def __init__(self, phrase: str, *, config: str) -> None:
        super().__init__(SearchConfig(config), Value(phrase))


class LexemePhraseQuery(ReadyQuery):
    """Ready lexemes that must stand in this order, each a prefix or whole ('бизнес':* <->
    'коммуникац':*): a Kazakh phrase in other forms than typed. Checked against positions, so
    PostgreSQL reads each candidate's vector; the search uses it only when the phrase as typed
    finds nothing."""

    template = "%(expressions)s::tsquery"

    def __init__(self, lexemes: list[tuple[str, bool]]) -> None:
        text = " <-> ".join(lexeme_literal(lexeme, prefix=prefix) for lexeme, prefix in lexemes)
        super().__init__(Value(text))


class CompiledQuery(ReadyQuery):
    """A tsquery expression compiled to SQL once, for the several statements of one search.

    The ORM resolves (copies) and compiles an expression every time a queryset is filtered or
    compiled with it: a search filters and compiles its words' query a dozen times (facets,
    counts, tiers, snippets), and resolving a tree of SearchQuery objects took most of the
    search's own Python time (0.75 ms a compile for two words)."""

    def __init__(self, expression: SearchQueryCombinable, compiler) -> None:
        super().__init__()
        self.sql, self.params = compiler.compile(expression.resolve_expression(compiler.query))

    def resolve_expression(self, *args, **kwargs) -> CompiledQuery:
        return self

    def as_sql(self, compiler, connection, **extra_context) -> tuple[str, list]:
        return self.sql, list(self.params)


class NegatedQuery(ReadyQuery):
    """NOT of any tsquery expression, combined queries included."""

    template = "!!(%(expressions)s)"


def combine_clauses(
    parsed: ParsedQuery, term_query: Callable[[Term], SearchQueryCombinable]
) -> SearchQueryCombinable | None:
    """A parsed query as one tsquery expression: clauses ANDed, the terms of a clause ORed, each
    term turned into a query by `term_query` (articles and people read terms differently).
    None when nothing positive is left to find."""
    if parsed.is_empty:
        return None
    combined = None
    for clause in parsed.clauses:
        clause_query = term_query(clause[0])
        for term in clause[1:]:
            clause_query = clause_query | term_query(term)
        combined = clause_query if combined is None else combined & clause_query
    return combined

"""Small pieces of PostgreSQL full-text SQL that django.contrib.postgres does not have.

Built in the style of contrib/postgres/search.py, so they combine with its SearchQuery objects
(`|`, `&`) and every user-supplied text travels as a query parameter.
"""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import (
    SearchQueryCombinable,
    SearchQueryField,
    SearchVectorCombinable,
    SearchVectorField,
)
from django.db.models import Func, Value
from django.db.models.fields import CharField


class LexemeQuery(SearchQueryCombinable, Func):
    """A tsquery made of one ready lexeme, cast rather than parsed: the parser of any text
    search configuration would drop the '~' of a skeleton. `prefix` adds ':*'."""

    template = "%(expressions)s::tsquery"
    output_field = SearchQueryField()

    def __init__(self, lexeme: str, *, prefix: bool = False) -> None:
        if not lexeme or "'" in lexeme or "\\\\" in lexeme:
            raise ValueError(f"not a clean lexeme: {lexeme!r}")
        super().__init__(Value(f"'{lexeme}'" + (":*" if prefix else "")))


class NegatedQuery(SearchQueryCombinable, Func):
    """NOT of any tsquery expression, combined queries included."""

    template = "!!(%(expressions)s)"
    output_field = SearchQueryField()


class LexemeVector(SearchVectorCombinable, Func):
    """A tsvector of ready lexemes (no positions) with one weight: the skeletons of a text."""

    template = "setweight(array_to_tsvector(%(expressions)s), '%(weight)s')"
    output_field = SearchVectorField()

    def __init__(self, lexemes: list[str], *, weight: str) -> None:
        if weight not in {"A", "B", "C", "D"}:
            raise ValueError(f"not a tsvector weight: {weight!r}")
        super().__init__(Value(lexemes, output_field=ArrayField(CharField())), weight=weight)

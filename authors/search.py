"""What of a person the people search reads: every spelling of the name, and its skeletons.

Pure, so that the services and the migration that fills existing rows build one and the same
vector. Names go in word for word ('simple': no stemming of surnames) and again as marked
Latin/Cyrillic skeletons, as the article index does, so 'Uzbekova' meets 'Узбекова'.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.postgres.search import SearchVector
from django.db.models import Value

from articles.search.script import skeleton_text


def person_search_text(names: Iterable[str]) -> str:
    """The text indexed for a person with these spellings: each once, ё read as е (the query
    side folds it too), then their skeletons."""
    distinct = list(dict.fromkeys(name for name in names if name))
    spelled = " ; ".join(distinct).replace("ё", "е").replace("Ё", "Е")
    # Initials too (min_length=1): 'Uzbekova G. S.' must meet 'Узбекова Г. С.' letter by letter.
    return f"{spelled} {skeleton_text(spelled, min_length=1)}".strip()


def person_search_vector(*, display_name: str, name_variants: Iterable[str]) -> SearchVector:
    """The value for Person.search_vector: an expression that save(), update() and create()
    evaluate in PostgreSQL, so the words are split by the same parser the query side meets."""
    return SearchVector(Value(person_search_text([display_name, *name_variants])), config="simple")

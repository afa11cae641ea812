"""Reads of people for the public site: the author index and an author's page.

Only published volumes count: a person whose every article sits in a draft volume has no page
and no place in the index. The index reads the counts stored on Person (see
`person_refresh_article_counts`); an author's page checks its one person live.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.contrib.postgres.search import SearchQueryCombinable
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet

from articles.listing import VolumeOrderedArticles, person_membership
from articles.models import Article, Topic
from articles.search.expressions import LexemeQuery, NegatedQuery, combine_clauses
from articles.search.query import ParsedQuery, Term, parse_query
from articles.search.script import SKELETON_MARK, skeleton
from articles.selectors import article_list_items, article_published
from authors.aggregates import distinct
from authors.models import LISTED, Authorship, Person, Role
from authors.names import KAZAKH_ALPHABET
from proceedings.models import ProceedingsStatus

# The index strip: the Kazakh Cyrillic alphabet, then Latin, then '#' for names without letters.
INDEX_LETTERS: tuple[str, ...] = (*KAZAKH_ALPHABET, *string.ascii_uppercase, "#")
NO_LETTER = "#"


def authorship_published() -> QuerySet[Authorship]:
    return Authorship.objects.filter(article__proceedings__status=ProceedingsStatus.PUBLISHED)


def person_published() -> QuerySet[Person]:
    """People with at least one article (as author or supervisor) in a published volume."""
    return Person.objects.filter(Exists(authorship_published().filter(person=OuterRef("pk"))))


# --- the author index ----------------------------------------------------------------------


@dataclass(frozen=True)
class IndexLetter:
    letter: str
    count: int

    @property
    def is_latin(self) -> bool:
        return self.letter in string.ascii_uppercase


def author_index_letters() -> list[IndexLetter]:
    """Every letter of the strip with its number of listed people, in alphabet order.

    One GROUP BY, an index-only scan of the partial `person_listed_index`; '#' appears only
    when someone is filed there.
    """
    counts = dict(
        Person.objects.filter(LISTED)
        .order_by()
        .values_list("index_letter")
        .annotate(total=Count("id"))
        .values_list("index_letter", "total")
    )
    return [
        IndexLetter(letter=letter, count=counts.get(letter, 0))
        for letter in INDEX_LETTERS
        if letter != NO_LETTER or counts.get(letter)
    ]


def index_letter_groups(letters: list[IndexLetter]) -> list[list[IndexLetter]]:
    """The strip in two rows: the Kazakh Cyrillic alphabet ('#' with it), then Latin."""
    return [[item for item in letters if not item.is_latin], [item for item in letters if item.is_latin]]


def index_letter_parse(value: str | None) -> str | None:
    """The strip letter a `?letter=` value names ('ә' and 'Ә' alike), or None when it names none."""
    if value is None:
        return None
    letter = value.strip().upper()
    return letter if letter in INDEX_LETTERS else None


class CountedQuerySet(Sequence):
    """A queryset whose length is already known, so the paginator does not COUNT it again
    (the letter strip has just counted every letter)."""

    def __init__(self, queryset: QuerySet, count: int) -> None:
        self.queryset, self._count = queryset, count

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> list: ...
    def __getitem__(self, index):
        return list(self.queryset[index]) if isinstance(index, slice) else self.queryset[index]


def author_index_people(*, letter: str | None) -> QuerySet[Person]:
    """Listed people under `letter` (None: everyone) in Kazakh alphabetical order, with their
    stored counts (`articles_as_author`, `articles_as_supervisor`).

    The partial (index_letter, sort_name, id) and (sort_name, id) indexes give this order, so a
    page is an index range scan with LIMIT, whatever the number of people.
    """
    people = Person.objects.filter(LISTED)
    return (
        (people if letter is None else people.filter(index_letter=letter))
        .order_by("sort_name", "id")
        .only("display_name", "slug", "affiliation", "articles_as_author", "articles_as_supervisor")
    )


# --- an author's page ----------------------------------------------------------------------


def person_for_page(*, slug: str) -> Person | None:
    """The person behind `slug`, or None when unknown or without a published article."""
    return person_published().filter(slug=slug).first()


def person_moved_to(*, slug: str) -> str | None:
    """The current slug of the published author whose page once had `slug` (merged, renamed)."""
    return person_published().filter(former_slugs__contains=[slug]).values_list("slug", flat=True).first()


def person_articles(*, person: Person, role: str) -> QuerySet[Article]:
    """Published articles in which `person` has `role`, newest volume first, in volume order.

    For a supervisor these are the students' papers; the list item shows the students.
    """
    articles = article_published().filter(authorships__person=person, authorships__role=role)
    return article_list_items(articles).order_by(
        "-proceedings__year", "-proceedings__date_start", "proceedings__slug", "position"
    )


def person_article_list(*, person: Person, role: str) -> VolumeOrderedArticles:
    """person_articles for a page: the same order, a page at a time at the same cost whatever
    the number of the person's articles (articles.listing), sized by the stored counts."""
    size = person.articles_as_author if role == Role.AUTHOR else person.articles_as_supervisor
    return VolumeOrderedArticles(
        person_membership(person.pk, role), size=size, volume_order="v.year DESC, v.date_start DESC, v.slug"
    )


def person_name_variants(person: Person) -> list[str]:
    """Other printed spellings of the name (the display name itself is not repeated)."""
    return [name for name in person.name_variants if name != person.display_name]


@dataclass(frozen=True)
class PersonDetails:
    positions: list[str]
    affiliations: list[str]


def person_details(*, person: Person) -> PersonDetails:
    """Positions and affiliations as printed in the person's published articles (newest first),
    then the ones on the Person, each once."""
    return PersonDetails(
        positions=distinct([*person.printed_positions, person.position]),
        affiliations=distinct([*person.printed_affiliations, person.affiliation]),
    )


def person_coauthors(*, person: Person) -> QuerySet[Person]:
    """People who share a published article with `person` (in any role), most shared first.

    Each carries `shared`: the number of such articles.
    """
    return (
        Person.objects.filter(coauthored_with__person=person)
        .annotate(shared=F("coauthored_with__articles"))
        .order_by("-shared", "sort_name", "id")
    )


def person_topics(*, person: Person) -> QuerySet[Topic]:
    """Topics of the person's published articles with `total`, the number of them, most first.

    Not paginated: the topic vocabulary is a few dozen entries.
    """
    return (
        Topic.objects.filter(person_counts__person=person)
        .annotate(total=F("person_counts__articles"))
        .order_by("-total", "slug")
    )


# --- the people search ---------------------------------------------------------------------


def _name_word_query(word: str, *, prefix: bool) -> SearchQueryCombinable:
    """A name word as typed, or its Latin/Cyrillic skeleton ('Uzbekova' -> 'xquzbekova')."""
    query: SearchQueryCombinable = LexemeQuery(word, prefix=prefix)
    shape = skeleton(word)
    if shape:
        query = query | LexemeQuery(SKELETON_MARK + shape, prefix=prefix)
    return query


def _name_query(parsed: ParsedQuery, *, prefix: bool) -> SearchQueryCombinable | None:
    """Clauses ANDed, alternatives ORed, every word of a term (or phrase) required, exclusions
    negated; None when nothing positive is left."""

    def term_query(term: Term) -> SearchQueryCombinable:
        query = _name_word_query(term.words[0], prefix=prefix)
        for word in term.words[1:]:
            query = query & _name_word_query(word, prefix=prefix)
        return NegatedQuery(query) if term.negated else query

    return combine_clauses(parsed, term_query)


def person_search(*, query: str, limit: int = 10) -> list[Person]:
    """Listed people any of whose spellings match `query`: every word a prefix of a name word or
    of its skeleton, so 'узбек', 'Uzbekova' and 'Өзбекова' all find 'Узбекова Г. С.'.

    People whose words match whole come first, then the most published; only people with a
    published article (the stored counts, as the author index) are found. A query of initials
    alone ('G.S.', or 'ИИ' and 'AI', which fold to one letter) names nobody (names_someone).
    """
    parsed = parse_query(query)
    prefixed = _name_query(parsed, prefix=True) if parsed.names_someone else None
    if prefixed is None:
        return []
    whole = _name_query(parsed, prefix=False)
    people = (
        Person.objects.filter(LISTED, search_vector=prefixed)
        .annotate(
            exact=ExpressionWrapper(Q(search_vector=whole), output_field=BooleanField()),
            articles=F("articles_as_author") + F("articles_as_supervisor"),
        )
        .order_by("-exact", "-articles", "sort_name", "id")
    )
    return list(people[:limit])

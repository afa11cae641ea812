"""People search on people built here: the vector follows the services, drafts stay hidden."""

import pytest

from authors.models import Person
from authors.search import person_search_text
from authors.selectors import person_search
from authors.services import (
    person_refresh_article_counts,
    person_refresh_match_key,
    person_resolve,
)
from proceedings.models import ProceedingsStatus
from tests.factories import ArticleFactory, AuthorshipFactory, ProceedingsFactory

pytestmark = pytest.mark.django_db


def published(person: Person, *, status: str = ProceedingsStatus.PUBLISHED) -> Person:
    article = ArticleFactory(proceedings=ProceedingsFactory(status=status))
    AuthorshipFactory(article=article, person=person)
    person_refresh_article_counts(people=[person.pk])
    person.refresh_from_db()
    return person


def names(query: str) -> list[str]:
    return [person.display_name for person in person_search(query=query)]


def test_person_search_text_holds_spellings_and_skeletons():
    text = person_search_text(["Тоқаев Қ. Ё.", "Тоқаев Қ. Ё.", "Tokayev K."])

    assert text == "Тоқаев Қ. Е. ; Tokayev K. xqtokaev xqk xqe xqtokaev xqk"


def test_person_resolve_makes_every_spelling_searchable():
    person = person_resolve(name="Узбекова Г.С.")
    person_resolve(name="Г.С. Өзбекова")
    published(person)

    found = {query: names(query) for query in ["Uzbekova", "Өзбекова", "Узбекова", "ozbek"]}

    assert found == {query: ["Узбекова Г. С."] for query in found}


def test_person_search_skips_people_with_only_draft_articles():
    published(person_resolve(name="Тоқаева А. Б."), status=ProceedingsStatus.DRAFT)
    listed = published(person_resolve(name="Тоқаев К. Ж."))

    assert [person.pk for person in person_search(query="Tokayev")] == [listed.pk]
    assert names("Tokayeva") == []


def test_person_search_ranks_whole_words_then_article_counts():
    busy = published(published(person_resolve(name="Сейтова А. Б.")))
    whole = published(person_resolve(name="Сейт М. Н."))

    assert names("сейт") == [whole.display_name, busy.display_name]


def test_person_refresh_match_key_keeps_the_vector_fresh_after_a_rename():
    person = published(person_resolve(name="Ахметова Д. Р."))
    assert names("Akhmetova") == ["Ахметова Д. Р."]

    person.display_name = "Жұмабаева Д.Р."
    person_refresh_match_key(person=person)
    person.save()

    assert names("Zhumabaeva") == ["Жұмабаева Д. Р."]
    assert names("Жұмабаева Д") == ["Жұмабаева Д. Р."]
    assert names("Ахметова") == ["Жұмабаева Д. Р."]  # the old spelling stays a variant


def test_person_search_respects_or_and_exclusion():
    first = published(person_resolve(name="Сейтова А. Б."))
    second = published(person_resolve(name="Омарова Л. К."))

    assert sorted(names("Seitova OR Omarova")) == sorted([first.display_name, second.display_name])
    assert names("-Omarova Seitova") == [first.display_name]
    assert names("-Omarova") == []

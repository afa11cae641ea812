"""People search over the seed: any printed spelling, either script, only published people."""

import pytest
from django.urls import reverse

from authors.models import Person
from authors.selectors import person_search

pytestmark = pytest.mark.django_db

HOSTILE = [
    "",
    '"',
    '"unbalanced',
    "& | ! : * ( ) \\ '",
    "a:* & !b | (c",
    "\x00\x01\x7f",
    "ё" * 1000,
    "' OR 1=1; DROP TABLE authors_person; --",
    "".join(chr(code) for code in range(0x20, 0x2FF)),
    "-узбекова",
]


def names(people: list[Person]) -> list[str]:
    return [person.display_name for person in people]


@pytest.mark.parametrize(
    "query", ["Uzbekova", "Узбекова", "Г. С. Өзбекова", "Өзбекова", "uzbekova g.s.", "Ozbekova", "узбекова г"]
)
def test_person_search_finds_every_spelling_in_either_script(seed_archive, query):
    found = person_search(query=query)

    assert [sorted(person.name_variants) for person in found] == [["Г. С. Өзбекова", "Узбекова Г. С."]]


def test_person_search_prefix_finds_related_surnames_whole_matches_first(seed_archive):
    prefix = names(person_search(query="узбек"))
    whole = names(person_search(query="узбеков"))

    assert sorted(prefix) == ["Узбеков К. И.", "Узбекова Г. С."]
    assert whole == ["Узбеков К. И.", "Узбекова Г. С."]


@pytest.mark.parametrize("query", ["Barlybayeva", "Barlybaeva", "барлыб", "Барлыбаева С. Х."])
def test_person_search_latin_query_finds_cyrillic_name(seed_archive, query):
    assert names(person_search(query=query)) == ["С. Х. Барлыбаева"]


def test_person_search_requires_every_word(seed_archive):
    assert person_search(query="Uzbekova Barlybayeva") == []


@pytest.mark.parametrize("query", HOSTILE)
def test_person_search_hostile_input_never_fails(seed_archive, query):
    found = person_search(query=query)

    assert isinstance(found, list)


def test_search_page_shows_people_above_articles(client, seed_archive):
    person = Person.objects.get(name_variants__contains=["Г. С. Өзбекова"])

    response = client.get(reverse("search"), {"q": "Uzbekova"})

    html = response.content.decode()
    people_block = html.index('id="people-heading"')
    assert [found.pk for found, _ in response.context["people"]] == [person.pk]
    assert people_block < html.index('id="results-heading"')
    assert reverse("author_detail", args=[person.slug]) in html[people_block:]


def test_search_json_and_api_list_people(client, seed_archive):
    person = Person.objects.get(name_variants__contains=["Г. С. Өзбекова"])
    others = [name for name in person.name_variants if name != person.display_name]

    page = client.get(reverse("search"), {"q": "Өзбекова", "format": "json"}).json()
    api = client.get("/api/search", {"q": "Өзбекова"}).json()

    assert page["people"] == api["people"]
    assert api["people"] == [
        {
            "name": person.display_name,
            "variants": others,
            "url": "http://testserver" + reverse("author_detail", args=[person.slug]),
            "articles_as_author": 0,
            "articles_as_supervisor": person.articles_as_supervisor,
        }
    ]
    assert person.articles_as_supervisor >= 2
    assert {"count", "results", "facets", "suggestion"} <= set(api)


@pytest.mark.parametrize("query", ["", '"', "\x00"])
def test_search_api_people_empty_for_empty_query(client, seed_archive, query):
    api = client.get("/api/search", {"q": query}).json()

    assert api["people"] == []

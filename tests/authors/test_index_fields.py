"""The author index's stored letter and sortable name follow the name through the services."""

import pytest

from authors.models import Person
from authors.names import index_letter, sortable_name
from authors.services import person_refresh_match_key, person_resolve
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_sortable_name_keeps_the_kazakh_order():
    names = ["Smith J.", "Өзбекова Г. С.", "Лиев А.", "Әлиев А.", "Омаров К.", "Ли А.", "Алиев Б.", "Ясин Б."]

    assert sorted(names, key=sortable_name) == [
        "Алиев Б.",
        "Әлиев А.",
        "Ли А.",
        "Лиев А.",
        "Омаров К.",
        "Өзбекова Г. С.",
        "Ясин Б.",
        "Smith J.",
    ]


def test_sortable_name_is_two_digits_per_letter_with_00_between_parts():
    # Code = place in the Kazakh alphabet (from 0) + 10: Ө 30, З 20, Г 14, С 33; Latin A after Я.
    assert sortable_name("Өз Г. С.") == "3020" + "00" + "1433" + "00" + "30201433"
    assert sortable_name("Ab") == "5253" + "00" + "" + "00" + "5253"


def test_person_resolve_stores_letter_and_sortable_name_for_new_person():
    person = person_resolve(name="Г.С. Өзбекова")

    stored = Person.objects.values_list("index_letter", "sort_name").get(pk=person.pk)

    assert stored == ("Ө", sortable_name("Г. С. Өзбекова"))


def test_person_resolve_keeps_first_spelling_fields_when_a_variant_joins():
    first = person_resolve(name="Өзбекова Г. С.")
    person_resolve(name="Узбекова Г.С.")

    first.refresh_from_db()

    assert (first.index_letter, first.sort_name) == ("Ө", sortable_name("Өзбекова Г. С."))


def test_refresh_match_key_moves_a_renamed_person_to_the_new_letter():
    person = person_resolve(name="Узбекова Г.С.")
    person.display_name = "Өзбекова Г.С."

    person_refresh_match_key(person=person)
    person.save()
    person.refresh_from_db()

    assert (person.index_letter, person.sort_name) == ("Ө", sortable_name("Өзбекова Г. С."))


def test_factory_people_have_index_fields_like_resolved_ones():
    person = PersonFactory(display_name="Smith John")

    assert (person.index_letter, person.sort_name) == (
        index_letter("Smith John"),
        sortable_name("Smith John"),
    )

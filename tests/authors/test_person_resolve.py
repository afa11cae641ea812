"""One Person per real person: printed variants meet, different people stay apart."""

import pytest

from authors.models import Person
from authors.services import person_refresh_match_key, person_resolve
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_kazakh_and_russian_spellings_resolve_to_one_person():
    first = person_resolve(name="Узбекова Г.С.", position="доцент")
    second = person_resolve(name="Г.С. Өзбекова")
    third = person_resolve(name="Өзбекова Г. С.")

    assert first.pk == second.pk == third.pk
    assert Person.objects.get().name_variants == ["Узбекова Г. С.", "Г. С. Өзбекова", "Өзбекова Г. С."]
    assert Person.objects.get().position == "доцент"


def test_male_surname_form_is_another_person():
    uzbekova = person_resolve(name="Узбекова Г.С.")
    uzbekov = person_resolve(name="Узбеков К. И.")

    assert uzbekova.pk != uzbekov.pk
    assert sorted(Person.objects.values_list("slug", flat=True)) == ["uzbekov-k-i", "uzbekova-g-s"]


def test_shorter_initials_join_the_only_compatible_person():
    full = person_resolve(name="Камзин К. Т.")

    assert person_resolve(name="К. Камзин").pk == full.pk
    assert person_resolve(name="Камзин А.").pk != full.pk


def test_ambiguous_name_creates_a_new_person_instead_of_guessing():
    person_resolve(name="Ахметов А. Б.")
    person_resolve(name="Ахметов А. С.")

    ambiguous = person_resolve(name="Ахметов А.")

    assert Person.objects.count() == 3
    assert ambiguous.name_variants == ["Ахметов А."]


def test_same_slug_base_gets_a_suffix():
    PersonFactory(slug="van-lu", display_name="Ван Лу (other)", match_key="other")

    assert person_resolve(name="Ван Лу").slug == "van-lu-2"


def test_refresh_match_key_after_editor_renames():
    person = PersonFactory.build(display_name="Өзбекова  Г.С.", match_key="", slug="", name_variants=[])

    person_refresh_match_key(person=person)

    assert (person.display_name, person.match_key, person.slug) == (
        "Өзбекова Г. С.",
        "uzbekova|g.s",
        "ozbekova-g-s",
    )

"""The parallel block of a header (a Russian paper's English title and names) through the import:
the title stored beside the article's own, the names as spellings of the same people."""

import pytest
from django.conf import settings
from django.urls import reverse

from articles.models import Article
from articles.services import parallel_people_line_up
from authors.models import Person
from authors.selectors import person_search
from proceedings.editorial.editing import article_body_start_set
from proceedings.importer.metadata import volume_metadata_from_mapping
from proceedings.importer.types import PersonDraft
from proceedings.services import proceedings_import
from tests.proceedings.importer.test_classified_volume import FIRST, SECOND

pytestmark = pytest.mark.django_db


def import_lines(lines: list[str], slug: str = "parallel") -> list[Article]:
    proceedings_import(
        data="\n".join(lines).encode(),
        filename="volume.txt",
        max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
        metadata=volume_metadata_from_mapping({"slug": slug, "year": 2024, "title_ru": "Сборник"}),
        publish=True,
    )
    return list(Article.objects.filter(proceedings__slug=slug).order_by("position"))


def variants(name: str) -> list[str]:
    return Person.objects.get(display_name=name).name_variants


def test_import_stores_the_parallel_titles():
    articles = import_lines([*FIRST, *SECOND])

    assert [a.parallel_titles for a in articles] == [
        {"en": "DIGITAL ECONOMY AND THE MASS MEDIA"},
        {"en": "PERSONAL DATA IN JOURNALISM"},
    ]


def test_parallel_names_become_variants_of_the_same_people_never_people_of_their_own():
    import_lines([*FIRST, *SECOND])

    assert sorted(Person.objects.values_list("display_name", flat=True)) == [
        "Иванов Иван Иванович",
        "Кузнецов К. К.",
        "Петров П. П.",
        "Сидорова Анна Петровна",
    ]
    assert variants("Иванов Иван Иванович") == ["Иванов Иван Иванович", "Ivanov Ivan Ivanovich"]
    assert variants("Петров П. П.") == ["Петров П. П.", "Petrov P. P."]
    assert variants("Кузнецов К. К.") == ["Кузнецов К. К.", "Kuznetsov K. K."]
    assert [a.import_warnings for a in Article.objects.order_by("position")] == [[], []]


def test_the_author_page_and_the_people_search_know_the_latin_spelling(client):
    import_lines([*FIRST, *SECOND])
    ivanov = Person.objects.get(display_name="Иванов Иван Иванович")

    page = client.get(reverse("author_detail", args=[ivanov.slug]), {"format": "json"}).json()
    found = person_search(query="Ivanov Ivan Ivanovich")

    assert page["name_variants"] == ["Ivanov Ivan Ivanovich"]
    assert [person.display_name for person in found] == ["Иванов Иван Иванович"]


def test_parallel_names_that_do_not_line_up_stay_in_the_warnings_only():
    # The English block names the author but not the supervisor: which name is whose is a guess.
    lines = [line for line in FIRST if not line.startswith("Scientific adviser")]

    (article,) = import_lines(lines)

    assert article.import_warnings == ["parallel names not matched: Ivanov Ivan Ivanovich"]
    assert variants("Иванов Иван Иванович") == ["Иванов Иван Иванович"]
    assert not Person.objects.filter(display_name__startswith="Ivanov").exists()
    assert not Person.objects.filter(name_variants__contains=["Ivanov Ivan Ivanovich"]).exists()


def people(*names: tuple[str, str]) -> list[PersonDraft]:
    return [PersonDraft(name=name, printed=name, role=role) for name, role in names]


def test_parallel_people_line_up_by_count_and_roles_in_order():
    printed = people(("Иванов И. И.", "author"), ("Петров П. П.", "supervisor"))

    assert parallel_people_line_up(
        printed=printed, parallel=people(("Ivanov I. I.", "author"), ("Petrov P. P.", "supervisor"))
    )
    assert not parallel_people_line_up(printed=printed, parallel=people(("Ivanov I. I.", "author")))
    assert not parallel_people_line_up(
        printed=printed, parallel=people(("Petrov P. P.", "supervisor"), ("Ivanov I. I.", "author"))
    )
    assert not parallel_people_line_up(printed=printed, parallel=[])


def test_parallel_people_in_another_order_do_not_line_up():
    printed = people(("Иванов И. И.", "author"), ("Сидорова А. П.", "author"))

    swapped = people(("Sidorova A. P.", "author"), ("Ivanov I. I.", "author"))

    assert not parallel_people_line_up(printed=printed, parallel=swapped)


def test_moving_the_header_boundary_re_reads_the_parallel_title(django_user_model):
    (article,) = import_lines(FIRST)
    editor = django_user_model.objects.create_user(username="editor", is_staff=True)
    english_title = FIRST.index("DIGITAL ECONOMY AND THE MASS MEDIA") + 1

    shorter = article_body_start_set(article=article, body_start_line=english_title, user=editor)
    parallel_after_cut = shorter.parallel_titles
    again = article_body_start_set(article=shorter, body_start_line=article.body_start_line, user=editor)

    assert parallel_after_cut == {}
    assert again.parallel_titles == {"en": "DIGITAL ECONOMY AND THE MASS MEDIA"}
    assert variants("Иванов Иван Иванович") == ["Иванов Иван Иванович", "Ivanov Ivan Ivanovich"]

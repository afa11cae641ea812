"""The author index: the letter strip in Kazakh order with counts, one letter's people in order."""

import pytest
from django.urls import reverse

from authors.models import Role
from authors.services import person_refresh_article_counts
from authors.views import PEOPLE_PER_PAGE
from tests.factories import ArticleFactory, AuthorshipFactory, PersonFactory, ProceedingsFactory
from tests.http import error_reason

pytestmark = pytest.mark.django_db

INDEX = reverse("author_index")


def published_person(name, *, role=Role.AUTHOR, articles=1):
    person = PersonFactory(display_name=name)
    for _ in range(articles):
        AuthorshipFactory(person=person, role=role)
    return person


def get_index(client, **params):
    """The index after the stored counts are brought up to date, as the import and admin do."""
    person_refresh_article_counts()
    return client.get(INDEX, params)


def listed_names(response):
    return [person.display_name for person in response.context["page"]]


def letter_counts(response):
    return {item.letter: item.count for item in response.context["letters"] if item.count}


def test_strip_has_the_kazakh_alphabet_then_latin(client):
    published_person("Алиев Б.")

    letters = [item.letter for item in get_index(client).context["letters"]]

    assert letters[:9] == ["А", "Ә", "Б", "В", "Г", "Ғ", "Д", "Е", "Ё"]
    assert letters[letters.index("О") : letters.index("О") + 3] == ["О", "Ө", "П"]
    assert letters[letters.index("Ы") : letters.index("Ы") + 3] == ["Ы", "І", "Ь"]
    assert letters[42:] == list("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    assert len(letters) == 42 + 26


def test_strip_counts_published_people_per_letter(client):
    for name in ["Алиев Б.", "Ахметов А.", "Әлиев А.", "Омаров К.", "Өмірбек Н.", "Smith J."]:
        published_person(name)
    draft = ProceedingsFactory(status="draft")
    AuthorshipFactory(
        person=PersonFactory(display_name="Бекова Д."), article=ArticleFactory(proceedings=draft)
    )
    PersonFactory(display_name="Волков В.")  # no article at all

    response = get_index(client)

    assert letter_counts(response) == {"А": 2, "Ә": 1, "О": 1, "Ө": 1, "S": 1}


def test_letters_without_people_are_not_links(client):
    published_person("Әлиев А.")

    html = get_index(client).content.decode()

    assert 'href="?letter=%D3%98" aria-current="page">Ә' in html
    assert '<span class="alphabet__empty">Б<span class="visually-hidden">' in html
    assert "?letter=%D0%91" not in html  # Б


def test_index_without_letter_shows_the_first_letter_with_people(client):
    published_person("Омаров К.")
    published_person("Smith J.")

    response = get_index(client)

    assert (response.context["letter"], listed_names(response)) == ("О", ["Омаров К."])


def test_letter_lists_people_in_kazakh_order_with_counts_per_role(client):
    for name in ["Өтепова С.", "Омаров К.", "Озат Б.", "Олжас А.", "Оңғар Б."]:
        published_person(name)
    supervisor = published_person("Оспанов Е.", role=Role.SUPERVISOR, articles=3)
    AuthorshipFactory(person=supervisor, role=Role.AUTHOR)

    response = get_index(client, letter="О")

    assert listed_names(response) == ["Озат Б.", "Олжас А.", "Омаров К.", "Оңғар Б.", "Оспанов Е."]
    assert [(p.articles_as_author, p.articles_as_supervisor) for p in response.context["page"]][-1] == (1, 3)
    english = client.get(INDEX.replace("/kk/", "/en/", 1), {"letter": "О"}).content.decode()
    assert "supervised 3 papers" in english


def test_lowercase_letter_names_the_same_bucket(client):
    published_person("Өтепова С.")

    response = get_index(client, letter="ө")

    assert (response.context["letter"], listed_names(response)) == ("Ө", ["Өтепова С."])


def test_drafts_count_only_when_published_too(client):
    person = published_person("Бекова Д.")
    AuthorshipFactory(person=person, article=ArticleFactory(proceedings=ProceedingsFactory(status="draft")))

    response = get_index(client, letter="Б")

    assert [(p.articles_as_author, p.articles_as_supervisor) for p in response.context["page"]] == [(1, 0)]


def test_letter_pages_continue_in_order(client):
    people = [published_person(f"Бекова Д{index:03d}.") for index in range(PEOPLE_PER_PAGE + 3)]

    response = get_index(client, letter="Б", page=2)

    assert listed_names(response) == [person.display_name for person in people[PEOPLE_PER_PAGE:]]
    assert (response.context["page"].paginator.count, response.context["page"].paginator.num_pages) == (
        PEOPLE_PER_PAGE + 3,
        2,
    )


@pytest.mark.parametrize("params", [{"letter": "Ab"}, {"letter": "1"}, {"letter": ""}, {"letter": "Ї"}])
def test_unknown_letter_is_404(client, params):
    published_person("Алиев Б.")

    assert get_index(client, **params).status_code == 404


@pytest.mark.parametrize("page", ["0", "2"])
def test_missing_page_is_404(client, page):
    published_person("Алиев Б.")

    assert get_index(client, letter="А", page=page).status_code == 404


@pytest.mark.parametrize("page", ["x", "-1", "99999999999999999999"])
def test_page_that_is_not_a_page_number_is_400(client, page):
    published_person("Алиев Б.")

    assert error_reason(get_index(client, letter="А", page=page)) == (
        400,
        "Бет нөмірі — бүтін сан, мысалы 2.",
    )


def test_empty_letter_is_an_empty_page_not_an_error(client):
    published_person("Алиев Б.")

    response = get_index(client, letter="Я")

    assert (response.status_code, listed_names(response)) == (200, [])


def test_empty_archive_shows_the_strip_without_people(client):
    response = get_index(client)

    assert (response.status_code, response.context["letter"], listed_names(response)) == (200, None, [])


def test_json_twin_has_the_same_letters_and_people(client):
    supervisor = published_person("Әлиев А.", role=Role.SUPERVISOR)
    published_person("Әбенов Б.", articles=2)

    data = get_index(client, letter="Ә", format="json").json()

    assert [letter for letter in data["letters"] if letter["count"]] == [
        {"letter": "Ә", "count": 2, "url": "/kk/authors/?letter=%D3%98"}
    ]
    assert data["letter"] == "Ә"
    assert (data["count"], data["page"], data["pages"]) == (2, 1, 1)
    assert data["people"] == [
        {
            "name": "Әбенов Б.",
            "slug": data["people"][0]["slug"],
            "url": f"/kk/authors/{data['people'][0]['slug']}/",
            "articles_as_author": 2,
            "articles_as_supervisor": 0,
        },
        {
            "name": "Әлиев А.",
            "slug": supervisor.slug,
            "url": f"/kk/authors/{supervisor.slug}/",
            "articles_as_author": 0,
            "articles_as_supervisor": 1,
        },
    ]


@pytest.mark.parametrize("people", [1, 40])
def test_index_query_count_does_not_grow_with_people(client, django_assert_num_queries, people):
    for index in range(people):
        published_person(f"Бекова Д{index:03d}.", articles=2)
    AuthorshipFactory(person=PersonFactory(display_name="Бекова Е."), role=Role.SUPERVISOR)
    person_refresh_article_counts()

    with django_assert_num_queries(2):  # letter counts, the page of people
        response = client.get(INDEX, {"letter": "Б"})

    assert len(response.context["page"]) == people + 1


def test_all_view_lists_everyone_in_alphabet_order_across_letters_paginated(client):
    names = ["Смит Дж.", "Әлиев Б.", "Ахметова А.", "Жұмабек Н.", "Brown K.", "Ұлықбек Т."]
    for name in names:
        published_person(name)
    published_person("Бекова Д.", articles=0)  # no published article: not listed

    response = get_index(client, letter="all")
    html = response.content.decode()

    # The Kazakh alphabet (А Ә … Ж … С … Ұ), then Latin.
    assert listed_names(response) == [
        "Ахметова А.",
        "Әлиев Б.",
        "Жұмабек Н.",
        "Смит Дж.",
        "Ұлықбек Т.",
        "Brown K.",
    ]
    assert (
        '<a href="?letter=all" aria-current="page">Барлық авторлар <span class="alphabet__count">6</span></a>'
        in html
    )
    assert "6 адам" in html


def test_all_view_pages_continue_and_its_twin_says_so(client):
    people = [published_person(f"Бекова Д{index:03d}.") for index in range(PEOPLE_PER_PAGE + 2)]

    second = get_index(client, letter="all", page=2)
    twin = client.get(INDEX, {"letter": "all", "format": "json"}).json()

    assert listed_names(second) == [person.display_name for person in people[PEOPLE_PER_PAGE:]]
    assert (twin["letter"], twin["count"], twin["pages"]) == ("all", PEOPLE_PER_PAGE + 2, 2)
    assert twin["all_url"] == "/kk/authors/?letter=all"


def test_a_letter_page_links_to_the_all_view(client):
    published_person("Алиев Б.")

    html = get_index(client, letter="А").content.decode()

    assert '<a href="?letter=all">Барлық авторлар <span class="alphabet__count">1</span></a>' in html

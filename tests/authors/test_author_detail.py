"""An author's page: name, details, articles, supervised papers, co-authors and topics."""

import pytest
from django.urls import reverse
from django.utils import translation

from authors.models import Role
from authors.views import ARTICLES_PER_PAGE
from tests.articles.helpers import stored_counts_refresh
from tests.factories import (
    ArticleFactory,
    AuthorshipFactory,
    PersonFactory,
    ProceedingsFactory,
    TopicFactory,
)
from tests.http import error_reason

pytestmark = pytest.mark.django_db


def page_of(person):
    return reverse("author_detail", args=[person.slug])


def titles(page):
    return [article.display_title for article in page]


def paper(*, title, authors=(), supervisors=(), volume=None, topics=(), **fields):
    article = ArticleFactory(
        title=title, title_display=title, **({"proceedings": volume} if volume else {}), **fields
    )
    for order, person in enumerate(authors, start=1):
        AuthorshipFactory(article=article, person=person, role=Role.AUTHOR, order=order)
    for order, person in enumerate(supervisors, start=1):
        AuthorshipFactory(article=article, person=person, role=Role.SUPERVISOR, order=order)
    article.topics.set(topics)
    return article


@pytest.fixture
def supervisor_with_students():
    """A supervisor of three students' papers (one in a draft volume), and an article of her own."""
    supervisor = PersonFactory(
        display_name="Өзбекова Г. С.",
        name_variants=["Өзбекова Г. С.", "Узбекова Г. С."],
        position="доцент",
        affiliation="ҚазҰУ",
    )
    students = [PersonFactory(display_name=name) for name in ["Ахметова А.", "Бекова Д.", "Серікова Ж."]]
    # Slugs in creation order whatever the factory sequence has reached (topic-9 sorts after topic-10).
    media = TopicFactory(name_en="Media", slug="a-media")
    ethics = TopicFactory(name_en="Ethics", slug="b-ethics")
    old = ProceedingsFactory(year=2023)
    new = ProceedingsFactory(year=2025)
    paper(
        title="Жаңа медиа",
        authors=[students[0], students[1]],
        supervisors=[supervisor],
        volume=new,
        topics=[media],
    )
    paper(
        title="Медиа этикасы",
        authors=[students[1]],
        supervisors=[supervisor],
        volume=old,
        topics=[media, ethics],
    )
    paper(
        title="Черновик",
        authors=[students[2]],
        supervisors=[supervisor],
        volume=ProceedingsFactory(status="draft"),
    )
    AuthorshipFactory(
        article=paper(title="Өз мақаласы", volume=old, topics=[ethics]),
        person=supervisor,
        position="профессор",
        affiliation="Әл-Фараби атындағы ҚазҰУ",
    )
    stored_counts_refresh()
    return supervisor, students


def test_supervisor_page_lists_supervised_papers_with_students(client, supervisor_with_students):
    supervisor, _ = supervisor_with_students

    response = client.get(page_of(supervisor))

    supervised = response.context["supervised"]
    assert titles(supervised) == ["Жаңа медиа", "Медиа этикасы"]
    assert [[a.person.display_name for a in article.authors] for article in supervised] == [
        ["Ахметова А.", "Бекова Д."],
        ["Бекова Д."],
    ]
    assert titles(response.context["articles"]) == ["Өз мақаласы"]
    html = response.content.decode()
    assert html.index("Ахметова А.") < html.index("Медиа этикасы")
    assert "Черновик" not in html


def test_page_shows_variants_positions_and_affiliations(client, supervisor_with_students):
    supervisor, _ = supervisor_with_students

    response = client.get(page_of(supervisor))

    assert response.context["variants"] == ["Узбекова Г. С."]
    details = response.context["details"]
    assert (details.positions, details.affiliations) == (
        ["профессор", "доцент"],
        ["Әл-Фараби атындағы ҚазҰУ", "ҚазҰУ"],
    )


def test_coauthors_are_people_sharing_a_published_article_with_counts(client, supervisor_with_students):
    supervisor, students = supervisor_with_students

    response = client.get(page_of(supervisor))

    assert [(p.display_name, p.shared) for p in response.context["coauthors"]] == [
        ("Бекова Д.", 2),
        ("Ахметова А.", 1),
    ]
    assert f'href="{page_of(students[1])}">Бекова Д.</a>' in response.content.decode()


def test_student_sees_supervisor_and_fellow_student_as_coauthors(client, supervisor_with_students):
    _, students = supervisor_with_students

    response = client.get(page_of(students[1]))

    assert [(p.display_name, p.shared) for p in response.context["coauthors"]] == [
        ("Өзбекова Г. С.", 2),
        ("Ахметова А.", 1),
    ]
    assert titles(response.context["supervised"]) == []


def test_topics_are_counted_over_published_articles(client, supervisor_with_students):
    supervisor, _ = supervisor_with_students

    response = client.get(page_of(supervisor))

    # Equal counts fall back to the slug: Media was created first.
    assert [(topic.name_en, topic.total) for topic in response.context["topics"]] == [
        ("Media", 2),
        ("Ethics", 2),
    ]


def test_articles_paginate_newest_volume_first(client):
    person = PersonFactory(display_name="Бекова Д.")
    for year in range(2010, 2010 + ARTICLES_PER_PAGE + 2):
        paper(title=f"Мақала {year}", authors=[person], volume=ProceedingsFactory(year=year))
    stored_counts_refresh()

    first = client.get(page_of(person))
    second = client.get(page_of(person), {"page": 2})

    assert titles(first.context["articles"])[:2] == ["Мақала 2021", "Мақала 2020"]
    assert titles(second.context["articles"]) == ["Мақала 2011", "Мақала 2010"]


def test_json_twin_has_the_same_data(client, supervisor_with_students):
    supervisor, students = supervisor_with_students

    data = client.get(page_of(supervisor), {"format": "json"}).json()

    assert (data["name"], data["name_variants"], data["positions"]) == (
        "Өзбекова Г. С.",
        ["Узбекова Г. С."],
        ["профессор", "доцент"],
    )
    assert [item["display_title"] for item in data["supervised"]["items"]] == ["Жаңа медиа", "Медиа этикасы"]
    assert [a["name"] for a in data["supervised"]["items"][0]["authors"]] == ["Ахметова А.", "Бекова Д."]
    assert [item["display_title"] for item in data["articles"]["items"]] == ["Өз мақаласы"]
    assert [(c["name"], c["shared_articles"], c["url"]) for c in data["coauthors"]["items"]] == [
        ("Бекова Д.", 2, page_of(students[1])),
        ("Ахметова А.", 1, page_of(students[0])),
    ]
    assert [(t["name"]["en"], t["article_count"]) for t in data["topics"]] == [("Media", 2), ("Ethics", 2)]
    assert (data["supervised"]["count"], data["coauthors"]["count"]) == (2, 2)


def test_unknown_slug_is_404(client):
    assert client.get(reverse("author_detail", args=["nobody"])).status_code == 404


def test_person_with_draft_articles_only_is_404(client, supervisor_with_students):
    _, students = supervisor_with_students

    assert client.get(page_of(students[2])).status_code == 404


def test_person_without_articles_is_404(client):
    assert client.get(page_of(PersonFactory())).status_code == 404


@pytest.mark.parametrize("param", ["page", "supervised_page", "coauthors_page"])
@pytest.mark.parametrize("value", ["0", "7"])
def test_missing_page_of_any_list_is_404(client, supervisor_with_students, param, value):
    supervisor, _ = supervisor_with_students

    assert client.get(page_of(supervisor), {param: value}).status_code == 404


@pytest.mark.parametrize("param", ["page", "supervised_page", "coauthors_page"])
@pytest.mark.parametrize("value", ["x", "-1", "\x00", "1.5"])
def test_page_that_is_not_a_number_is_400_with_the_reason(client, supervisor_with_students, param, value):
    supervisor, _ = supervisor_with_students

    with translation.override("en"):  # reverse() follows the active language
        url = page_of(supervisor)

    response = client.get(url, {param: value})

    assert error_reason(response) == (400, "A page number is a whole number, like 2.")


def build_supervisor(students: int):
    supervisor = PersonFactory(display_name="Оспанов Е.")
    topics = [TopicFactory(), TopicFactory()]
    for index in range(students):
        co_student = PersonFactory(display_name=f"Серікова Ж{index}.")
        paper(
            title=f"Студент мақаласы {index}",
            authors=[PersonFactory(display_name=f"Ахметова А{index}."), co_student],
            supervisors=[supervisor],
            topics=topics,
        )
        paper(title=f"Бірлескен {index}", authors=[supervisor, co_student], topics=topics[:1])
    stored_counts_refresh()
    return supervisor


@pytest.mark.parametrize("students", [1, 12])
def test_author_page_query_count_does_not_grow(client, django_assert_num_queries, students):
    supervisor = build_supervisor(students)

    # person; per article list: page ids, items with people and topics (x2); co-authors: count,
    # page; topics. (Sizes and details are stored on the person.)
    with django_assert_num_queries(8):
        response = client.get(page_of(supervisor))

    assert len(response.context["supervised"]) == min(students, ARTICLES_PER_PAGE)


@pytest.mark.parametrize("students", [1, 12])
def test_author_json_query_count_does_not_grow(client, django_assert_num_queries, students):
    supervisor = build_supervisor(students)

    with django_assert_num_queries(8):
        data = client.get(page_of(supervisor), {"format": "json"}).json()

    assert data["supervised"]["count"] == students

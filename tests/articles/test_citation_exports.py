"""Downloads in one list language, the .docx in the chosen style, and the supervised-works and
topic scopes with the pages that offer them."""

import io

import pytest
from django.db.models import Count, Q
from django.utils import translation
from docx import Document

from articles.citations.render import render_citations
from articles.citations.words import WORDS
from articles.models import Article, Topic
from articles.selectors import article_list_items
from authors.models import Person
from authors.selectors import person_articles
from tests.http import error_reason

pytestmark = pytest.mark.django_db

BASE_URL = "http://testserver"
VOLUME = "journalism-masters-2025"
VOLUME_TITLES = {
    "kk": "Журналистика факультеті магистранттары мен докторанттарының ғылыми мақалалар жинағы",
    "ru": "Сборник научных статей магистрантов и докторантов факультета журналистики",
    "en": "Collected papers of master's and doctoral students of the Faculty of Journalism",
}


def one_of_each_language():
    """A Kazakh, a Russian and an English seed article, each with a supervisor or page range."""
    articles = article_list_items(Article.objects.filter(proceedings__slug=VOLUME)).order_by("position")
    by_language = {}
    for article in articles:
        by_language.setdefault(article.language, article)
    return [by_language["kk"], by_language["ru"], by_language["en"]]


def add_to_list(client, articles):
    for article in articles:
        client.post("/en/citations/add/", {"article": article.slug})


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_mixed_list_downloads_in_the_interface_language_by_default(client, seed_archive, language):
    articles = one_of_each_language()
    add_to_list(client, articles)

    text = client.get(f"/{language}/cite/gost-r-7-0-100-2018/", {"list": "1"}).content.decode()
    lines = text.split("\n")

    words = WORDS[language]
    others = [WORDS[code] for code in WORDS if code != language]
    assert len(lines) == 3
    assert all(f" // {VOLUME_TITLES[language]} : " in line for line in lines)
    assert all(f"{words.online_content} // " in line and f"({words.accessed}: " in line for line in lines)
    assert not [line for line in lines for other in others if other.online_content in line]
    assert not [line for line in lines for other in others if f"({other.accessed}: " in line]


def test_lang_overrides_the_interface_language_and_a_bad_one_is_a_400(client, seed_archive):
    articles = one_of_each_language()
    add_to_list(client, articles)

    russian = client.get("/kk/cite/gost-r-7-0-5-2008/", {"list": "1", "lang": "ru"})
    bad = client.get("/kk/cite/gost-r-7-0-5-2008/", {"list": "1", "lang": "de"})

    with translation.override("kk"):
        want = render_citations(articles, "gost-r-7-0-5-2008", base_url=BASE_URL, language="ru").content
    assert russian.content == want
    assert "(дата обращения: " in russian.content.decode()
    assert error_reason(bad) == (400, "Тізім тілі белгісіз: kk, ru немесе en деп көрсетіңіз.")


@pytest.mark.parametrize("style", ["gost-7-1-2003", "apa-7"])
def test_docx_download_follows_the_chosen_style_and_language_on_a4(client, seed_archive, style):
    articles = one_of_each_language()
    add_to_list(client, articles)

    response = client.get("/en/cite/docx/", {"list": "1", "style": style, "lang": "ru"})
    document = Document(io.BytesIO(response.content))
    heading, *entries = document.paragraphs
    with translation.override("en"):
        text = render_citations(articles, style, base_url=BASE_URL, language="ru", numbered=False)

    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert heading.text == "Список литературы"
    assert [entry.text for entry in entries] == text.content.decode().split("\n")
    assert {entry.style.name for entry in entries} == {"Normal" if style == "apa-7" else "List Number"}


def test_docx_with_an_unknown_style_is_a_clear_400(client, seed_archive):
    response = client.get("/en/cite/docx/", {"volume": VOLUME, "style": "bibtex"})

    assert error_reason(response) == (
        400,
        "Unknown reference style; known: gost-r-7-0-100-2018, gost-7-1-2003, gost-r-7-0-5-2008, apa-7.",
    )


def supervisor_only():
    return (
        Person.objects.annotate(
            authored=Count("authorships", filter=Q(authorships__role="author")),
            supervised=Count("authorships", filter=Q(authorships__role="supervisor")),
        )
        .filter(authored=0, supervised__gt=1)
        .order_by("slug")
        .first()
    )


def test_supervised_works_export_with_role_supervisor(client, seed_archive):
    person = supervisor_only()
    works = list(person_articles(person=person, role="supervisor"))

    as_author = client.get("/ru/cite/ris/", {"author": person.slug})
    supervised = client.get("/ru/cite/ris/", {"author": person.slug, "role": "supervisor"})
    bad_role = client.get("/ru/cite/ris/", {"author": person.slug, "role": "editor"})

    assert error_reason(as_author)[0] == 400
    with translation.override("ru"):
        want = render_citations(works, "ris", base_url=BASE_URL, language="ru").content
    assert supervised.content == want
    assert supervised.content.decode().count("TY  - CPAPER") == len(works) > 1
    assert supervised["Content-Disposition"] == f'attachment; filename="{person.slug}-supervised.ris"'
    assert error_reason(bad_role) == (400, "Роль — author или supervisor.")


def test_author_page_offers_the_supervised_works_export(client, seed_archive):
    person = supervisor_only()

    html = client.get(f"/en/authors/{person.slug}/").content.decode()

    assert "Export citations of the papers supervised" in html
    assert f'href="/en/cite/bibtex/?author={person.slug}&amp;role=supervisor"' in html


def test_topic_export_and_the_topic_page_offering_it(client, seed_archive):
    topic = Topic.objects.filter(published_articles__gt=1).order_by("-published_articles", "slug").first()
    articles = list(
        article_list_items(Article.objects.filter(topics=topic)).order_by(
            "-proceedings__year", "proceedings__slug", "position"
        )
    )

    response = client.get("/en/cite/csl-json/", {"topic": topic.slug})
    html = client.get(f"/en/topics/{topic.slug}/").content.decode()

    with translation.override("en"):
        want = render_citations(articles, "csl-json", base_url=BASE_URL, language="en").content
    assert response.content == want
    assert len(response.json()) == topic.published_articles
    assert response["Content-Disposition"] == f'attachment; filename="{topic.slug}.json"'
    assert f'href="/en/cite/ris/?topic={topic.slug}"' in html
    assert client.get("/en/cite/ris/", {"topic": "no-such-topic"}).status_code == 404

"""The citation list's order: alphabetical (Cyrillic in the Kazakh alphabet, then Latin) or by
hand, moved to any position in one step; its page in one language with numbered text."""

import pytest
from django.utils import translation
from django.utils.html import escape

from articles.citation_list import citation_list_move, citation_list_move_to, citation_list_reorder
from articles.citations.order import alphabetical_order
from articles.citations.render import render_citations
from articles.models import Article
from articles.selectors import article_list_items
from tests.http import error_reason

BASE_URL = "http://testserver"
VOLUME = "journalism-masters-2025"


def test_alphabetical_order_is_the_kazakh_alphabet_then_latin():
    references = [
        "Smith J. Media literacy",
        "Үсенова А. Медиа",
        "Өзбекова Г. С. Жаңа медиа",
        "Яковлев Я. Я. Пресса",
        "Abdikarimov Zh. Fact-checking",
        "Әлиев Ә. Ақпарат",
        "Алиев А. А. Медиасауаттылық",
        "Алиев А. А. Медиа және қоғам",
        "[Атауы жоқ: Кіріспе…]",
        "Ілиясов І. Телевидение",
        "Ыбыраев Ы. Радио",
        "Щукин Щ. Газета",
        "Ұлықпанов Ұ. Цифрлық",
        "Иванов И. И. Интернет",
        "Қасымов Қ. Блог",
        "Ёлкин Ё. Подкаст",
        "Елкин Е. Подкаст",
        "Édouard É. Presse",
    ]
    ordered = [text for text, _ in alphabetical_order([(text, None) for text in references])]

    assert ordered == [
        "Алиев А. А. Медиа және қоғам",  # a word before the longer words it begins
        "Алиев А. А. Медиасауаттылық",
        "[Атауы жоқ: Кіріспе…]",  # the bracket does not count
        "Әлиев Ә. Ақпарат",  # Ә after А
        "Елкин Е. Подкаст",
        "Ёлкин Ё. Подкаст",
        "Иванов И. И. Интернет",
        "Қасымов Қ. Блог",  # Қ after К … the Kazakh alphabet's places
        "Өзбекова Г. С. Жаңа медиа",
        "Ұлықпанов Ұ. Цифрлық",
        "Үсенова А. Медиа",
        "Щукин Щ. Газета",
        "Ыбыраев Ы. Радио",
        "Ілиясов І. Телевидение",  # І after Ы
        "Яковлев Я. Я. Пресса",
        "Abdikarimov Zh. Fact-checking",  # Latin after Cyrillic
        "Édouard É. Presse",  # É as E
        "Smith J. Media literacy",
    ]


def test_sort_key_ignores_case_and_punctuation_and_keeps_equal_entries_in_place():
    entries = [("медиа ЖӘНЕ", 1), ("Ақпарат", 2), ("«Медиа», және!", 3)]
    assert alphabetical_order(entries) == [("Ақпарат", 2), ("медиа ЖӘНЕ", 1), ("«Медиа», және!", 3)]
    assert alphabetical_order([("Б", 1), ("а", 2), ("б", 3), ("А", 4)]) == [
        ("а", 2),
        ("А", 4),
        ("Б", 1),
        ("б", 3),
    ]


def session_with(*slugs):
    return {"citation_list": list(slugs)}


def test_move_to_a_position_in_one_step_ends_clamped():
    session = session_with("a", "b", "c", "d", "e")

    citation_list_move_to(session, slug="e", position=2)
    assert session["citation_list"] == ["a", "e", "b", "c", "d"]
    citation_list_move_to(session, slug="a", position=99)
    assert session["citation_list"] == ["e", "b", "c", "d", "a"]
    citation_list_move_to(session, slug="d", position=0)
    assert session["citation_list"] == ["d", "e", "b", "c", "a"]
    citation_list_move(session, slug="d", offset=-1)
    citation_list_move(session, slug="c", offset=1)
    assert session["citation_list"] == ["d", "e", "b", "a", "c"]
    citation_list_move_to(session, slug="gone", position=1)
    assert session["citation_list"] == ["d", "e", "b", "a", "c"]


def test_reorder_keeps_slugs_it_does_not_name_at_the_end():
    session = session_with("a", "gone", "b", "c")

    citation_list_reorder(session, slugs_in_order=["c", "a", "b", "x"])

    assert session["citation_list"] == ["c", "a", "b", "gone"]


@pytest.fixture
def listed(client, seed_archive):
    """Five seed articles (Kazakh, Russian, English) in the list, in the volume's order."""
    articles = list(
        article_list_items(Article.objects.filter(proceedings__slug=VOLUME)).order_by("position")[:5]
    )
    for article in articles:
        client.post("/en/citations/add/", {"article": article.slug})
    return articles


def listed_slugs(client):
    return client.session["citation_list"]


@pytest.mark.django_db
def test_sort_button_orders_the_list_by_its_references_in_the_shown_style(client, listed):
    with translation.override("en"):
        texts = render_citations(listed, "apa-7", base_url=BASE_URL, language="ru", numbered=False)
    references = texts.content.decode().split("\n")
    want = [
        slug for _, slug in alphabetical_order(list(zip(references, [a.slug for a in listed], strict=True)))
    ]

    response = client.post(
        "/en/citations/sort/", {"style": "apa-7", "lang": "ru", "next": "/en/citations/?style=apa-7&lang=ru"}
    )

    assert response["Location"] == "/en/citations/?style=apa-7&lang=ru"
    assert listed_slugs(client) == want != [a.slug for a in listed]


@pytest.mark.django_db
def test_move_to_position_through_the_page_and_a_bad_position_is_a_400(client, listed):
    slugs = [a.slug for a in listed]

    client.post("/en/citations/move-to/", {"article": slugs[4], "position": "1"})
    bad = client.post("/en/citations/move-to/", {"article": slugs[0], "position": "first"})

    assert listed_slugs(client) == [slugs[4], *slugs[:4]]
    assert error_reason(bad) == (400, "A position in the list is a whole number, like 3.")


@pytest.mark.django_db
def test_list_page_in_a_chosen_language_with_numbered_copy_text_and_matching_downloads(client, listed):
    html = client.get("/en/citations/", {"style": "gost-r-7-0-5-2008", "lang": "kk"}).content.decode()
    with translation.override("en"):
        numbered = render_citations(
            listed, "gost-r-7-0-5-2008", base_url=BASE_URL, language="kk"
        ).content.decode()
        each = render_citations(listed, "gost-r-7-0-5-2008", base_url=BASE_URL, language="kk", numbered=False)

    assert numbered.startswith("1. ")
    assert "\n5. " in numbered
    assert (
        f'<pre id="citation-list-references" class="visually-hidden" lang="kk">{escape(numbered)}</pre>'
        in html
    )
    for reference in each.content.decode().split("\n"):
        assert f">{escape(reference)}</p>" in html
    assert (
        '<a href="?style=gost-r-7-0-5-2008&amp;lang=kk" lang="kk" hreflang="kk" aria-current="true">' in html
    )
    assert 'href="/en/cite/docx/?list=1&amp;style=gost-r-7-0-5-2008&amp;lang=kk"' in html
    assert html.count('name="position"') == 5
    assert '<input type="hidden" name="lang" value="kk">' in html


@pytest.mark.django_db
def test_list_page_json_twin_names_its_language(client, listed):
    data = client.get("/ru/citations/", {"format": "json"}).json()

    assert (data["style"], data["language"], len(data["entries"])) == ("gost-r-7-0-5-2008", "ru", 5)
    assert all("(дата обращения: " in entry["reference"] for entry in data["entries"])
    assert all("Сборник научных статей магистрантов" in entry["reference"] for entry in data["entries"])

"""The Cite box, citation downloads for each scope and the session's citation list."""

import pytest
from django.utils import translation
from django.utils.html import escape

from articles.citations.formats import FORMATS
from articles.citations.render import render_citations
from articles.models import Article
from articles.selectors import article_list_items
from authors.models import Person
from authors.selectors import person_articles
from tests.http import error_reason

pytestmark = pytest.mark.django_db

BASE_URL = "http://testserver"
VOLUME = "journalism-masters-2025"
ANDREEVA_TITLE = "ЖАСАНДЫ ИНТЕЛЛЕКТ – ЖУРНАЛИСТІҢ ЖАҢА ҚҰРАЛЫ"


@pytest.fixture
def andreeva(seed_archive):
    return article_list_items().get(title__startswith=ANDREEVA_TITLE)


def expected(articles, slug, stem, language="en", **options):
    """What a download from the /<language>/ pages holds: a list in the interface language."""
    with translation.override(language):
        return render_citations(
            articles, slug, base_url=BASE_URL, filename_stem=stem, language=language, **options
        )


def volume_articles():
    return list(article_list_items(Article.objects.filter(proceedings__slug=VOLUME)).order_by("position"))


def test_cite_box_shows_the_default_style_for_a_seed_article(client, andreeva):
    html = client.get(f"/en/articles/{andreeva.slug}/").content.decode()
    text = expected([andreeva], "gost-r-7-0-5-2008", "x", numbered=False).content.decode()

    assert text.startswith("Андреева М. М. Жасанды интеллект – журналистің жаңа құралы")
    assert "// Collected papers of master's and doctoral students of the Faculty of Journalism" in text
    assert f'<p id="cite-text" class="cite-box__text" lang="kk">{escape(text)}</p>' in html
    assert f'href="/en/cite/bibtex/?article={andreeva.slug}"' in html
    assert '<a href="?cite=gost-r-7-0-5-2008#cite" aria-current="true">' in html


def test_cite_box_switches_to_another_reference_style(client, andreeva):
    html = client.get(f"/en/articles/{andreeva.slug}/?cite=apa-7").content.decode()
    text = expected([andreeva], "apa-7", "x", numbered=False).content.decode()

    assert escape(text) in html
    assert '<a href="?cite=apa-7#cite" aria-current="true">' in html


def test_cite_box_with_a_file_format_falls_back_to_the_default_style(client, andreeva):
    html = client.get(f"/en/articles/{andreeva.slug}/?cite=bibtex").content.decode()

    assert '<a href="?cite=gost-r-7-0-5-2008#cite" aria-current="true">' in html


@pytest.mark.parametrize("slug", list(FORMATS))
def test_download_of_one_article_in_each_format(client, andreeva, slug):
    response = client.get(f"/en/cite/{slug}/", {"article": andreeva.slug})
    rendered = expected([andreeva], slug, andreeva.slug)

    assert (response.status_code, response["Content-Type"]) == (200, FORMATS[slug].content_type)
    assert (
        response["Content-Disposition"] == f'attachment; filename="{andreeva.slug}.{FORMATS[slug].extension}"'
    )
    if slug != "docx":  # a .docx zip carries its own timestamps
        assert response.content == rendered.content


def test_download_of_several_articles_keeps_their_order(client, seed_archive):
    titled = [article for article in volume_articles() if article.has_title]
    first, second = titled[3], titled[1]
    response = client.get("/en/cite/csl-json/", {"article": [first.slug, second.slug]})

    assert response.content == expected([first, second], "csl-json", "articles").content
    assert [item["title"] for item in response.json()] == [first.display_title, second.display_title]
    assert response["Content-Disposition"] == 'attachment; filename="articles.json"'


def test_download_of_a_volume(client, seed_archive):
    response = client.get("/ru/cite/ris/", {"volume": VOLUME})
    articles = volume_articles()

    assert response.content == expected(articles, "ris", VOLUME, language="ru").content
    assert response.content.decode().count("TY  - CPAPER") == len(articles)
    assert response["Content-Disposition"] == f'attachment; filename="{VOLUME}.ris"'


def test_download_of_an_authors_works(client, andreeva):
    person = Person.objects.get(authorships__article=andreeva, authorships__role="author")
    response = client.get("/en/cite/gost-7-1-2003/", {"author": person.slug})
    text = response.content.decode()

    assert response["Content-Disposition"] == f'attachment; filename="{person.slug}.txt"'
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Жасанды интеллект – журналистің жаңа құралы" in text
    assert (
        response.content
        == expected(list(person_articles(person=person, role="author")), "gost-7-1-2003", person.slug).content
    )


def test_download_of_a_search_result(client, seed_archive):
    from articles.search.selectors import SearchFilters, article_search  # noqa: PLC0415

    results = list(article_search(query="журналистика", filters=SearchFilters(language="kk")).articles)
    response = client.get("/en/cite/bibtex/", {"q": "журналистика", "language": "kk"})

    assert len(results) > 1
    assert response.content == expected(results, "bibtex", "search").content
    assert response["Content-Disposition"] == 'attachment; filename="search.bib"'


def test_download_in_an_unknown_format_is_a_404(client, andreeva):
    assert client.get("/en/cite/mla/", {"article": andreeva.slug}).status_code == 404


def test_download_of_an_empty_selection_is_a_clear_400(client, seed_archive):
    nothing = client.get("/en/cite/ris/", {"article": "no-such-article"})
    no_scope = client.get("/en/cite/ris/")
    empty_list = client.get("/en/cite/ris/", {"list": "1"})

    assert error_reason(nothing) == (400, "There is nothing to cite: the selection has no articles.")
    assert error_reason(no_scope) == (
        400,
        "Say what to cite: article=, volume=, author=, topic=, q= or list=1.",
    )
    assert error_reason(empty_list) == (400, "There is nothing to cite: the selection has no articles.")


def test_download_of_an_unknown_volume_or_author_is_a_404(client, seed_archive):
    assert client.get("/en/cite/ris/", {"volume": "nope"}).status_code == 404
    assert client.get("/en/cite/ris/", {"author": "nope"}).status_code == 404


def list_slugs(client):
    return client.session.get("citation_list", [])


def test_citation_list_add_remove_reorder_and_clear(client, seed_archive):
    a, b, c = (article.slug for article in volume_articles()[:3])
    for slug in (a, b, c, a):
        response = client.post("/en/citations/add/", {"article": slug, "next": f"/en/articles/{slug}/"})
    assert (response.status_code, response["Location"]) == (302, f"/en/articles/{a}/")
    assert list_slugs(client) == [a, b, c]

    client.post("/en/citations/move/", {"article": c, "direction": "up"})
    client.post("/en/citations/move/", {"article": a, "direction": "up"})
    assert list_slugs(client) == [a, c, b]

    client.post("/en/citations/move/", {"article": a, "direction": "down"})
    assert list_slugs(client) == [c, a, b]

    response = client.post("/en/citations/remove/", {"article": a, "next": "https://evil.example/"})
    assert response["Location"] == "/en/citations/"
    assert list_slugs(client) == [c, b]

    client.post("/en/citations/clear/")
    assert list_slugs(client) == []


def test_citation_list_refuses_unknown_articles_and_gets(client, seed_archive):
    assert client.post("/en/citations/add/", {"article": "no-such-article"}).status_code == 404
    assert client.get("/en/citations/add/").status_code == 405
    assert client.post("/en/citations/move/", {"article": "x", "direction": "left"}).status_code == 400


def test_citation_list_page_previews_and_exports_in_list_order(client, seed_archive):
    first, second = volume_articles()[2], volume_articles()[0]
    for article in (first, second):
        client.post("/en/citations/add/", {"article": article.slug})

    html = client.get("/en/citations/?style=apa-7").content.decode()
    download = client.get("/en/cite/gost-r-7-0-100-2018/", {"list": "1"})

    texts = [
        expected([article], "apa-7", "x", numbered=False).content.decode() for article in (first, second)
    ]
    assert html.index(escape(texts[0])) < html.index(escape(texts[1]))
    assert 'href="/en/cite/docx/?list=1&amp;style=apa-7&amp;lang=en"' in html
    assert download.content == expected([first, second], "gost-r-7-0-100-2018", "citation-list").content
    assert download["Content-Disposition"] == 'attachment; filename="citation-list.txt"'


def test_citation_list_page_when_empty_says_so(client, seed_archive):
    html = client.get("/en/citations/").content.decode()

    assert "The citation list is empty." in html


def test_article_items_offer_add_or_remove(client, seed_archive):
    slug = volume_articles()[0].slug
    before = client.get(f"/en/proceedings/{VOLUME}/").content.decode()
    client.post("/en/citations/add/", {"article": slug})
    after = client.get(f"/en/proceedings/{VOLUME}/").content.decode()

    assert before.count("Add to citation list") == 50  # the first page of the contents
    assert after.count("Remove from citation list") == 1
    assert f'href="/en/cite/ris/?volume={VOLUME}"' in after
    assert '<span class="count-badge">1</span>' in after


def test_citation_list_has_a_json_twin(client, seed_archive):
    article = volume_articles()[1]
    client.post("/en/citations/add/", {"article": article.slug})

    data = client.get("/en/citations/", {"format": "json", "style": "apa-7"}).json()

    assert data["style"] == "apa-7"
    assert [entry["reference"] for entry in data["entries"]] == [
        expected([article], "apa-7", "x", numbered=False).content.decode()
    ]

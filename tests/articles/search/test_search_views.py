"""The search page, its JSON twin and /api/search: content, contract, and never a 500."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import localize

from articles.models import Article
from articles.search.views import FacetLink, FacetUrls, query_url
from articles.templatetags.search_page import count_format

pytestmark = pytest.mark.django_db

HOSTILE = [
    "",
    "2025",  # a word without a Latin/Cyrillic skeleton: the people search answered 500
    "1",
    "中国",
    "<2>",
    " ",
    '"',
    '"unbalanced',
    "& | ! : * ( ) \\ '",
    "a:* & !b | (c",
    "\x00\x01\x7f",
    "x" * 1000,
    "' OR 1=1; DROP TABLE articles_article; --",
    "".join(chr(code) for code in range(0x20, 0x2FF)),
    "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
]


def test_search_page_lists_hits_with_snippets_and_facets(client, seed_archive):
    response = client.get(reverse("search"), {"q": "телефонияның"})

    telephony = Article.objects.get(body__contains="IP телефония – қазіргі")
    html = response.content.decode()
    assert response.status_code == 200
    assert [article.pk for article, _ in response.context["hits"]][:1] == [telephony.pk]
    assert "<mark>телефония</mark>" in html
    assert [
        (link.count, link.url.endswith("language=kk")) for link in response.context["facets"]["language"]
    ] == [(1, True)]


def test_search_json_twin_and_api_follow_the_contract(client, seed_archive):
    page = client.get(reverse("search"), {"q": "Барлыбаева", "format": "json"}).json()
    api = client.get("/api/search", {"q": "Барлыбаева"}).json()

    assert page["count"] == api["count"] == 2
    first = api["results"][0]
    article = Article.objects.get(slug=first["slug"])
    assert first["source_lines"] == [article.source_start_line, article.source_end_line]
    assert first["url"].endswith(reverse("article_detail", args=[article.slug]))
    assert (first["language"], first["title"], first["authors"], first["supervisors"]) == (
        "ru",
        article.title,
        ["Ван Лу"],
        ["С. Х. Барлыбаева"],
    )
    assert first["proceedings"]["slug"] == "journalism-masters-2025"
    assert [item["slug"] for item in page["results"]] == [item["slug"] for item in api["results"]]


def test_search_filters_narrow_results(client, seed_archive):
    everything = client.get("/api/search", {"q": "интеллект"}).json()
    english = client.get("/api/search", {"q": "интеллект", "language": "en"}).json()

    assert 0 < english["count"] < everything["count"]
    assert {item["language"] for item in english["results"]} == {"en"}


@pytest.mark.parametrize("query", HOSTILE)
def test_search_never_fails_on_hostile_input(client, seed_archive, query):
    page = client.get(reverse("search"), {"q": query})
    api = client.get("/api/search", {"q": query})

    assert (page.status_code, api.status_code) == (200, 200)
    assert isinstance(api.json()["count"], int)


@pytest.mark.parametrize(
    ("parameters", "status"), [({"year": "20x5"}, 400), ({"language": "de"}, 400), ({"page": "9"}, 404)]
)
def test_search_bad_filter_or_page_is_a_client_error(client, seed_archive, parameters, status):
    response = client.get(reverse("search"), {"q": "медиа", **parameters})
    assert response.status_code == status


@pytest.mark.parametrize(
    "query_string",
    ["q=медиа&page=3", "q=a+b&topic=x&topic=y&language=ru&format=json", "", "year=2020&q=x+-y&volume=v"],
)
def test_facet_urls_write_the_query_string_as_query_url_does(rf, query_string):
    request = rf.get(f"/kk/search/?{query_string}")
    for key in ("language", "topic", "year", "volume"):
        urls = FacetUrls(request, key)
        for value in (None, "en", "a b/ć&="):
            assert urls(value) == query_url(request, **{key: value})


def test_facet_section_escapes_and_marks_the_chosen_value():
    with translation.override("en"):
        html = render_to_string(
            "articles/_facet.html",
            {
                "title": "Volume",
                "links": [
                    FacetLink(label="<Media> & AI", count=12345, url="/en/search/?q=a&v=x", selected=False),
                    FacetLink(label="2020", count=3, url="/en/search/?q=a", selected=True),
                ],
            },
        )

    assert html == (
        '\n\n<section class="facet">\n  <h3 class="facet__title">Volume</h3>\n'
        '  <ul class="facet__list">\n    '
        '\n    <li><a href="/en/search/?q=a&amp;v=x">&lt;Media&gt; &amp; AI</a> '
        '<span class="facet__count">12,345</span></li>\n    '
        '\n    <li><a href="/en/search/?q=a" aria-current="true" class="facet__link--selected">2020</a> '
        '<span class="facet__count">3</span> '
        '<span class="visually-hidden">(selected; follow to remove)</span></li>'
        "\n    \n  </ul>\n</section>\n\n"
    )
    assert render_to_string("articles/_facet.html", {"title": "Volume", "links": []}) == "\n\n"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_facet_counts_are_written_as_the_template_localizes_them(language):
    with translation.override(language):
        count = count_format()
        assert [count(n) for n in (0, 7, 999, 1000, 12345, 1234567)] == [
            localize(n) for n in (0, 7, 999, 1000, 12345, 1234567)
        ]

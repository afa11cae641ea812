"""An article's title printed again in other languages: on its page, in its JSON twin, in search."""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.urls import reverse

from articles.models import SearchEntry
from articles.search.document import ArticleText, Segment, search_document
from articles.search.index import article_search_refresh
from tests.factories import ArticleFactory


@pytest.fixture
def article():
    return ArticleFactory(
        slug="digital-economy",
        title="ЦИФРОВАЯ ЭКОНОМИКА И СМИ",
        title_display="Цифровая экономика и СМИ",
        language="ru",
        body="Цифровая экономика меняет способы производства информации.",
        parallel_titles={"en": "DIGITAL ECONOMY AND THE MASS MEDIA", "kk": "ЦИФРЛЫҚ ЭКОНОМИКА ЖӘНЕ БАҚ"},
    )


@pytest.mark.django_db
def test_article_page_shows_the_parallel_titles_under_the_title_in_their_languages(client, article):
    html = client.get(reverse("article_detail", args=[article.slug])).content.decode()

    # Printed in capitals, shown in sentence case as the title is (the twin gives them as printed).
    title = html.index('id="article-title"')
    kazakh = html.index('<p class="article-page__parallel-title" lang="kk">Цифрлық экономика және БАҚ</p>')
    english = html.index(
        '<p class="article-page__parallel-title" lang="en">Digital economy and the mass media</p>'
    )
    assert title < kazakh < english


@pytest.mark.django_db
def test_article_twin_gives_the_parallel_titles(client, article):
    data = client.get(reverse("article_detail", args=[article.slug]), {"format": "json"}).json()

    assert data["parallel_titles"] == {
        "kk": "ЦИФРЛЫҚ ЭКОНОМИКА ЖӘНЕ БАҚ",
        "en": "DIGITAL ECONOMY AND THE MASS MEDIA",
    }


def test_search_document_weighs_a_parallel_title_as_a_title_in_its_own_language():
    text = ArticleText(
        language="ru",
        title="ЦИФРОВАЯ ЭКОНОМИКА",
        keywords={},
        abstracts={},
        body="",
        people=[],
        parallel_titles={"en": "DIGITAL ECONOMY"},
    )

    segments = search_document(text).segments

    assert segments[:2] == [
        Segment("ЦИФРОВАЯ ЭКОНОМИКА", "russian", "A"),
        Segment("DIGITAL ECONOMY", "english", "A"),
    ]
    assert {segment.weight for segment in segments} == {"A"}


@pytest.mark.django_db
def test_a_parallel_title_is_found_among_the_title_hits(article):
    article_search_refresh(article_ids=[article.pk])

    # 'media' (English stemmer) is in no other part of the article.
    lead = SearchEntry.objects.filter(lead=SearchQuery("media", config="english"))

    assert list(lead.values_list("article__slug", flat=True)) == ["digital-economy"]

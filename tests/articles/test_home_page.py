import pytest
from django.urls import reverse

from tests.articles.helpers import stored_counts_refresh, volume_with_articles
from tests.factories import ArticleFactory, AuthorshipFactory, ProceedingsFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_home_shows_latest_volumes_counts_and_topics(client):
    older = ProceedingsFactory(title_en="Proceedings 2023", year=2023)
    newer = ProceedingsFactory(title_en="Proceedings 2025", year=2025)
    ProceedingsFactory(title_en="Draft 2026", year=2026, status="draft")
    media = TopicFactory(name_en="Media law")
    first = ArticleFactory(proceedings=newer, language="kk")
    second = ArticleFactory(proceedings=older, language="en")
    first.topics.add(media)
    second.topics.add(media)
    AuthorshipFactory(article=first)
    stored_counts_refresh()

    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en")

    assert [volume.title_en for volume in response.context["volumes"]] == [
        "Proceedings 2025",
        "Proceedings 2023",
    ]
    assert (response.context["counts"].articles, response.context["counts"].authors) == (2, 1)
    assert [(lang.code, lang.count) for lang in response.context["languages"]] == [("kk", 1), ("en", 1)]
    assert [(topic.name_en, topic.article_count) for topic in response.context["topics"]] == [
        ("Media law", 2)
    ]
    assert "Draft 2026" not in response.content.decode()


def test_home_search_box_is_a_labelled_get_form_to_search(client):
    html = client.get("/en/").content.decode()

    assert f'action="{reverse("search")}"' in html
    assert '<label class="visually-hidden" for="search-q">Search the archive</label>' in html
    assert '<input type="search" id="search-q" name="q"' in html


def test_home_json_twin_has_the_same_data(client):
    volume = ProceedingsFactory(slug="jinaq-2025", title_en="Jinaq 2025")
    topic = TopicFactory(slug="ethics", name_en="Ethics")
    ArticleFactory(proceedings=volume, language="ru").topics.add(topic)
    stored_counts_refresh()

    data = client.get("/en/?format=json").json()

    assert data["counts"] == {"articles": 1, "authors": 0, "languages": {"ru": 1}}
    assert [volume["slug"] for volume in data["latest_volumes"]] == ["jinaq-2025"]
    assert data["latest_volumes"][0]["article_count"] == 1
    assert data["latest_volumes"][0]["articles_per_language"] == {"kk": 0, "ru": 1, "en": 0}
    assert [(topic["slug"], topic["article_count"]) for topic in data["topics"]] == [("ethics", 1)]


@pytest.mark.parametrize("articles", [2, 20])
def test_home_query_count_does_not_grow_with_articles(client, django_assert_num_queries, articles):
    volume_with_articles(articles)

    with django_assert_num_queries(4):
        response = client.get("/en/")

    assert response.context["counts"].articles == articles

import pytest

from tests.articles.helpers import stored_counts_refresh, volume_with_articles
from tests.factories import ArticleFactory, ProceedingsFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_topic_list_sorts_by_name_in_the_interface_language_with_counts(client):
    ethics = TopicFactory(slug="ethics", name_kk="Этика", name_ru="Этика", name_en="Ethics")
    ai = TopicFactory(slug="ai", name_kk="Жасанды интеллект", name_ru="Искусственный интеллект", name_en="AI")
    ArticleFactory().topics.add(ethics)
    ArticleFactory().topics.add(ai)
    ArticleFactory().topics.add(ai)
    stored_counts_refresh()

    english = client.get("/en/topics/")
    kazakh = client.get("/kk/topics/")

    assert [(t.slug, t.article_count) for t in english.context["page"]] == [("ai", 2), ("ethics", 1)]
    assert [t.slug for t in kazakh.context["page"]] == ["ai", "ethics"]
    assert '<dd lang="ru">Искусственный интеллект</dd>' in english.content.decode()


def test_topic_list_leaves_out_topics_without_published_articles_whose_pages_still_answer(client):
    ethics = TopicFactory(slug="ethics", name_en="Ethics")
    TopicFactory(slug="unused", name_en="Unused")
    drafted = TopicFactory(slug="drafted", name_en="Drafted")
    ArticleFactory().topics.add(ethics)
    ArticleFactory(proceedings=ProceedingsFactory(status="draft")).topics.add(drafted)
    stored_counts_refresh()

    listed = [t.slug for t in client.get("/en/topics/").context["page"]]
    on_home = [t.slug for t in client.get("/en/").context["topics"]]

    assert listed == on_home == ["ethics"]
    assert client.get("/en/topics/unused/").status_code == 200


def test_topic_description_is_shown_in_the_interface_language_where_given(client):
    TopicFactory(slug="tv", name_en="Television", description="TV channels.", description_ru="Телеканалы.")

    russian = client.get("/ru/topics/tv/").content.decode()
    kazakh = client.get("/kk/topics/tv/").content.decode()

    assert '<p class="lead">Телеканалы.</p>' in russian
    assert '<p class="lead">TV channels.</p>' in kazakh


def test_topic_list_json_twin_names_each_topic_in_three_languages(client):
    ethics = TopicFactory(slug="ethics", name_kk="Этика", name_ru="Этика", name_en="Ethics")
    ArticleFactory().topics.add(ethics)
    stored_counts_refresh()

    data = client.get("/ru/topics/?format=json").json()

    assert data["topics"] == [
        {
            "slug": "ethics",
            "url": "/ru/topics/ethics/",
            "name": {"kk": "Этика", "ru": "Этика", "en": "Ethics"},
            "article_count": 1,
        }
    ]
    assert (data["page"], data["pages"], data["count"]) == (1, 1, 1)


def test_topic_page_lists_published_articles_newest_volume_first_with_their_volume(client):
    topic = TopicFactory(slug="ethics", name_en="Ethics")
    old = ArticleFactory(proceedings=ProceedingsFactory(year=2023), title_display="Old paper")
    new = ArticleFactory(proceedings=ProceedingsFactory(year=2025), title_display="New paper")
    hidden = ArticleFactory(proceedings=ProceedingsFactory(status="draft"), title_display="Draft paper")
    for article in (old, new, hidden):
        article.topics.add(topic)
    stored_counts_refresh()

    response = client.get("/en/topics/ethics/")
    html = response.content.decode()

    assert [a.display_title for a in response.context["page"]] == ["New paper", "Old paper"]
    assert f'<a href="/en/proceedings/{new.proceedings.slug}/">{new.proceedings.title_en}</a>, 2025' in html
    assert "Draft paper" not in html


def test_topic_page_paginates_and_json_twin_matches(client):
    volume = volume_with_articles(25)
    topic = volume.articles.first().topics.order_by("slug").first()

    second = client.get(f"/en/topics/{topic.slug}/?page=2&format=json").json()

    assert (second["page"], second["pages"], second["count"]) == (2, 2, 25)
    assert [article["position"] for article in second["articles"]] == [21, 22, 23, 24, 25]
    assert second["topic"]["slug"] == topic.slug


@pytest.mark.parametrize("url", ["/en/topics/nope/", "/en/topics/?page=7"])
def test_topic_pages_unknown_slug_or_page_is_404(client, url):
    TopicFactory()

    assert client.get(url).status_code == 404


@pytest.mark.parametrize("articles", [2, 20])
def test_topic_pages_query_count_does_not_grow_with_articles(client, django_assert_num_queries, articles):
    volume = volume_with_articles(articles)
    topic = volume.articles.first().topics.first()

    with django_assert_num_queries(2):
        client.get("/en/topics/")
    with django_assert_num_queries(3):  # topic, page ids, items (articles.listing.listed_articles)
        response = client.get(f"/en/topics/{topic.slug}/")

    assert len(response.context["page"]) == articles

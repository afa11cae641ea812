import pytest

from articles import browse
from articles.models import Article
from articles.presentation import volume_titles
from proceedings.importer.structure import body_paragraphs
from tests.articles.helpers import stored_counts_refresh
from tests.factories import ArticleFactory, AuthorshipFactory, ProceedingsFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_volume_list_items_count_articles_per_language():
    volume = ProceedingsFactory()
    for language in ("kk", "kk", "en"):
        ArticleFactory(proceedings=volume, language=language)
    stored_counts_refresh()

    (item,) = browse.volume_list_items()

    assert (item.article_count, item.count_kk, item.count_ru, item.count_en) == (3, 2, 0, 1)


def test_topic_list_items_fall_back_to_another_language_for_sorting():
    TopicFactory(slug="b", name_en="", name_kk="Ә тақырып", name_ru="", published_articles=1)
    TopicFactory(slug="a", name_en="Zeta", published_articles=2)
    TopicFactory(slug="empty", name_en="Alpha")  # no published article: not listed

    assert [topic.slug for topic in browse.topic_list_items(language="en")] == ["a", "b"]


def test_article_neighbours_skip_gaps_in_positions():
    volume = ProceedingsFactory()
    first = ArticleFactory(proceedings=volume, position=1)
    middle = ArticleFactory(proceedings=volume, position=5)
    last = ArticleFactory(proceedings=volume, position=9)
    ArticleFactory(position=3)  # another volume

    neighbours = browse.article_neighbours(article=middle)

    assert (neighbours.previous, neighbours.next) == (first, last)


def test_article_related_is_empty_without_topics_or_people():
    ArticleFactory(slug="lonely")
    ArticleFactory()

    assert browse.article_related(article=browse.article_get(slug="lonely")) == []


def test_article_related_prefers_more_shared_topics_then_newer_volumes():
    topics = TopicFactory.create_batch(2)
    article = ArticleFactory(slug="origin")
    article.topics.set(topics)
    one_old = ArticleFactory(slug="one-old", proceedings=ProceedingsFactory(year=2020))
    one_old.topics.add(topics[0])
    one_new = ArticleFactory(slug="one-new", proceedings=ProceedingsFactory(year=2024))
    one_new.topics.add(topics[1])
    both = ArticleFactory(slug="both", proceedings=ProceedingsFactory(year=2010))
    both.topics.set(topics)
    AuthorshipFactory(article=both)

    related = browse.article_related(article=browse.article_get(slug="origin"))

    assert [item.slug for item in related] == ["both", "one-new", "one-old"]


def test_paragraphs_split_on_blank_lines_and_join_wrapped_lines():
    assert body_paragraphs("Бір\nекі\n\n\n  \nҮш  төрт\n") == ["Бір екі", "Үш төрт"]
    assert body_paragraphs("") == []


def test_volume_titles_put_the_interface_language_first():
    volume = ProceedingsFactory.build(title_kk="Жинақ", title_ru="", title_en="Proceedings")

    assert [(title.code, title.value) for title in volume_titles(volume, language="ru")] == [
        ("kk", "Жинақ"),
        ("en", "Proceedings"),
    ]


def test_seed_topic_counts_match_the_articles(seed_archive):
    counts = {topic.slug: topic.article_count for topic in browse.topics_with_counts()}

    expected = {}
    for article in Article.objects.prefetch_related("topics"):
        for topic in article.topics.all():
            expected[topic.slug] = expected.get(topic.slug, 0) + 1
    assert counts == expected


def test_seed_every_article_page_renders_with_its_paragraphs(seed_archive, client):
    articles = list(Article.objects.order_by("position"))

    statuses = {client.get(f"/kk/articles/{article.slug}/").status_code for article in articles}
    sample = client.get(f"/en/articles/{articles[0].slug}/?format=json").json()

    assert statuses == {200}
    assert sample["paragraphs"] == body_paragraphs(articles[0].body)
    assert " ".join(sample["paragraphs"]).split() == articles[0].body.split()

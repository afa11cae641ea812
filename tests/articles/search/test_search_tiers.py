"""The search's tiers and the narrow search table: order, paging and freshness."""

import pytest

from articles.models import SearchEntry, Topic
from articles.search import ranking
from articles.search.index import article_search_refresh
from articles.search.selectors import SearchFilters, article_search
from tests.factories import ArticleFactory, AuthorshipFactory

pytestmark = pytest.mark.django_db


def indexed(**fields):
    article = ArticleFactory(**fields)
    article_search_refresh(article_ids=[article.pk])
    return article


@pytest.fixture
def three_tiers():
    """'подкаст' in two titles, two abstracts and three bodies."""
    titled = [
        indexed(title=f"Подкаст жанры {n}", body=f"Дыбыстық жанр туралы мәтін {n}.", language="kk")
        for n in range(2)
    ]
    abstracted = [
        indexed(abstract_kk=f"Подкаст туралы аңдатпа {n}.", body=f"Радио туралы мәтін {n}.", language="kk")
        for n in range(2)
    ]
    body_only = [indexed(body=f"Мәтін ішінде подкаст туралы айтылады {n}.", language="kk") for n in range(3)]
    return titled, abstracted, body_only


@pytest.mark.parametrize(
    ("full_rank_limit", "part_rank_limit", "walk_rows"),
    [(300, 3000, 1000), (1, 3000, 1000), (1, 1, 1000), (1, 1, 0)],
    ids=["small tiers", "middle tiers", "large tiers walked back", "large tiers sorted"],
)
def test_tiers_come_in_order_and_pages_join_up(
    three_tiers, monkeypatch, full_rank_limit, part_rank_limit, walk_rows
):
    # Low limits send these few hits down the paths of a large archive: ranked on the tier's
    # own vector, or latest added first (by a walk back through the primary key, or sorted).
    monkeypatch.setattr(ranking, "FULL_RANK_LIMIT", full_rank_limit)
    monkeypatch.setattr(ranking, "PART_RANK_LIMIT", part_rank_limit)
    monkeypatch.setattr(ranking, "BACKWARD_WALK_ROWS", walk_rows)
    titled, abstracted, body_only = three_tiers
    hits = article_search(query="подкаст", with_facets=walk_rows == 0).articles

    every = [article.pk for article in hits[0:7]]
    paged = [article.pk for start in range(0, 7, 3) for article in hits[start : start + 3]]

    assert hits.count() == 7
    assert set(every[:2]) == {article.pk for article in titled}
    assert set(every[2:4]) == {article.pk for article in abstracted}
    assert set(every[4:]) == {article.pk for article in body_only}
    assert paged == every
    if full_rank_limit == 1:
        assert every[4:] == sorted(every[4:], reverse=True)  # a large body tier: latest added first
    if part_rank_limit == 1:
        assert every[:4] == [*sorted(every[:2], reverse=True), *sorted(every[2:4], reverse=True)]


def test_entry_follows_the_articles_topics_language_and_volume(client):
    article = indexed(body="Радиожурналистика туралы мақала.", language="kk")
    topic = Topic.objects.create(slug="radio", name_en="Radio")
    assert (
        article_search(query="радиожурналистика", filters=SearchFilters(topic="radio")).articles.count() == 0
    )

    article.topics.add(topic)
    article.language = "ru"
    article.save()
    article_search_refresh(article_ids=[article.pk])

    entry = SearchEntry.objects.get(pk=article.pk)
    assert (entry.topics, entry.language, entry.proceedings_id) == ([topic.pk], "ru", article.proceedings_id)
    results = article_search(query="радиожурналистика", filters=SearchFilters(topic="radio", language="ru"))
    assert [hit.pk for hit in results.articles[:5]] == [article.pk]
    assert results.facets["topic"] == [("radio", "", "", "Radio", 1)]


def test_unknown_topic_or_volume_filter_finds_nothing():
    indexed(body="Радиожурналистика туралы мақала.", language="kk")

    assert article_search(query="радиожурналистика").articles.count() == 1
    assert (
        article_search(query="радиожурналистика", filters=SearchFilters(topic="nope")).articles.count() == 0
    )
    assert (
        article_search(query="радиожурналистика", filters=SearchFilters(volume="nope")).articles.count() == 0
    )


def test_lead_and_head_are_the_weighted_parts_of_the_document():
    article = indexed(title="Подкаст жанры", abstract_kk="Аудио форматтар.", body="Дыбыс туралы мәтін.")

    entry = SearchEntry.objects.get(pk=article.pk)

    assert "подкаст" in entry.lead
    assert "аудио" not in entry.lead
    assert "подкаст" in entry.head
    assert "аудио" in entry.head
    assert "дыбыс" not in entry.head
    assert "дыбыс" in entry.document


def test_an_excluded_word_in_the_body_removes_a_title_hit():
    indexed(title="Подкаст нарығы", body="Радио мен подкаст туралы мәтін.", language="kk")  # ranks first
    kept = indexed(title="Подкаст жанры", body="Дыбыстық жанр туралы мәтін.", language="kk")

    hits = article_search(query="подкаст -радио").articles

    assert hits.tier_sizes == [1, 0]  # the other title matches, but its body has the excluded word
    assert [article.pk for article in hits[0:5]] == [kept.pk]


def test_initials_meet_initials_but_short_words_do_not_meet_every_initial():
    article = ArticleFactory(body="Мәтін туралы.", language="kk")
    AuthorshipFactory(article=article, person__display_name="Ахметова А. И.")
    article_search_refresh(article_ids=[article.pk])

    assert article_search(query="Akhmetova A.I.").articles.count() == 1
    assert article_search(query="AI").articles.count() == 0  # 'ai' folds to 'a': not an initial


def test_facets_count_each_article_once_per_value_and_give_the_total():
    radio, tv = (
        Topic.objects.create(slug="radio", name_en="Radio"),
        Topic.objects.create(slug="tv", name_en="TV"),
    )
    both = indexed(body="Медиа туралы мақала.", language="kk")
    both.topics.add(radio, tv)
    one = indexed(body="Медиа о радио.", language="ru", proceedings=both.proceedings)
    one.topics.add(radio)
    none = indexed(body="Media without topics.", language="en")
    for article in (both, one):
        article_search_refresh(article_ids=[article.pk])

    faceted = article_search(query="медиа OR media", with_facets=True)
    plain = article_search(query="медиа OR media")

    assert faceted.articles.count() == plain.articles.count() == 3
    assert sorted(faceted.facets["language"]) == [("en", 1), ("kk", 1), ("ru", 1)]
    assert faceted.facets["topic"] == [("radio", "", "", "Radio", 2), ("tv", "", "", "TV", 1)]
    assert sorted((slug, n) for slug, *_, n in faceted.facets["volume"]) == sorted(
        [(both.proceedings.slug, 2), (none.proceedings.slug, 1)]
    )
    assert sum(n for _, n in faceted.facets["year"]) == 3
    assert faceted.facets == plain.facets


def test_facets_of_a_filter_that_names_nothing_are_empty():
    indexed(body="Медиа туралы мақала.", language="kk")

    results = article_search(query="медиа", filters=SearchFilters(year=1900), with_facets=True)

    assert (results.articles.count(), results.facets["language"], results.facets["volume"]) == (0, [], [])

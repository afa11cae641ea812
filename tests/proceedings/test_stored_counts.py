"""The counts and lists the public pages read instead of grouping the archive (articles.counts,
authors.aggregates) follow every service that changes them, at once; and the related articles,
computed from the articles as they are, follow too.

After each service, the stored data must equal what a live count over the archive gives now.
"""

import pytest
from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse

from articles.browse import article_get, article_related
from articles.models import Article, Topic, VolumeCounts
from authors.models import Authorship, Coauthorship, Person, PersonTopic
from authors.services import person_merge
from proceedings.editorial.editing import article_split, articles_merge
from proceedings.editorial.publishing import proceedings_publish, proceedings_unpublish
from proceedings.editorial.repeats import article_repeat_confirm
from proceedings.importer.metadata import volume_metadata_from_mapping
from proceedings.models import Proceedings
from proceedings.services import proceedings_import
from tests.admin_forms import article_change_data
from tests.articles.helpers import stored_counts_refresh
from tests.factories import ArticleFactory, AuthorshipFactory, PersonFactory, ProceedingsFactory, TopicFactory
from tests.proceedings.editing_texts import VOLUME, VOLUME_WITH_REPEAT, dumped

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

PUBLISHED = Q(articles__proceedings__status="published")


def live_topic_counts() -> dict[str, int]:
    return dict(Topic.objects.annotate(live=Count("articles", filter=PUBLISHED)).values_list("slug", "live"))


def live_volume_counts() -> dict[int, tuple[int, int, int]]:
    return {
        volume.pk: tuple(volume.articles.filter(language=code).count() for code in ("kk", "ru", "en"))
        for volume in Proceedings.objects.all()
    }


def live_person_topics() -> set[tuple[int, int, int]]:
    rows = (
        Authorship.objects.filter(article__proceedings__status="published", article__topics__isnull=False)
        .values_list("person", "article__topics")
        .annotate(total=Count("article", distinct=True))
    )
    return set(rows)


def live_coauthors() -> set[tuple[int, int, int]]:
    pairs: dict[tuple[int, int], set[int]] = {}
    published = Authorship.objects.filter(article__proceedings__status="published")
    by_article: dict[int, set[int]] = {}
    for article, person in published.values_list("article", "person"):
        by_article.setdefault(article, set()).add(person)
    for article, people in by_article.items():
        for person in people:
            for other in people - {person}:
                pairs.setdefault((person, other), set()).add(article)
    return {(person, other, len(articles)) for (person, other), articles in pairs.items()}


def assert_stored_data_is_live() -> None:
    assert dict(Topic.objects.values_list("slug", "published_articles")) == live_topic_counts()
    stored = {
        row.proceedings_id: (row.articles_kk, row.articles_ru, row.articles_en)
        for row in VolumeCounts.objects.all()
    }
    assert stored == live_volume_counts()
    assert set(PersonTopic.objects.values_list("person", "topic", "articles")) == live_person_topics()
    assert set(Coauthorship.objects.values_list("person", "coauthor", "articles")) == live_coauthors()


def imported(blocks, *, slug: str, publish: bool = True) -> Proceedings:
    return proceedings_import(
        data=dumped(blocks),
        filename="volume.txt",
        max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
        metadata=volume_metadata_from_mapping({"slug": slug, "year": 2025, "title_kk": "Сынақ жинағы"}),
        publish=publish,
    ).proceedings


def with_topics(volume: Proceedings) -> list[Topic]:
    """Two topics on every article of the volume (the editing texts assign none), the stored data
    brought up to date as an import would have left it."""
    topics = [TopicFactory(slug="media"), TopicFactory(slug="ethics")]
    for article in volume.articles.all():
        article.topics.add(*topics)
    stored_counts_refresh()
    return topics


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(username="editor", password="x", is_staff=True)


def home_counts(client) -> tuple[int, list[tuple[str, int]]]:
    """The home page's article count, and its counts of this module's two topics (the import
    assigns topics of the bundled vocabulary too)."""
    data = client.get("/en/?format=json").json()
    counts = {topic["slug"]: topic["article_count"] for topic in data["topics"]}
    return data["counts"]["articles"], [
        (slug, counts[slug]) for slug in ("ethics", "media") if slug in counts
    ]


def test_an_import_stores_its_volume_counts_and_a_draft_counts_for_no_topic(client):
    volume = imported(VOLUME, slug="published-volume")
    draft = imported(VOLUME_WITH_REPEAT, slug="draft-volume", publish=False)

    assert_stored_data_is_live()
    assert (
        VolumeCounts.objects.get(proceedings=volume).articles_kk
        + VolumeCounts.objects.get(proceedings=volume).articles_ru
        == volume.articles.count()
    )
    assert VolumeCounts.objects.filter(proceedings=draft).exists()
    assert home_counts(client)[0] == volume.articles.count()


def test_publishing_and_unpublishing_show_in_the_counts_at_once(client, editor):
    volume = imported(VOLUME, slug="counted")
    with_topics(volume)
    total = volume.articles.count()
    assert home_counts(client) == (total, [("ethics", total), ("media", total)])

    proceedings_unpublish(volume=volume, user=editor)

    assert_stored_data_is_live()
    assert home_counts(client) == (0, [])
    assert client.get(reverse("topic_detail", args=["media"]) + "?format=json").json()["count"] == 0

    proceedings_publish(volume=volume, user=editor)

    assert_stored_data_is_live()
    assert home_counts(client) == (total, [("ethics", total), ("media", total)])


def test_merge_and_split_show_in_the_counts_at_once(client, editor):
    volume = imported(VOLUME, slug="edited")
    with_topics(volume)
    first, second, *_ = volume.articles.order_by("position")

    top, bottom = article_split(article=first, at_line=9, user=editor)
    bottom.topics.add(Topic.objects.get(slug="media"))  # the split's new article reads no topic itself
    stored_counts_refresh()

    assert_stored_data_is_live()
    merged = articles_merge(first=top, second=bottom, user=editor)

    assert_stored_data_is_live()
    assert Article.objects.filter(pk=bottom.pk).exists() is False
    assert home_counts(client)[1] == [("ethics", 4), ("media", 4)]
    articles_merge(first=merged, second=second, user=editor)

    assert_stored_data_is_live()
    assert home_counts(client)[1] == [("ethics", 3), ("media", 3)]


def test_removing_a_repeat_shows_in_the_counts_at_once(client, editor):
    volume = imported(VOLUME_WITH_REPEAT, slug="repeats")
    with_topics(volume)
    before = volume.articles.count()

    article_repeat_confirm(article=volume.articles.order_by("position")[2], user=editor)

    assert_stored_data_is_live()
    assert home_counts(client) == (before - 1, [("ethics", before - 1), ("media", before - 1)])


def test_the_admins_topic_language_and_volume_edits_and_deletions_show_at_once(admin_client, client):
    ethics, media = TopicFactory(slug="ethics"), TopicFactory(slug="media")
    first, second = ProceedingsFactory(), ProceedingsFactory()
    article = ArticleFactory(proceedings=first, language="kk")
    article.topics.add(ethics)
    ArticleFactory(proceedings=first, language="ru").topics.add(ethics, media)
    stored_counts_refresh()
    change = reverse("admin:articles_article_change", args=[article.pk])

    response = admin_client.post(
        change,
        article_change_data(admin_client, article, topics=[media.pk], language="en", proceedings=second.pk),
    )

    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    assert_stored_data_is_live()
    assert home_counts(client)[1] == [("ethics", 1), ("media", 2)]
    assert VolumeCounts.objects.get(proceedings=second).articles_en == 1

    admin_client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})

    assert_stored_data_is_live()
    assert home_counts(client) == (1, [("ethics", 1), ("media", 1)])

    admin_client.post(reverse("admin:proceedings_proceedings_delete", args=[first.pk]), {"post": "yes"})

    assert_stored_data_is_live()
    assert home_counts(client) == (0, [])


def test_an_author_page_follows_a_person_merge_and_an_unpublished_volume(client, editor):
    topic = TopicFactory(slug="media", name_en="Media")
    keep, remove, student = PersonFactory(), PersonFactory(), PersonFactory()
    volume = ProceedingsFactory()
    for person in (keep, remove):
        article = ArticleFactory(proceedings=volume)
        article.topics.add(topic)
        AuthorshipFactory(article=article, person=student, role="author")
        AuthorshipFactory(article=article, person=person, role="supervisor")
    stored_counts_refresh()
    page = reverse("author_detail", args=[keep.slug]) + "?format=json"

    person_merge(keep=keep, remove=remove)

    assert_stored_data_is_live()
    data = client.get(page).json()
    assert [(topic["slug"], topic["article_count"]) for topic in data["topics"]] == [("media", 2)]
    assert [(item["slug"], item["shared_articles"]) for item in data["coauthors"]["items"]] == [
        (student.slug, 2)
    ]
    assert data["supervised"]["count"] == 2

    proceedings_unpublish(volume=volume, user=editor)

    assert_stored_data_is_live()
    assert client.get(page).status_code == 404
    assert Person.objects.get(pk=student.pk).coauthorships.count() == 0


def test_related_articles_follow_publishing_and_merges_at_once(client, editor):
    person = PersonFactory()
    own = ArticleFactory(proceedings=ProceedingsFactory(year=2020), title_display="Own")
    AuthorshipFactory(article=own, person=person)
    later = ProceedingsFactory(year=2025, status="draft")
    new = ArticleFactory(proceedings=later, title_display="New")
    AuthorshipFactory(article=new, person=person)

    def related() -> list[str]:
        return [item.title_display for item in article_related(article=article_get(slug=own.slug))]

    assert related() == []

    proceedings_publish(volume=later, user=editor)

    assert related() == ["New"]
    assert [
        item["slug"] for item in client.get(f"/en/articles/{own.slug}/?format=json").json()["related"]
    ] == [new.slug]

    proceedings_unpublish(volume=later, user=editor)

    assert related() == []


def test_related_articles_drop_a_merged_article_at_once(client, editor):
    volume = imported(VOLUME, slug="related")
    with_topics(volume)
    first, second, third, fourth = volume.articles.order_by("position")
    before = [item.slug for item in article_related(article=article_get(slug=fourth.slug))]

    articles_merge(first=second, second=third, user=editor)

    after = [item.slug for item in article_related(article=article_get(slug=fourth.slug))]
    assert (sorted(before), sorted(after)) == (
        sorted([first.slug, second.slug, third.slug]),
        sorted([first.slug, second.slug]),
    )

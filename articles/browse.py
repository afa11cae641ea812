"""Selectors of the browse pages: home, volumes, articles, topics.

Kept apart from `selectors.py` (search and the importer's vocabulary live there). Each function
returns what its template and JSON twin use, fetched in a fixed number of queries whatever the
number of articles.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, QuerySet, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.http import Http404
from django.shortcuts import get_object_or_404

from articles import article_rows
from articles.article_rows import RELATED_POOL  # noqa: F401 - tests and callers name it here
from articles.listing import VolumeOrderedArticles, topic_membership
from articles.models import Article, Language, Topic
from articles.selectors import article_list_items, article_published
from authors.models import Authorship
from proceedings.models import Proceedings
from proceedings.selectors import proceedings_published

RELATED_ARTICLES = 5


@dataclass(frozen=True)
class LanguageCount:
    code: str
    name: str
    count: int


def language_counts(per_language: dict[str, int]) -> list[LanguageCount]:
    """Counts per article language in the fixed kk, ru, en order, with the language's name."""
    return [
        LanguageCount(code=language.value, name=language.label, count=per_language[language.value])
        for language in Language
        if per_language.get(language.value)
    ]


def topics_with_counts() -> QuerySet[Topic]:
    """Topics that have published articles, each with `article_count`, the busiest first.

    The stored count (articles.counts), so the home page never counts the archive."""
    return (
        Topic.objects.filter(published_articles__gt=0)
        .annotate(article_count=F("published_articles"))
        .order_by("-published_articles", "slug")
    )


def topic_list_items(*, language: str) -> QuerySet[Topic]:
    """The topics that have published articles, with their count, in the alphabetical order of
    the name in the interface language (a topic without a name in that language sorts by its
    Kazakh name). A topic of no published article is a page of nothing (its address answers)."""
    others = [code for code in Language.values if code != language]
    sort_name = Lower(Coalesce(*(NullIf(f"name_{code}", Value("")) for code in [language, *others])))
    return (
        Topic.objects.filter(published_articles__gt=0)
        .annotate(article_count=F("published_articles"), sort_name=sort_name)
        .order_by("sort_name", "slug")
    )


def topic_get(*, slug: str) -> Topic:
    return get_object_or_404(Topic, slug=slug)


def topic_articles(*, topic: Topic) -> VolumeOrderedArticles:
    """Published articles of a topic, newest volume first, each volume in its printed order; a
    page costs the same whatever the size of the archive (articles.listing)."""
    return VolumeOrderedArticles(
        topic_membership(topic.pk), size=topic.published_articles, volume_order="v.year DESC, v.slug"
    )


def volume_list_items() -> QuerySet[Proceedings]:
    """Published volumes, newest first, with `article_count` and a count per article language
    (proceedings_published's stored counts)."""
    return proceedings_published().order_by("-year", F("date_start").desc(nulls_last=True), "slug")


def volume_get(*, slug: str) -> Proceedings:
    """A published volume; a draft is a 404 as if it did not exist."""
    return get_object_or_404(proceedings_published(), slug=slug)


def volume_articles(*, volume: Proceedings) -> QuerySet[Article]:
    """The volume's table of contents in printed order, ready for the article list partial."""
    return article_list_items(Article.objects.filter(proceedings=volume)).order_by("position")


def volume_topics(*, volume: Proceedings) -> QuerySet[Topic]:
    """Topics of the volume's articles (the choices of its topic filter), with their counts."""
    return (
        Topic.objects.filter(articles__proceedings=volume)
        .annotate(article_count=Count("articles"))
        .order_by("slug")
    )


def article_get(*, slug: str) -> Article:
    """A published article with its volume, people (in printed order) and topics."""
    authorships = Authorship.objects.select_related("person").order_by("role", "order")
    articles = (
        article_published()
        .select_related("proceedings")
        .prefetch_related(
            Prefetch("authorships", queryset=authorships),
            Prefetch("topics", queryset=Topic.objects.order_by("slug")),
        )
    )
    return get_object_or_404(articles, slug=slug)


def article_moved_to(*, slug: str) -> str | None:
    """The current slug of the published article that once had `slug` (merged, renamed), if any."""
    return article_published().filter(former_slugs__contains=[slug]).values_list("slug", flat=True).first()


@dataclass(frozen=True)
class Neighbours:
    previous: Article | None
    next: Article | None


def article_neighbours(*, article: Article) -> Neighbours:
    """The articles printed just before and after this one in its volume (link fields only)."""
    previous, following = article_rows.neighbour_rows(
        volume_id=article.proceedings_id, position=article.position
    )
    return Neighbours(previous=previous, next=following)


def article_related(*, article: Article, limit: int = RELATED_ARTICLES) -> list[Article]:
    """Published articles sharing people or topics with `article`, the closest first, with their
    volume and people (what a link to an article and its JSON twin show; other fields deferred).

    Ties go to the newer volume, then to printed order. The candidates are the RELATED_POOL
    newest (latest stored) published articles of each of its people and each of its topics — two
    indexes walked backwards, whatever the size of the archive — and every candidate is scored on
    all it shares. Always computed from the articles as they are: an editor's merge, split or
    publication shows at once.
    """
    related = article_rows.related_rows(article_id=article.pk, limit=limit)
    article_rows.people_attach(related)
    return related


@dataclass(frozen=True)
class ArticlePage:
    article: Article
    neighbours: Neighbours
    related: list[Article]


def article_page(*, slug: str) -> ArticlePage:
    """What the article page shows: the published article with its volume, people and topics
    (as article_get), its neighbours and its related articles (as article_related) — in three
    prepared statements (articles.article_rows): the article with its volume, topics and
    neighbours; the related articles with their volumes; the people of all of them."""
    found = article_rows.article_row(slug=slug)
    if found is None:
        raise Http404("No published article has this address.")
    article, previous, following = found
    related = article_rows.related_rows(article_id=article.pk, limit=RELATED_ARTICLES)
    article_rows.people_attach([article, *related])
    return ArticlePage(
        article=article, neighbours=Neighbours(previous=previous, next=following), related=related
    )

"""Selectors of the browse pages: home, volumes, articles, topics.

Kept apart from `selectors.py` (search and the importer's vocabulary live there). Each function
returns what its template and JSON twin use, fetched in a fixed number of queries whatever the
number of articles.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, QuerySet, Value, prefetch_related_objects
from django.db.models.functions import Coalesce, Lower, NullIf
from django.shortcuts import get_object_or_404

from articles.listing import VolumeOrderedArticles, topic_membership
from articles.models import Article, Language, Topic
from articles.selectors import article_list_items, article_published
from authors.models import Authorship
from proceedings.models import Proceedings, ProceedingsStatus
from proceedings.selectors import proceedings_published

RELATED_ARTICLES = 5
# A shared person says more about two papers than a shared topic (topics are broad).
RELATED_PERSON_WEIGHT = 3


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
    """Every topic with its published article count, in the alphabetical order of its name in the
    interface language (a topic without a name in that language sorts by its Kazakh name)."""
    others = [code for code in Language.values if code != language]
    sort_name = Lower(Coalesce(*(NullIf(f"name_{code}", Value("")) for code in [language, *others])))
    return Topic.objects.annotate(article_count=F("published_articles"), sort_name=sort_name).order_by(
        "sort_name", "slug"
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


# What a link to an article needs: its title, or the first words of its text when untitled.
LINK_FIELDS = ("slug", "title", "title_display", "body", "language", "position", "proceedings_id")


@dataclass(frozen=True)
class Neighbours:
    previous: Article | None
    next: Article | None


# One statement for both neighbours (each an index probe on the volume's printed order); raw, as
# Django would build two querysets and compile each for one row apiece.
NEIGHBOURS_SQL = f"""
(SELECT {", ".join(("id", *LINK_FIELDS))} FROM articles_article
 WHERE proceedings_id = %s AND position < %s ORDER BY position DESC LIMIT 1)
UNION ALL
(SELECT {", ".join(("id", *LINK_FIELDS))} FROM articles_article
 WHERE proceedings_id = %s AND position > %s ORDER BY position LIMIT 1)
"""


def article_neighbours(*, article: Article) -> Neighbours:
    """The articles printed just before and after this one in its volume."""
    volume, position = article.proceedings_id, article.position
    siblings = list(Article.objects.raw(NEIGHBOURS_SQL, [volume, position, volume, position]))
    return Neighbours(
        previous=next((sibling for sibling in siblings if sibling.position < position), None),
        next=next((sibling for sibling in siblings if sibling.position > position), None),
    )


# The related articles of an article come from a bounded pool: the newest published articles of
# each of its people and of each of its topics, this many each (an indexed walk, see
# article_related), never every article that shares something with it.
RELATED_POOL = 50
# The pool, each candidate scored on what it shares with the article — counted on the narrow link
# tables — and ordered; only the first ones are read whole. The article's own people and topics
# are read here too, so the related articles need not wait for them (article_page fetches the
# people of the article and of its related articles in one query).
RELATED_SQL = f"""
WITH own_people AS (SELECT DISTINCT person_id FROM authors_authorship WHERE article_id = %(article)s),
own_topics AS (SELECT topic_id FROM articles_article_topics WHERE article_id = %(article)s),
pool AS (
    SELECT c.article_id FROM own_people p CROSS JOIN LATERAL (
        SELECT a.article_id FROM authors_authorship a
        JOIN articles_article r ON r.id = a.article_id
        JOIN proceedings_proceedings v ON v.id = r.proceedings_id
        WHERE a.person_id = p.person_id AND a.article_id <> %(article)s AND v.status = %(published)s
        ORDER BY a.article_id DESC LIMIT %(pool)s) c
    UNION
    SELECT c.article_id FROM own_topics t CROSS JOIN LATERAL (
        SELECT l.article_id FROM articles_article_topics l
        JOIN articles_article r ON r.id = l.article_id
        JOIN proceedings_proceedings v ON v.id = r.proceedings_id
        WHERE l.topic_id = t.topic_id AND l.article_id <> %(article)s AND v.status = %(published)s
        ORDER BY l.article_id DESC LIMIT %(pool)s) c
),
ranked AS (
    SELECT r.id, row_number() OVER (
        ORDER BY people.shared * {RELATED_PERSON_WEIGHT} + topics.shared DESC, v.year DESC, v.slug, r.position
    ) AS rank
    FROM pool
    JOIN articles_article r ON r.id = pool.article_id
    JOIN proceedings_proceedings v ON v.id = r.proceedings_id
    CROSS JOIN LATERAL (SELECT count(DISTINCT a.person_id) AS shared FROM authors_authorship a
        WHERE a.article_id = r.id AND a.person_id IN (SELECT person_id FROM own_people)) people
    CROSS JOIN LATERAL (SELECT count(*) AS shared FROM articles_article_topics l
        WHERE l.article_id = r.id AND l.topic_id IN (SELECT topic_id FROM own_topics)) topics
    ORDER BY rank LIMIT %(limit)s
)
SELECT {", ".join(f"r.{field}" for field in ("id", *LINK_FIELDS, "first_page", "last_page"))}
FROM ranked JOIN articles_article r ON r.id = ranked.id
ORDER BY ranked.rank
"""


def _people_in_order() -> Prefetch:
    """An article's people in printed order, each with the person."""
    authorships = Authorship.objects.select_related("person").order_by("role", "order")
    return Prefetch("authorships", queryset=authorships)


def _related_ranked(*, article_id: int, limit: int) -> list[Article]:
    """The related articles' link fields, the closest first; neither volume nor people fetched."""
    params = {
        "article": article_id,
        "published": ProceedingsStatus.PUBLISHED,
        "pool": RELATED_POOL,
        "limit": limit,
    }
    return list(Article.objects.raw(RELATED_SQL, params))


def article_related(*, article: Article, limit: int = RELATED_ARTICLES) -> list[Article]:
    """Published articles sharing people or topics with `article`, the closest first, with their
    volume and people (what a link to an article and its JSON twin show; other fields deferred).

    Ties go to the newer volume, then to printed order. The candidates are the RELATED_POOL
    newest (latest stored) published articles of each of its people and each of its topics — two
    indexes walked backwards, whatever the size of the archive — and every candidate is scored on
    all it shares. Always computed from the articles as they are: an editor's merge, split or
    publication shows at once.
    """
    related = _related_ranked(article_id=article.pk, limit=limit)
    prefetch_related_objects(related, "proceedings", _people_in_order())
    return related


@dataclass(frozen=True)
class ArticlePage:
    article: Article
    neighbours: Neighbours
    related: list[Article]


def article_page(*, slug: str) -> ArticlePage:
    """What the article page shows: the published article with its volume, people and topics
    (as article_get), its neighbours and its related articles (as article_related) — in six
    queries, the people of the article and of its related articles in one."""
    article = get_object_or_404(article_published().select_related("proceedings"), slug=slug)
    related = _related_ranked(article_id=article.pk, limit=RELATED_ARTICLES)
    prefetch_related_objects([article, *related], _people_in_order())
    prefetch_related_objects([article], Prefetch("topics", queryset=Topic.objects.order_by("slug")))
    prefetch_related_objects(related, "proceedings")
    return ArticlePage(article=article, neighbours=article_neighbours(article=article), related=related)

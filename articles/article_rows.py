"""The article page's data in three prepared statements (proceedings.site.prepared), built into
model instances without the ORM's query building.

Every article page is a page-cache miss the first time it is asked for, and at 100,000 articles
most are asked for rarely: what one costs to make is what the site costs. Django's querysets
took more time to build than PostgreSQL took to answer (select_related, three prefetches: ~3 ms
of Python per page), so the page reads

1. the article with its volume, topics and neighbours in its volume (one row);
2. its related articles, ranked, with what a link to each shows of its volume;
3. the people of the article and of its related articles;

each statement planned once per connection. The instances are the models' own, built as
Model.from_db builds them but without Model.__init__ (articles.search.items.instance): the page's
fields loaded and the others deferred — read on first use, as with `.only()` — so templates,
JSON twins and citations use them as they would any article.

A link to an article (a neighbour, a related article) shows its title, or the first words of its
text when untitled (Article.untitled_fallback): it reads the first LINK_BODY_CHARS characters of
the text, never the whole of it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import models, router
from django.db.models.query import QuerySet

from articles.models import Article, Topic
from articles.search.items import instance
from authors.models import Authorship, Person
from proceedings.models import Proceedings, ProceedingsStatus
from proceedings.site.prepared import Statement

# Twelve words (UNTITLED_FALLBACK_WORDS) and the sign that more follow fit in this many characters
# of any real text many times over.
LINK_BODY_CHARS = 1000
# A shared person says more about two papers than a shared topic (topics are broad).
RELATED_PERSON_WEIGHT = 3
# The related articles of an article come from a bounded pool: the newest published articles of
# each of its people and of each of its topics, this many each (an indexed walk), never every
# article that shares something with it.
RELATED_POOL = 50


def _fields(model: type[models.Model], names: Iterable[str] | None = None) -> list[str]:
    """`names` (attnames) in the model's field order — the order Model.from_db expects — or all."""
    wanted = set(names) if names is not None else None
    return [f.attname for f in model._meta.concrete_fields if wanted is None or f.attname in wanted]


def _columns(alias: str, model: type[models.Model], names: Sequence[str]) -> str:
    column = {f.attname: f.column for f in model._meta.concrete_fields}
    return ", ".join(f'{alias}."{column[name]}"' for name in names)


ARTICLE_FIELDS = _fields(
    Article,
    (
        "id", "proceedings_id", "position", "title", "title_display", "parallel_titles", "language",
        "abstract_kk", "abstract_ru", "abstract_en", "keywords_kk", "keywords_ru", "keywords_en",
        "body", "body_structure", "first_page", "last_page", "pdf", "pdf_pages", "pdf_size", "slug",
    ),
)  # fmt: skip
VOLUME_FIELDS = _fields(Proceedings)
LINK_FIELDS = _fields(
    Article, ("id", "proceedings_id", "position", "title", "title_display", "language", "body", "slug")
)
RELATED_FIELDS = _fields(Article, (*LINK_FIELDS, "first_page", "last_page"))
RELATED_VOLUME_FIELDS = _fields(Proceedings, ("id", "title_kk", "title_ru", "title_en", "year", "slug"))
TOPIC_FIELDS = _fields(Topic, ("id", "slug", "name_kk", "name_ru", "name_en"))
AUTHORSHIP_FIELDS = _fields(Authorship)
PERSON_FIELDS = [name for name in _fields(Person) if name != "search_vector"]


def _link_columns(alias: str, names: Sequence[str]) -> str:
    """Columns of an article link, the text cut to its first LINK_BODY_CHARS characters."""
    return ", ".join(
        f"left({alias}.body, {LINK_BODY_CHARS})" if name == "body" else _columns(alias, Article, [name])
        for name in names
    )


def _neighbour(comparison: str, order: str, *, volume: str, position: str) -> str:
    """The article printed just before or after `position` in `volume`: an index probe."""
    return f"""(SELECT json_build_array({_link_columns("n", LINK_FIELDS)}) FROM articles_article n
        WHERE n.proceedings_id = {volume} AND n.position {comparison} {position}
        ORDER BY n.position {order} LIMIT 1)"""


def _neighbours(*, volume: str, position: str) -> str:
    return ", ".join(
        _neighbour(comparison, order, volume=volume, position=position)
        for comparison, order in (("<", "DESC"), (">", ""))
    )


# $1 slug, $2 the published status. Neighbours are index probes on the volume's printed order.
ARTICLE = Statement(
    "jinaq_article_page",
    f"""
SELECT {_columns("a", Article, ARTICLE_FIELDS)}, {_columns("v", Proceedings, VOLUME_FIELDS)},
    (SELECT coalesce(json_agg(json_build_array({_columns("t", Topic, TOPIC_FIELDS)}) ORDER BY t.slug), '[]')
     FROM articles_article_topics l JOIN articles_topic t ON t.id = l.topic_id
     WHERE l.article_id = a.id),
    {_neighbours(volume="a.proceedings_id", position="a.position")}
FROM articles_article a JOIN proceedings_proceedings v ON v.id = a.proceedings_id
WHERE a.slug = $1 AND v.status = $2
""",
)

# $1 a volume's id, $2 a position in it.
NEIGHBOURS = Statement("jinaq_article_neighbours", f"SELECT {_neighbours(volume='$1', position='$2')}")

# $1 the article's id. The pool, each candidate scored on what it shares with the article —
# counted on the narrow link tables — and ordered; only the first `limit` are read. The article's
# own people and topics are read here too, so the related articles need not wait for them. The
# pool's size, the status and the limit are written in, not parameters: planned for unknown
# limits, the generic plan PostgreSQL keeps for a prepared statement hashed the whole article
# table (34 ms against 1.4 ms).
PUBLISHED = f"'{ProceedingsStatus.PUBLISHED.value}'"  # a constant, written into statements
RELATED_SQL = f"""
WITH own_people AS (SELECT DISTINCT person_id FROM authors_authorship WHERE article_id = $1),
own_topics AS (SELECT topic_id FROM articles_article_topics WHERE article_id = $1),
pool AS (
    SELECT c.article_id FROM own_people p CROSS JOIN LATERAL (
        SELECT a.article_id FROM authors_authorship a
        JOIN articles_article r ON r.id = a.article_id
        JOIN proceedings_proceedings v ON v.id = r.proceedings_id
        WHERE a.person_id = p.person_id AND a.article_id <> $1 AND v.status = {PUBLISHED}
        ORDER BY a.article_id DESC LIMIT {RELATED_POOL}) c
    UNION
    SELECT c.article_id FROM own_topics t CROSS JOIN LATERAL (
        SELECT l.article_id FROM articles_article_topics l
        JOIN articles_article r ON r.id = l.article_id
        JOIN proceedings_proceedings v ON v.id = r.proceedings_id
        WHERE l.topic_id = t.topic_id AND l.article_id <> $1 AND v.status = {PUBLISHED}
        ORDER BY l.article_id DESC LIMIT {RELATED_POOL}) c
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
    ORDER BY rank LIMIT {{LIMIT}}
)
SELECT {_link_columns("r", RELATED_FIELDS)}, {_columns("v", Proceedings, RELATED_VOLUME_FIELDS)}
FROM ranked
JOIN articles_article r ON r.id = ranked.id
JOIN proceedings_proceedings v ON v.id = r.proceedings_id
ORDER BY ranked.rank
"""
_related_statements: dict[int, Statement] = {}


def _related_statement(limit: int) -> Statement:
    if limit not in _related_statements:
        sql = RELATED_SQL.replace("{LIMIT}", str(int(limit)))
        _related_statements[limit] = Statement(f"jinaq_article_related_{int(limit)}", sql)
    return _related_statements[limit]


# The people of up to PEOPLE_ARTICLES articles: $1 to $6 their ids (NULL for none), a fixed number
# so that PostgreSQL keeps one generic plan (with an array it planned every time: ~0.2 ms).
# Printed order within each article: authors, then supervisors.
PEOPLE_ARTICLES = 6
PEOPLE = Statement(
    "jinaq_article_people",
    f"""
SELECT {_columns("au", Authorship, AUTHORSHIP_FIELDS)}, {_columns("p", Person, PERSON_FIELDS)}
FROM authors_authorship au JOIN authors_person p ON p.id = au.person_id
WHERE au.article_id IN ({", ".join(f"${n}" for n in range(1, PEOPLE_ARTICLES + 1))})
ORDER BY au.role, au."order"
""",
)


def _instance(model: type[models.Model], alias: str, names: list[str], values: Sequence[Any]):
    return instance(model, names, values, alias)


def _prefetched(instance: models.Model, name: str, model: type[models.Model], items: list) -> None:
    """`items` as the result of `instance.<name>.all()`, as prefetch_related leaves it."""
    queryset = QuerySet(model=model, using=instance._state.db)
    queryset._result_cache = items
    queryset._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


def _article(alias: str, values: Sequence[Any]) -> Article:
    article = _instance(Article, alias, ARTICLE_FIELDS, values)
    for name in ("parallel_titles", "body_structure"):
        if isinstance(getattr(article, name), str):  # jsonb comes to Django as text
            setattr(article, name, json.loads(getattr(article, name)))
    return article


def article_row(*, slug: str) -> tuple[Article, Article | None, Article | None] | None:
    """The published article `slug` with its volume and topics, and the articles printed just
    before and after it in its volume (link fields only); None when there is no such article."""
    alias = router.db_for_read(Article)
    rows = ARTICLE.rows(alias, [slug, ProceedingsStatus.PUBLISHED])
    if not rows:
        return None
    row = rows[0]
    articles, volumes = len(ARTICLE_FIELDS), len(VOLUME_FIELDS)
    article = _article(alias, row[:articles])
    volume = _instance(Proceedings, alias, VOLUME_FIELDS, row[articles : articles + volumes])
    article._state.fields_cache["proceedings"] = volume
    topics, previous, following = row[articles + volumes :]
    _prefetched(
        article, "topics", Topic, [_instance(Topic, alias, TOPIC_FIELDS, values) for values in topics]
    )
    return article, _link(alias, previous), _link(alias, following)


def _link(alias: str, values: Sequence[Any] | None) -> Article | None:
    return None if values is None else _instance(Article, alias, LINK_FIELDS, values)


def neighbour_rows(*, volume_id: int, position: int) -> tuple[Article | None, Article | None]:
    """The articles printed just before and after `position` in the volume (link fields only)."""
    alias = router.db_for_read(Article)
    previous, following = NEIGHBOURS.rows(alias, [volume_id, position])[0]
    return _link(alias, previous), _link(alias, following)


def related_rows(*, article_id: int, limit: int) -> list[Article]:
    """The related articles, the closest first, each with its volume's titles, year and slug."""
    alias = router.db_for_read(Article)
    rows = _related_statement(limit).rows(alias, [article_id])
    related = []
    fields = len(RELATED_FIELDS)
    for row in rows:
        article = _instance(Article, alias, RELATED_FIELDS, row[:fields])
        article._state.fields_cache["proceedings"] = _instance(
            Proceedings, alias, RELATED_VOLUME_FIELDS, row[fields:]
        )
        related.append(article)
    return related


def people_attach(articles: list[Article]) -> None:
    """Each article's authorships (with their person) in printed order, as `authorships.all()`."""
    if not articles:
        return
    alias = articles[0]._state.db
    per_article: dict[int, list[Authorship]] = {article.pk: [] for article in articles}
    fields = len(AUTHORSHIP_FIELDS)
    ids = list(per_article)
    rows = []
    for start in range(0, len(ids), PEOPLE_ARTICLES):
        chunk = ids[start : start + PEOPLE_ARTICLES]
        rows += PEOPLE.rows(alias, chunk + [None] * (PEOPLE_ARTICLES - len(chunk)))
    for row in rows:
        authorship = _instance(Authorship, alias, AUTHORSHIP_FIELDS, row[:fields])
        authorship._state.fields_cache["person"] = _instance(Person, alias, PERSON_FIELDS, row[fields:])
        per_article[authorship.article_id].append(authorship)
    for article in articles:
        for authorship in per_article[article.pk]:
            authorship._state.fields_cache["article"] = article
        _prefetched(article, "authorships", Authorship, per_article[article.pk])

"""The shown hits of a search, read for their list items in one statement.

A results page is read on every search. Through the ORM (articles.selectors.article_list_items:
the volume joined, people and topics prefetched) its twenty articles took three statements and
about 6 ms of Python at 100,000 articles — a quarter of the search's Python time, in query
compiling and prefetch bookkeeping rather than in the data. Here one statement reads only what
`articles/_article_item.html`, twins.article_item_json and the API's hit (views.result_json)
show, with each article's people and topics as JSON arrays, and the model instances are built
as the ORM would have built them: the volume and each person cached on their relations, the
people (by role and printed order) and the topics (by slug) as prefetched lists, so everything
that reads an item from article_list_items reads it from here without a query.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.db.models.base import Model, ModelState

from articles.models import Article, Topic
from articles.search.planner import search_connection
from authors.models import Authorship, Person
from proceedings.models import Proceedings
from proceedings.site.prepared import Statement

ARTICLE_COLUMNS = (
    "id",
    "proceedings_id",
    "position",
    "title",
    "title_display",
    "language",
    "slug",
    "first_page",
    "last_page",
    "source_start_line",
    "source_end_line",
)
VOLUME_COLUMNS = ("id", "slug", "year", "title_kk", "title_ru", "title_en", "conference_name", "date_start")
AUTHORSHIP_COLUMNS = ("id", "article_id", "person_id", "role", "order")
PERSON_COLUMNS = ("id", "slug", "display_name")
TOPIC_COLUMNS = ("id", "slug", "name_kk", "name_ru", "name_en")
# Prepared (proceedings.site.prepared): the same statement for every page, whose planning cost
# about as much as running it (0.25-0.4 ms against 0.4 ms for twenty hits).
ITEMS = Statement(
    "search_hit_items",
    """
SELECT {article}, CASE WHEN a.title IS NULL THEN a.body END, {volume},
  (SELECT json_agg(json_build_array(w.id, w.role, w."order", w.person_id, pe.slug, pe.display_name)
                   ORDER BY w.role, w."order")
   FROM authors_authorship w JOIN authors_person pe ON pe.id = w.person_id WHERE w.article_id = a.id),
  (SELECT json_agg(json_build_array(t.id, t.slug, t.name_kk, t.name_ru, t.name_en) ORDER BY t.slug)
   FROM articles_article_topics at JOIN articles_topic t ON t.id = at.topic_id WHERE at.article_id = a.id)
FROM articles_article a JOIN proceedings_proceedings p ON p.id = a.proceedings_id
WHERE a.id = ANY($1)
""".format(
        article=", ".join(f"a.{column}" for column in ARTICLE_COLUMNS),
        volume=", ".join(f"p.{column}" for column in VOLUME_COLUMNS),
    ),
)


def instance(model: type[Model], columns: Iterable[str], values: Iterable[Any], db: str) -> Model:
    """A model instance from some of its columns, the others deferred — what Model.from_db makes,
    without Model.__init__'s pass over every field and its signals (no model here has a receiver
    for them): a page builds a hundred instances. A column not given is loaded on first use, as
    a deferred field is."""
    obj = model.__new__(model)
    obj.__dict__.update(zip(columns, values, strict=True))
    obj._state = ModelState()
    obj._state.adding = False
    obj._state.db = db
    return obj


def prefetched(model: type[Model], objects: list[Model]) -> QuerySet:
    """A queryset holding `objects`, as prefetch_related leaves one in an instance's cache."""
    queryset = QuerySet(model=model)
    queryset._result_cache = objects
    queryset._prefetch_done = True
    return queryset


def hit_items(ids: list[int]) -> dict[int, Article]:
    """The articles with these ids, by id, ready for a list item (see the module's docstring)."""
    db = search_connection().alias
    rows = ITEMS.rows(db, [ids])
    articles: dict[int, Article] = {}
    volumes: dict[int, Proceedings] = {}
    split = len(ARTICLE_COLUMNS)
    for row in rows:
        article = instance(Article, ARTICLE_COLUMNS, row[:split], db)
        if article.title is None:
            article.body = row[split]  # display_title: an untitled article shows its first words
        volume_values = row[split + 1 : split + 1 + len(VOLUME_COLUMNS)]
        if (volume := volumes.get(volume_values[0])) is None:
            volume = volumes[volume_values[0]] = instance(Proceedings, VOLUME_COLUMNS, volume_values, db)
        article._state.fields_cache["proceedings"] = volume
        people = []
        for authorship_id, role, order, person_id, slug, name in row[-2] or ():
            values = (authorship_id, article.pk, person_id, role, order)
            authorship = instance(Authorship, AUTHORSHIP_COLUMNS, values, db)
            person = instance(Person, PERSON_COLUMNS, (person_id, slug, name), db)
            authorship._state.fields_cache.update(article=article, person=person)
            people.append(authorship)
        topics = [instance(Topic, TOPIC_COLUMNS, values, db) for values in row[-1] or ()]
        article._prefetched_objects_cache = {
            "authorships": prefetched(Authorship, people),
            "topics": prefetched(Topic, topics),
        }
        articles[article.pk] = article
    return articles

"""What an editor changed by hand on an article, and those values as plain data.

The admin's change form records the fields an editor changes in `Article.hand_edited`
(`article_hand_edits_record`); the editing fixes (proceedings.editorial.hand_edits) keep them
instead of reading the source again. The marks only ever grow here: nothing but an editor's own
confirmed fix gives a hand edit up, so a re-import (which leaves stored articles alone) or a
moved header/body border cannot clear one.

Editors think in fields, not columns, so the marks are read in *groups*: the title is the title
as printed together with its display form (fixing one and not the other would show the old
title), the people are the article's authorships, the topics its topics. A group's value is a
JSON-able dict, field -> value (people as their rows with the person's id and name, topics as
slugs), so it can be compared, kept on another article (`Article.merged_hand_edits`) and shown.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import get_language, gettext_lazy

from articles.models import Article, Language, Topic
from authors.models import Authorship, Person, Role
from authors.services import person_resolve

PEOPLE, TOPICS, BODY = "people", "topics", "body"
ABSTRACTS = tuple(f"abstract_{code}" for code in Language.values)
KEYWORDS = tuple(f"keywords_{code}" for code in Language.values)

# Group -> the fields it holds, in the order of the article's form.
GROUPS: dict[str, tuple[str, ...]] = {
    "title": ("title", "title_display"),
    "parallel_titles": ("parallel_titles",),
    "language": ("language",),
    PEOPLE: (PEOPLE,),
    **{name: (name,) for name in ABSTRACTS},
    **{name: (name,) for name in KEYWORDS},
    TOPICS: (TOPICS,),
    "pages": ("first_page", "last_page"),  # a pair: restoring half of it could put them out of order
    BODY: (BODY,),
}
HAND_FIELDS = tuple(field for fields in GROUPS.values() for field in fields)
# What the header gives: a re-cut reads these again from the header's lines (language and topics
# come from the body and the vocabulary, so they stay whatever the border).
HEADER_GROUPS = ("title", "parallel_titles", PEOPLE, *ABSTRACTS, *KEYWORDS)
# Lists where two articles' values add up rather than compete.
UNION_GROUPS = (TOPICS, *KEYWORDS)

_PEOPLE_LABEL = gettext_lazy("people (authors and supervisors)")
_TITLE_LABEL = gettext_lazy("title")
_PAGES_LABEL = gettext_lazy("pages")


def hand_edited_groups(article: Article) -> list[str]:
    """The article's groups with at least one field edited by hand, in form order."""
    marked = set(article.hand_edited)
    return [group for group, fields in GROUPS.items() if marked.intersection(fields)]


def hand_edited_labels(article: Article) -> list[str]:
    """The names of the article's hand-edited groups, as the review page lists them."""
    return [group_label(group) for group in hand_edited_groups(article)]


def hand_edited_in_form(*, changed: Iterable[str], people_changed: bool) -> list[str]:
    """The hand-edit marks of one save of the admin's form: its changed fields and its people."""
    changed = set(changed) | ({PEOPLE} if people_changed else set())
    return [field for field in HAND_FIELDS if field in changed]


@transaction.atomic
def article_hand_edits_record(*, article: Article, fields: Iterable[str]) -> None:
    """Add `fields` to the article's hand-edit marks (those it has stay)."""
    marked = set(article.hand_edited) | set(fields)
    ordered = [field for field in HAND_FIELDS if field in marked]
    if ordered != list(article.hand_edited):
        article.hand_edited = ordered
        Article.objects.filter(pk=article.pk).update(hand_edited=ordered)


def group_label(group: str) -> str:
    if group == "title":
        return str(_TITLE_LABEL)
    if group == PEOPLE:
        return str(_PEOPLE_LABEL)
    if group == "pages":
        return str(_PAGES_LABEL)
    return str(Article._meta.get_field(group).verbose_name)


def _people_rows(article: Article) -> list[dict]:
    return [
        {
            "person": row.person_id,
            "name": row.person.display_name,
            "role": row.role,
            "order": row.order,
            "printed_text": row.printed_text,
            "position": row.position,
            "affiliation": row.affiliation,
        }
        for row in article.authorships.select_related("person").order_by("role", "order")
    ]


def field_value(article: Article, field: str):
    """The field's value as JSON (people as rows, topics as slugs)."""
    if field == PEOPLE:
        return _people_rows(article)
    if field == TOPICS:
        return sorted(article.topics.values_list("slug", flat=True))
    value = getattr(article, field)
    return dict(value) if field == "parallel_titles" else list(value) if field in KEYWORDS else value


def group_value(article: Article, group: str) -> dict:
    return {field: field_value(article, field) for field in GROUPS[group]}


def group_values(article: Article, groups: Iterable[str]) -> dict[str, dict]:
    return {group: group_value(article, group) for group in groups}


def group_values_set(*, article: Article, values: dict[str, dict]) -> None:
    """Give the article these group values: its own fields on the instance (saved by the caller),
    its people and topics in the database at once (the article must be saved already)."""
    for value in values.values():
        for field, item in value.items():
            if field == PEOPLE:
                _people_set(article, item)
            elif field == TOPICS:
                article.topics.set(Topic.objects.filter(slug__in=item))
            else:
                setattr(article, field, item)


def _people_set(article: Article, rows: list[dict]) -> None:
    """The authorships of `rows`; a person since removed (merged into another) is found by name."""
    article.authorships.all().delete()
    for row in rows:
        person = Person.objects.filter(pk=row["person"]).first() or person_resolve(
            name=row["name"], position=row["position"], affiliation=row["affiliation"]
        )
        Authorship.objects.create(
            article=article,
            person=person,
            role=row["role"],
            order=row["order"],
            printed_text=row["printed_text"],
            position=row["position"],
            affiliation=row["affiliation"],
        )


def value_text(value: dict) -> str:
    """A group's value as an editor reads it (the confirmation page, the history)."""
    parts = []
    for field, item in value.items():
        if field == PEOPLE:
            parts += [
                f"{row['name']} ({Role(row['role']).label})" if row["role"] != Role.AUTHOR else row["name"]
                for row in item
            ]
        elif field == TOPICS:
            language = (get_language() or "kk")[:2]
            names = {topic.slug: topic.name(language) for topic in Topic.objects.filter(slug__in=item)}
            parts += [names.get(slug) or slug for slug in item]
        elif field == "parallel_titles":
            parts += [f"{code}: {text}" for code, text in item.items()]
        elif isinstance(item, list):
            parts.append("; ".join(item))
        elif field == "title_display" and item in (value.get("title"), ""):
            continue  # the display form is the title itself: once is enough
        elif field == "last_page" and item == value.get("first_page"):
            continue
        elif item not in (None, ""):
            parts.append(str(item))
    separator = "–" if "first_page" in value else "; "
    return separator.join(str(part) for part in parts) or "—"

"""What an author's page shows about all of a person's published articles, stored: the topics
with their counts (PersonTopic), the co-authors with the articles shared (Coauthorship), and the
positions and affiliations as printed (Person.printed_positions / printed_affiliations).

Computed live, these group every article of the person — thousands for a supervisor of many
years — on every view of the page. They change exactly when the person's published articles do,
so `authors.services.person_refresh_article_counts` recounts them with the article counts, for
the same people, in the same transaction: the import, publishing, an editor's merge, split or
header fix, a repeat's removal, a person merge and the admin's edits all call it already.
"""

from __future__ import annotations

from django.db import connection

from authors.models import Authorship, Person
from proceedings.models import ProceedingsStatus

# The person's published authorships, in any role (`scope` narrows it to some people).
PUBLISHED_AUTHORSHIPS = """
    authors_authorship s
    JOIN articles_article a ON a.id = s.article_id
    JOIN proceedings_proceedings v ON v.id = a.proceedings_id AND v.status = %(published)s
"""
SCOPE = "s.person_id = ANY(%(people)s)"
EVERYONE = "TRUE"


def person_aggregates_refresh(*, people: list[int] | None) -> None:
    """Recompute the stored topics, co-authors and printed details of `people` (None: everyone)."""
    scope = EVERYONE if people is None else SCOPE
    params = {"people": people or [], "published": ProceedingsStatus.PUBLISHED}
    with connection.cursor() as cursor:
        if people is None:
            cursor.execute("DELETE FROM authors_persontopic")
            cursor.execute("DELETE FROM authors_coauthorship")
        else:
            cursor.execute("DELETE FROM authors_persontopic WHERE person_id = ANY(%(people)s)", params)
            # A pair is stored both ways round: the other half goes too, and comes back below.
            cursor.execute(
                "DELETE FROM authors_coauthorship "
                "WHERE person_id = ANY(%(people)s) OR coauthor_id = ANY(%(people)s)",
                params,
            )
        cursor.execute(
            f"""
            INSERT INTO authors_persontopic (person_id, topic_id, articles)
            SELECT s.person_id, m.topic_id, count(DISTINCT s.article_id)
            FROM {PUBLISHED_AUTHORSHIPS}
            JOIN articles_article_topics m ON m.article_id = s.article_id
            WHERE {scope} GROUP BY 1, 2
            """,
            params,
        )
        cursor.execute(
            f"""
            WITH pairs AS (
                SELECT s.person_id, o.person_id AS coauthor_id, count(DISTINCT s.article_id) AS shared
                FROM {PUBLISHED_AUTHORSHIPS}
                JOIN authors_authorship o ON o.article_id = s.article_id AND o.person_id <> s.person_id
                WHERE {scope} GROUP BY 1, 2
            )
            INSERT INTO authors_coauthorship (person_id, coauthor_id, articles)
            SELECT person_id, coauthor_id, shared FROM pairs
            UNION ALL
            SELECT coauthor_id, person_id, shared FROM pairs
            WHERE %(everyone)s IS FALSE AND NOT coauthor_id = ANY(%(people)s)
            """,
            {**params, "everyone": people is None},
        )
    printed_details_refresh(people=people)


def printed_details_refresh(*, people: list[int] | None) -> None:
    """Each person's positions and affiliations as printed, newest article first, each once."""
    rows = Authorship.objects.filter(article__proceedings__status=ProceedingsStatus.PUBLISHED)
    if people is not None:
        rows = rows.filter(person__in=people)
    printed: dict[int, tuple[list[str], list[str]]] = {}
    for person, position, affiliation in rows.order_by(
        "person", "-article__proceedings__year", "-article__proceedings__date_start", "-article_id"
    ).values_list("person", "position", "affiliation"):
        positions, affiliations = printed.setdefault(person, ([], []))
        positions.append(position)
        affiliations.append(affiliation)
    targets = Person.objects.all() if people is None else Person.objects.filter(pk__in=people)
    changed = []
    for person in targets.only("pk", "printed_positions", "printed_affiliations"):
        positions, affiliations = printed.get(person.pk, ([], []))
        person.printed_positions, person.printed_affiliations = distinct(positions), distinct(affiliations)
        changed.append(person)
    Person.objects.bulk_update(changed, ["printed_positions", "printed_affiliations"], batch_size=1000)


def distinct(values) -> list[str]:
    """Non-blank values stripped, each once whatever its case, in their first order."""
    seen: dict[str, str] = {}
    for raw in values:
        value = (raw or "").strip()
        if value and value.casefold() not in seen:
            seen[value.casefold()] = value
    return list(seen.values())

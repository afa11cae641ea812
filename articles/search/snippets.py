"""Highlighted extracts of the shown hits, in each article's own language.

Kept apart from the matching and ranking (selectors.py): computed for one page of results only,
because ts_headline reads the text itself.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQueryCombinable
from django.db.models.sql import Query
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article
from articles.search.document import CONFIG_BY_LANGUAGE, MAX_INDEXED_BODY_CHARS
from articles.search.planner import search_connection
from articles.search.query import parse_query
from articles.search.selectors import tsquery_for

MARK_START, MARK_STOP = "\ue000", "\ue001"  # private-use sentinels, replaced after escaping
OPTIONS = (
    f"StartSel='{MARK_START}', StopSel='{MARK_STOP}', MaxWords=35, MinWords=15, MaxFragments=2, "
    "FragmentDelimiter=' … '"
)
# One statement for the page, each article in its own language's configuration (the ORM's
# SearchHeadline took one statement, and a compiled queryset, per language on the page).
CONFIG = "CASE language {} END".format(
    " ".join(f"WHEN '{code}' THEN '{config}'::regconfig" for code, config in CONFIG_BY_LANGUAGE.items())
)


def headlines_sql(tsquery_sql: str) -> str:
    # LEFT: what was indexed (ts_headline reads all it is given).
    return (
        f"SELECT id, ts_headline({CONFIG}, LEFT(body, {MAX_INDEXED_BODY_CHARS}), ({tsquery_sql}), %s) "
        "FROM articles_article WHERE id = ANY(%s)"
    )


def search_snippets(
    *, articles: list[Article], query: str, highlight: SearchQueryCombinable | None = None
) -> dict[int, SafeString]:
    """A highlighted extract of each article's text in its own language's configuration.

    Computed for the shown page only: ts_headline reads the whole body. The body is escaped
    before the highlight marks become <mark> elements, so no text of an article is ever HTML.
    `highlight` is the query the results were found with (SearchResults.highlight), when known.
    """
    tsquery = highlight if highlight is not None else tsquery_for(parse_query(query))
    if tsquery is None or not articles:
        return {}
    connection = search_connection()
    query_sql, query_params = expression_sql(tsquery, connection)
    with connection.cursor() as cursor:
        cursor.execute(
            headlines_sql(query_sql),
            [*query_params, OPTIONS, [article.pk for article in articles]],
        )
        return {pk: highlight_html(snippet) for pk, snippet in cursor.fetchall()}


def expression_sql(expression, connection) -> tuple[str, list]:
    """An ORM expression (a tsquery of articles.search.selectors) as SQL and its parameters."""
    query = Query(Article)
    return query.get_compiler(connection=connection).compile(expression.resolve_expression(query))


def highlight_html(snippet: str) -> SafeString:
    escaped = escape(snippet.replace("\n", " "))
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))  # escaped above

"""Highlighted extracts of the shown hits, in each article's own language.

Kept apart from the matching and ranking (selectors.py): computed for one page of results only,
because ts_headline reads the text itself.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchHeadline, SearchQueryCombinable
from django.db.models.functions import Left
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article
from articles.search.document import CONFIG_BY_LANGUAGE, MAX_INDEXED_BODY_CHARS
from articles.search.query import parse_query
from articles.search.selectors import tsquery_for

MARK_START, MARK_STOP = "\ue000", "\ue001"  # private-use sentinels, replaced after escaping


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
    snippets: dict[int, SafeString] = {}
    by_language: dict[str, list[int]] = {}
    for article in articles:
        by_language.setdefault(article.language, []).append(article.pk)
    for language, ids in by_language.items():
        headlines = Article.objects.filter(pk__in=ids).annotate(
            snippet=SearchHeadline(
                Left("body", MAX_INDEXED_BODY_CHARS),  # what was indexed; ts_headline reads it all
                tsquery,
                config=CONFIG_BY_LANGUAGE[language],
                start_sel=MARK_START,
                stop_sel=MARK_STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
        for pk, snippet in headlines.values_list("pk", "snippet"):
            snippets[pk] = highlight_html(snippet)
    return snippets


def highlight_html(snippet: str) -> SafeString:
    escaped = escape(snippet.replace("\n", " "))
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))  # escaped above

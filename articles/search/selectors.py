"""The archive's search: one box across Kazakh, Russian and English.

`article_search` reads what the reader typed (articles.search.query), turns every word into
alternatives that PostgreSQL matches against the stored vector — the Russian and English
stems, a prefix of the Kazakh stem, and a prefix of the Latin/Cyrillic skeleton — ranks by the
weighted vector (title, keywords and names above abstracts above body), counts facets over the
whole result and highlights a snippet of each shown article in its own language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchQueryCombinable, SearchRank
from django.db.models import Count, F, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article
from articles.search.document import CONFIG_BY_LANGUAGE
from articles.search.expressions import LexemeQuery, NegatedQuery, combine_clauses
from articles.search.kazakh import kazakh_stem
from articles.search.query import ParsedQuery, Term, parse_query
from articles.search.script import SKELETON_MARK, skeleton
from articles.selectors import article_list_items, article_published

# ts_rank weights for D, C, B, A: a title or keyword hit outweighs many body hits.
RANK_WEIGHTS = [0.02, 0.1, 0.4, 1.0]
PREFIX_MIN = 4  # shorter stems are matched whole: a prefix of three letters matches too much
SKELETON_MIN = 3
MARK_START, MARK_STOP = "\ue000", "\ue001"  # private-use sentinels, replaced after escaping


def is_cyrillic(word: str) -> bool:
    return any("\u0400" <= char <= "\u04ff" for char in word)


def word_query(word: str) -> SearchQueryCombinable:
    """Every way `word` may appear in the index."""
    stem = kazakh_stem(word) if is_cyrillic(word) else word
    alternatives: list[SearchQueryCombinable] = [
        SearchQuery(word, config="russian"),
        SearchQuery(word, config="english"),
        LexemeQuery(stem, prefix=len(stem) >= PREFIX_MIN),
    ]
    shape = skeleton(word)
    if len(shape) >= SKELETON_MIN:
        alternatives.append(LexemeQuery(SKELETON_MARK + shape, prefix=len(shape) >= PREFIX_MIN + 1))
    combined = alternatives[0]
    for alternative in alternatives[1:]:
        combined = combined | alternative
    return combined


def term_query(term: Term) -> SearchQueryCombinable:
    if term.is_phrase:
        text = " ".join(term.words)
        query = (
            SearchQuery(text, config="russian", search_type="phrase")
            | SearchQuery(text, config="english", search_type="phrase")
            | SearchQuery(text, config="simple", search_type="phrase")
        )
    else:
        query = word_query(term.words[0])
    return NegatedQuery(query) if term.negated else query


def tsquery_for(parsed: ParsedQuery) -> SearchQueryCombinable | None:
    """The whole query as one tsquery expression; None when nothing positive is left to find."""
    return combine_clauses(parsed, term_query)


@dataclass(frozen=True)
class SearchFilters:
    language: str = ""
    topic: str = ""
    year: int | None = None
    volume: str = ""

    def apply(self, articles: QuerySet[Article]) -> QuerySet[Article]:
        if self.language:
            articles = articles.filter(language=self.language)
        if self.topic:
            articles = articles.filter(topics__slug=self.topic)
        if self.year:
            articles = articles.filter(proceedings__year=self.year)
        if self.volume:
            articles = articles.filter(proceedings__slug=self.volume)
        return articles


@dataclass
class SearchResults:
    query: str
    parsed: ParsedQuery
    articles: QuerySet[Article] = field(default_factory=Article.objects.none)
    facets: dict[str, list[tuple]] = field(default_factory=dict)


def article_search(*, query: str, filters: SearchFilters | None = None) -> SearchResults:
    """Matching published articles, best first (an unpaginated queryset), with facet counts."""
    parsed = parse_query(query)
    tsquery = tsquery_for(parsed)
    if tsquery is None:
        return SearchResults(query=query, parsed=parsed)
    filters = filters or SearchFilters()
    matched = article_published().filter(search_vector=tsquery)
    narrowed = filters.apply(matched)
    ranked = narrowed.annotate(
        rank=SearchRank(F("search_vector"), tsquery, weights=RANK_WEIGHTS, cover_density=True)
    ).order_by("-rank", "pk")
    return SearchResults(
        query=query, parsed=parsed, articles=article_list_items(ranked), facets=search_facets(narrowed)
    )


def search_facets(articles: QuerySet[Article]) -> dict[str, list[tuple]]:
    """Counts that narrow the result: (value, label source, count), biggest first."""
    base = articles.order_by()
    return {
        "language": list(base.values_list("language").annotate(n=Count("pk", distinct=True)).order_by("-n")),
        "topic": list(
            base.filter(topics__isnull=False)
            .values_list("topics__slug", "topics__name_kk", "topics__name_ru", "topics__name_en")
            .annotate(n=Count("pk", distinct=True))
            .order_by("-n", "topics__slug")
        ),
        "year": list(
            base.values_list("proceedings__year")
            .annotate(n=Count("pk", distinct=True))
            .order_by("-proceedings__year")
        ),
        "volume": list(
            base.values_list(
                "proceedings__slug", "proceedings__title_kk", "proceedings__title_ru", "proceedings__title_en"
            )
            .annotate(n=Count("pk", distinct=True))
            .order_by("-n")
        ),
    }


def search_snippets(*, articles: list[Article], query: str) -> dict[int, SafeString]:
    """A highlighted extract of each article's text in its own language's configuration.

    Computed for the shown page only: ts_headline reads the whole body. The body is escaped
    before the highlight marks become <mark> elements, so no text of an article is ever HTML.
    """
    tsquery = tsquery_for(parse_query(query))
    if tsquery is None or not articles:
        return {}
    snippets: dict[int, SafeString] = {}
    by_language: dict[str, list[int]] = {}
    for article in articles:
        by_language.setdefault(article.language, []).append(article.pk)
    for language, ids in by_language.items():
        headlines = Article.objects.filter(pk__in=ids).annotate(
            snippet=SearchHeadline(
                "body",
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

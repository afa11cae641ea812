"""The search page, its JSON twin, and the /api/search contract."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import twins
from articles.addresses import slug_url
from articles.models import Article, Language
from articles.search.ordering import DATE, ORDERS, RELEVANCE, TITLE
from articles.search.planner import index_scans
from articles.search.selectors import SearchFilters, SearchResults, article_search
from articles.search.snippets import search_snippets
from articles.search.starting_points import StartingPoints, scope_volume, starting_points
from articles.search.suggest import search_suggestion
from authors.models import Person
from authors.selectors import person_name_variants, person_search
from proceedings.site.http import page_json, paginate, wants_json
from proceedings.site.params import BadParameter, slug_param
from proceedings.site.throttle import throttled

RESULTS_PER_PAGE = 20
FILTER_KEYS = ("language", "topic", "year", "volume")
ORDER_LABELS = {
    RELEVANCE: gettext_lazy("Relevance"),
    DATE: gettext_lazy("Newest first"),
    TITLE: gettext_lazy("Title"),
}


def filters_from(request: HttpRequest) -> SearchFilters:
    """Facet filters from the query string; a value that cannot exist is a 400 (BadParameter),
    one that names nothing (an unknown topic) finds nothing."""
    language = request.GET.get("language", "")
    if language and language not in Language.values:
        raise BadParameter(_("Unknown language: use kk, ru or en."))
    year_text = request.GET.get("year", "")
    if year_text and not (year_text.isascii() and year_text.isdigit() and len(year_text) == 4):
        raise BadParameter(_("A year is four digits."))
    return SearchFilters(
        language=language,
        topic=slug_param(request.GET, "topic"),
        year=int(year_text) if year_text else None,
        volume=slug_param(request.GET, "volume"),
    )


def order_from(request: HttpRequest) -> str:
    """The order asked for by `sort` (relevance when absent); any other value is a 400."""
    order = request.GET.get("sort", "") or RELEVANCE
    if order not in ORDERS:
        raise BadParameter(_("Unknown sort: use sort=relevance, sort=date or sort=title."))
    return order


def result_json(request: HttpRequest, article: Article, snippet: str | None) -> dict[str, Any]:
    """One hit in the /api/search contract: the list item, its address absolute, its people by
    name, plus where it came from in the source. Built from the item's own fields rather than
    read from the article again (its people, its volume), as every search asks for twenty."""
    item = twins.article_item_json(article)
    return {
        **item,
        "url": request.build_absolute_uri(item["url"]),
        "authors": [person["name"] for person in item["authors"]],
        "supervisors": [person["name"] for person in item["supervisors"]],
        "proceedings": item["volume"],
        "source_lines": [article.source_start_line, article.source_end_line],
        # None when sorted by date or title: no relevance was computed.
        "rank": None if article.rank is None else round(float(article.rank), 6),
        "snippet": snippet,
    }


def person_json(request: HttpRequest, person: Person, variants: list[str]) -> dict[str, Any]:
    return {
        "name": person.display_name,
        "variants": variants,
        "url": request.build_absolute_uri(slug_url("author_detail", person.slug)),
        "articles_as_author": person.articles_as_author,
        "articles_as_supervisor": person.articles_as_supervisor,
    }


def facets_json(results: SearchResults) -> dict[str, list[dict[str, Any]]]:
    return {
        "language": [{"value": code, "count": count} for code, count in results.facets.get("language", [])],
        "topic": [
            {"value": slug, "name": {"kk": kk, "ru": ru, "en": en}, "count": count}
            for slug, kk, ru, en, count in results.facets.get("topic", [])
        ],
        "year": [{"value": year, "count": count} for year, count in results.facets.get("year", [])],
        "volume": [
            {"value": slug, "title": {"kk": kk, "ru": ru, "en": en}, "count": count}
            for slug, kk, ru, en, count in results.facets.get("volume", [])
        ],
    }


@dataclass(frozen=True)
class FacetLink:
    label: str
    count: int
    url: str
    selected: bool


def query_url(request: HttpRequest, **changes: str | None) -> str:
    """This search with some parameters set (or removed, for None); always back on page one."""
    query = request.GET.copy()
    for key in ("page", "format"):
        query.pop(key, None)
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return f"{request.path}?{query.urlencode()}"


class FacetUrls:
    """query_url(request, key=value) for many values of one key: the rest of the query string is
    encoded once (a page of results links two or three hundred facet values, and copying and
    encoding the query for each took a tenth of the page's time)."""

    def __init__(self, request: HttpRequest, key: str) -> None:
        query = request.GET.copy()
        for name in ("page", "format"):
            query.pop(name, None)
        # As QueryDict.urlencode writes it, each parameter in its place.
        parts = [
            (name, "&".join(urlencode({name: value}) for value in values)) for name, values in query.lists()
        ]
        names = [name for name, _ in parts]
        at = names.index(key) if key in names else len(parts)
        self.before = [part for _, part in parts[:at]]
        self.after = [part for _, part in parts[at + 1 :]]
        self.key, self.path = key, request.path

    def __call__(self, value: str | None) -> str:
        changed = [] if value is None else [urlencode({self.key: value})]
        return f"{self.path}?{'&'.join([*self.before, *changed, *self.after])}"


def localized(values: tuple[str, str, str], language: str) -> str:
    by_code = dict(zip(("kk", "ru", "en"), values, strict=True))
    return by_code.get(language) or next((value for value in values if value), "")


def facet_links(request: HttpRequest, results: SearchResults, *, language: str) -> dict[str, list[FacetLink]]:
    """Each facet value as a link that narrows the search (or widens it again when chosen)."""
    names = dict(Language.choices)
    rows = {
        "language": [
            (code, str(names.get(code, code)), count) for code, count in results.facets.get("language", [])
        ],
        "topic": [
            (slug, localized((kk, ru, en), language), n)
            for slug, kk, ru, en, n in results.facets.get("topic", [])
        ],
        "year": [(str(year), str(year), count) for year, count in results.facets.get("year", [])],
        "volume": [
            (slug, localized((kk, ru, en), language), n)
            for slug, kk, ru, en, n in results.facets.get("volume", [])
        ],
    }
    links = {}
    for key, values in rows.items():
        chosen = request.GET.get(key, "")
        url = FacetUrls(request, key)
        links[key] = [
            FacetLink(
                label=label,
                count=count,
                url=url(None if value == chosen else value),
                selected=value == chosen,
            )
            for value, label, count in values
        ]
    return links


def search_context(request: HttpRequest) -> dict[str, Any]:
    # One planner setting for the whole request rather than a set and a reset around each of
    # its queries (the others — articles by id, people, snippets — use indexes either way).
    with index_scans():
        return search_context_of(request)


def search_context_of(request: HttpRequest) -> dict[str, Any]:
    query = request.GET.get("q", "")
    filters = filters_from(request)
    order = order_from(request)
    # Both show the facets.
    results = article_search(query=query, filters=filters, with_facets=True, order=order)
    page = paginate(request, results.articles, per_page=RESULTS_PER_PAGE)
    hits = list(page.object_list)
    snippets = search_snippets(articles=hits, query=query, highlight=results.highlight)
    # Articles with every word: those with all but one do not count as found.
    found = 0 if results.any_but_one else page.paginator.count
    return {
        "query": query,
        "filters": filters,
        "order": order,
        "results": results,
        "page": page,
        "hits": [(article, snippets.get(article.pk)) for article in hits],
        # People by any spelling of their name; the same on every page of the results.
        "people": [(person, person_name_variants(person)) for person in person_search(query=query)],
        "any_but_one": results.any_but_one,
        "phrases_loosened": results.phrases_loosened,
        "suggestion": None if results.parsed.is_empty else search_suggestion(query, found=found),
    }


def search_json(request: HttpRequest, context: dict[str, Any]) -> dict[str, Any]:
    page = context["page"]
    return {
        "query": context["query"],
        "sort": context["order"],
        "count": page.paginator.count,
        **{key: value for key, value in page_json(page).items() if key != "count"},
        "results": [result_json(request, article, snippet) for article, snippet in context["hits"]],
        "facets": facets_json(context["results"]),
        "suggestion": context["suggestion"],
        # False when no article had every word and these have all but one of them.
        "all_words": not context["any_but_one"],
        # False when no article had a quoted phrase as typed: these have it in other forms or order.
        "exact_phrases": not context["phrases_loosened"],
        "people": [person_json(request, person, variants) for person, variants in context["people"]],
    }


@throttled("search", rate="JINAQ_SEARCH_RATE")
def search(request: HttpRequest) -> HttpResponse:
    as_json = wants_json(request)  # before the search: a bad format is a 400 of its own
    context = search_context(request)
    if as_json:
        data = search_json(request, context)
        if not context["query"].strip():  # the empty page's places to start, as it shows them
            data["starting_points"] = starting_points_json(starting_points())
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    language = translation.get_language() or "kk"
    suggestion = context["suggestion"]
    filters = context["filters"]
    context |= {
        "nav": "search",
        "facets": facet_links(request, context["results"], language=language),
        "suggestion_url": query_url(request, q=suggestion) if suggestion else None,
        # Kept by the search box: a new query keeps the filters and the order.
        "active_filters": [(key, request.GET[key]) for key in (*FILTER_KEYS, "sort") if request.GET.get(key)],
        "has_filters": any(request.GET.get(key) for key in FILTER_KEYS),
        "clear_filters_url": query_url(request, language=None, topic=None, year=None, volume=None),
        "order_links": order_links(request, context["order"]),
        # A search from a volume's page: within that volume, with a way out to the whole archive.
        "scope_volume": scope_volume(slug=filters.volume) if filters.volume else None,
        "whole_archive_url": query_url(request, volume=None),
        # The empty search page offers somewhere to start.
        "starting_points": None if context["query"].strip() else starting_points(),
        # The whole result (every page) for the citation downloads.
        "export_query": query_url(request, sort=None).partition("?")[2],
    }
    return render(request, "articles/search.html", context)


def starting_points_json(start: StartingPoints) -> dict[str, Any]:
    """The empty search page's places to start, addressed as the browse pages' twins do."""
    return {
        "volumes": [twins.volume_brief_json(volume) for volume in start.volumes],
        "topics": [twins.topic_json(topic) for topic in start.topics],
        "people": [
            {
                "name": person.display_name,
                "url": slug_url("author_detail", person.slug),
                "articles": person.articles,
            }
            for person in start.people
        ],
    }


@dataclass(frozen=True)
class OrderLink:
    label: str
    url: str
    selected: bool


def order_links(request: HttpRequest, order: str) -> list[OrderLink]:
    """This search in each order; relevance, the default, without a `sort` parameter."""
    return [
        OrderLink(
            label=str(label),
            url=query_url(request, sort=None if key == RELEVANCE else key),
            selected=key == order,
        )
        for key, label in ORDER_LABELS.items()
    ]


@throttled("search", rate="JINAQ_SEARCH_RATE")
def api_search(request: HttpRequest) -> HttpResponse:
    """The machine-readable search, outside the language prefix: /api/search?q=...&language=...
    Its errors are JSON too (proceedings.site.views)."""
    context = search_context(request)
    return JsonResponse(search_json(request, context), json_dumps_params={"ensure_ascii": False})

"""What a citation download or the Cite box is about: the articles of a scope and a file name.

A scope comes from the query string of `/<lang>/cite/<format>/`: `article=` (repeatable, in the
order given), `list=1` (the session's citation list), `q=` with the search filters (the whole
search result, not one page of it), `volume=` or `author=`. Reads only; the view renders.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, QueryDict
from django.utils.translation import gettext as _

from articles import browse
from articles.citation_list import articles_in_order
from articles.citations.formats import DEFAULT_FORMAT, FORMATS
from articles.citations.render import render_citations
from articles.models import Article
from articles.search.selectors import SearchFilters, article_search
from authors.models import Role
from authors.selectors import person_articles, person_for_page
from proceedings.site.params import BadParameter, slug_list_param, slug_param

# A search result is cited whole; this keeps one request from describing the entire archive twice.
MAX_SEARCH_ARTICLES = 1000
MAX_NAMED_ARTICLES = 500  # article= one by one (Django reads at most 1,000 fields of a request)
REFERENCE_STYLES = [slug for slug, citation_format in FORMATS.items() if citation_format.is_reference_style]


class ScopeError(BadParameter):
    """A scope the query string asks for but that cannot be read (a 400)."""


@dataclass(frozen=True)
class CitationScope:
    articles: list[Article]
    filename_stem: str


def citation_scope(
    params: QueryDict, *, session_slugs: list[str], filters: SearchFilters | None
) -> CitationScope:
    """The articles `params` name. `filters` are the search filters already parsed by the search
    page's own parser (so both refuse the same values); `session_slugs` the citation list."""
    if "list" in params:
        return CitationScope(articles_in_order(session_slugs), "citation-list")
    if "article" in params:
        slugs = slug_list_param(params, "article", limit=MAX_NAMED_ARTICLES)
        stem = slugs[0] if len(slugs) == 1 else "articles"
        return CitationScope(articles_in_order(slugs), stem)
    if "q" in params:
        results = article_search(query=params["q"], filters=filters)
        return CitationScope(list(results.articles[:MAX_SEARCH_ARTICLES]), "search")
    if "volume" in params:
        volume = browse.volume_get(slug=slug_param(params, "volume"))
        return CitationScope(list(browse.volume_articles(volume=volume)), volume.slug)
    if "author" in params:
        person = person_for_page(slug=slug_param(params, "author"))
        if person is None:
            raise Http404(_("No published author has this address."))
        return CitationScope(list(person_articles(person=person, role=Role.AUTHOR)), person.slug)
    raise ScopeError(_("Say what to cite: article=, volume=, author=, q= or list=1."))


def reference_style(slug: str | None) -> str:
    """A reference style for display; anything else (a file format, a typo) is the default."""
    return slug if slug in REFERENCE_STYLES else DEFAULT_FORMAT


@dataclass(frozen=True)
class StyleChoice:
    slug: str
    label: str
    selected: bool


def style_choices(selected: str) -> list[StyleChoice]:
    return [StyleChoice(slug, FORMATS[slug].label, slug == selected) for slug in REFERENCE_STYLES]


def reference_text(articles: list[Article], style: str, *, base_url: str) -> str:
    """The references as text for a page (the same text the .txt download holds)."""
    return render_citations(articles, style, base_url=base_url).content.decode("utf-8")

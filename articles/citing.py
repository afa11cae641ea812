"""What a citation download or the Cite box is about: the articles of a scope and a file name.

A scope comes from the query string of `/<lang>/cite/<format>/`: `article=` (repeatable, in the
order given), `list=1` (the session's citation list), `q=` with the search filters (the whole
search result, not one page of it), `volume=`, `author=` (with `role=supervisor`: the papers the
person supervised) or `topic=`. `lang=` is the language of the list (the interface's by default),
`style=` the reference style of a .docx. Reads only; the view renders.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _

from articles import browse
from articles.citation_list import articles_in_order
from articles.citations.formats import DEFAULT_FORMAT, FORMATS
from articles.citations.render import render_citations
from articles.models import Article, Language, Topic
from articles.search.selectors import SearchFilters, article_search
from articles.selectors import article_list_items, article_published
from authors.models import Role
from authors.selectors import person_articles, person_for_page
from proceedings.site.params import BadParameter, slug_list_param, slug_param

# A search result or a topic is cited whole up to this many articles (a topic's newest first);
# it keeps one request from describing the entire archive twice.
MAX_SEARCH_ARTICLES = 1000
MAX_TOPIC_ARTICLES = MAX_SEARCH_ARTICLES
MAX_NAMED_ARTICLES = 500  # article= one by one (Django reads at most 1,000 fields of a request)
REFERENCE_STYLES = [slug for slug, citation_format in FORMATS.items() if citation_format.is_reference_style]
ROLES = {"author": Role.AUTHOR, "supervisor": Role.SUPERVISOR}


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
        role = params.get("role", "author")
        if role not in ROLES:
            raise ScopeError(_("A role is author or supervisor."))
        stem = person.slug if role == "author" else f"{person.slug}-supervised"
        return CitationScope(list(person_articles(person=person, role=ROLES[role])), stem)
    if "topic" in params:
        topic = get_object_or_404(Topic, slug=slug_param(params, "topic"))
        return CitationScope(topic_articles(topic), topic.slug)
    raise ScopeError(_("Say what to cite: article=, volume=, author=, topic=, q= or list=1."))


def topic_articles(topic: Topic) -> list[Article]:
    """The topic's published articles as its page lists them (newest volume first, each volume
    in printed order), the first MAX_TOPIC_ARTICLES."""
    articles = article_list_items(article_published().filter(topics=topic)).order_by(
        "-proceedings__year", "proceedings__slug", "position"
    )
    return list(articles[:MAX_TOPIC_ARTICLES])


def list_language(params: QueryDict) -> str:
    """The language of a reference list (`lang=`): its prescribed words and the volumes' titles.
    The interface's when not given; BadParameter for another language."""
    language = params.get("lang", "") or translation.get_language() or "kk"
    if language not in Language.values:
        raise BadParameter(_("Unknown list language: use kk, ru or en."))
    return language


def export_style(params: QueryDict) -> str:
    """The reference style of a .docx (`style=`; the default when not given); BadParameter for
    anything that is not a reference style."""
    style = params.get("style", "") or DEFAULT_FORMAT
    if style not in REFERENCE_STYLES:
        raise BadParameter(
            _("Unknown reference style; known: %(styles)s.") % {"styles": ", ".join(REFERENCE_STYLES)}
        )
    return style


def reference_style(slug: str | None) -> str:
    """A reference style for display; anything else (a file format, a typo) is the default."""
    return slug if slug in REFERENCE_STYLES else DEFAULT_FORMAT


@dataclass(frozen=True)
class Choice:
    """One of a page's choices (a reference style, a list language) as a link shows it."""

    slug: str
    label: str
    selected: bool


def style_choices(selected: str) -> list[Choice]:
    return [Choice(slug, FORMATS[slug].label, slug == selected) for slug in REFERENCE_STYLES]


def language_choices(selected: str) -> list[Choice]:
    """The list languages, each named in itself (as the interface's language switch names them)."""
    names = dict(settings.LANGUAGES)
    return [Choice(code, names[code], code == selected) for code in Language.values]


def list_text(articles: list[Article], style: str, *, base_url: str, language: str) -> str:
    """The whole list as its .txt download holds it (numbered in the GOST styles)."""
    return render_citations(articles, style, base_url=base_url, language=language).content.decode("utf-8")


def reference_texts(articles: list[Article], style: str, *, base_url: str, language: str) -> list[str]:
    """Each article's reference, unnumbered, in one rendering of the whole list (the Cite box's
    one, the list page's entries)."""
    text = render_citations(articles, style, base_url=base_url, language=language, numbered=False)
    return text.content.decode("utf-8").split("\n") if articles else []

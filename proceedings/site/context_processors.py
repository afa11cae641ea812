"""What every page template needs: the language switcher's links to this page in each language,
and the addresses of the site's own pages (its navigation and feeds)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest
from django.urls import ResolverMatch, get_resolver, get_script_prefix, get_urlconf, reverse, translate_url
from django.utils import translation

from articles.addresses import SlugUrl


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool


def language_links(request: HttpRequest) -> list[LanguageLink]:
    """This page in every interface language; the query string (filters, page) is kept."""
    current = translation.get_language()
    query = request.META.get("QUERY_STRING", "")
    match = request.resolver_match
    links = []
    for code, name in settings.LANGUAGES:
        url = translated_path(match, code) if match and match.url_name else translate_url(request.path, code)
        links.append(
            LanguageLink(
                code=code, name=name, url=f"{url}?{query}" if query else url, current=code == current
            )
        )
    return links


def translated_path(match: ResolverMatch, language: str) -> str:
    """The address of the page Django resolved, in `language` — what translate_url() gives for a
    page that resolves, without resolving the path once more per language (a third of every
    page's context), and with the address's shape reused for the slug pages (articles.addresses)."""
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    with translation.override(language):
        if not match.args and match.kwargs.keys() == {"slug"}:
            return SlugUrl(name)(match.kwargs["slug"])
        return reverse(name, args=match.args, kwargs=match.kwargs)


# The pages every page links to (base.html): its navigation and the archive's feeds.
SITE_PAGES = (
    "home", "volume_list", "author_index", "topic_list", "search", "citation_list",
    "feed_articles_atom", "feed_volumes_atom",
)  # fmt: skip


@lru_cache(maxsize=32)
def _site_urls(language: str | None, script_prefix: str, resolver: object) -> dict[str, str]:
    """SITE_PAGES' addresses; the arguments are the cache's key only (reverse() reads them from
    the request's thread), as in articles.addresses."""
    return {name: reverse(name) for name in SITE_PAGES}


def site_urls() -> dict[str, str]:
    """The addresses of SITE_PAGES in the current language: reversed once per language and
    process, not eight {% url %} tags on every page."""
    return _site_urls(translation.get_language(), get_script_prefix(), get_resolver(get_urlconf()))


def x_default_url(links: list[LanguageLink]) -> str:
    """The page's address without a language (`/articles/x/`), which sends each browser to its own
    language: the `x-default` alternate, as the sitemap names it."""
    default = next(link.url for link in links if link.code == settings.LANGUAGE_CODE)
    return default.replace(f"/{settings.LANGUAGE_CODE}/", "/", 1)


def site(request: HttpRequest) -> dict:
    links = language_links(request)
    return {"language_links": links, "x_default_url": x_default_url(links), "site_urls": site_urls()}

"""What every page template needs: the language switcher's links to this page in each language."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import ResolverMatch, reverse, translate_url
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


def site(request: HttpRequest) -> dict:
    return {"language_links": language_links(request)}

"""What every page template needs: the language switcher's links to this page in each language."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation


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
    links = []
    for code, name in settings.LANGUAGES:
        url = translate_url(request.path, code)
        links.append(
            LanguageLink(
                code=code, name=name, url=f"{url}?{query}" if query else url, current=code == current
            )
        )
    return links


def site(request: HttpRequest) -> dict:
    return {"language_links": language_links(request)}

"""Template pieces of citing: the formats to offer and the session's citation list.

The list is the reader's own, so on a cached public page its badge and each article's add/remove
form are holes the page cache fills per request (proceedings/site/page_cache.py); the fillers below
are registered for that in articles/apps.py, and the tags render through them too, so a page looks
the same cached or not.
"""

from __future__ import annotations

from django import template
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString

from articles.addresses import SlugUrl
from articles.citation_list import citation_list_slugs
from articles.citations.formats import FORMATS, Format
from proceedings.site.page_cache import hole

register = template.Library()

BADGE_HOLE = "citation-badge"
TOGGLE_HOLE = "citation-toggle"
# Stands in for the slug while a form is rendered once per state; slugs need no escaping.
SLUG_STAND_IN = "\ue000slug\ue000"
# The request's rendered forms, by (listed, language).
TOGGLE_FORMS = "_jinaq_citation_toggle_forms"


@register.simple_tag
def citation_formats() -> list[tuple[str, Format, str]]:
    """Every format with its download address (query string not included): the address's shape
    reversed once per page (articles.addresses), not a {% url %} per format."""
    download_url = SlugUrl("citation_download")
    return [(slug, format_, download_url(slug)) for slug, format_ in FORMATS.items()]


def citation_badges_html(request: HttpRequest, args: list[str]) -> dict[str, str]:
    """The navigation's count of articles in the reader's list ('' for none)."""
    count = len(citation_list_slugs(request.session))
    return dict.fromkeys(args, render_to_string("articles/_citation_badge.html", {"count": count}))


def citation_toggles_html(request: HttpRequest, slugs: list[str]) -> dict[str, str]:
    """Each article's add-or-remove form, for this reader's list and with this reader's CSRF token.
    The form is rendered once per state (and language) in a request and the slug put in: a contents
    page has fifty of them, and a search page, not cached, asks for its twenty one at a time."""
    listed = set(citation_list_slugs(request.session))
    language = translation.get_language()
    forms = request.__dict__.setdefault(TOGGLE_FORMS, {})
    for state in {slug in listed for slug in slugs}:
        if (state, language) not in forms:
            context = {
                "slug": SLUG_STAND_IN,
                "next": request.get_full_path(),
                "csrf_token": get_token(request),
                "LANGUAGE_CODE": language,
                "listed": state,
            }
            forms[state, language] = render_to_string("articles/_citation_toggle.html", context)
    return {slug: forms[slug in listed, language].replace(SLUG_STAND_IN, slug) for slug in slugs}


@register.simple_tag(takes_context=True)
def citation_badge(context: template.Context) -> SafeString:
    return hole(context.get("request"), BADGE_HOLE)


@register.simple_tag(takes_context=True)
def citation_toggle(context: template.Context, slug: str) -> SafeString:
    return hole(context.get("request"), TOGGLE_HOLE, slug)

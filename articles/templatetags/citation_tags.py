"""Template pieces of citing: the formats to offer and the session's citation list."""

from __future__ import annotations

from django import template

from articles.citation_list import citation_list_slugs
from articles.citations.formats import FORMATS, Format

register = template.Library()


@register.simple_tag
def citation_formats() -> list[tuple[str, Format]]:
    return list(FORMATS.items())


def _slugs(context: template.Context) -> list[str]:
    request = context.get("request")
    return citation_list_slugs(request.session) if request is not None else []


@register.simple_tag(takes_context=True)
def in_citation_list(context: template.Context, slug: str) -> bool:
    return slug in _slugs(context)


@register.simple_tag(takes_context=True)
def citation_list_count(context: template.Context) -> int:
    return len(_slugs(context))

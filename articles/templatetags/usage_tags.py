"""The article page's usage counts: a hole of the page cache (articles/usage_shown.py)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from articles.usage_shown import USAGE_HOLE, article_usage_html
from proceedings.site.page_cache import hole_marker, punching_holes

register = template.Library()


@register.simple_tag(takes_context=True)
def article_usage(context: template.Context, article_id: int) -> SafeString:
    request = context.get("request")
    if request is None:
        return mark_safe("")
    if punching_holes(request):
        return hole_marker(USAGE_HOLE, str(article_id))
    return mark_safe(article_usage_html(request, [str(article_id)])[str(article_id)])

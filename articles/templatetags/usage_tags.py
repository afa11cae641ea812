"""The article page's usage counts: a hole of the page cache (articles/usage_shown.py)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from articles.usage_shown import USAGE_HOLE
from proceedings.site.page_cache import hole

register = template.Library()


@register.simple_tag(takes_context=True)
def article_usage(context: template.Context, article_id: int) -> SafeString:
    return hole(context.get("request"), USAGE_HOLE, str(article_id))

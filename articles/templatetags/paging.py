"""`{% page_url n %}`: a link to page n of the current list that keeps its filters and sorting."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context: template.Context, number: int) -> str:
    query = context["request"].GET.copy()
    query.pop("format", None)
    if number == 1:
        query.pop("page", None)
    else:
        query["page"] = number
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else context["request"].path


@register.simple_tag
def page_numbers(page) -> list:
    """Page numbers around the current one, with Paginator.ELLIPSIS for the gaps."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))

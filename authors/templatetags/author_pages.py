"""`{% list_page_url n param %}`: a link to page n of one of several lists on a page.

The author page paginates articles, supervised papers and co-authors separately; a link moves
one list and keeps the others (and the index's `letter`) where they are.
"""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def list_page_url(context: template.Context, number: int, param: str = "page") -> str:
    query = context["request"].GET.copy()
    query.pop("format", None)
    if number == 1:
        query.pop(param, None)
    else:
        query[param] = number
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else context["request"].path


@register.simple_tag
def list_page_numbers(page) -> list:
    """Page numbers around the current one, with Paginator.ELLIPSIS for the gaps."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))

"""`{% page_url n %}` / `{% page_url n "supervised_page" %}`: a link to page n of a list that keeps
the page's filters, sorting and the positions of its other lists (an author page paginates
articles, supervised papers and co-authors separately)."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context: template.Context, number: int, param: str = "page") -> str:
    query = context["request"].GET.copy()
    query.pop("format", None)
    if number == 1:
        query.pop(param, None)
    else:
        query[param] = number
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else context["request"].path


@register.simple_tag
def page_numbers(page) -> list:
    """Page numbers around the current one, with Paginator.ELLIPSIS for the gaps."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))

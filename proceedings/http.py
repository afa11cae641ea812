"""Pieces every public view shares: pagination that never 500s, and each page's JSON twin."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

DEFAULT_PER_PAGE = 20


def wants_json(request: HttpRequest) -> bool:
    return request.GET.get("format") == "json"


def paginate(
    request: HttpRequest, items: Sequence[Any], *, per_page: int = DEFAULT_PER_PAGE, param: str = "page"
) -> Page:
    """The requested page of `items`; a page number that is not a number or out of range is a 404.

    `param` names the query parameter, for pages with more than one list (an author's articles
    and supervised papers)."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get(param) or 1)
    except InvalidPage:
        raise Http404(_("There is no such page.")) from None


def page_json(page: Page) -> dict[str, Any]:
    """Pagination facts for a JSON twin (the items themselves are the caller's)."""
    return {
        "page": page.number,
        "pages": page.paginator.num_pages,
        "count": page.paginator.count,
        "has_next": page.has_next(),
        "has_previous": page.has_previous(),
    }


def render_page(
    request: HttpRequest, template: str, context: dict[str, Any], *, json: Callable[[], dict[str, Any]]
) -> HttpResponse:
    """The HTML page, or with `?format=json` its machine-readable twin built by `json()`."""
    if wants_json(request):
        return JsonResponse(json(), json_dumps_params={"ensure_ascii": False, "indent": 1})
    return render(request, template, context)


def moved_permanently(request: HttpRequest, view_name: str, slug: str) -> HttpResponsePermanentRedirect:
    """A page's old address (a merged record, a changed slug) sent on to `slug`, with the same
    query string (?format=json, a page number), so links and citations keep working."""
    target = reverse(view_name, args=[slug])
    query = request.META.get("QUERY_STRING")
    return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)

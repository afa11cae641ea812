"""Pieces every public view shares: pagination that never 500s, and each page's JSON twin."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import SuspiciousOperation
from django.core.paginator import EmptyPage, Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from proceedings.site.params import format_param, page_param

DEFAULT_PER_PAGE = 20
API_PREFIX = "/api/"


def wants_json(request: HttpRequest) -> bool:
    """Whether the page's JSON twin is asked for; a `format` other than html or json is a 400."""
    return format_param(request) == "json"


def answers_in_json(request: HttpRequest) -> bool:
    """Whether an error answer should be JSON: the API, or a JSON twin. Never raises — an error
    page must not fail on the very value it is reporting (more fields than Django reads, say)."""
    if request.path.startswith(API_PREFIX):
        return True
    try:
        return request.GET.get("format") == "json"
    except SuspiciousOperation:
        return False


def paginate(
    request: HttpRequest, items: Sequence[Any], *, per_page: int = DEFAULT_PER_PAGE, param: str = "page"
) -> Page:
    """The requested page of `items`: a 400 when `param` is not a page number, a 404 when the
    list has no such page.

    `param` names the query parameter, for pages with more than one list (an author's articles
    and supervised papers)."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(page_param(request.GET, param))
    except EmptyPage:
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


def stored_file_sealed(response: HttpResponse) -> HttpResponse:
    """An uploaded or cut file as we serve it: its content type ours, never sniffed, and nothing in
    it may run in the page's context (proceedings.sources, articles.files)."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response

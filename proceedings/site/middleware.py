"""Response headers every page carries, and our answers to the errors views raise."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse

from proceedings.site.http import answers_in_json
from proceedings.site.views import bad_request, page_not_found

# Everything is served from our own origin: no inline scripts or styles, nothing from the internet.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


class ContentSecurityPolicyMiddleware:
    """The same strict CSP on every page, the admin's included: Django 5.2's admin runs only
    script files (its data rides in data- attributes and JSON script tags) and styles from files,
    as do our review and usage pages; tests/browser/test_admin_csp.py loads them in Chromium and
    fails on any violation."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


class ClientErrorMiddleware:
    """A query-string value a view refuses (proceedings.site.params.BadParameter, any BadRequest)
    answers our 400 with its reason, and a 404 of the API or a JSON twin answers JSON, in debug
    mode too: Django would show its debug page there, and a reader or an API client needs the
    reason, not a traceback."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, BadRequest):
            return bad_request(request, exception)
        if isinstance(exception, Http404) and answers_in_json(request):
            return page_not_found(request, exception)
        return None

"""Error pages in the reader's language."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without context processors: whatever broke the page may break them too."""
    template = loader.get_template("500.html")
    return HttpResponse(template.render({"request_path": request.path}), status=500)

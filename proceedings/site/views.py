"""Error answers in the reader's language: a page, or JSON for the API and the JSON twins."""

from __future__ import annotations

import sys

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from proceedings.site.http import answers_in_json
from proceedings.site.params import BadParameter


def error_json(message: str, *, status: int) -> JsonResponse:
    return JsonResponse(
        {"error": message, "status": status}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A 400 that says what was wrong: BadParameter carries a reason written for the reader;
    Django's own refusals (too many fields, a bad Host) speak of settings, and are not shown."""
    readable = isinstance(exception, BadParameter)
    message = str(exception) if readable else _("The request could not be read.")
    if answers_in_json(request):
        return error_json(message, status=400)
    heading = _("The request could not be read")
    return render(request, "error.html", {"heading": heading, "message": message}, status=400)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if answers_in_json(request):
        return error_json(_("There is nothing at this address."), status=404)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without context processors: whatever broke the page may break them too. A
    database outage met before the view (a middleware reading the session) answers 503, as
    proceedings.site.outage answers the views' own."""
    from proceedings.site.outage import database_unavailable  # noqa: PLC0415 - it imports this module

    if database_unavailable(sys.exception()):
        return service_unavailable(request)
    if answers_in_json(request):
        return error_json(_("Something went wrong"), status=500)
    template = loader.get_template("500.html")
    return HttpResponse(template.render({"request_path": request.path}), status=500)


def too_many_requests(request: HttpRequest, *, retry_after: int) -> HttpResponse:
    """A 429 from proceedings.site.throttle, with Retry-After in seconds, as the standard asks."""
    message = ngettext(
        "Too many requests from your address. Please try again in %(seconds)d second.",
        "Too many requests from your address. Please try again in %(seconds)d seconds.",
        retry_after,
    ) % {"seconds": retry_after}
    if answers_in_json(request):
        response = error_json(message, status=429)
    else:
        context = {"heading": _("Please slow down"), "message": message}
        response = render(request, "error.html", context, status=429)
    response["Retry-After"] = str(retry_after)
    return response


# How long a client is asked to wait during a database outage: the embedded server is started
# again within seconds; an external one is someone else's to bring back.
OUTAGE_RETRY_AFTER_SECONDS = 30


def service_unavailable(request: HttpRequest) -> HttpResponse:
    """A 503 while the database does not answer (proceedings/site/outage.py): short, in the
    reader's language, with Retry-After; rendered without context processors or the database."""
    message = _("The archive's database does not answer at the moment. Please try again shortly.")
    if answers_in_json(request):
        response = error_json(message, status=503)
    else:
        context = {"heading": _("The archive is briefly unavailable"), "message": message}
        template = loader.get_template("503.html")
        response = HttpResponse(template.render({**context, "request_path": request.path}), status=503)
    response["Retry-After"] = str(OUTAGE_RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response

"""A database outage answers 503 with Retry-After — a short page in the reader's language, JSON
for the API and the JSON twins — instead of a 500 and a traceback for every request.

Only an outage: an OperationalError or InterfaceError while a connection of this process is
down (refused, or lost mid-request). An error on a connection that is still up (a statement
timeout, a deadlock) is a fault of the request and stays a 500. Nothing needs resetting for the
site to serve again: Django closes a connection that failed at the end of the request
(close_old_connections), and the next request connects afresh — to the database that is back, or
to the embedded server started again (proceedings/site/embedded_postgres/server.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse

from proceedings.site.views import service_unavailable

logger = logging.getLogger(__name__)


def database_unavailable(error: BaseException | None) -> bool:
    """Whether `error` is an outage: a connection that just failed (Django marks it) is not open —
    it could not connect, or the server closed it."""
    if not isinstance(error, (OperationalError, InterfaceError)):
        return False
    return any(
        connection.errors_occurred and (connection.connection is None or connection.connection.closed)
        for connection in connections.all(initialized_only=True)
    )


class DatabaseOutageMiddleware:
    """A view's (or its template's) database outage becomes the 503 (proceedings.site.views;
    an outage met by a middleware before the view reaches the 500 handler, which answers the same)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not database_unavailable(exception):
            return None
        logger.warning(
            "The database does not answer (%s): 503 for %s", type(exception).__name__, request.path
        )
        return service_unavailable(request)

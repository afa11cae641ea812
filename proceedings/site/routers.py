"""Public reads from streaming replicas, everything else from the primary (`DATABASE_REPLICA_URLS`).

A reader's request reads from one replica, taken in turn per request (not per query, so every
query of a page sees the same moment of the archive). The primary serves the rest:

- requests that may write (POST and the like), and the rest of any request once it has written;
- signed-in users — the editors, in the admin and when they look at the public pages: an editor
  who has just saved sees the change, whatever the replicas' lag;
- for a few seconds after a browser's write (a cookie, `JINAQ_READ_PRIMARY_AFTER_WRITE_SECONDS`),
  so whoever just sent a form sees its result even if a replica has not caught up yet;
- reads inside a transaction; sessions, users, the admin log and the task queue, always;
- anything outside a request: management commands, the import worker, the shell.

With no replicas configured the router has no opinion and Django routes as it always did (to
"default", or to the alias an object came from, such as the import progress's "progress").

A replica that does not answer when a request starts is skipped — the next one in turn, or the
primary, serves the request — and left alone by this process for `JINAQ_REPLICA_RETRY_SECONDS`,
so a standby that is down costs a warning in the log, not the readers' pages.

Which database a request reads from is a ContextVar that ReplicaReadsMiddleware sets before the
view and resets after it: every thread, and every asyncio task, sees only its own request's.
"""

from __future__ import annotations

import itertools
import logging
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

# Tables whose freshness matters more than their load: a login, a session, the admin's history,
# the task queue and failed logins (axes) must never be read a moment late.
PRIMARY_ONLY_APPS = frozenset({"auth", "sessions", "admin", "django_tasks_database", "axes"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
PRIMARY_READS_COOKIE = "jinaq_primary_reads"

logger = logging.getLogger(__name__)


@dataclass
class RequestReads:
    """Where the current request reads: `replica` is an alias, or None for the primary."""

    replica: str | None
    wrote: bool = False


_request_reads: ContextVar[RequestReads | None] = ContextVar("jinaq_request_reads", default=None)
# Turns among the replicas, started at a random one so that the workers of several app servers
# do not all begin with the first. next() on a count is atomic under the GIL.
_turns = itertools.count(random.randrange(1_000))


def replica_aliases() -> list[str]:
    return settings.JINAQ_READ_REPLICAS


def replica_next(replicas: list[str]) -> str:
    return replicas[next(_turns) % len(replicas)]


# Replicas that failed to answer in this process, and when (time.monotonic()).
_replicas_failed_at: dict[str, float] = {}


def replica_answering(replicas: list[str]) -> str | None:
    """The next replica in turn that answers, or None (the primary) when none does.

    Connects (or checks a kept connection, as CONN_HEALTH_CHECKS would at the first query) before
    the view runs, so a failure here moves the request elsewhere instead of failing it.
    """
    for _ in replicas:
        alias = replica_next(replicas)
        failed_at = _replicas_failed_at.get(alias)
        if failed_at is not None and time.monotonic() - failed_at < settings.JINAQ_REPLICA_RETRY_SECONDS:
            continue
        connection = connections[alias]
        try:
            connection.close_if_health_check_failed()
            connection.ensure_connection()
        except DatabaseError as error:
            _replicas_failed_at[alias] = time.monotonic()
            logger.warning(
                "Replica %s does not answer (%s); not used for %s s",
                alias,
                str(error).strip(),
                settings.JINAQ_REPLICA_RETRY_SECONDS,
            )
            continue
        _replicas_failed_at.pop(alias, None)
        return alias
    return None


@contextmanager
def request_reads(replica: str | None) -> Iterator[RequestReads]:
    """Route this context's reads to `replica` (None: the primary) until the block ends."""
    reads = RequestReads(replica=replica)
    token = _request_reads.set(reads)
    try:
        yield reads
    finally:
        _request_reads.reset(token)


def primary_for(hints: dict, replicas: list[str]) -> str | None:
    """The primary for an object read from a replica; otherwise Django's own choice (None)."""
    instance = hints.get("instance")
    if instance is not None and instance._state.db in replicas:
        return DEFAULT_DB_ALIAS
    return None


class PrimaryReplicaRouter:
    """Django's database router for the rules in this module's docstring."""

    def db_for_read(self, model: type[Model], **hints) -> str | None:
        replicas = replica_aliases()
        if not replicas:
            return None
        reads = _request_reads.get()
        if (
            reads is None
            or reads.replica is None
            or reads.wrote
            or model._meta.app_label in PRIMARY_ONLY_APPS
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return primary_for(hints, replicas)
        return reads.replica

    def db_for_write(self, model: type[Model], **hints) -> str | None:
        replicas = replica_aliases()
        if not replicas:
            return None
        reads = _request_reads.get()
        if reads is not None:
            reads.wrote = True  # the rest of this request reads its own writes
        return primary_for(hints, replicas)

    def allow_relation(self, obj1: Model, obj2: Model, **hints) -> bool | None:
        replicas = replica_aliases()
        if not replicas:
            return None
        same_data = {DEFAULT_DB_ALIAS, *replicas}
        if obj1._state.db in same_data and obj2._state.db in same_data:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints) -> bool | None:
        # A standby replays the primary's schema changes; it refuses writes of its own.
        if db in replica_aliases():
            return False
        return None


def request_reads_primary(request: HttpRequest) -> bool:
    if request.method not in SAFE_METHODS:
        return True
    if primary_reads_cookie_fresh(request.COOKIES.get(PRIMARY_READS_COOKIE, "")):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def primary_reads_cookie_fresh(value: str) -> bool:
    """Whether the cookie's deadline (Unix seconds) is still ahead. A forged one only sends its
    sender's reads to the primary, so it needs no signature."""
    try:
        return int(value) > time.time()
    except ValueError:
        return False


def primary_reads_cookie_set(response: HttpResponse) -> None:
    seconds = settings.JINAQ_READ_PRIMARY_AFTER_WRITE_SECONDS
    response.set_cookie(
        PRIMARY_READS_COOKIE,
        str(int(time.time()) + seconds),
        max_age=seconds,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


class ReplicaReadsMiddleware:
    """Chooses where each request reads (after AuthenticationMiddleware, which it asks who is
    signed in) and marks a browser that wrote, for its next few seconds of reads."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        replicas = replica_aliases()
        if not replicas:
            return self.get_response(request)
        replica = None if request_reads_primary(request) else replica_answering(replicas)
        with request_reads(replica) as reads:
            response = self.get_response(request)
        if reads.wrote or request.method not in SAFE_METHODS:
            primary_reads_cookie_set(response)
        return response

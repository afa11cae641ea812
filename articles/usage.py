"""Counting how articles are used, COUNTER-style: page views and citation exports by people.

- Robots and other machines are left out by the maintained COUNTER robots list (counter-robots);
  a request without a User-Agent is a machine too.
- A double click — the same reader asking for the same article the same way within 30 seconds —
  counts once. The reader is a hash of address and browser under a key that changes every day
  (derived from SECRET_KEY and the date); it lives 30 seconds in the cache and is never stored.
- Only what a reader got counts: an answer of 200 for an article of a published volume. Counts
  are by slug until written, so a draft's article (or a slug that never named one) adds nothing.
- Counting never slows or fails a page. Counts gather in this process and are written every
  JINAQ_USAGE_FLUSH_SECONDS by a background thread in one statement (a crash loses at most that
  many seconds of counts); 0 writes them at once, after the answer is made (a site so quiet it
  does not matter). A failing write is logged and the counts kept for the next try.

Without Redis (REDIS_URL) each server process has its own cache, so a double click that reaches
two processes counts twice.
"""

from __future__ import annotations

import atexit
import datetime
import hashlib
import hmac
import logging
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from functools import wraps

import counter_robots
from django.conf import settings
from django.core.cache import cache
from django.db import connections, router, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from articles.models import ArticleUsage, UsageMetric
from proceedings.models import ProceedingsStatus
from proceedings.site.throttle import client_address

logger = logging.getLogger(__name__)

DOUBLE_CLICK_SECONDS = 30
# Distinct (article, month, metric) counts waiting: far more than a busy minute brings. Beyond it
# a further article's counts are dropped until the next write, rather than the process growing.
MAX_PENDING = 100_000

Key = tuple[str, datetime.date, str]  # slug, month, metric


def is_robot(user_agent: str) -> bool:
    return (
        not user_agent.strip() or counter_robots.is_robot(user_agent) or counter_robots.is_machine(user_agent)
    )


def reader_hash(request: HttpRequest, today: datetime.date) -> str:
    """The reader for one day: address and browser under a key of the day, never stored."""
    day_key = hmac.new(settings.SECRET_KEY.encode(), today.isoformat().encode(), hashlib.sha256).digest()
    reader = f"{client_address(request)}\0{request.META.get('HTTP_USER_AGENT', '')}"
    return hashlib.blake2b(reader.encode(), key=day_key, digest_size=16).hexdigest()


def first_click(request: HttpRequest, *, slug: str, metric: str, today: datetime.date) -> bool:
    """False for a repeat of the same reader's same request within DOUBLE_CLICK_SECONDS."""
    key = f"usage:{metric}:{reader_hash(request, today)}:{slug}"
    return cache.add(key, 1, timeout=DOUBLE_CLICK_SECONDS)


class PendingCounts:
    """Counts not yet written, shared by the process's threads; written in one statement."""

    def __init__(self) -> None:
        self.counts: Counter[Key] = Counter()
        self.lock = threading.Lock()
        self.writer: threading.Thread | None = None
        self.writer_pid: int | None = None

    def add(self, keys: Iterable[Key]) -> None:
        with self.lock:
            for key in keys:
                if len(self.counts) < MAX_PENDING or key in self.counts:
                    self.counts[key] += 1

    def take(self) -> Counter[Key]:
        with self.lock:
            counts, self.counts = self.counts, Counter()
        return counts

    def put_back(self, counts: Counter[Key]) -> None:
        with self.lock:
            self.counts.update(counts)

    def start_writer(self) -> None:
        """One background writer per process (a forked server worker starts its own)."""
        with self.lock:
            if self.writer is not None and self.writer.is_alive() and self.writer_pid == os.getpid():
                return
            self.writer_pid = os.getpid()
            self.writer = threading.Thread(target=self._write_every, name="jinaq-usage", daemon=True)
            self.writer.start()

    def _write_every(self) -> None:
        # Ends when writing behind is switched off (a test's override), as a daemon at exit.
        while seconds := settings.JINAQ_USAGE_FLUSH_SECONDS:
            time.sleep(seconds)
            if settings.JINAQ_USAGE_FLUSH_SECONDS:
                usage_flush()


PENDING = PendingCounts()


# Counts by slug join the published article they name; the counts of a month add up.
FLUSH_SQL = """
INSERT INTO articles_articleusage (article_id, month, metric, count)
SELECT a.id, pending.month, pending.metric, sum(pending.count)
FROM unnest(%s::text[], %s::date[], %s::text[], %s::int[]) AS pending(slug, month, metric, count)
JOIN articles_article a ON a.slug = pending.slug
JOIN proceedings_proceedings v ON v.id = a.proceedings_id AND v.status = %s
GROUP BY a.id, pending.month, pending.metric
ON CONFLICT (article_id, month, metric) DO UPDATE SET count = articles_articleusage.count + EXCLUDED.count
"""


def usage_flush() -> int:
    """Write the pending counts; returns how many requests they were. Never raises."""
    counts = PENDING.take()
    if not counts:
        return 0
    keys = list(counts)
    columns = [
        [key[0] for key in keys],
        [key[1] for key in keys],
        [key[2] for key in keys],
        list(counts.values()),
    ]
    alias = router.db_for_write(ArticleUsage)
    try:
        # A savepoint when a transaction is open: a failed write must not spoil the caller's.
        with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
            cursor.execute(FLUSH_SQL, [*columns, ProceedingsStatus.PUBLISHED])
    except Exception:
        logger.exception("usage counts not written; kept for the next try")
        PENDING.put_back(counts)
        return 0
    finally:
        if threading.current_thread() is PENDING.writer:
            connections[alias].close()  # the writer's own connection, not left open between writes
    return sum(counts.values())


@atexit.register
def _flush_at_exit() -> None:
    """A server process that stops writes what it gathered (the suite keeps none: see settings)."""
    if settings.JINAQ_USAGE_FLUSH_SECONDS:
        usage_flush()


def usage_count(request: HttpRequest, *, slugs: Iterable[str], metric: str) -> None:
    """Count one use of each article (by slug) for this request, unless a robot asked or it is a
    double click. Never raises."""
    try:
        if is_robot(request.META.get("HTTP_USER_AGENT", "")):
            return
        now = timezone.localtime()
        month = now.date().replace(day=1)
        keys = [
            (slug, month, metric)
            for slug in dict.fromkeys(slugs)
            if first_click(request, slug=slug, metric=metric, today=now.date())
        ]
        PENDING.add(keys)
        if settings.JINAQ_USAGE_FLUSH_SECONDS:
            PENDING.start_writer()
        elif settings.JINAQ_USAGE_FLUSH_SECONDS == 0:
            usage_flush()
        # None: kept until usage_flush() is called (the test suite).
    except Exception:
        logger.exception("usage not counted")


def counted(metric: UsageMetric, slugs: Callable[[HttpRequest, dict], Iterable[str]]):
    """A view whose successful GET answers count a use of the articles `slugs(request, kwargs)`
    names. Outside the page cache, so a page served from it counts too."""

    def decorate(view):
        @wraps(view)
        def counting(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            response = view(request, *args, **kwargs)
            if request.method == "GET" and response.status_code == 200:
                usage_count(request, slugs=slugs(request, kwargs), metric=metric)
            return response

        return counting

    return decorate


def article_page_slug(request: HttpRequest, kwargs: dict) -> list[str]:
    """The article a page shows; its JSON twin is a program's read, not a reader's view."""
    return [] if "format" in request.GET else [kwargs["slug"]]


def exported_slugs(request: HttpRequest, kwargs: dict) -> list[str]:
    """The articles an export names one by one (a whole volume's, author's or search's export is
    a list for a bibliography, not a use of each paper)."""
    return request.GET.getlist("article")

"""`/healthz`: whether this deployment can do its work, for the reverse proxy and monitoring.

Three checks, each a few lines: the database answers a query; the task worker's heartbeat
(proceedings/site/worker.py) is fresh, or uploads would wait unimported; the disk holding the
uploaded files has room. 200 with the details as JSON when all hold, 503 when one does not.
django-health-check was looked at: it answers 500, its database check writes rows to a table
of its own, and the worker and the media disk would be custom checks anyway. The answer names
no addresses or paths: it is public.

The answer is never cached (by the page cache or anyone), counts in no usage statistics and no
rate limit (those decorate other views), is reachable over plain HTTP behind a TLS proxy
(settings.SECURE_REDIRECT_EXEMPT) and is listed in robots.txt's Disallow lines.
"""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from proceedings.site.worker import HEARTBEAT_SECONDS, heartbeat_read

logger = logging.getLogger(__name__)

# A heartbeat older than this (six missed beats) means the worker is dead or hung.
HEARTBEAT_MAX_AGE_SECONDS = 6 * HEARTBEAT_SECONDS


def database_check() -> dict[str, Any]:
    started = time.monotonic()
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:  # the server's own message (its address) is for the log, not the public
        logger.warning("/healthz: the database does not answer: %s", error)
        return {"ok": False, "error": f"the database does not answer ({type(error).__name__})"}
    return {"ok": True, "ms": round((time.monotonic() - started) * 1000, 1)}


def worker_check(path: Path) -> dict[str, Any]:
    reading = heartbeat_read(path)
    if reading is None:
        return {"ok": False, "error": "no heartbeat: the task worker has not run here"}
    fresh = reading.age_seconds <= HEARTBEAT_MAX_AGE_SECONDS
    check = {"ok": fresh, "state": reading.state, "age_s": round(reading.age_seconds)}
    if not fresh:
        check["error"] = f"the last heartbeat is older than {HEARTBEAT_MAX_AGE_SECONDS} s"
    return check


def disk_check(path: Path, *, min_free_bytes: int) -> dict[str, Any]:
    existing = next(folder for folder in (path, *path.parents) if folder.exists())
    free = shutil.disk_usage(existing).free
    check = {"ok": free >= min_free_bytes, "free_mb": free // 2**20, "min_free_mb": min_free_bytes // 2**20}
    if not check["ok"]:
        check["error"] = f"less than {check['min_free_mb']} MB free for uploaded files"
    return check


def health_checks() -> dict[str, dict[str, Any]]:
    return {
        "database": database_check(),
        "worker": worker_check(settings.JINAQ_WORKER_HEARTBEAT),
        "disk": disk_check(
            Path(settings.MEDIA_ROOT), min_free_bytes=settings.JINAQ_HEALTH_MIN_FREE_MEDIA_MB * 2**20
        ),
    }


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    checks = health_checks()
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failing", "checks": checks}, status=200 if healthy else 503
    )

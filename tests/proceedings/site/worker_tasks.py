"""A task for tests/proceedings/site/test_worker.py: it cuts its own database connection on its
first run, as a server crash or a restart of PostgreSQL would, and returns how often it ran."""

from __future__ import annotations

from django.db import connection
from django_tasks import task

RUNS: list[int] = []


@task()
def lose_the_connection_on_the_first_run() -> int:
    RUNS.append(len(RUNS) + 1)
    if len(RUNS) == 1:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
    return len(RUNS)

"""The background task worker (`manage.py worker`): django-tasks' database worker that outlives a
database outage and says that it is alive.

django-tasks' own loop (`manage.py db_worker`) lets the first error of a lost connection end the
process, and an upload made while nobody restarted it waited for ever. Here the worker waits for
the database instead, reconnecting with a growing pause (the embedded server is started again by
the connection itself, proceedings/site/embedded_postgres/server.py), and carries on. A task the
outage cut short ran in a transaction that went down with its connection, so nothing of it was
kept: it is queued again and runs once more.

The worker writes a heartbeat — a small JSON file (settings.JINAQ_WORKER_HEARTBEAT) rewritten
every HEARTBEAT_SECONDS by a thread of its own — that /healthz reads (proceedings/site/health.py).
A file rather than a row: it says the worker lives while the database is down, and a row written
every few seconds would be the database's busiest.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import os
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 10
RECONNECT_DELAYS = (1, 2, 5, 10, 30)  # seconds between attempts; the last repeats
MAX_RERUNS = 3  # a task the database failed this often is recorded as failed, not run again
DATABASE_LOST = (OperationalError, InterfaceError)


@dataclass(frozen=True)
class HeartbeatReading:
    pid: int
    worker_id: str
    state: str
    age_seconds: float


class Heartbeat:
    """The worker's sign of life: its PID, id and state ("idle", "running a task", "waiting for
    the database"), rewritten whole (a new file renamed over the old) so a reader never sees half."""

    def __init__(self, path: Path, *, worker_id: str) -> None:
        self.path = path
        self.worker_id = worker_id
        self.state = "starting"
        self._stopped = threading.Event()

    def beat(self, state: str | None = None) -> None:
        if state is not None:
            self.state = state
        record = {"pid": os.getpid(), "worker_id": self.worker_id, "state": self.state, "at": time.time()}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".heartbeat-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as output:
                json.dump(record, output)
            os.replace(temporary, self.path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise

    def start(self) -> None:
        self.beat()
        threading.Thread(target=self._beat_until_stopped, name="worker-heartbeat", daemon=True).start()

    def stop(self) -> None:
        self._stopped.set()

    def _beat_until_stopped(self) -> None:
        while not self._stopped.wait(HEARTBEAT_SECONDS):
            try:
                self.beat()
            except OSError:  # a full or read-only disk: /healthz reports the heartbeat stale
                logger.exception("the worker's heartbeat could not be written to %s", self.path)


def heartbeat_read(path: Path) -> HeartbeatReading | None:
    """The last heartbeat, or None when there is none (no worker ever ran here) or it is unreadable."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        return HeartbeatReading(
            pid=int(record["pid"]),
            worker_id=str(record["worker_id"]),
            state=str(record["state"]),
            age_seconds=max(0.0, time.time() - float(record["at"])),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


class ResilientWorker(Worker):
    """django-tasks' worker, kept alive across database outages (see the module's docstring)."""

    def __init__(self, *, heartbeat: Heartbeat, **options) -> None:
        super().__init__(**options)
        self.heartbeat = heartbeat
        self.current_task: DBTaskResult | None = None
        self.reruns: dict[str, int] = {}

    def run(self) -> None:
        while True:
            try:
                self.heartbeat.beat("idle")
                super().run()
                return
            except DATABASE_LOST as error:
                # Any database error the loop lets out: a connection lost (the usual case), or one
                # that stays, which MAX_RERUNS bounds. Neither is a reason to stop taking tasks.
                interrupted, self.current_task = self.current_task, None
                logger.warning("The database failed the worker (%s); waiting for it.", first_line(error))
                self.wait_for_database()
                if interrupted is not None:
                    self.run_again(interrupted, error=error)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        self.current_task = db_task_result
        self.heartbeat.beat("running a task")
        super().run_task(db_task_result)
        self.current_task = None  # not reached when the database went away under the task
        self.reruns.pop(str(db_task_result.pk), None)
        self.heartbeat.beat("idle")

    def wait_for_database(self) -> None:
        self.heartbeat.beat("waiting for the database")
        for attempt in itertools.count(1):
            # A pause even before the first try: an error that is not an outage must not spin.
            time.sleep(RECONNECT_DELAYS[min(attempt, len(RECONNECT_DELAYS)) - 1])
            if database_answers():
                logger.warning("The database answers; the worker carries on.")
                return

    def run_again(self, task: DBTaskResult, *, error: BaseException) -> None:
        """Queue a task the outage cut short, so it runs again (its transaction was rolled back)."""
        key = str(task.pk)
        self.reruns[key] = self.reruns.get(key, 0) + 1
        if self.reruns[key] > MAX_RERUNS:
            logger.error("Task %s failed on the database %d times; it is not run again.", key, MAX_RERUNS)
            task.set_failed(error)
            return
        DBTaskResult.objects.filter(pk=task.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY
        )
        logger.warning("Task %s was cut short by the database and is queued again.", key)


def database_answers() -> bool:
    """Whether the databases this process uses answer, after closing every connection so that
    each connects afresh (an embedded server that died is started again by connecting)."""
    for connection in connections.all(initialized_only=True):
        connection.close()
    try:
        for connection in connections.all(initialized_only=True):
            connection.ensure_connection()
    except DATABASE_LOST:
        return False
    return True


def connection_lost(error: BaseException) -> bool:
    """Whether `error` says a connection is gone — the server crashed, restarted or ended the
    session — as against an error of one statement on a connection that works (a constraint, a
    bad value, a statement time-out). Read from the error, not from the connection, which code
    that ran after the error may have opened again. A lost connection has no SQLSTATE, or one of
    the classes "connection exception" (08) and "operator intervention" (57P01-57P03)."""
    if isinstance(error, InterfaceError):  # Django's "connection already closed"
        return True
    code = getattr(error.__cause__, "pgcode", None)
    return isinstance(error, OperationalError) and (code is None or code.startswith(("08", "57P")))


def first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]

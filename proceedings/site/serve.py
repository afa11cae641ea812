"""`manage.py serve`: the site in production — gunicorn and the background task worker side by side.

gunicorn alone would serve the pages, but uploaded volumes are imported by `manage.py worker`,
which is no WSGI application: a deployment that forgets it has uploads that wait for ever. So
`serve` is a small supervisor of two child processes — gunicorn (which supervises its own
workers) and the task worker, restarted whenever it dies — and stops both on SIGTERM or SIGINT.

Before anything starts it refuses a configuration that would serve badly: debug on, no secret
key, no allowed hosts, static files not collected (CompressedManifestStaticFilesStorage then
fails every page that names one), migrations not applied or a database that does not answer.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_BIND = "127.0.0.1:8000"
DEFAULT_THREADS = 4
# The request log: Apache's combined format and the time taken, in milliseconds.
ACCESS_LOG_FORMAT = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
WORKER_RESTART_DELAYS = (1, 2, 5, 10, 30, 60)  # seconds; a worker that ran a minute starts again at 1
WORKER_STOP_TIMEOUT = 60  # an import in progress is given this long to finish before it is killed
SERVER_STOP_TIMEOUT = 40  # gunicorn's graceful_timeout (30 s) and a margin


@dataclass(frozen=True)
class ServerPlan:
    """What gunicorn is told (proceedings/site/gunicorn_config.py reads it); GUNICORN_CMD_ARGS overrides."""

    bind: str
    workers: int
    threads: int


def available_cores() -> int:
    """Cores this process may run on (a container's CPU set, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def server_plan(environ: Mapping[str, str], *, cores: int) -> ServerPlan:
    """Address and worker counts from the environment.

    JINAQ_BIND (any gunicorn address: host:port, unix:/path), else PORT (a platform's convention:
    every interface, as gunicorn itself reads PORT), else 127.0.0.1:8000 — behind a reverse proxy
    on the same machine. Workers: JINAQ_WORKERS, else WEB_CONCURRENCY, else 2 x cores + 1
    (gunicorn's advice: one waits on PostgreSQL while another computes). JINAQ_THREADS: threads
    per worker, DEFAULT_THREADS unless set; more than 1 is gunicorn's gthread worker, 1 its sync
    worker. Threads, measured (bench/load.py, 2 cores, 16 connections): a cheap page answered
    437-721 req/s with 3-5 workers of 2-4 threads against 137-203 with 5 sync workers, which
    serve one connection at a time and close it after each answer (a client or proxy that keeps
    connections open waits in the queue and then connects again); expensive pages ran at the
    same rate either way, bound by the cores.
    """

    def setting(*names: str) -> tuple[str, str]:
        """The first of `names` set (to something), with its value; ("", "") if none is."""
        return next(
            ((name, environ[name].strip()) for name in names if environ.get(name, "").strip()), ("", "")
        )

    bind = setting("JINAQ_BIND")[1]
    if not bind:
        port = setting("PORT")[1]
        bind = f"0.0.0.0:{whole_number('PORT', port)}" if port else DEFAULT_BIND
    workers_name, workers = setting("JINAQ_WORKERS", "WEB_CONCURRENCY")
    threads_name, threads = setting("JINAQ_THREADS")
    return ServerPlan(
        bind=bind,
        workers=whole_number(workers_name, workers) if workers else 2 * cores + 1,
        threads=whole_number(threads_name, threads) if threads else DEFAULT_THREADS,
    )


def whole_number(name: str, value: str) -> int:
    if not value.strip().isdigit() or int(value) < 1:
        raise ValueError(f"{name} must be a whole number of at least 1, not {value!r}")
    return int(value)


# ---- refusing to serve badly ----------------------------------------------------------------------


def settings_problems(environ: Mapping[str, str]) -> list[str]:
    """What in the configuration forbids serving, in the operator's words (empty: all is well)."""
    from django.conf import settings  # noqa: PLC0415 - read when the command runs, not at import

    problems = []
    if settings.DEBUG:
        problems.append(
            "DEBUG is on: set DJANGO_SECRET_KEY and leave DJANGO_DEBUG unset (or 0); "
            "debug pages show settings and code to anyone"
        )
    if not environ.get("DJANGO_SECRET_KEY", "").strip():
        problems.append("DJANGO_SECRET_KEY is not set: sessions and the admin's logins depend on it")
    if not [host for host in environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if host.strip()]:
        problems.append("DJANGO_ALLOWED_HOSTS is empty: name the host(s) readers use, e.g. jinaq.example.kz")
    problems += static_files_problems()
    return problems


def static_files_problems() -> list[str]:
    """The manifest `collectstatic` writes must exist and list every static file of this release:
    pages name their CSS and scripts by hashed names from it, and a name missing there is a 500."""
    import json  # noqa: PLC0415

    from django.apps import apps  # noqa: PLC0415
    from django.conf import settings  # noqa: PLC0415
    from django.contrib.staticfiles.finders import get_finders  # noqa: PLC0415

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.is_file():
        return [
            f"static files are not collected ({manifest} is missing): run "
            "`python3 manage.py collectstatic --noinput` (set JINAQ_STATIC_ROOT to put them elsewhere)"
        ]
    try:
        listed = set(json.loads(manifest.read_text(encoding="utf-8"))["paths"])
    except (ValueError, KeyError, TypeError):
        return [
            f"{manifest} is not a collectstatic manifest: run `python3 manage.py collectstatic --noinput`"
        ]
    ignore = apps.get_app_config("staticfiles").ignore_patterns
    missing = sorted({path for finder in get_finders() for path, _storage in finder.list(ignore)} - listed)
    if missing:
        return [
            f"static files are out of date: {len(missing)} not in {manifest} (e.g. {missing[0]}): "
            "run `python3 manage.py collectstatic --noinput` after each upgrade"
        ]
    return []


def database_problems() -> list[str]:
    """A database that does not answer, or migrations not applied (pages would fail on missing
    columns); `serve --migrate` applies them first."""
    from django.db import DatabaseError, connections  # noqa: PLC0415
    from django.db.migrations.executor import MigrationExecutor  # noqa: PLC0415

    connection = connections["default"]
    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        return [f"the database does not answer: {str(error).strip().splitlines()[0]}"]
    finally:
        connection.close()
    if plan:
        first = plan[0][0]
        return [
            f"{len(plan)} migration(s) not applied (first: {first.app_label}.{first.name}): run "
            "`python3 manage.py migrate`, or `serve --migrate`"
        ]
    return []


# ---- the two processes ----------------------------------------------------------------------------


def server_command() -> list[str]:
    return [
        sys.executable, "-m", "gunicorn",
        "--config", "python:proceedings.site.gunicorn_config",
        "proceedings.site.wsgi:application",
    ]  # fmt: skip


def worker_command(manage_py: Path) -> list[str]:
    """The task worker that waits out database outages and writes a heartbeat (proceedings/site/worker.py)."""
    return [sys.executable, str(manage_py), "worker", "--no-reload"]


class RestartingProcess:
    """A child process (the task worker) started again whenever it exits, after a pause that
    grows while it keeps failing: WORKER_RESTART_DELAYS, from the start again once it ran a minute.
    `check()` is called every fraction of a second by whoever supervises it (`serve`'s loop,
    `start`'s thread). The child runs in a session of its own, so Ctrl-C in a terminal reaches
    only the supervisor, which stops it once, gracefully."""

    def __init__(
        self, command: list[str], *, environ: Mapping[str, str], name: str, say: Callable[[str], None]
    ) -> None:
        self.command = command
        self.environ = environ
        self.name = name
        self.say = say
        self.process = self.spawn()
        self.started = time.monotonic()
        self.failures = 0
        self.restart_at: float | None = None

    def spawn(self) -> subprocess.Popen:
        return subprocess.Popen(self.command, env=dict(self.environ), start_new_session=True)

    def check(self) -> None:
        now = time.monotonic()
        if self.restart_at is None and self.process.poll() is not None:
            self.failures = 1 if now - self.started > 60 else self.failures + 1
            delay = WORKER_RESTART_DELAYS[min(self.failures, len(WORKER_RESTART_DELAYS)) - 1]
            self.say(f"{self.name} exited (code {self.process.returncode}); starting it again in {delay} s.")
            self.restart_at = now + delay
        if self.restart_at is not None and now >= self.restart_at:
            self.process = self.spawn()
            self.started, self.restart_at = now, None


def supervise(
    *, server: list[str], worker: list[str], environ: Mapping[str, str], say: Callable[[str], None]
) -> int:
    """Run gunicorn and the task worker until SIGTERM/SIGINT (exit 0) or until gunicorn exits by
    itself (its exit code: it could not bind, or its workers could not boot). The task worker is
    started again whenever it exits, after a delay that grows while it keeps failing.

    Children run in sessions of their own, so Ctrl-C in a terminal reaches only this process,
    which then stops each of them once, gracefully: gunicorn lets requests finish, the worker its
    current import.
    """
    stop_requested: list[int] = []
    previous = {
        signum: signal.signal(signum, lambda signum, _frame: stop_requested.append(signum))
        for signum in (signal.SIGTERM, signal.SIGINT)
    }
    environment = {**environ, "JINAQ_NO_BOOTSTRAP": "1"}
    web = subprocess.Popen(server, env=environment, start_new_session=True)
    tasks = RestartingProcess(worker, environ=environment, name="the task worker", say=say)
    try:
        while not stop_requested:
            if web.poll() is not None:
                say(f"gunicorn exited (code {web.returncode}); stopping the task worker.")
                return web.returncode or 1
            tasks.check()
            time.sleep(0.2)
        say(f"{signal.strsignal(stop_requested[0])}: stopping gunicorn and the task worker.")
        return 0
    finally:
        stop({web: SERVER_STOP_TIMEOUT, tasks.process: WORKER_STOP_TIMEOUT})
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def stop(timeouts: dict[subprocess.Popen, float]) -> None:
    """SIGTERM to every process at once, then wait for each (killed past its time-out)."""
    for process in timeouts:
        if process.poll() is None:
            process.terminate()
    started = time.monotonic()
    for process, timeout in timeouts.items():
        try:
            process.wait(timeout=max(0.0, started + timeout - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

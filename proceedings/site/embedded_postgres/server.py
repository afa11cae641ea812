"""The embedded PostgreSQL server's life as this process sees it: join it, start it again after a
crash, and leave it.

pgserver (PostgreSQL 16 binaries on PyPI) keeps, in PGDATA/.handle_pids.json and under a lock
file shared by every process of the machine, the list of processes using a server; the last to
leave stops it. Three things it does not do, done here:

- **A crash.** When the postmaster dies (killed, out of memory), pgserver never looks again: each
  process keeps its socket folder and every new connection is refused for as long as it lives.
  `embedded_server_ensure_running` starts the server again, under pgserver's lock, so processes
  finding it dead together start one server, not several.
- **A stopped process.** A process killed by a signal never runs pgserver's goodbye (an atexit
  function), so it stayed on the list and the server ran on after the last real user left. A
  SIGTERM now ends the process through SystemExit, so the goodbye runs, and every goodbye first
  drops the list's dead processes (those killed with SIGKILL) and learns which postmaster runs
  now (another process may have started it again), so the last one out stops the server.
- **Threads.** pgserver's lock is a lock file, which excludes processes but not two threads of
  one process (gunicorn's gthread workers); a thread lock is taken with it.

The list and its lock are pgserver internals, hence the pinned version range in pyproject.toml.
"""

from __future__ import annotations

import atexit
import contextlib
import signal
import sys
import threading
import time
import warnings
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import psutil
import psycopg2
from psycopg2 import errors, sql

# A killed postmaster lingers as a zombie until its parent (init) reaps it, and PostgreSQL refuses
# to start while the PID in postmaster.pid still answers; its orphaned backends exit too.
DEAD_POSTMASTER_WAIT_SECONDS = 15
_thread_lock = threading.Lock()


def pgserver_module():
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, containers); its /tmp fallback is fine.
        warnings.simplefilter("ignore")
        import pgserver  # noqa: PLC0415 - only the embedded configuration needs it

    return pgserver


@contextlib.contextmanager
def server_lock() -> Iterator[None]:
    """pgserver's lock over every process of the machine, and this process's threads."""
    from pgserver.postgres_server import PostgresServer  # noqa: PLC0415

    with _thread_lock, PostgresServer._lock:
        yield


@cache
def embedded_server_socket_dir(pgdata: Path, database: str) -> str:
    """Start (or join) the embedded server for `pgdata`, make sure `database` exists, return the
    socket folder. Cached per process: pgserver's list keeps the server up while this process lives."""
    pgserver = pgserver_module()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    forget_dead_processes(pgdata)
    with _thread_lock:
        server = pgserver.get_server(pgdata)
    # atexit runs last-registered first: this runs before pgserver's own goodbye (registered by
    # get_server), which then counts who is left and stops the server it knows of.
    atexit.register(before_leaving, pgdata)
    exit_on_sigterm()
    socket_dir = socket_dir_of(server)
    create_database_if_missing(socket_dir, database)
    return socket_dir


def socket_dir_of(server) -> str:
    return parse_qs(urlsplit(server.get_uri()).query)["host"][0]


def exit_on_sigterm() -> None:
    """Let SIGTERM end this process through SystemExit, so atexit functions (pgserver's goodbye
    among them) run — unless someone else handles SIGTERM already (gunicorn, runserver, the task
    worker, `serve`: they all exit cleanly), or this is not the main thread (only it may)."""
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda signum, _frame: sys.exit(128 + signum))


def before_leaving(pgdata: Path) -> None:
    """Ready pgserver's goodbye: drop the dead from the list, and point this process's server at
    the postmaster running now — one started again by another process after a crash would
    otherwise be left running by the last process out, which knew only the dead one."""
    from pgserver.postgres_server import PostgresServer  # noqa: PLC0415
    from pgserver.utils import PostmasterInfo  # noqa: PLC0415

    forget_dead_processes(pgdata)
    server = PostgresServer._instances.get(pgdata.expanduser().resolve())
    with server_lock():
        info = PostmasterInfo.read_from_pgdata(pgdata)
        if server is not None and info is not None and process_alive(info.pid):
            server._postmaster_info = info


def forget_dead_processes(pgdata: Path) -> None:
    """Drop processes that died without saying goodbye (SIGKILL) from pgserver's list of the
    server's users, so the last live one stops the server on its way out."""
    from pgserver.utils import DiskList  # noqa: PLC0415

    pid_list = DiskList(pgdata / ".handle_pids.json")
    with server_lock():
        pids = pid_list.get()
        alive = [pid for pid in pids if process_alive(pid)]
        if alive != pids:
            pid_list.put(alive)


def process_alive(pid: int) -> bool:
    """Running, not a zombie: a killed process stays in the table until its parent reaps it."""
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def embedded_server_ensure_running(pgdata: Path) -> str:
    """Start the embedded server again if its postmaster is dead; return its socket folder.

    Called when a connection was refused. Under pgserver's lock: of several processes finding
    the server dead, the first starts it and the others find it running. Raises
    psycopg2.OperationalError (what a refused connection raises) when it cannot be started.
    """
    from pgserver.postgres_server import PostgresServer  # noqa: PLC0415
    from pgserver.utils import PostmasterInfo  # noqa: PLC0415

    pgdata = pgdata.expanduser().resolve()
    server = PostgresServer._instances.get(pgdata)
    if server is None:  # this process never joined it (or already left): nothing of ours to restart
        raise psycopg2.OperationalError(f"the embedded server of {pgdata} is not in use by this process")
    with server_lock():
        info = PostmasterInfo.read_from_pgdata(pgdata)
        if info is not None and process_alive(info.pid):
            return socket_dir_of(server)  # running (perhaps started again by another process)
        if info is not None:
            wait_until_gone(info.pid)
        try:
            server.ensure_postgres_running()
        except Exception as error:  # pg_ctl failed or timed out: the log in PGDATA/log says why
            raise psycopg2.OperationalError(
                f"the embedded PostgreSQL server could not be started again: {error}"
            ) from error
    return socket_dir_of(server)


def wait_until_gone(pid: int) -> None:
    deadline = time.monotonic() + DEAD_POSTMASTER_WAIT_SECONDS
    while psutil.pid_exists(pid):
        if time.monotonic() > deadline:
            raise psycopg2.OperationalError(
                f"the embedded server's dead postmaster (PID {pid}) has not been reaped; "
                "PostgreSQL cannot start again until it is"
            )
        time.sleep(0.1)


def create_database_if_missing(socket_dir: str, database: str) -> None:
    connection = psycopg2.connect(host=socket_dir, user="postgres", dbname="postgres")
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
            if cursor.fetchone() is None:
                # Another process may create it between our check and our CREATE.
                with contextlib.suppress(errors.DuplicateDatabase):
                    cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    finally:
        connection.close()

"""A PostgreSQL backend that starts the project's own server on first connection.

Settings point ENGINE here when no DATABASE_URL is given. The server comes from the `pgserver`
package (PostgreSQL 16 binaries on PyPI), keeps its data in `PGDATA` (var/pgdata by default) and
listens on a Unix socket only. pgserver counts the processes using a data directory under an
inter-process lock, so the web server, management commands and the test run share one server,
which stops when the last of them exits. Starting lazily keeps commands that never touch the
database (check, makemigrations --check) from paying for a server start.
"""

from __future__ import annotations

import contextlib
import warnings
from functools import cache
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import psutil
import psycopg2
from django.db.backends.postgresql import base
from psycopg2 import errors, sql


@cache
def embedded_server_socket_dir(pgdata: Path, database: str) -> str:
    """Start (or join) the embedded server for `pgdata`, make sure `database` exists, return the socket dir.

    Cached per process: pgserver's own bookkeeping keeps the server up while this process lives.
    """
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, containers); its /tmp fallback is fine.
        warnings.simplefilter("ignore")
        import pgserver  # noqa: PLC0415 - only the embedded configuration needs it

    pgdata.parent.mkdir(parents=True, exist_ok=True)
    forget_dead_processes(pgdata)
    server = pgserver.get_server(pgdata)
    socket_dir = parse_qs(urlsplit(server.get_uri()).query)["host"][0]
    create_database_if_missing(socket_dir, database)
    return socket_dir


def forget_dead_processes(pgdata: Path) -> None:
    """Drop processes that died without saying goodbye from pgserver's list of the server's users.

    pgserver stops the server when the last process on its list exits, but a process killed by
    SIGKILL/SIGTERM never removes itself, and the server would then run forever. The list and its
    lock are pgserver internals (hence the pinned version range in pyproject.toml).
    """
    from pgserver.postgres_server import PostgresServer  # noqa: PLC0415
    from pgserver.utils import DiskList  # noqa: PLC0415

    pid_list = DiskList(pgdata / ".handle_pids.json")
    with PostgresServer._lock:
        pids = pid_list.get()
        alive = [pid for pid in pids if psutil.pid_exists(pid)]
        if alive != pids:
            pid_list.put(alive)


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


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self) -> dict:
        params = super().get_connection_params()
        params["host"] = embedded_server_socket_dir(
            Path(self.settings_dict["PGDATA"]), self.settings_dict["EMBEDDED_DATABASE"]
        )
        return params

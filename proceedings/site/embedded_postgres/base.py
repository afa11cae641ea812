"""A PostgreSQL backend that starts the project's own server on first connection, and again when
it has died.

Settings point ENGINE here when no DATABASE_URL is given. The server comes from the `pgserver`
package (PostgreSQL 16 binaries on PyPI), keeps its data in `PGDATA` (var/pgdata by default) and
listens on a Unix socket only. pgserver counts the processes using a data directory under an
inter-process lock, so the web server, management commands and the test run share one server,
which stops when the last of them exits (proceedings/site/embedded_postgres/server.py). Starting
lazily keeps commands that never touch the database (check, makemigrations --check) from paying
for a server start.
"""

from __future__ import annotations

from pathlib import Path

import psycopg2
from django.db.backends.postgresql import base

from proceedings.site.embedded_postgres.server import (
    embedded_server_ensure_running,
    embedded_server_socket_dir,
)


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self) -> dict:
        params = super().get_connection_params()
        params["host"] = embedded_server_socket_dir(self.pgdata, self.settings_dict["EMBEDDED_DATABASE"])
        return params

    def get_new_connection(self, conn_params: dict):
        """A refused connection may be a dead server (a crash, `kill -9` of its postmaster): start
        it again and connect once more, so a long-running process (gunicorn's workers, the task
        worker) serves again instead of failing every request until it is restarted."""
        try:
            return super().get_new_connection(conn_params)
        except psycopg2.OperationalError:
            socket_dir = embedded_server_ensure_running(self.pgdata)
            return super().get_new_connection({**conn_params, "host": socket_dir})

    @property
    def pgdata(self) -> Path:
        return Path(self.settings_dict["PGDATA"])

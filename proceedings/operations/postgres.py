"""PostgreSQL's own client programs (pg_dump, pg_restore, psql) for the configured database.

The programs come from the embedded server's installation (the `pgserver` package) when Jinaq
runs its own server: they are that server's version by construction. With DATABASE_URL, the
server may be any version, and pg_dump refuses (or worse, misreads) a server newer than itself,
so the program on PATH is used when it is new enough, else the embedded installation's, else the
backup stops with a message naming the version to install. pg_restore must be at least as new as
the pg_dump that wrote the archive (the archive format grows with pg_dump), and psql is taken from
the same installation as pg_restore: the SQL a pg_restore writes can carry meta-commands (such as
`\\restrict` in recent minor releases) that only its own psql knows.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import DatabaseError
from django.db.backends.base.base import BaseDatabaseWrapper
from psycopg2.extensions import make_dsn

from proceedings.site.database import EMBEDDED_ENGINE

VERSION_LINE = re.compile(r"\(PostgreSQL\) (\d+)(?:\.(\d+))?")
# Connection settings that are not libpq's (Django's and psycopg2's own) stay out of the programs'.
NOT_LIBPQ = frozenset({"cursor_factory", "password"})


class PostgresToolError(Exception):
    """A PostgreSQL program is missing, too old or failed; the message says which and why."""


@dataclass(frozen=True)
class Program:
    path: Path
    version: str  # "16.2"

    @property
    def major(self) -> int:
        return int(self.version.split(".")[0])

    def sibling(self, name: str) -> Program:
        """The program `name` from the same installation (same folder)."""
        path = self.path.parent / name
        if not path.exists():
            raise PostgresToolError(f"{name} is missing beside {self.path}.")
        return Program(path=path, version=program_version(path))


@dataclass(frozen=True)
class Server:
    """The configured database as the programs reach it: a libpq connection string (no password)
    and the environment that carries the password, so it never shows in a process list."""

    dsn: str
    environment: dict[str, str]
    database: str
    host: str
    version: str  # the server's, "16.2"
    major: int
    embedded: bool


def server_for(connection: BaseDatabaseWrapper) -> Server:
    """The server behind a Django connection (the test database in tests: its settings say so)."""
    params = connection.get_connection_params()  # the embedded server starts here if it must
    libpq = {key: value for key, value in params.items() if key not in NOT_LIBPQ and value not in (None, "")}
    environment = {**os.environ, "PGCONNECT_TIMEOUT": os.environ.get("PGCONNECT_TIMEOUT", "10")}
    if params.get("password"):
        environment["PGPASSWORD"] = str(params["password"])
    try:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            (version,) = cursor.fetchone()
    except DatabaseError as error:
        raise PostgresToolError(f"The database does not answer: {error}".strip()) from None
    return Server(
        dsn=make_dsn(**libpq),
        environment=environment,
        database=params["dbname"],
        host=str(params.get("host") or "localhost"),
        version=version.split()[0],
        major=connection.pg_version // 10000,
        embedded=connection.settings_dict["ENGINE"] == EMBEDDED_ENGINE,
    )


def embedded_bin_dir() -> Path:
    """The embedded server's installation: pgserver ships PostgreSQL's programs beside it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs on a machine without XDG_RUNTIME_DIR; harmless
        import pgserver  # noqa: PLC0415 - only here and in the embedded backend

    return Path(pgserver.__file__).parent / "pginstall" / "bin"


def program_version(path: Path) -> str:
    try:
        output = subprocess.run(
            [str(path), "--version"], capture_output=True, text=True, check=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError) as error:
        raise PostgresToolError(f"{path} --version failed: {error}") from None
    match = VERSION_LINE.search(output)
    if match is None:
        raise PostgresToolError(f"{path} --version said {output.strip()!r}, not a PostgreSQL version.")
    return ".".join(part for part in match.groups() if part is not None)


def program_candidates(name: str, *, embedded: bool) -> list[Path]:
    """Where `name` may come from, in order of preference: only the embedded server's own for the
    embedded server; else PATH first (the operator's installation), then the embedded one."""
    paths = [] if embedded else [shutil.which(name)]
    paths.append(str(embedded_bin_dir() / name))
    return [Path(path) for path in dict.fromkeys(paths) if path and Path(path).exists()]


def program_choose(name: str, candidates: Iterable[Program], *, at_least: int, reason: str) -> Program:
    """The first candidate whose major version is `at_least` or newer; else a message naming them."""
    candidates = list(candidates)
    for program in candidates:
        if program.major >= at_least:
            return program
    found = ", ".join(f"{program.path} ({program.version})" for program in candidates) or "none"
    raise PostgresToolError(
        f"{name} {at_least} or newer is needed ({reason}); found: {found}. Install PostgreSQL "
        f"{at_least}'s client programs (Debian/Ubuntu: postgresql-client-{at_least}) and put them "
        f"first on PATH."
    )


def program_find(name: str, *, server: Server, at_least: int, reason: str) -> Program:
    candidates = (
        Program(path=path, version=program_version(path))
        for path in program_candidates(name, embedded=server.embedded)
    )
    return program_choose(name, candidates, at_least=at_least, reason=reason)


def run(program: Program, arguments: list[str], *, server: Server | None = None) -> str:
    """Run a program to its end; its own error output becomes the message when it fails."""
    environment = server.environment if server else None
    try:
        result = subprocess.run(
            [str(program.path), *arguments], capture_output=True, text=True, env=environment, check=False
        )
    except OSError as error:
        raise PostgresToolError(f"{program.path.name} could not run: {error}") from None
    if result.returncode != 0:
        raise PostgresToolError(f"{program.path.name} failed: {result.stderr.strip() or result.returncode}")
    return result.stdout

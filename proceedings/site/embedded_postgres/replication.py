"""A small primary and hot standbys of it, from the embedded server's own PostgreSQL binaries.

The replica tests and `bench/replicas.py` need real streaming replication on any machine that can
run the embedded server, without depending on a server someone else runs. These are the steps
docs/scaling.md gives for real servers — initdb, `pg_basebackup -R`, start — on Unix sockets
in one temporary folder, with throwaway settings (no fsync, small buffers) that change nothing
about how replication behaves.

Like pgserver itself, a process running as root runs PostgreSQL as the unprivileged `pgserver`
user (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import psycopg2

POSTGRES_USER = "postgres"
# For a throwaway cluster on a busy test machine: durability off, memory small. Replication is
# as in production: WAL at `replica` level, senders for the standbys, hot standby on.
THROWAWAY_SETTINGS = {
    "fsync": "off",
    "full_page_writes": "off",
    "shared_buffers": "16MB",
    "wal_level": "replica",
    "max_wal_senders": "5",
    "hot_standby": "on",
    "listen_addresses": "",
}


def postgres_bin_dir() -> Path:
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, containers); its /tmp fallback is fine.
        warnings.simplefilter("ignore")
        from pgserver._commands import POSTGRES_BIN_PATH  # noqa: PLC0415 - only needed here

    return POSTGRES_BIN_PATH


def system_user() -> str | None:
    """The account PostgreSQL runs as: ours, or `pgserver` when we are root (as pgserver does)."""
    if os.geteuid() != 0:
        return None
    postgres_bin_dir()  # imports pgserver quietly
    from pgserver.utils import ensure_user_exists  # noqa: PLC0415

    ensure_user_exists("pgserver")
    return "pgserver"


def run(command: list[str], *, user: str | None, log: Path) -> None:
    """Run a PostgreSQL program, its output to `log` (pipes would keep a started server's
    pg_ctl waiting on them); the log's end is in the error if it fails."""
    with log.open("ab") as output:
        completed = subprocess.run(command, stdout=output, stderr=output, user=user, check=False, timeout=60)
    if completed.returncode != 0:
        tail = log.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"{Path(command[0]).name} failed ({completed.returncode}):\n{tail}")


@dataclass(frozen=True)
class LocalServer:
    """One PostgreSQL server of the pair: its data folder and the folder of its Unix socket."""

    pgdata: Path
    socket_dir: Path
    user: str | None

    def start(self) -> None:
        options = " ".join(f"-c {name}={value!r}" for name, value in THROWAWAY_SETTINGS.items())
        # The server's own log is written by the server's account; pg_ctl's output by ours.
        server_log = self.pgdata.parent / f"{self.pgdata.name}-server.log"
        try:
            self.pg_ctl(
                "-w", "-t", "60", "-l", str(server_log), "-o", f"{options} -k {self.socket_dir}", "start"
            )
        except RuntimeError as error:
            log = server_log.read_text(errors="replace")[-2000:] if server_log.exists() else ""
            raise RuntimeError(f"{error}\nserver log:\n{log}") from None

    def stop(self) -> None:
        if (self.pgdata / "postmaster.pid").exists():
            self.pg_ctl("-w", "-m", "immediate", "stop")

    def pg_ctl(self, *arguments: str) -> None:
        pg_ctl = str(postgres_bin_dir() / "pg_ctl")
        log = self.pgdata.parent / f"{self.pgdata.name}-pg_ctl.log"
        run([pg_ctl, "-D", str(self.pgdata), *arguments], user=self.user, log=log)

    def url(self, database: str) -> str:
        """A DATABASE_URL / DATABASE_REPLICA_URLS item for this server (its socket as the host)."""
        return f"postgres://{POSTGRES_USER}@{quote(str(self.socket_dir), safe='')}/{database}"

    def query(self, sql: str, database: str = "postgres") -> list[tuple]:
        connection = psycopg2.connect(host=str(self.socket_dir), user=POSTGRES_USER, dbname=database)
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchall() if cursor.description else []
        finally:
            connection.close()


def owned_folder(path: Path, user: str | None) -> Path:
    path.mkdir(mode=0o700)
    if user is not None:
        shutil.chown(path, user=user, group=user)
    return path


def primary_create(root: Path) -> LocalServer:
    """initdb a new cluster under `root` and start it. The cluster's default pg_hba.conf (trust,
    as pgserver's) already lets local replication connections in."""
    user = system_user()
    server = LocalServer(
        pgdata=root / "primary", socket_dir=owned_folder(root / "primary-socket", user), user=user
    )
    initdb = str(postgres_bin_dir() / "initdb")
    run(
        [
            initdb,
            "-D",
            str(server.pgdata),
            "--no-sync",
            "--auth=trust",
            "--encoding=utf8",
            "-U",
            POSTGRES_USER,
        ],
        user=user,
        log=root / "initdb.log",
    )
    server.start()
    return server


def standby_create(primary: LocalServer, root: Path, *, name: str) -> LocalServer:
    """A hot standby of `primary`: a base backup with `-R` (standby.signal and primary_conninfo
    written for us), started on its own socket. It streams and replays the primary's WAL."""
    standby = LocalServer(
        pgdata=root / name, socket_dir=owned_folder(root / f"{name}-socket", primary.user), user=primary.user
    )
    pg_basebackup = str(postgres_bin_dir() / "pg_basebackup")
    run(
        [
            pg_basebackup,
            "-h",
            str(primary.socket_dir),
            "-U",
            POSTGRES_USER,
            "-D",
            str(standby.pgdata),
            "-R",
            "-c",
            "fast",
            "--no-sync",
        ],
        user=primary.user,
        log=root / f"{name}-basebackup.log",
    )
    standby.start()
    return standby


def replay_wait(primary: LocalServer, standby: LocalServer, *, timeout: float = 30.0) -> None:
    """Return once `standby` has replayed everything `primary` had written when called.

    Compares LSNs, not rows: pg_last_wal_replay_lsn() on the standby reaching the primary's
    pg_current_wal_lsn() means every transaction committed before the call is visible there.
    """
    (target,) = primary.query("SELECT pg_current_wal_lsn()::text")[0]
    deadline = time.monotonic() + timeout
    while True:
        (caught_up,) = standby.query(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn")[0]
        if caught_up:
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"{standby.pgdata.name} has not replayed the primary's WAL up to {target}")
        time.sleep(0.005)


@dataclass(frozen=True)
class ReplicatedCluster:
    primary: LocalServer
    standbys: list[LocalServer]

    def replay_wait(self) -> None:
        for standby in self.standbys:
            replay_wait(self.primary, standby)


@contextlib.contextmanager
def replicated_cluster(*, database: str, standbys: int = 1) -> Iterator[ReplicatedCluster]:
    """A primary with `database` and `standbys` hot standbys of it, stopped and deleted after the
    block (under /tmp: Unix socket paths must stay short)."""
    root = Path(tempfile.mkdtemp(prefix="jinaq-replicas-"))
    user = system_user()
    if user is not None:
        shutil.chown(root, user=user, group=user)
    servers: list[LocalServer] = []
    try:
        primary = primary_create(root)
        servers.append(primary)
        primary.query(f'CREATE DATABASE "{database}"')
        for number in range(1, standbys + 1):
            servers.append(standby_create(primary, root, name=f"standby{number}"))
        yield ReplicatedCluster(primary=primary, standbys=servers[1:])
    finally:
        for server in reversed(servers):
            with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
                server.stop()
        shutil.rmtree(root, ignore_errors=True)

"""Putting an archive of `backup_create` back: the configured database and MEDIA_ROOT.

In two steps, so that everything that can refuse does so before anything changes, and the
operator confirms in between: `restore_prepared` unpacks the archive beside MEDIA_ROOT and checks
every member's checksum, that this code knows every migration the backup's database had, and that
pg_restore can read the dump; `restore_apply` then replaces the database and the files.

The database is replaced in one transaction: the schemas the dump creates (public, and any other)
are dropped with everything in them and the dump is restored, through psql, in the same
transaction — an error anywhere leaves the database as it was. Only the configured database is
touched, never the server's other databases or its roles. Objects are restored owned by the
configured user, whoever owned them on the machine the backup came from.

Files of MEDIA_ROOT are not deleted: what was there is moved aside into `<MEDIA_ROOT>.replaced-
<time>/` beside it (the operator removes it once the restored site looks right), and the backup's
files take its place. Finally the page cache's token is renewed: pages cached before the restore
carry a token the restored database may hold again.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader

from proceedings.models import ContentGeneration
from proceedings.operations.archive import (
    DATABASE_MEMBER,
    MEDIA_PREFIX,
    BackupError,
    Manifest,
    RestoreIncompleteError,
    archive_unpack,
)
from proceedings.operations.postgres import (
    PostgresToolError,
    Program,
    Server,
    program_find,
    run,
    server_for,
)
from proceedings.site.page_cache import page_cache_invalidate

Migration = tuple[str, str]  # (app, name)
# A schema in `pg_restore --list`: "<id>; <catalog oid> <oid> SCHEMA - <name> <owner>".
TOC_SCHEMA = re.compile(r"^\d+; \d+ \d+ SCHEMA - (\S+) ", re.MULTILINE)
LOCK_TIMEOUT = "30s"  # a site left running with a long transaction fails the restore, not hangs it


@dataclass(frozen=True)
class PreparedRestore:
    """An archive unpacked and checked, ready to replace the database and the files."""

    archive: Path
    manifest: Manifest
    staging: Path
    media_root: Path
    using: str
    server: Server
    pg_restore: Program
    psql: Program
    schemas: list[str]
    other_sessions: int  # connections to the database besides ours: a site still running?
    pending_migrations: list[Migration]  # this code's, not applied in the backup

    @property
    def dump(self) -> Path:
        return self.staging / DATABASE_MEMBER


@dataclass(frozen=True)
class RestoreOutcome:
    media_files: int
    media_set_aside: Path | None
    pending_migrations: list[Migration]


@contextmanager
def restore_prepared(*, archive: Path, using: str = DEFAULT_DB_ALIAS) -> Iterator[PreparedRestore]:
    """Unpack and check `archive`; BackupError with the reason if it cannot be restored here. The
    unpacked copy is removed when the block ends, whether it was applied or not."""
    media_root = Path(settings.MEDIA_ROOT).resolve()
    # Beside MEDIA_ROOT, so the restored files are moved into it, not copied, on the same disk.
    try:
        media_root.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{media_root.name}.restoring-", dir=media_root.parent))
    except OSError as error:
        raise BackupError(f"It cannot be unpacked in {media_root.parent}: {error.strerror}.") from None
    try:
        manifest = archive_unpack(archive.resolve(), into=staging / "archive")
        unknown, pending = migrations_compared(manifest.migrations)
        if unknown:
            names = ", ".join(f"{app}.{name}" for app, name in unknown[:5])
            raise BackupError(
                f"The backup's database has migrations this code does not have ({names}"
                f"{', …' if len(unknown) > 5 else ''}): it was made by a newer Jinaq "
                f"({manifest.jinaq_version}). Update the code, then restore."
            )
        connection = connections[using]
        server = server_for(connection)
        pg_restore = program_find(
            "pg_restore",
            server=server,
            at_least=manifest.pg_dump_major,
            reason=f"the archive was written by pg_dump {manifest.pg_dump_version}",
        )
        dump = staging / "archive" / DATABASE_MEMBER
        table_of_contents = run(pg_restore, ["--list", str(dump)])  # a dump it cannot read stops here
        yield PreparedRestore(
            archive=archive,
            manifest=manifest,
            staging=staging / "archive",
            media_root=media_root,
            using=using,
            server=server,
            pg_restore=pg_restore,
            psql=pg_restore.sibling("psql"),
            schemas=sorted({"public", *TOC_SCHEMA.findall(table_of_contents)}),
            other_sessions=other_sessions(using),
            pending_migrations=pending,
        )
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def restore_apply(prepared: PreparedRestore) -> RestoreOutcome:
    """Replace the database, then the files, then renew the page cache's token."""
    connection = connections[prepared.using]
    if connection.in_atomic_block:
        # Our own transaction's locks would make the schema's drop wait for ever on ourselves.
        raise BackupError("A restore cannot run inside a transaction.")
    database_replace(prepared)
    connection.close()  # its session knew the tables that are gone (prepared statements)
    try:
        set_aside = media_replace(restored=prepared.staging / MEDIA_PREFIX, media_root=prepared.media_root)
    except OSError as error:
        raise RestoreIncompleteError(
            f"The database was restored, but the files could not all be put back into "
            f"{prepared.media_root} ({error}); files moved aside are in "
            f"{prepared.media_root.name}.replaced-* beside it. Fix the cause and restore again."
        ) from None
    if ContentGeneration._meta.db_table in connection.introspection.table_names():
        page_cache_invalidate(using=prepared.using)  # outside a transaction: at once
    return RestoreOutcome(
        media_files=len(prepared.manifest.media),
        media_set_aside=set_aside,
        pending_migrations=prepared.pending_migrations,
    )


def migrations_compared(archived: list[Migration]) -> tuple[list[Migration], list[Migration]]:
    """(the backup's migrations this code does not know, this code's the backup has not applied)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces)  # a squashed migration stands for those it replaced
    applied = set(archived)
    unknown = sorted(applied - known)
    pending = sorted(
        key
        for key, migration in loader.disk_migrations.items()
        if key not in applied and not (migration.replaces and set(migration.replaces) <= applied)
    )
    return unknown, pending


def other_sessions(using: str) -> int:
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def quoted_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def database_replace(prepared: PreparedRestore) -> None:
    """Drop the dump's schemas and restore it, in one transaction of one psql session.

    pg_restore writes the dump as SQL into psql's input, after our BEGIN and the drops; COMMIT is
    sent only when pg_restore finished without error. psql stops at the first failing statement
    (ON_ERROR_STOP), and a session that ends without COMMIT is rolled back by the server.
    """
    server = prepared.server
    drops = "".join(
        f"DROP SCHEMA IF EXISTS {quoted_identifier(name)} CASCADE;\n" for name in prepared.schemas
    )
    prelude = f"SET lock_timeout = '{LOCK_TIMEOUT}';\nBEGIN;\n{drops}CREATE SCHEMA public;\n"
    with tempfile.TemporaryFile() as psql_errors, tempfile.TemporaryFile() as restore_errors:
        psql = subprocess.Popen(
            [
                str(prepared.psql.path),
                "--no-psqlrc",
                "--quiet",
                "--set=ON_ERROR_STOP=1",
                f"--dbname={server.dsn}",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=psql_errors,
            env=server.environment,
        )
        restore = subprocess.Popen(
            [str(prepared.pg_restore.path), "--no-owner", "--no-privileges", "--file=-", str(prepared.dump)],
            stdout=subprocess.PIPE,
            stderr=restore_errors,
        )
        committed = False
        try:
            psql.stdin.write(prelude.encode())
            shutil.copyfileobj(restore.stdout, psql.stdin, 1024 * 1024)
            if restore.wait() == 0:
                psql.stdin.write(b"COMMIT;\n")
                committed = True
        except BrokenPipeError:
            pass  # psql stopped at an error; its message below says which
        finally:
            restore.stdout.close()
            if restore.poll() is None:
                restore.kill()
            restore.wait()
            with suppress(BrokenPipeError):
                psql.stdin.close()
        psql_status = psql.wait()
        if not committed or psql_status != 0:
            messages = [
                read_errors(restore_errors, "pg_restore"),
                read_errors(psql_errors, "psql"),
            ]
            detail = " ".join(message for message in messages if message) or "no message"
            if "lock timeout" in detail:
                detail += " (another connection holds the tables: is the site or its worker running?)"
            raise PostgresToolError(f"Restoring the database failed and was rolled back. {detail}")


def read_errors(file: BinaryIO, program: str) -> str:
    file.seek(0)
    lines = [
        line
        for line in file.read().decode(errors="replace").splitlines()
        if line.strip() and "NOTICE:" not in line and not line.startswith(("DETAIL:", "drop cascades"))
    ]
    return f"{program}: {' '.join(lines[-5:])}" if lines else ""


def media_replace(*, restored: Path, media_root: Path) -> Path | None:
    """Move MEDIA_ROOT's contents aside (the folder itself may be a mount point, so it stays) and
    the restored files into it; the folder the old files went to, or None when it was empty."""
    media_root.mkdir(parents=True, exist_ok=True)
    current = sorted(media_root.iterdir())
    set_aside = None
    if current:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        set_aside = Path(
            tempfile.mkdtemp(prefix=f"{media_root.name}.replaced-{stamp}-", dir=media_root.parent)
        )
        for entry in current:
            shutil.move(entry, set_aside / entry.name)
    if restored.is_dir():
        for entry in sorted(restored.iterdir()):
            shutil.move(entry, media_root / entry.name)
    return set_aside

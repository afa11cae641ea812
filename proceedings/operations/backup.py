"""`backup_create`: the database and every uploaded file in one archive (proceedings/operations/archive.py).

pg_dump run directly, from the right installation (proceedings/operations/postgres.py), rather than
django-dbbackup: the archive must hold the media beside the dump with one manifest, the embedded
server's programs are not on PATH, and the version rules (pg_dump at least the server's) need
the choice of program that dbbackup leaves to PATH — what remained for it was a subprocess call.

The database part is a consistent snapshot (pg_dump reads in one repeatable-read transaction);
the files are copied after it, so a file uploaded meanwhile is in the archive without its row
(harmless) rather than a row without its file. The archive appears under its name only when it
is complete (written beside it, flushed to disk, then renamed), readable by its owner only: it
holds the accounts' password hashes.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder

from proceedings.operations.archive import (
    DATABASE_MEMBER,
    MEDIA_PREFIX,
    BackupError,
    Manifest,
    archive_writer,
    file_add,
    manifest_add,
)
from proceedings.operations.postgres import program_find, run, server_for

FILE_PREFIX = "jinaq-"
FILE_SUFFIX = ".tar"


@dataclass(frozen=True)
class BackupOutcome:
    path: Path
    manifest: Manifest

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def default_backup_dir() -> Path:
    return Path(settings.BASE_DIR) / "var" / "backups"


def backup_path(output: Path | None, *, created: datetime) -> Path:
    """Where the archive goes: `output` if it names a file; in `output` (a folder, or a name
    ending in /) or var/backups/ under a UTC timestamp otherwise, which sorts by age."""
    name = f"{FILE_PREFIX}{created:%Y%m%dT%H%M%SZ}{FILE_SUFFIX}"
    if output is None:
        return default_backup_dir() / name
    if output.is_dir() or str(output).endswith(os.sep):
        return output / name
    return output


def backup_create(*, output: Path | None = None, using: str = DEFAULT_DB_ALIAS) -> BackupOutcome:
    """Write an archive of the database behind `using` and of MEDIA_ROOT; its path and manifest."""
    created = datetime.now(UTC)
    media_root = Path(settings.MEDIA_ROOT).resolve()
    target = backup_path(output, created=created).resolve()
    if target.is_relative_to(media_root):
        raise BackupError(f"{target} is inside MEDIA_ROOT ({media_root}): every backup would hold the last.")
    connection = connections[using]
    server = server_for(connection)
    pg_dump = program_find(
        "pg_dump", server=server, at_least=server.major, reason=f"the server is PostgreSQL {server.version}"
    )
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    dump = target.with_name(f".{target.name}.dump-{os.getpid()}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        migrations = applied_migrations(using)
        run(
            pg_dump,
            ["--format=custom", f"--file={dump}", "--lock-wait-timeout=60s", f"--dbname={server.dsn}"],
            server=server,
        )
        # O_EXCL and 0600: a stale partial file of another run is never written through, and the
        # archive is the owner's alone from its first byte.
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            with archive_writer(file) as tar:
                database = file_add(tar, DATABASE_MEMBER, dump)
                dump.unlink()
                media = [
                    file_add(tar, f"{MEDIA_PREFIX}{name}", path) for name, path in media_files(media_root)
                ]
                manifest = Manifest(
                    created_at=created.isoformat(timespec="seconds").replace("+00:00", "Z"),
                    jinaq_version=jinaq_version(),
                    migrations=migrations,
                    server_version=server.version,
                    pg_dump_version=pg_dump.version,
                    database=database,
                    media=media,
                )
                manifest_add(tar, manifest)
            file.flush()
            os.fsync(file.fileno())
        os.replace(partial, target)
        directory_sync(target.parent)
    except OSError as error:  # no space, no permission: what the operator can act on
        raise BackupError(f"{error.strerror}: {error.filename or target}.") from None
    finally:
        dump.unlink(missing_ok=True)
        partial.unlink(missing_ok=True)
    return BackupOutcome(path=target, manifest=manifest)


def applied_migrations(using: str) -> list[tuple[str, str]]:
    recorder = MigrationRecorder(connections[using])
    return sorted(recorder.applied_migrations())


def media_files(media_root: Path) -> Iterator[tuple[str, Path]]:
    """Every regular file under MEDIA_ROOT as (its path relative to it, with /, its path), sorted.
    Symbolic links are left out: what they point at is not the archive's to keep."""
    if not media_root.is_dir():
        return
    for folder, folders, files in os.walk(media_root):
        folders.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                yield path.relative_to(media_root).as_posix(), path


def jinaq_version() -> str:
    with (Path(settings.BASE_DIR) / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)["project"]["version"]


def directory_sync(folder: Path) -> None:
    """Make a rename in `folder` durable: without it a crash can lose the new name."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)

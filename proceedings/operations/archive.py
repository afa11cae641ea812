"""The backup file: one tar holding the database, the uploaded files and a manifest.

    database.dump            pg_dump's custom format (compressed; pg_restore reads it)
    media/<path>             every file under MEDIA_ROOT, as it lies there
    manifest.json            last: what the archive is, what made it, and every member's sha256

A plain tar rather than a compressed one: the dump is compressed already, and so are PDFs; a
restore also reads a tar that was gzipped afterwards. The manifest comes last because it carries
the checksums of the members written before it, each computed while that member was copied in,
so a file is read once.

Reading never trusts the archive: a member must be a regular file with a plain relative name,
listed in the manifest, with the size and checksum listed there; anything else refuses the whole
archive before anything is changed.
"""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import tarfile
import time
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

FORMAT = "jinaq-backup"
FORMAT_VERSION = 1
MANIFEST_MEMBER = "manifest.json"
DATABASE_MEMBER = "database.dump"
MEDIA_PREFIX = "media/"
MANIFEST_MAX_BYTES = 256 * 1024 * 1024  # some 1.5 million files' entries; more is no manifest of ours
CHUNK = 1024 * 1024
DISK_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EROFS})


class BackupError(Exception):
    """A backup cannot be written or an archive cannot be restored; nothing was changed."""


class RestoreIncompleteError(BackupError):
    """The database was restored but the files could not all be put back: the message says where
    they are, and restoring the same archive again finishes the work."""


@dataclass(frozen=True)
class Member:
    path: str  # the name inside the archive
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    created_at: str  # ISO 8601, UTC
    jinaq_version: str
    migrations: list[tuple[str, str]]  # (app, migration) applied to the database when it was dumped
    server_version: str  # the PostgreSQL server dumped, "16.2"
    pg_dump_version: str  # the pg_dump that wrote database.dump (pg_restore must be as new)
    database: Member
    media: list[Member]

    @property
    def pg_dump_major(self) -> int:
        return int(self.pg_dump_version.split(".")[0])

    @property
    def members(self) -> list[Member]:
        return [self.database, *self.media]

    def to_json(self) -> bytes:
        document = {"format": FORMAT, "format_version": FORMAT_VERSION, **asdict(self)}
        document["database"]["format"] = "pg_dump custom"
        document["migrations"] = {}
        for app, name in self.migrations:
            document["migrations"].setdefault(app, []).append(name)
        return json.dumps(document, ensure_ascii=False, indent=1).encode()

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        try:
            document = json.loads(data)
            if document.get("format") != FORMAT:
                raise BackupError("Its manifest is not a Jinaq backup's manifest.")
            if document.get("format_version") != FORMAT_VERSION:
                raise BackupError(
                    f"It is in backup format {document.get('format_version')!r}; this code reads "
                    f"format {FORMAT_VERSION}. Restore it with the version of Jinaq that made it."
                )
            return cls(
                created_at=str(document["created_at"]),
                jinaq_version=str(document["jinaq_version"]),
                migrations=[
                    (str(app), str(name)) for app, names in document["migrations"].items() for name in names
                ],
                server_version=str(document["server_version"]),
                pg_dump_version=str(document["pg_dump_version"]),
                database=member_from_json(document["database"]),
                media=[member_from_json(entry) for entry in document["media"]],
            )
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise BackupError(f"Its manifest cannot be read ({type(error).__name__}: {error}).") from None


def member_from_json(entry: dict) -> Member:
    return Member(path=str(entry["path"]), size=int(entry["size"]), sha256=str(entry["sha256"]))


def member_name_check(name: str) -> str:
    """`name` when it is a plain relative path of ours, else the refusal: an archive whose names
    climb out of the folder (`..`, absolute paths) must never write outside it."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts or str(path) != name:
        raise BackupError(f"It holds a member with an unsafe name: {name!r}.")
    if name not in (MANIFEST_MEMBER, DATABASE_MEMBER) and not name.startswith(MEDIA_PREFIX):
        raise BackupError(f"It holds a member that is not part of a Jinaq backup: {name!r}.")
    return name


def copy_hashed(source: BinaryIO, target: BinaryIO | None) -> tuple[int, str]:
    """Copy `source` to `target` (None: only read it); its size and sha256."""
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        if target is not None:
            target.write(chunk)
    return size, digest.hexdigest()


class HashingReader:
    """A file that hashes what tarfile reads from it: a member's checksum costs no second read."""

    def __init__(self, file: BinaryIO) -> None:
        self.file = file
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        chunk = self.file.read(size)
        self.digest.update(chunk)
        return chunk


def archive_writer(file: BinaryIO) -> tarfile.TarFile:
    """A tar writer into an open file (the caller creates it, and renames it once complete)."""
    return tarfile.open(fileobj=file, mode="w", format=tarfile.PAX_FORMAT)


def file_add(tar: tarfile.TarFile, name: str, path: Path) -> Member:
    """Copy the file at `path` into the archive as `name`; its entry for the manifest."""
    with path.open("rb") as file:
        status = os.fstat(file.fileno())
        info = tarfile.TarInfo(member_name_check(name))
        info.size, info.mtime, info.mode = status.st_size, int(status.st_mtime), 0o644
        reader = HashingReader(file)
        # tarfile copies exactly info.size bytes and fails on a file that shrank meanwhile.
        tar.addfile(info, reader)
    return Member(path=name, size=info.size, sha256=reader.digest.hexdigest())


def manifest_add(tar: tarfile.TarFile, manifest: Manifest) -> None:
    data = manifest.to_json()
    info = tarfile.TarInfo(MANIFEST_MEMBER)
    info.size, info.mtime, info.mode = len(data), int(time.time()), 0o644
    tar.addfile(info, io.BytesIO(data))


def archive_unpack(archive: Path, *, into: Path) -> Manifest:
    """Unpack `archive` into the folder `into` (which must not exist) and check every member
    against the manifest; BackupError, saying what is wrong, for anything that does not match.
    One sequential read: the archive may be a gzipped tar, or on a pipe-like slow disk."""
    if not archive.is_file():
        raise BackupError(f"{archive} is not a file.")
    found: dict[str, Member] = {}
    manifest_data = None
    into.mkdir(parents=True)
    try:
        with tarfile.open(archive, mode="r|*") as tar:
            for info in tar:
                name = member_name_check(info.name)
                if not info.isfile():
                    raise BackupError(f"Its member {name!r} is not a regular file.")
                if name in found or (name == MANIFEST_MEMBER and manifest_data is not None):
                    raise BackupError(f"It holds {name!r} twice.")
                source = tar.extractfile(info)
                if name == MANIFEST_MEMBER:
                    manifest_data = source.read(MANIFEST_MAX_BYTES + 1)
                    continue
                target = into / name
                target.parent.mkdir(parents=True, exist_ok=True)
                with target.open("wb") as file:
                    size, sha256 = copy_hashed(source, file)
                os.utime(target, (info.mtime, info.mtime))
                found[name] = Member(path=name, size=size, sha256=sha256)
    except OSError as error:
        if error.errno in DISK_ERRORS:  # ours, not the archive's
            raise BackupError(f"It cannot be unpacked in {into.parent}: {error.strerror}.") from None
        raise BackupError(f"It is damaged or not a tar archive ({error}).") from None
    except (tarfile.TarError, EOFError, zlib.error) as error:
        raise BackupError(f"It is damaged or not a tar archive ({error}).") from None
    if manifest_data is None:
        raise BackupError("It has no manifest: it is not a Jinaq backup, or it was cut short.")
    if len(manifest_data) > MANIFEST_MAX_BYTES:
        raise BackupError("Its manifest is too large to be a Jinaq backup's.")
    manifest = Manifest.from_json(manifest_data)
    members_check(manifest, found)
    return manifest


def members_check(manifest: Manifest, found: dict[str, Member]) -> None:
    expected = {member.path: member for member in manifest.members}
    if manifest.database.path != DATABASE_MEMBER:
        raise BackupError(f"Its manifest names the database {manifest.database.path!r}.")
    problems = [f"{name}: missing" for name in sorted(expected.keys() - found.keys())]
    problems += [f"{name}: not in the manifest" for name in sorted(found.keys() - expected.keys())]
    problems += [
        f"{name}: checksum or size differs from the manifest's (damaged)"
        for name in sorted(expected.keys() & found.keys())
        if expected[name] != found[name]
    ]
    if problems:
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        raise BackupError(f"It does not match its manifest: {shown}.")

"""The choice of PostgreSQL programs and the archive reader's refusals, without a database."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from proceedings.operations.archive import BackupError, archive_unpack
from proceedings.operations.postgres import PostgresToolError, Program, program_choose, program_version


def test_program_choose_takes_the_first_new_enough():
    candidates = [
        Program(path=Path("/usr/bin/pg_dump"), version="15.20"),
        Program(path=Path("/venv/pgserver/pg_dump"), version="16.2"),
    ]

    assert program_choose("pg_dump", candidates, at_least=15, reason="test").path == Path("/usr/bin/pg_dump")
    assert program_choose("pg_dump", candidates, at_least=16, reason="test").version == "16.2"


def test_program_choose_names_what_to_install_when_all_are_too_old():
    candidates = [Program(path=Path("/usr/bin/pg_dump"), version="15.20")]

    with pytest.raises(PostgresToolError) as refusal:
        program_choose("pg_dump", candidates, at_least=17, reason="the server is PostgreSQL 17.1")

    assert str(refusal.value) == (
        "pg_dump 17 or newer is needed (the server is PostgreSQL 17.1); found: /usr/bin/pg_dump (15.20). "
        "Install PostgreSQL 17's client programs (Debian/Ubuntu: postgresql-client-17) and put them "
        "first on PATH."
    )


def test_program_version_reads_a_distribution_build(tmp_path):
    program = tmp_path / "pg_dump"
    program.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)'\n")
    program.chmod(0o755)

    assert program_version(program) == "15.20"


def tar_with(path: Path, members: dict[str, bytes]) -> None:
    with tarfile.open(path, "w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("media/../../escaped.txt", "unsafe name"),
        ("/etc/escaped.txt", "unsafe name"),
        ("settings.py", "not part of a Jinaq backup"),
    ],
)
def test_archive_unpack_refuses_names_outside_its_folder(tmp_path, name, message):
    archive = tmp_path / "hostile.tar"
    tar_with(archive, {name: b"overwrite"})

    with pytest.raises(BackupError, match=message):
        archive_unpack(archive, into=tmp_path / "unpacked")

    assert sorted(path.name for path in tmp_path.rglob("*")) == ["hostile.tar", "unpacked"]


def test_archive_unpack_refuses_a_tar_without_manifest(tmp_path):
    archive = tmp_path / "other.tar"
    tar_with(archive, {"database.dump": b"PGDMP"})

    with pytest.raises(BackupError, match="no manifest"):
        archive_unpack(archive, into=tmp_path / "unpacked")

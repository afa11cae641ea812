"""`manage.py backup` and `manage.py restore` against the real test database and MEDIA_ROOT.

These tests commit (transaction=True): pg_dump and psql are other connections, which see only
committed rows. The test database's own connection settings reach them, so the tests run alike
on the embedded server and with DATABASE_URL.
"""

from __future__ import annotations

import hashlib
import json
import tarfile
from pathlib import Path

import psycopg2
import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from articles.models import Article
from authors.models import Person
from proceedings.models import ContentGeneration, Proceedings
from proceedings.services import proceedings_import_bundled
from proceedings.site.page_cache import page_cache_invalidate
from tests.factories import ArticleFactory, AuthorshipFactory, ProceedingsFactory, staff_user

pytestmark = pytest.mark.django_db(transaction=True)

CONTENT_TOKEN_TABLE = ContentGeneration._meta.db_table


def database_fingerprint() -> dict[str, tuple[int, str]]:
    """Every table's row count and a checksum of all its rows (the page cache's token apart: a
    restore renews it on purpose)."""
    fingerprint = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table == CONTENT_TOKEN_TABLE:
                continue
            checksum = "md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))"
            cursor.execute(f'SELECT count(*), {checksum} FROM "{table}" t')
            fingerprint[table] = cursor.fetchone()
    return fingerprint


def article_texts() -> dict[str, str]:
    return {
        slug: hashlib.sha256(body.encode()).hexdigest()
        for slug, body in Article.objects.values_list("slug", "body")
    }


def media_checksums(media_root: Path) -> dict[str, str]:
    return {
        path.relative_to(media_root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media_root.rglob("*"))
        if path.is_file()
    }


def content_token() -> str | None:
    return ContentGeneration.objects.values_list("token", flat=True).first()


def backup(tmp_path: Path) -> Path:
    output = tmp_path / "backups" / "archive.tar"
    call_command("backup", "--output", str(output))
    return output


def small_archive(media_root: Path) -> None:
    article = ArticleFactory(proceedings=ProceedingsFactory(slug="small-volume"))
    AuthorshipFactory(article=article)
    (media_root / "proceedings" / "small-volume").mkdir(parents=True)
    (media_root / "proceedings" / "small-volume" / "source.txt").write_text("Мақала мәтіні\n")


def test_restore_brings_back_every_row_and_file(tmp_path, media_root):
    proceedings_import_bundled()
    staff_user("editor", editor=True)
    second = ArticleFactory(proceedings=ProceedingsFactory(slug="second-volume"))
    AuthorshipFactory(article=second, person=Person.objects.first())
    (media_root / "imports").mkdir()
    (media_root / "imports" / "upload.pdf").write_bytes(b"%PDF-1.7 waiting for its import\n")
    page_cache_invalidate()
    rows, texts, files, token = (
        database_fingerprint(),
        article_texts(),
        media_checksums(media_root),
        content_token(),
    )
    assert len(texts) > 50
    assert "proceedings/journalism-masters-2025/source.txt" in files

    archive = backup(tmp_path)
    Proceedings.objects.get(slug="second-volume").delete()
    changed = Article.objects.exclude(pk=second.pk).first()
    changed.body = "Replaced after the backup."
    changed.save()
    removed_person = Person.objects.filter(authorships__isnull=True).first() or Person.objects.last()
    removed_person.authorships.all().delete()
    removed_person.delete()
    ArticleFactory(proceedings=Proceedings.objects.first(), slug="added-after-the-backup", position=10_000)
    User.objects.all().delete()
    (media_root / "proceedings" / "journalism-masters-2025" / "source.txt").write_text("overwritten")
    (media_root / "imports" / "upload.pdf").unlink()
    (media_root / "imports" / "later.pdf").write_bytes(b"%PDF-1.7 uploaded after the backup\n")
    page_cache_invalidate()
    token_before_restore = content_token()
    assert database_fingerprint() != rows
    assert media_checksums(media_root) != files

    call_command("restore", str(archive), "--yes")

    assert database_fingerprint() == rows
    assert article_texts() == texts
    assert media_checksums(media_root) == files
    assert content_token() not in {token, token_before_restore, None}
    (set_aside,) = tmp_path.glob("media.replaced-*")
    assert (
        media_checksums(set_aside)["imports/later.pdf"]
        == hashlib.sha256(b"%PDF-1.7 uploaded after the backup\n").hexdigest()
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["backups", "media", set_aside.name]


def test_backup_manifest_records_versions_migrations_and_checksums(tmp_path, media_root):
    small_archive(media_root)

    archive = backup(tmp_path)

    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())
        source = tar.extractfile("media/proceedings/small-volume/source.txt").read()
    assert names == ["database.dump", "media/proceedings/small-volume/source.txt", "manifest.json"]
    assert manifest["format"] == "jinaq-backup"
    assert manifest["format_version"] == 1
    assert manifest["server_version"].split(".")[0] == str(connection.pg_version // 10000)
    assert int(manifest["pg_dump_version"].split(".")[0]) >= connection.pg_version // 10000
    applied = {f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()}
    assert {f"{app}.{name}" for app, names in manifest["migrations"].items() for name in names} == applied
    assert manifest["media"] == [
        {
            "path": "media/proceedings/small-volume/source.txt",
            "size": len(source),
            "sha256": hashlib.sha256("Мақала мәтіні\n".encode()).hexdigest(),
        }
    ]
    assert archive.stat().st_mode & 0o777 == 0o600
    assert [path.name for path in archive.parent.iterdir()] == ["archive.tar"]  # no partial files left


def test_backup_into_a_folder_is_named_by_utc_time(tmp_path, media_root):
    folder = tmp_path / "backups"
    folder.mkdir()

    call_command("backup", "--output", str(folder))

    (archive,) = folder.iterdir()
    assert archive.name.startswith("jinaq-20")
    assert archive.name.endswith("Z.tar")
    assert len(archive.name) == len("jinaq-20250101T000000Z.tar")


def test_backup_inside_media_root_is_refused(media_root):
    media_root.mkdir()

    with pytest.raises(CommandError, match="inside MEDIA_ROOT"):
        call_command("backup", "--output", str(media_root / "backup.tar"))

    assert list(media_root.iterdir()) == []


def flip_byte(archive: Path, member: str) -> None:
    with tarfile.open(archive) as tar:
        info = tar.getmember(member)
    with archive.open("r+b") as file:
        file.seek(info.offset_data + info.size // 2)
        byte = file.read(1)
        file.seek(-1, 1)
        file.write(bytes([byte[0] ^ 0xFF]))


def damage_dump(archive: Path) -> None:
    flip_byte(archive, "database.dump")


def damage_media(archive: Path) -> None:
    flip_byte(archive, "media/proceedings/small-volume/source.txt")


def cut_short(archive: Path) -> None:
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])


def not_a_tar(archive: Path) -> None:
    archive.write_bytes(b"not an archive at all\n" * 100)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (damage_dump, "database.dump: checksum or size differs"),
        (damage_media, "source.txt: checksum or size differs"),
        (cut_short, "damaged or not a tar archive"),
        (not_a_tar, "damaged or not a tar archive"),
    ],
)
def test_restore_refuses_a_damaged_archive_and_changes_nothing(tmp_path, media_root, damage, message):
    small_archive(media_root)
    archive = backup(tmp_path)
    ArticleFactory(proceedings=Proceedings.objects.get(), slug="written-after-the-backup")
    (media_root / "after.txt").write_text("uploaded after the backup")
    rows, files = database_fingerprint(), media_checksums(media_root)
    damage(archive)

    with pytest.raises(CommandError, match=message) as refusal:
        call_command("restore", str(archive), "--yes")

    assert "nothing changed" in str(refusal.value)
    assert database_fingerprint() == rows
    assert media_checksums(media_root) == files
    assert sorted(path.name for path in tmp_path.iterdir()) == ["backups", "media"]  # nothing unpacked left


def test_restore_refuses_a_backup_of_newer_migrations(tmp_path, media_root):
    small_archive(media_root)
    recorder = MigrationRecorder(connection)
    recorder.record_applied("proceedings", "9999_from_a_newer_jinaq")
    archive = backup(tmp_path)
    recorder.record_unapplied("proceedings", "9999_from_a_newer_jinaq")
    ArticleFactory(proceedings=Proceedings.objects.get(), slug="written-after-the-backup")
    rows, files = database_fingerprint(), media_checksums(media_root)

    with pytest.raises(CommandError, match=r"migrations this code does not have") as refusal:
        call_command("restore", str(archive), "--yes")

    assert "proceedings.9999_from_a_newer_jinaq" in str(refusal.value)
    assert "made by a newer Jinaq" in str(refusal.value)
    assert database_fingerprint() == rows
    assert media_checksums(media_root) == files


def test_restore_asks_first_and_a_no_changes_nothing(tmp_path, media_root, monkeypatch):
    small_archive(media_root)
    archive = backup(tmp_path)
    Article.objects.update(body="changed after the backup")
    rows = database_fingerprint()
    questions = []
    monkeypatch.setattr("builtins.input", lambda question: questions.append(question) or "no")

    with pytest.raises(CommandError, match="cancelled; nothing changed"):
        call_command("restore", str(archive))

    assert questions == ["Type 'yes' to continue: "]
    assert database_fingerprint() == rows


def test_restore_after_a_yes_restores(tmp_path, media_root, monkeypatch):
    small_archive(media_root)
    texts = article_texts()
    archive = backup(tmp_path)
    Article.objects.update(body="changed after the backup")
    monkeypatch.setattr("builtins.input", lambda question: "yes")

    call_command("restore", str(archive))

    assert article_texts() == texts


def test_restore_that_fails_in_the_database_changes_nothing(tmp_path, media_root, monkeypatch):
    small_archive(media_root)
    archive = backup(tmp_path)
    ArticleFactory(proceedings=Proceedings.objects.get(), slug="written-after-the-backup")
    (media_root / "after.txt").write_text("uploaded after the backup")
    rows, files = database_fingerprint(), media_checksums(media_root)
    monkeypatch.setattr("proceedings.operations.restore.LOCK_TIMEOUT", "200ms")
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    site = psycopg2.connect(**params)  # a running site's transaction, holding a table
    try:
        site.cursor().execute("LOCK TABLE articles_article IN ACCESS SHARE MODE")
        with pytest.raises(CommandError, match=r"lock timeout.*is the site or its worker running"):
            call_command("restore", str(archive), "--yes")
    finally:
        site.close()

    assert database_fingerprint() == rows
    assert media_checksums(media_root) == files
    assert sorted(path.name for path in tmp_path.iterdir()) == ["backups", "media"]

"""`manage.py backup [--output PATH]`: the database and the uploaded files in one archive."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from proceedings.operations.archive import BackupError
from proceedings.operations.backup import backup_create
from proceedings.operations.postgres import PostgresToolError


class Command(BaseCommand):
    help = (
        "Write the database (pg_dump) and every file under MEDIA_ROOT into one archive with a "
        "manifest of versions and checksums. `manage.py restore ARCHIVE` puts it back."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            help="the archive's file name, or a folder for jinaq-<UTC time>.tar (default: var/backups/)",
        )

    def handle(self, *args, output: Path | None, **options) -> None:
        try:
            outcome = backup_create(output=output)
        except (BackupError, PostgresToolError) as error:
            raise CommandError(f"No backup written. {error}") from None
        manifest = outcome.manifest
        self.stdout.write(
            f"{outcome.path} ({outcome.size:,} bytes): the database ({manifest.database.size:,} bytes, "
            f"PostgreSQL {manifest.server_version}) and {len(manifest.media):,} media files."
        )

"""`manage.py restore ARCHIVE`: put a `manage.py backup` archive back — database and media."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from proceedings.operations.archive import BackupError, RestoreIncompleteError
from proceedings.operations.postgres import PostgresToolError
from proceedings.operations.restore import PreparedRestore, restore_apply, restore_prepared


class Command(BaseCommand):
    help = (
        "Replace the configured database and the files under MEDIA_ROOT with a backup's. The archive "
        "is checked first (checksums, migrations, versions); the files there now are moved aside, not "
        "deleted. Stop the site and its worker first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--noinput",
            "--no-input",
            "--yes",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *args, archive: Path, interactive: bool, **options) -> None:
        try:
            with restore_prepared(archive=archive) as prepared:
                if interactive and not self.confirmed(prepared):
                    raise CommandError("Restore cancelled; nothing changed.")
                outcome = restore_apply(prepared)
        except RestoreIncompleteError as error:
            raise CommandError(str(error)) from None
        except (BackupError, PostgresToolError) as error:
            raise CommandError(f"{archive} was not restored; nothing changed. {error}") from None
        self.stdout.write(f"Restored the database and {outcome.media_files:,} media files from {archive}.")
        if outcome.media_set_aside:
            self.stdout.write(f"The files that were in MEDIA_ROOT are in {outcome.media_set_aside}.")
        if outcome.pending_migrations:
            self.stdout.write(
                f"This code has {len(outcome.pending_migrations)} migrations the backup predates: "
                "run `manage.py migrate` (`manage.py start` does) before serving."
            )

    def confirmed(self, prepared: PreparedRestore) -> bool:
        manifest, server = prepared.manifest, prepared.server
        lines = [
            f"Backup of {manifest.created_at} (Jinaq {manifest.jinaq_version}, PostgreSQL "
            f"{manifest.server_version}, {len(manifest.media):,} media files).",
            f"This replaces everything in the database {server.database!r} on {server.host} "
            f"(PostgreSQL {server.version}) and moves the files in {prepared.media_root} aside.",
        ]
        if prepared.other_sessions:
            lines.append(
                f"{prepared.other_sessions} other connections to the database are open: stop the site and "
                "its worker first, or they will serve and write over the restore."
            )
        self.stdout.write("\n".join(lines))
        return input("Type 'yes' to continue: ").strip().lower() == "yes"

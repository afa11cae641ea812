"""Find each PDF volume's body structure again from its stored source, its ruled tables included:
for volumes imported before bodies had a structure (proceedings.editorial.restructure)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from proceedings.article_pdfs import is_pdf_source
from proceedings.editorial.jobs import import_bounds
from proceedings.editorial.restructure import volume_bodies_restructure
from proceedings.importer.types import ImportFileError
from proceedings.models import Proceedings
from proceedings.site.bounded import OverLimitError


class Command(BaseCommand):
    help = (
        "Give the articles of PDF volumes the structure (headings, rebuilt tables) the import makes of"
        " their lines, where their body is as imported; an edited body is left alone and reported."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--volume", metavar="SLUG", help="one volume (default: every PDF volume)")
        parser.add_argument("--dry-run", action="store_true", help="say what would change, store nothing")

    def handle(self, *args, volume: str | None, dry_run: bool, **options) -> None:
        volumes = [v for v in Proceedings.objects.order_by("pk") if is_pdf_source(v)]
        if volume is not None:
            volumes = [v for v in volumes if v.slug == volume]
            if not volumes:
                raise CommandError(f"No PDF volume has the slug {volume!r}.")
        totals = {"updated": 0, "unchanged": 0, "left alone": 0, "tables": 0}
        for chosen in volumes:
            try:
                found = volume_bodies_restructure(proceedings=chosen, dry_run=dry_run, bounds=import_bounds())
            except (ImportFileError, OverLimitError, OSError) as refusal:
                raise CommandError(f"{chosen.slug}: {refusal}") from refusal
            edited = f": article ids {', '.join(map(str, found.left_alone))}" if found.left_alone else ""
            self.stdout.write(
                f"{chosen.slug}: {found.updated} updated ({found.tables} tables),"
                f" {found.unchanged} unchanged, {len(found.left_alone)} left alone (edited since the import)"
                + edited
            )
            for key, value in zip(
                totals, (found.updated, found.unchanged, len(found.left_alone), found.tables), strict=True
            ):
                totals[key] += value
        summary = ", ".join(f"{value} {key}" for key, value in totals.items())
        self.stdout.write(
            f"{len(volumes)} volumes: {summary}" + (" (dry run: nothing stored)" if dry_run else "")
        )

"""`manage.py import_proceedings PATH`: split a proceedings file into articles and store them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from proceedings.importer.metadata import VolumeMetadata, read_sidecar, volume_metadata_from_mapping
from proceedings.importer.report import plan_to_json
from proceedings.importer.summary import PlanSummary, plan_summary
from proceedings.importer.types import ImportFileError, ImportPlan
from proceedings.models import Proceedings
from proceedings.services import import_plan_build, proceedings_import
from proceedings.transliteration import slug_from_text

METADATA_OPTIONS = (
    "title_kk", "title_ru", "title_en", "conference_name", "year", "date_start", "date_end",
    "place", "publisher", "isbn", "editors",
)  # fmt: skip
PROGRESS_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Import a proceedings file (text dumped from a PDF, or the PDF) as a volume of articles. "
        "Volume metadata come from the options, a sidecar JSON next to the file, or --volume."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--volume", help="slug of an existing volume to import into")
        parser.add_argument("--slug", help="slug of the new volume (default: from its title and year)")
        for name in METADATA_OPTIONS:
            parser.add_argument(f"--{name.replace('_', '-')}", dest=name)
        parser.add_argument("--publish", action="store_true", help="publish the volume (default: draft)")
        parser.add_argument("--dry-run", action="store_true", help="parse and report; write nothing")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--max-bytes", type=int, default=settings.JINAQ_IMPORT_MAX_BYTES, help="largest file accepted"
        )

    def handle(self, *args, path: Path, dry_run: bool, format: str, max_bytes: int, **options) -> None:
        data = read_file(path, max_bytes=max_bytes)
        progress = self.progress_bar if sys.stderr.isatty() and format == "text" else None
        try:
            if dry_run:
                plan = import_plan_build(
                    data=data, filename=path.name, max_bytes=max_bytes, progress=progress
                )
                summary = plan_summary(plan)
                self.report(report_json(plan, summary), summary.lines(), format=format)
                return
            volume, metadata = self.volume_and_metadata(path, options)
            outcome = proceedings_import(
                data=data,
                filename=path.name,
                max_bytes=max_bytes,
                metadata=metadata,
                volume=volume,
                publish=options["publish"],
                progress=progress,
            )
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        if outcome.same_file_already_imported:
            self.stdout.write(
                f"{path.name} is already imported as {outcome.proceedings.slug!r}; nothing changed."
            )
        else:
            summary = plan_summary(outcome.plan)
            lines = [
                f"volume {outcome.proceedings.slug!r} ({outcome.proceedings.get_status_display()}): "
                f"{outcome.created} articles stored, {outcome.already_present} already there; "
                f"suspected repeats kept: {len(outcome.suspected_repeats)}"
                + (
                    f"; word-for-word repeats left out, listed in the review: {outcome.duplicates_skipped}"
                    if outcome.duplicates_skipped
                    else ""
                ),
                *summary.lines(),
            ]
            self.report(report_json(outcome.plan, summary), lines, format=format)

    def volume_and_metadata(
        self, path: Path, options: dict
    ) -> tuple[Proceedings | None, VolumeMetadata | None]:
        if options["volume"]:
            try:
                return Proceedings.objects.get(slug=options["volume"]), None
            except Proceedings.DoesNotExist:
                raise CommandError(f"There is no volume with the slug {options['volume']!r}.") from None
        given = {name: options[name] for name in METADATA_OPTIONS if options[name]}
        # read_sidecar checks its fields' types, so the default slug below reads text only.
        mapping = {**read_sidecar(path), **given}
        if options["slug"]:
            mapping["slug"] = options["slug"]
        if not mapping.get("slug"):
            title = next(
                (
                    mapping.get(k)
                    for k in ("title_en", "title_kk", "title_ru", "conference_name")
                    if mapping.get(k)
                ),
                "",
            )
            mapping["slug"] = "-".join(
                filter(None, [slug_from_text(title, max_words=6), str(mapping.get("year") or "")])
            )
        return None, volume_metadata_from_mapping(mapping)

    def report(self, payload: dict, lines: list[str], *, format: str) -> None:
        if format == "json":
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1))
        else:
            for line in lines:
                self.stdout.write(line)

    def progress_bar(self, done: int, total: int) -> None:
        filled = PROGRESS_WIDTH * done // max(total, 1)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (PROGRESS_WIDTH - filled)}] {done}/{total} articles")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def report_json(plan: ImportPlan, summary: PlanSummary) -> dict:
    """The plan's JSON (each copy keeps its `duplicate_of`) and the suspected repeats, all kept."""
    return {**plan_to_json(plan), "suspected_repeats": summary.repeats_json()}


def read_file(path: Path, *, max_bytes: int) -> bytes:
    if not path.exists():
        raise CommandError(f"{path} does not exist.")
    if not path.is_file():
        raise CommandError(f"{path} is not a file.")
    size = path.stat().st_size
    if size > max_bytes:
        # Checked before reading: a huge file is refused without loading it into memory.
        raise CommandError(f"{path.name} is {size:,} bytes, over the limit of {max_bytes:,} (--max-bytes).")
    try:
        return path.read_bytes()
    except OSError as error:  # no permission, a disk error: the editor can act on the reason
        raise CommandError(f"{path.name} cannot be read ({error.strerror or error}).") from None

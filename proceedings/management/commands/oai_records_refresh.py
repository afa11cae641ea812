"""`manage.py oai_records_refresh`: bring every OAI-PMH record up to date with its article."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from proceedings.oai_records import oai_records_refresh_all


class Command(BaseCommand):
    help = (
        "Check every OAI-PMH record against its article and write those that differ (new datestamps "
        "tell harvesters to fetch them again). Run it after an upgrade that changed the records' "
        "contents; cheap when nothing changed."
    )

    def handle(self, *args, **options) -> None:
        written = oai_records_refresh_all()
        self.stdout.write(f"{written} OAI-PMH records written.")

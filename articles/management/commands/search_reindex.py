"""Rebuild every article's search entry (after a change to what the index holds)."""

from django.core.management.base import BaseCommand

from articles.search.index import search_reindex


class Command(BaseCommand):
    help = "Rebuild every article's search entry and the 'did you mean' vocabulary."

    def handle(self, *args, **options) -> None:
        def progress(done: int, total: int) -> None:
            self.stdout.write(f"\r{done}/{total} articles", ending="")
            self.stdout.flush()

        count = search_reindex(progress=progress)
        self.stdout.write(self.style.SUCCESS(f"\nRebuilt the search entries of {count} articles."))

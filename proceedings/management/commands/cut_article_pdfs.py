"""Cut every article's own PDF again from its volume's stored PDF (proceedings.article_pdfs):
for volumes imported before articles had PDFs, or after a source file was repaired."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from proceedings.article_pdfs import article_pdfs_recut, is_pdf_source
from proceedings.editorial.editing_source import ArticleEditError
from proceedings.models import Proceedings


class Command(BaseCommand):
    help = "Cut each article's PDF again from its volume's PDF (all PDF volumes, or those named)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("volumes", nargs="*", metavar="SLUG", help="volumes by slug (default: all)")

    def handle(self, *args, volumes: list[str], **options) -> None:
        chosen = Proceedings.objects.order_by("pk")
        if volumes:
            chosen = chosen.filter(slug__in=volumes)
            if unknown := sorted(set(volumes) - set(chosen.values_list("slug", flat=True))):
                raise CommandError(f"No volume has the slug {', '.join(unknown)}.")
        failed = False
        for volume in chosen:
            if not is_pdf_source(volume):
                self.stdout.write(f"{volume.slug}: came as text, nothing to cut")
                continue
            try:
                cut = article_pdfs_recut(proceedings=volume)
            except ArticleEditError as refusal:
                self.stderr.write(f"{volume.slug}: {refusal}")
                failed = True
                continue
            self.stdout.write(f"{volume.slug}: {cut} of {volume.articles.count()} articles have a PDF")
        if failed:
            raise CommandError("Some volumes could not be cut; see above.")

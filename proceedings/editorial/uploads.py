"""The editor's upload form: a new volume's metadata and its file, checked before anything is kept.

Every check an editor can act on at once runs here, so its message stands on the form: the
importer's own reading step (`read_source`: empty, too large, binary, encrypted or text-less PDF,
too many pages, undecodable text), a name that contradicts the content, and a file imported
before. The reading runs within the import's limits in a child process (proceedings/site/bounded.py),
so that a file built to exhaust memory or time stops there, not in the web server. What takes
time — splitting and storing the articles — runs in the background (proceedings/editorial/jobs.py).
"""

from __future__ import annotations

import itertools
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from proceedings.editorial.file_errors import refusal_in_language
from proceedings.editorial.job_messages import import_failure_message
from proceedings.editorial.jobs import import_bounds, sha256_hex
from proceedings.importer.metadata import VolumeMetadata, volume_metadata_from_mapping
from proceedings.importer.read import source_kind
from proceedings.importer.types import ImportFileError
from proceedings.models import ImportJob, ImportJobStatus, Proceedings
from proceedings.site.bounded import OverLimitError, bounded_call
from proceedings.transliteration import slug_from_text

ACCEPTED_SUFFIXES = {".pdf": "pdf", ".txt": "text"}
METADATA_FIELDS = [
    "title_kk",
    "title_ru",
    "title_en",
    "conference_name",
    "year",
    "date_start",
    "date_end",
    "place",
    "publisher",
    "isbn",
    "editors",
    "slug",
]
# The title a volume's address is made from: the first given, Latin before Cyrillic.
SLUG_SOURCES = ["title_en", "title_kk", "title_ru", "conference_name"]


class VolumeUploadForm(forms.ModelForm):
    """Model validation (slug taken, year, a name, dates in order) plus the file's checks."""

    source = forms.FileField(
        label=_("Proceedings file"),
        help_text=_("The proceedings as a PDF with a text layer, or the text exported from it (.txt)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.txt,application/pdf,text/plain"}),
    )

    class Meta:
        model = Proceedings
        fields = METADATA_FIELDS
        widgets = {
            "date_start": forms.DateInput(attrs={"type": "date"}),
            "date_end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, max_bytes: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes if max_bytes is not None else settings.JINAQ_IMPORT_MAX_BYTES
        self.source_data = b""
        self.source_kind = ""
        slug = self.fields["slug"]
        slug.required = False
        slug.help_text = _(
            "Part of the volume's address. Filled in from the title as you type, Kazakh and Russian "
            "letters spelled in Latin; change it if you like. Left empty, it is made from the title."
        )
        slug.widget.attrs["data-slug-url"] = reverse("admin:proceedings_proceedings_upload_slug")

    def clean_slug(self) -> str:
        """The editor's slug, or one made from the title (the fields before it are clean)."""
        given = self.cleaned_data.get("slug", "")
        if given:
            return given
        titles = [self.cleaned_data.get(name) or "" for name in SLUG_SOURCES]
        return volume_slug_from_title(titles=titles, year=self.cleaned_data.get("year"))

    def clean_source(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["source"]
        name = PurePath(upload.name or "").name
        kind = ACCEPTED_SUFFIXES.get(PurePath(name).suffix.lower())
        if kind is None:
            raise forms.ValidationError(
                _("Upload a PDF (.pdf) or a text file (.txt), not “%(name)s”."), params={"name": name}
            )
        if upload.size is not None and upload.size > self.max_bytes:  # refused before reading it
            raise forms.ValidationError(
                _("The file is %(size)s bytes, more than the %(limit)s bytes allowed."),
                params={"size": f"{upload.size:,}", "limit": f"{self.max_bytes:,}"},
            )
        data = upload.read()
        try:
            found = bounded_call(
                source_kind,
                data,
                filename=name,
                max_bytes=self.max_bytes,
                max_pages=settings.JINAQ_IMPORT_MAX_PAGES,
                bounds=import_bounds(),
            )
        except (ImportFileError, OverLimitError) as error:
            raise forms.ValidationError(import_failure_message(error, filename=name)) from None
        if found != kind:
            raise forms.ValidationError(
                _("“%(name)s” is named like a %(named)s file but holds %(found)s."),
                params={"name": name, "named": kind_label(kind), "found": kind_label(found)},
            )
        self.check_not_imported(sha256_hex(data))
        self.source_data, self.source_kind = data, kind
        return upload

    def check_not_imported(self, sha256: str) -> None:
        """Point at the volume that has this file already (or is importing it) instead of a copy."""
        earlier = Proceedings.objects.filter(source_sha256=sha256).first()
        if earlier is None:
            job = (
                ImportJob.objects.filter(
                    sha256=sha256, status__in=[ImportJobStatus.QUEUED, ImportJobStatus.RUNNING]
                )
                .select_related("volume")
                .first()
            )
            earlier = job.volume if job else None
        if earlier is not None:
            link = format_html(
                '<a href="{}">{}</a>',
                reverse("admin:proceedings_proceedings_change", args=[earlier.pk]),
                earlier,
            )
            # One sentence with a placeholder, so every language can put the volume where it belongs.
            raise forms.ValidationError(
                format_html(_("This file has been uploaded already, as {volume}."), volume=link)
            )

    def full_clean(self) -> None:
        """After Django's checks (model constraints included), the importer's rules for a volume
        (slug pattern, ISBN), as the command line applies them; they build `self.metadata`."""
        super().full_clean()
        if not self.is_bound or self._errors:
            return
        try:
            self.metadata = volume_metadata_from_mapping(
                {name: self.cleaned_data.get(name) for name in METADATA_FIELDS}
            )
        except ImportFileError as error:
            self.add_error(None, refusal_in_language(str(error)))

    metadata: VolumeMetadata


def volume_slug_from_title(*, titles: list[str], year: int | None) -> str:
    """A free slug from the first title given and the year ('zhas-ghalymdar-alemi-2025'), with
    '-2', '-3'… when another volume has it; '' when no title gives one. The upload form's script
    asks for it as the editor types (ProceedingsAdmin.upload_slug_view), so both ways agree."""
    words = next((slug for title in titles if (slug := slug_from_text(title))), "")
    if not words:
        return ""
    stem = f"{words}-{year}" if year else words
    taken = set(Proceedings.objects.filter(slug__startswith=stem).values_list("slug", flat=True))
    candidates = (stem if n == 1 else f"{stem}-{n}" for n in itertools.count(1))
    return next(slug for slug in candidates if slug not in taken)


def kind_label(kind: str) -> str:
    return str(_("PDF")) if kind == "pdf" else str(_("text"))


class ImportSizeLimitHandler(FileUploadHandler):
    """First of settings.FILE_UPLOAD_HANDLERS: past JINAQ_IMPORT_MAX_BYTES a file's bytes are
    counted, no longer kept, and the form receives an empty stand-in with the true size, which
    it refuses with its usual message. (The front server should still cap request bodies.)"""

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        return None if self.received > settings.JINAQ_IMPORT_MAX_BYTES else raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if self.received <= settings.JINAQ_IMPORT_MAX_BYTES:
            return None  # the next handler (memory or temporary file) has it all
        stand_in = SimpleUploadedFile(self.file_name or "", b"", content_type=self.content_type)
        stand_in.size = self.received
        return stand_in

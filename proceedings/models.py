"""One volume of a conference's proceedings. Articles live in `articles`, people in `authors`."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class ProceedingsStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def source_upload_path(instance: Proceedings, filename: str) -> str:
    """Uploaded sources are kept under the volume's slug; the name is never executed or served raw."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "txt"
    safe_suffix = suffix if suffix in {"txt", "pdf"} else "bin"
    return f"proceedings/{instance.slug}/source.{safe_suffix}"


# The volume's facts an editor may give in each language beside the one printed (`place` and
# `place_kk`, `place_ru`, `place_en`): pages and reference lists read them through `localized`.
LOCALIZED_FACTS = ("conference_name", "place", "publisher")


class Proceedings(models.Model):
    title_kk = models.CharField(_("title (Kazakh)"), max_length=500, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=500, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    # As printed in the volume; the `_kk/_ru/_en` fields give it in each language where known.
    conference_name = models.CharField(_("conference"), max_length=500, blank=True)
    conference_name_kk = models.CharField(_("conference (Kazakh)"), max_length=500, blank=True)
    conference_name_ru = models.CharField(_("conference (Russian)"), max_length=500, blank=True)
    conference_name_en = models.CharField(_("conference (English)"), max_length=500, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    date_start = models.DateField(_("first day"), null=True, blank=True)
    date_end = models.DateField(_("last day"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    place_kk = models.CharField(_("place (Kazakh)"), max_length=200, blank=True)
    place_ru = models.CharField(_("place (Russian)"), max_length=200, blank=True)
    place_en = models.CharField(_("place (English)"), max_length=200, blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    publisher_kk = models.CharField(_("publisher (Kazakh)"), max_length=300, blank=True)
    publisher_ru = models.CharField(_("publisher (Russian)"), max_length=300, blank=True)
    publisher_en = models.CharField(_("publisher (English)"), max_length=300, blank=True)
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True)
    editors = models.TextField(_("editors"), blank=True, help_text=_("One editor per line."))
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    source_file = models.FileField(_("source file"), upload_to=source_upload_path, blank=True)
    source_sha256 = models.CharField(_("SHA-256 of the source file"), max_length=64, blank=True)
    # Shown beside the link to the whole volume ("PDF, 120 pages, 3.4 MB"); set by the import.
    source_pages = models.PositiveIntegerField(
        _("pages of the source PDF"), null=True, blank=True, editable=False
    )
    source_size = models.PositiveBigIntegerField(
        _("size of the source file in bytes"), null=True, blank=True, editable=False
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProceedingsStatus.choices, default=ProceedingsStatus.DRAFT
    )
    # Repeated articles imports into this volume left out without listing them (imports now keep
    # each as a NonArticlePart); null for volumes imported before it was counted (the review page
    # then says "not recorded").
    duplicates_skipped = models.PositiveIntegerField(_("duplicates skipped"), null=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("proceedings volume")
        verbose_name_plural = _("proceedings volumes")
        ordering = ["-year", "-date_start", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ProceedingsStatus.values), name="proceedings_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1900) & Q(year__lte=2100), name="proceedings_year_plausible"
            ),
            models.CheckConstraint(
                condition=Q(date_start__isnull=True)
                | Q(date_end__isnull=True)
                | Q(date_end__gte=models.F("date_start")),
                name="proceedings_dates_ordered",
                violation_error_message=_("The last day comes before the first day."),
            ),
            models.CheckConstraint(
                condition=~Q(title_kk="") | ~Q(title_ru="") | ~Q(title_en="") | ~Q(conference_name=""),
                name="proceedings_has_a_name",
                violation_error_message=_("Give the volume a title in one language or a conference name."),
            ),
            models.UniqueConstraint(
                fields=["source_sha256"],
                condition=~Q(source_sha256=""),
                name="proceedings_source_unique",
                violation_error_message=_("This file has been imported into another volume already."),
            ),
        ]

    def __str__(self) -> str:
        """The title in the active language where given (the admin, its messages), else another."""
        return self.title(get_language() or "kk") or self.slug

    def localized_name(self, language: str) -> str:
        return self.title(language)

    def localized(self, field: str, language: str) -> str:
        """One of LOCALIZED_FACTS in `language` where an editor gave it, else as printed (a
        Russian page shows the printed Kazakh name rather than an English translation), else in
        another language. 'title' is the title's own fallback over the languages."""
        if field == "title":
            return self.title(language)
        if field not in LOCALIZED_FACTS:
            raise ValueError(f"{field!r} is not kept per language: one of {LOCALIZED_FACTS}")
        candidates = [f"{field}_{language}", field, *(f"{field}_{code}" for code in ("kk", "ru", "en"))]
        return next((value for name in candidates if (value := getattr(self, name, ""))), "")

    def title(self, language: str = "kk") -> str:
        """The title in `language`, falling back to the other languages, then the conference name."""
        order = [language, *[code for code in ("kk", "ru", "en") if code != language]]
        for code in order:
            value = getattr(self, f"title_{code}", "")
            if value:
                return value
        return self.conference_name

    @property
    def is_published(self) -> bool:
        return self.status == ProceedingsStatus.PUBLISHED


SECTION_LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]


class Section(models.Model):
    """A section of a volume ('ЮРИДИЧЕСКИЕ НАУКИ', 'НОМИНАЦИЯ «…»'): its heading groups the
    articles after it on the volume's page. The import creates them from the headings it set
    aside (proceedings.importer.sections); editors rename, reorder, add and delete them, and
    choose an article's. Deleting one leaves its articles in the volume, in no section.
    """

    proceedings = models.ForeignKey(
        Proceedings, on_delete=models.CASCADE, related_name="sections", verbose_name=_("volume")
    )
    position = models.PositiveIntegerField(_("position in the volume"), default=1)
    # As shown (the import's sentence case of a heading in capitals); in another language where given.
    title = models.CharField(_("title"), max_length=500)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=500, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=500, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    printed_title = models.CharField(_("title as printed"), max_length=500, blank=True, editable=False)
    # The language `title` is in, for the page's lang attribute (the import tells it from the text).
    language = models.CharField(_("language"), max_length=2, choices=SECTION_LANGUAGES, blank=True)
    # The first line of its heading in the source file; null for a section an editor added.
    source_line = models.PositiveIntegerField(_("line in the source file"), null=True, blank=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["proceedings", "position", "id"]
        constraints = [models.CheckConstraint(condition=~Q(title=""), name="section_has_a_title")]

    def __str__(self) -> str:
        return self.title

    def localized_name(self, language: str) -> str:
        """The title in `language` where an editor gave it, else as shown (templates' `localized`)."""
        return getattr(self, f"title_{language}", "") or self.title

    def name_language(self, language: str) -> str:
        """The language `localized_name(language)` is in ('' when not known)."""
        return language if getattr(self, f"title_{language}", "") else self.language


class ImportJobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")


def import_upload_path(instance: ImportJob, filename: str) -> str:
    """A random name under imports/: the editor's file name never reaches the disk. The suffix
    says what the content is (the upload form read it), not what the file was called."""
    suffix = "pdf" if instance.kind == "pdf" else "txt"
    return f"imports/{uuid.uuid4().hex}.{suffix}"


class ImportJob(models.Model):
    """One uploaded file on its way into a draft volume, imported by a background task.

    The file waits under imports/ until the task ran; then it goes (the volume keeps its own copy
    as `source_file`). When the import fails, the volume the upload created goes too: `volume`
    becomes NULL and `volume_key` still finds this row, so the page that was watching the import
    can say why it failed.
    """

    volume = models.ForeignKey(
        Proceedings,
        verbose_name=_("volume"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_jobs",
    )
    volume_key = models.PositiveBigIntegerField(_("volume id at upload"), db_index=True)
    upload = models.FileField(_("uploaded file"), upload_to=import_upload_path, blank=True)
    filename = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10, default="text")
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportJobStatus.choices, default=ImportJobStatus.QUEUED
    )
    done = models.PositiveIntegerField(_("articles read"), default=0)
    total = models.PositiveIntegerField(_("articles found"), default=0)
    created = models.PositiveIntegerField(_("articles created"), default=0)
    duplicates_skipped = models.PositiveIntegerField(_("duplicates skipped"), default=0)
    # In English, for the log and the command line; editors read message_code and message_params
    # worded in their own language (proceedings.editorial.job_messages). Rows from before the
    # codes have only this.
    message = models.TextField(_("message"), blank=True)
    message_code = models.CharField(_("message code"), max_length=40, blank=True)
    message_params = models.JSONField(_("message figures"), default=dict, blank=True)
    language = models.CharField(_("editor's language"), max_length=10, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ImportJobStatus.values), name="import_job_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(done__lte=models.F("total")), name="import_job_progress_valid"
            ),
            # Two editors uploading the same file at once: one import, the other gets a form error.
            models.UniqueConstraint(
                fields=["sha256"],
                condition=Q(status__in=[ImportJobStatus.QUEUED, ImportJobStatus.RUNNING]),
                name="import_job_one_per_file",
                violation_error_message=_("This file is being imported already."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in {ImportJobStatus.DONE, ImportJobStatus.FAILED}


class ContentGeneration(models.Model):
    """One row whose token changes whenever what readers see changes: a cached public page is
    good only under the token it was rendered with (proceedings/site/page_cache.py).

    In the database rather than the cache: every worker process, the import worker and each read
    replica then agree on it, and a replica hands out a token only together with the data it came
    with (a token in Redis could run ahead of a lagging replica and stamp old data as new).
    """

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("content generation")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="content_generation_single_row")]

    def __str__(self) -> str:
        return self.token


class OaiRecord(models.Model):
    """What OAI-PMH harvesters were told about an article: one row per article that was ever in a
    published volume, kept after the article row is gone (a tombstone), so a harvester learns of a
    withdrawal instead of keeping the record for ever (articles/oai, `deletedRecord` persistent).

    `article_id` is no foreign key because the row outlives the article. The volume and language
    are the last ones published: a deleted record stays in the sets it was harvested through
    (its volume's while the volume exists).
    `datestamp` moves only when what a harvester would read changes — `metadata_hash` is the
    record as last written — so refreshing an unchanged article costs a harvester nothing.
    Kept by proceedings.oai_records.
    """

    article_id = models.BigIntegerField(_("article id"), primary_key=True)
    # No constraint: the row outlives its volume too, and a deletion's cascade may refresh the
    # record after the volume's row is marked for deletion. A volume that is gone is no set.
    proceedings = models.ForeignKey(
        Proceedings,
        verbose_name=_("volume"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # the set index below leads with it
    )
    language = models.CharField(_("language"), max_length=2)
    datestamp = models.DateTimeField(_("datestamp"))
    deleted = models.BooleanField(_("deleted"), default=False)
    metadata_hash = models.CharField(_("metadata hash"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("OAI-PMH record")
        verbose_name_plural = _("OAI-PMH records")
        # Harvests page by (datestamp, article_id), the whole archive or one set.
        indexes = [
            models.Index(fields=["datestamp", "article_id"], name="oai_record_datestamp"),
            models.Index(fields=["proceedings", "datestamp", "article_id"], name="oai_record_volume"),
            models.Index(fields=["language", "datestamp", "article_id"], name="oai_record_language"),
        ]

    def __str__(self) -> str:
        return f"article/{self.article_id}{' (deleted)' if self.deleted else ''}"


class NonArticleKind(models.TextChoices):
    FRONT_MATTER = "front_matter", _("Front matter")
    REPEAT = "repeat", _("Repeat left out")
    # An article an editor deleted in the admin: not front matter, so not called so.
    REMOVED = "removed", _("Deleted by an editor")


class RepeatReason(models.TextChoices):
    """Why a repeat is out of the articles: what the import or the editor knew."""

    SAME_TEXT = "same_text", _("the same text, word for word")
    EDITOR = "editor", _("an editor removed it as a repeat")


class NonArticlePart(models.Model):
    """Lines of a volume's source kept out of its articles on purpose, so that none is lost.

    Front matter an editor said is not an article (a foreword, a committee list the importer
    took for one), and repeats left out (a copy the import judged the same text as a kept
    article, or one an editor removed). Page furniture is not stored here: the review reads it
    again from the source (proceedings.editorial.editing_source). Every part can become an
    article again (proceedings.editorial.non_articles); its lines are raw line numbers of the
    volume's source file, as an article's are, and `slug` and `former_slugs` are the addresses it
    had as an article, given back with it.
    """

    proceedings = models.ForeignKey(
        Proceedings, verbose_name=_("volume"), on_delete=models.CASCADE, related_name="non_article_parts"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NonArticleKind.choices)
    source_start_line = models.PositiveIntegerField(_("first line in the source file"))
    source_end_line = models.PositiveIntegerField(_("last line in the source file"))
    # Where its text began when it was an article (null: unknown), for giving the header back.
    body_start_line = models.PositiveIntegerField(
        _("first body line in the source file"), null=True, blank=True
    )
    first_page = models.PositiveIntegerField(_("first page"), null=True, blank=True)
    last_page = models.PositiveIntegerField(_("last page"), null=True, blank=True)
    title = models.TextField(_("title"), blank=True)
    first_words = models.TextField(_("first words"), blank=True)
    # The kept article a repeat repeats; null when it is no longer in the volume.
    repeat_of = models.ForeignKey(
        "articles.Article",
        verbose_name=_("repeats"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    repeat_reason = models.CharField(
        _("why it is a repeat"), max_length=20, choices=RepeatReason.choices, blank=True
    )
    slug = models.SlugField(_("slug"), max_length=200, blank=True)
    former_slugs = ArrayField(
        models.SlugField(max_length=200), verbose_name=_("former slugs"), default=list, blank=True
    )
    # What an editor had changed by hand on it as an article ({"marks": [...], "values": {group:
    # value}}, articles.hand_edits), given back with it: the source cannot give those.
    hand_edits = models.JSONField(_("hand edits"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("part that is no article")
        verbose_name_plural = _("parts that are no articles")
        ordering = ["proceedings", "source_start_line"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=NonArticleKind.values), name="non_article_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(source_end_line__gte=models.F("source_start_line")) & Q(source_start_line__gte=1),
                name="non_article_lines_ordered",
            ),
            models.UniqueConstraint(
                fields=["proceedings", "source_start_line"], name="non_article_unique_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.source_start_line}–{self.source_end_line}"

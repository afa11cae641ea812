"""Hostile uploads: files built to cost a reader far more than their size (too many pages, a page of
a great many objects) fail their import with the limit they hit, in the editor's language, while
the worker that ran them imports the next upload.

The uploads are queued through the service the upload form calls, not through the form: the form
reads the file within the same limits and would refuse them first (the last tests). The worker is
the real one (`manage.py worker --batch`, in this process); each file is read in a child process.
"""

from __future__ import annotations

import time

import pytest
from django.urls import reverse
from django.utils import translation

from articles.models import Article
from proceedings.editorial.job_messages import import_job_message
from proceedings.editorial.jobs import import_job_create
from proceedings.importer.metadata import VolumeMetadata
from proceedings.models import ImportJob, ImportJobStatus, Proceedings
from tests.factories import staff_user
from tests.proceedings.hostile_pdfs import pdf_of_many_lines, pdf_of_one_endless_line, pdf_of_pages
from tests.proceedings.site.test_worker import run_resilient_worker
from tests.proceedings.test_upload_import import TITLES, files_under
from tests.proceedings.upload_samples import VOLUME_FIELDS, proceedings_pdf, proceedings_text, upload

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "progress"])


def queue(data: bytes, filename: str, *, slug: str, language: str = "en") -> ImportJob:
    kind = "pdf" if filename.endswith(".pdf") else "text"
    return import_job_create(
        metadata=VolumeMetadata(slug=slug, year=2026, title_kk="Жинақ"),
        data=data,
        filename=filename,
        kind=kind,
        user=staff_user(f"editor-{slug}", editor=True),
        language=language,
    )


def run_hostile_then_normal(
    hostile: bytes, *, language: str = "en", good_pdf: bool = False
) -> tuple[ImportJob, ImportJob, float]:
    """Queue the hostile file, then a good one; run the worker over both: how each ended, and
    how long the worker took."""
    bad = queue(hostile, "hostile.pdf", slug="hostile", language=language)
    if good_pdf:
        good = queue(proceedings_pdf(), "volume.pdf", slug="good")
    else:
        good = queue(proceedings_text(), "volume.txt", slug="good")
    started = time.monotonic()
    run_resilient_worker()
    elapsed = time.monotonic() - started
    bad.refresh_from_db()
    good.refresh_from_db()
    return bad, good, elapsed


def assert_nothing_imported_and_the_next_upload_was(bad: ImportJob, good: ImportJob, media_root) -> None:
    good_volume = Proceedings.objects.get(slug="good")
    assert (bad.status, bad.volume, bad.upload.name) == (ImportJobStatus.FAILED, None, "")
    # As for any failed import: the draft the upload made had no article and goes; no file stays.
    assert not Proceedings.objects.filter(slug="hostile").exists()
    assert Article.objects.exclude(proceedings=good_volume).count() == 0
    own_pdfs = [article.pdf.name for article in good_volume.articles.exclude(pdf="")]
    assert files_under(media_root) == sorted([good_volume.source_file.name, *own_pdfs])
    assert (good.status, good.created) == (ImportJobStatus.DONE, 2)
    assert list(good_volume.articles.order_by("position").values_list("title", flat=True)) == TITLES


def message_in(job: ImportJob, language: str) -> str:
    """The job's message as an editor reading in `language` sees it."""
    with translation.override(language):
        return import_job_message(job)


@pytest.fixture(autouse=True)
def heartbeat_file(settings, tmp_path):
    settings.JINAQ_WORKER_HEARTBEAT = tmp_path / "worker-heartbeat.json"


def test_pdf_of_too_many_pages_fails_before_any_page_is_read_in_the_editors_language(settings, media_root):
    settings.JINAQ_IMPORT_MAX_PAGES = 20

    bad, good, _ = run_hostile_then_normal(pdf_of_pages(30), language="ru")

    assert message_in(bad, "ru") == (
        "В файле hostile.pdf страниц: 30, а импорт читает не больше 20. Разделите PDF на части не "
        "длиннее 20 страниц каждая и загрузите их по отдельности или попросите администратора "
        "повысить предел."
    )
    assert_nothing_imported_and_the_next_upload_was(bad, good, media_root)


def test_pdf_slower_to_read_than_the_time_allowed_is_stopped_at_the_limit(settings, media_root):
    settings.JINAQ_IMPORT_SECONDS = 2
    hostile = pdf_of_many_lines(200_000)  # some 13 s to read on this machine's cores, alone

    bad, good, elapsed = run_hostile_then_normal(hostile)

    assert bad.message == (
        "Reading hostile.pdf took longer than the 2 seconds an import may take, so it was stopped and "
        "nothing was imported. Split the file into smaller parts and upload each, or export it again "
        "from the original: a file this slow to read is often built unusually."
    )
    assert elapsed < 8  # both imports, the good one's reading included
    assert_nothing_imported_and_the_next_upload_was(bad, good, media_root)


def test_pdf_that_needs_more_memory_than_allowed_is_stopped_in_its_child(settings, media_root):
    # The reader's own libraries take some 100 MB of it; a small volume's PDF, cut into its
    # articles' PDFs too, fits in the rest; the endless line needs 500.
    settings.JINAQ_IMPORT_MEMORY_MB = 200

    bad, good, _ = run_hostile_then_normal(pdf_of_one_endless_line(16), language="kk", good_pdf=True)

    assert bad.message.startswith("Reading hostile.pdf needed more than the 200 MB of memory")  # the log's
    assert message_in(bad, "kk") == (
        "hostile.pdf файлын оқу импортқа рұқсат етілген 200 МБ жадтан көп жад қажет етті, сондықтан ол "
        "тоқтатылды және ештеңе импортталмады. Файлды кішірек бөліктерге бөліп, әрқайсысын жүктеңіз "
        "немесе оны түпнұсқадан қайта экспорттаңыз."
    )
    assert_nothing_imported_and_the_next_upload_was(bad, good, media_root)
    assert Proceedings.objects.get(slug="good").articles.exclude(pdf="").count() == 2


def post_upload(client, data: bytes, name: str):
    return client.post(
        reverse("admin:proceedings_proceedings_upload"), {**VOLUME_FIELDS, "source": upload(name, data)}
    )


def test_upload_form_refuses_a_pdf_of_too_many_pages_and_keeps_nothing(editor_client, settings, media_root):
    settings.JINAQ_IMPORT_MAX_PAGES = 20

    response = post_upload(editor_client, pdf_of_pages(21), "long.pdf")

    assert response.context["form"].errors["source"] == [
        "long.pdf has 21 pages, more than the 20 pages an import may read. Split the PDF into parts of "
        "at most 20 pages and upload each, or ask an administrator to raise the limit."
    ]
    assert (Proceedings.objects.count(), ImportJob.objects.count(), files_under(media_root)) == (0, 0, [])


def test_upload_form_stops_reading_a_slow_pdf_at_the_time_allowed(editor_client, settings, media_root):
    settings.JINAQ_IMPORT_SECONDS = 2
    started = time.monotonic()

    response = post_upload(editor_client, pdf_of_many_lines(200_000), "slow.pdf")

    assert time.monotonic() - started < 6
    assert response.context["form"].errors["source"] == [
        "Reading slow.pdf took longer than the 2 seconds an import may take, so it was stopped and "
        "nothing was imported. Split the file into smaller parts and upload each, or export it again "
        "from the original: a file this slow to read is often built unusually."
    ]
    assert (Proceedings.objects.count(), ImportJob.objects.count(), files_under(media_root)) == (0, 0, [])

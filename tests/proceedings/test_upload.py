"""The upload form in the admin: who may use it, and every bad file refused on the form with
nothing left behind (no volume, no job, no queued task, no file)."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from proceedings.editorial.uploads import ImportSizeLimitHandler
from proceedings.models import ImportJob, ImportJobStatus, Proceedings, ProceedingsStatus
from tests.builders import build_image_only_pdf, build_pdf
from tests.factories import ProceedingsFactory, staff_user
from tests.proceedings.upload_samples import VOLUME_FIELDS, proceedings_pdf, proceedings_text, upload

pytestmark = pytest.mark.django_db

UPLOAD_URL = "admin:proceedings_proceedings_upload"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 48
    + b"This program cannot be run"
)


def files_under(root) -> list[str]:
    return (
        sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())
        if root.exists()
        else []
    )


def left_behind(media_root) -> tuple[int, int, int, list[str]]:
    return (
        Proceedings.objects.count(),
        ImportJob.objects.count(),
        DBTaskResult.objects.count(),
        files_under(media_root),
    )


def post_upload(client, source, **fields):
    return client.post(reverse(UPLOAD_URL), {**VOLUME_FIELDS, **fields, "source": source})


def test_upload_page_answers_editors_only(client):
    url = reverse(UPLOAD_URL)
    anonymous = client.get(url)
    client.force_login(staff_user("clerk", editor=False))
    clerk = client.get(url).status_code
    clerk_post = client.post(
        url, {**VOLUME_FIELDS, "source": upload("v.txt", proceedings_text())}
    ).status_code
    client.force_login(staff_user("editor", editor=True))
    editor = client.get(url)

    assert (anonymous.status_code, anonymous["Location"].split("?")[0]) == (302, reverse("admin:login"))
    assert (clerk, clerk_post, editor.status_code) == (403, 403, 200)
    assert Proceedings.objects.count() == 0
    assert b'enctype="multipart/form-data"' in editor.content


def test_changelist_links_to_the_upload_form(editor_client):
    page = editor_client.get(reverse("admin:proceedings_proceedings_changelist")).content.decode()

    assert f'href="{reverse(UPLOAD_URL)}"' in page


BAD_UPLOADS = {
    "png renamed pdf": (lambda: upload("volume.pdf", PNG), "binary file"),
    "exe renamed txt": (lambda: upload("volume.txt", EXE), "binary file"),
    "exe": (lambda: upload("setup.exe", EXE), "Upload a PDF (.pdf) or a text file (.txt)"),
    "empty": (lambda: upload("volume.txt", b""), "The submitted file is empty."),
    "blank": (lambda: upload("volume.txt", b"  \n\n  "), "the file is empty"),
    "encrypted pdf": (
        lambda: upload("volume.pdf", build_pdf([["ТЕКСТ"]], encrypt=True)),
        "password-protected",
    ),
    "image-only pdf": (lambda: upload("volume.pdf", build_image_only_pdf()), "no text layer"),
    "half a pdf": (
        lambda: upload("volume.pdf", proceedings_pdf()[: len(proceedings_pdf()) // 2]),
        "the PDF is damaged or incomplete",
    ),
    "undecodable text": (
        lambda: upload("volume.txt", bytes(range(128, 256)) * 40),
        "could not be recognised",
    ),
    "text named pdf": (
        lambda: upload("volume.pdf", proceedings_text()),
        "named like a PDF file but holds text",
    ),
}


@pytest.mark.parametrize("case", BAD_UPLOADS)
def test_bad_upload_is_refused_on_the_form_and_leaves_nothing(editor_client, media_root, case):
    source, expected = BAD_UPLOADS[case]

    response = post_upload(editor_client, source())

    errors = response.context["form"].errors
    assert response.status_code == 200
    assert any(expected in message for message in errors.get("source", [])), errors
    assert left_behind(media_root) == (0, 0, 0, [])


def test_too_large_upload_is_refused_before_it_is_read(editor_client, media_root, settings):
    settings.JINAQ_IMPORT_MAX_BYTES = 100

    response = post_upload(editor_client, upload("volume.txt", proceedings_text()))

    received = response.context["form"].files["source"]
    assert response.status_code == 200
    assert response.context["form"].errors["source"] == [
        f"The file is {len(proceedings_text()):,} bytes, more than the 100 bytes allowed."
    ]
    assert received.size == len(proceedings_text())
    assert left_behind(media_root) == (0, 0, 0, [])


def feed(chunks: list[bytes]) -> tuple[list[bytes | None], object]:
    """What the upload handler passes on to the next handler, and what it gives the form."""
    handler = ImportSizeLimitHandler()
    handler.new_file("source", "volume.txt", "text/plain", None)
    passed_on = [handler.receive_data_chunk(chunk, 0) for chunk in chunks]
    return passed_on, handler.file_complete(sum(map(len, chunks)))


def test_upload_handler_counts_the_bytes_past_the_limit_and_keeps_none(settings):
    settings.JINAQ_IMPORT_MAX_BYTES = 10

    over_passed, stand_in = feed([b"12345678", b"90abcdef"])
    within = feed([b"12345", b"67890"])

    assert over_passed == [b"12345678", None]
    assert (stand_in.name, stand_in.size, stand_in.read()) == ("volume.txt", 16, b"")
    assert within == ([b"12345", b"67890"], None)  # within the limit the next handler keeps the file


def test_volume_metadata_errors_show_on_the_form(editor_client, media_root):
    taken = ProceedingsFactory(slug="taken-2025")

    response = post_upload(
        editor_client,
        upload("volume.txt", proceedings_text()),
        title_kk="",
        title_en="",
        slug=taken.slug,
        date_start="2026-04-20",
        date_end="2026-04-18",
        isbn="12345",
    )

    form = response.context["form"]
    assert response.status_code == 200
    assert form.errors["slug"] == ["Proceedings volume with this Slug already exists."]
    assert "Give the volume a title in one language or a conference name." in form.non_field_errors()
    assert "The last day comes before the first day." in form.non_field_errors()
    assert left_behind(media_root)[:3] == (1, 0, 0)


def test_isbn_checked_as_the_command_line_checks_it(editor_client, media_root):
    response = post_upload(editor_client, upload("volume.txt", proceedings_text()), isbn="12345")

    assert response.context["form"].non_field_errors() == ["ISBN '12345' is not a valid ISBN-10 or ISBN-13."]
    assert left_behind(media_root) == (0, 0, 0, [])


def test_good_upload_creates_a_draft_volume_and_queues_its_import(editor_client, media_root):
    response = post_upload(editor_client, upload("Жинақ 2026.txt", proceedings_text()))

    volume = Proceedings.objects.get()
    job = ImportJob.objects.get()
    task = DBTaskResult.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:proceedings_proceedings_review", args=[volume.pk])
    assert (volume.slug, volume.status, volume.title_kk) == (
        "student-conference-2026",
        ProceedingsStatus.DRAFT,
        "Студенттік ғылыми конференция",
    )
    assert (job.volume, job.status, job.filename, job.kind, job.created_by.username) == (
        volume,
        ImportJobStatus.QUEUED,
        "Жинақ 2026.txt",
        "text",
        "editor",
    )
    assert (task.task_path, task.args_kwargs) == (
        "proceedings.editorial.tasks.proceedings_import_job",
        {"args": [], "kwargs": {"job_id": job.pk}},
    )
    # The file waits under a generated name; the editor's file name never reaches the disk.
    assert files_under(media_root) == [job.upload.name]
    assert job.upload.name.startswith("imports/")
    assert job.upload.name.endswith(".txt")
    assert (media_root / job.upload.name).read_bytes() == proceedings_text()
    assert volume.import_jobs.get() == job


def test_uploaded_pdf_is_kept_as_a_pdf(editor_client, media_root):
    post_upload(editor_client, upload("volume.PDF", proceedings_pdf()))

    job = ImportJob.objects.get()
    assert (job.kind, job.upload.name.endswith(".pdf")) == ("pdf", True)


def test_same_file_as_an_imported_volume_points_at_it(editor_client, media_root):
    earlier = ProceedingsFactory(
        slug="earlier-2025", source_sha256=hashlib.sha256(proceedings_text()).hexdigest()
    )

    response = post_upload(editor_client, upload("again.txt", proceedings_text()))

    (message,) = response.context["form"].errors["source"]
    assert response.status_code == 200
    assert reverse("admin:proceedings_proceedings_change", args=[earlier.pk]) in message
    assert f'<a href="{reverse("admin:proceedings_proceedings_change", args=[earlier.pk])}">' in (
        response.content.decode()
    )
    assert left_behind(media_root)[:3] == (1, 0, 0)


def test_same_file_uploaded_twice_before_its_import_ran_is_one_volume(editor_client, media_root):
    post_upload(editor_client, upload("volume.txt", proceedings_text()))

    again = post_upload(editor_client, upload("copy.txt", proceedings_text()), slug="another-slug-2026")

    (message,) = again.context["form"].errors["source"]
    assert "This file has been uploaded already" in message
    assert (Proceedings.objects.count(), ImportJob.objects.count(), DBTaskResult.objects.count()) == (1, 1, 1)


def test_upload_whose_import_died_with_its_worker_frees_its_file(editor_client, media_root):
    post_upload(editor_client, upload("volume.txt", proceedings_text()))
    ImportJob.objects.update(
        status=ImportJobStatus.RUNNING, updated_at=timezone.now() - datetime.timedelta(hours=2)
    )

    again = post_upload(editor_client, upload("volume.txt", proceedings_text()))

    jobs = list(ImportJob.objects.order_by("pk").values_list("status", "volume__slug"))
    assert again.status_code == 302
    assert jobs == [("failed", None), ("queued", "student-conference-2026")]
    assert ImportJob.objects.order_by("pk").first().message.startswith("The import did not finish")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_upload_of_wide_text_without_bom_is_accepted(editor_client, media_root, encoding):
    data = proceedings_text().decode().encode(encoding)

    response = post_upload(editor_client, upload("volume.txt", data))

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert (job.kind, (media_root / job.upload.name).read_bytes()) == ("text", data)

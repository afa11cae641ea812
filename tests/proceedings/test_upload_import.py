"""An uploaded volume through the background import: the real database queue, the real worker
(`manage.py db_worker --batch` in this process), progress as the browser polls it, drafts that
readers cannot see until the volume is published, and failures that leave nothing behind.

These tests commit (transaction=True): the import runs in its own transaction, and its progress
is written through a second connection that only sees committed rows.
"""

from __future__ import annotations

import pytest
from django.contrib.admin.models import ADDITION, DELETION, LogEntry
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from authors.models import Person
from proceedings.editorial.jobs import import_job_status
from proceedings.importer.metadata import volume_metadata_from_mapping
from proceedings.models import ImportJob, ImportJobStatus, Proceedings, ProceedingsStatus
from proceedings.services import proceedings_import
from tests.proceedings.upload_samples import VOLUME_FIELDS, proceedings_pdf, proceedings_text, upload
from tests.task_worker import run_worker

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "progress"])

TITLES = [
    "ЖАСАНДЫ ИНТЕЛЛЕКТ ЖӘНЕ СПОРТ ЖУРНАЛИСТИКАСЫ",
    "МЕДИАГРАМОТНОСТЬ СТУДЕНТОВ В ЭПОХУ СОЦИАЛЬНЫХ СЕТЕЙ",
]


@pytest.fixture
def editor_client(client):
    # A superuser: transactional tests empty the tables, the Editors group from the migration
    # included (the group's own tests are in test_upload.py and test_editors_group.py).
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(User.objects.create_superuser("chief", password="not-used"))
    return client


def upload_volume(client, data: bytes, name: str) -> Proceedings:
    response = client.post(
        reverse("admin:proceedings_proceedings_upload"), {**VOLUME_FIELDS, "source": upload(name, data)}
    )
    assert response.status_code == 302, response.context["form"].errors
    return Proceedings.objects.get(slug=VOLUME_FIELDS["slug"])


def status_of(client, volume_id: int) -> dict:
    response = client.get(reverse("admin:proceedings_proceedings_import_status", args=[volume_id]))
    assert "no-store" in response["Cache-Control"]
    return response.json()


def files_under(root) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def author_counts() -> dict[str, int]:
    return {"as author": sum(Person.objects.values_list("articles_as_author", flat=True))}


def public_article_statuses(client, slugs: list[str]) -> list[int]:
    return [client.get(reverse("article_detail", args=[slug])).status_code for slug in slugs]


@pytest.mark.parametrize(
    ("name", "data"), [("volume.txt", proceedings_text), ("volume.pdf", proceedings_pdf)]
)
def test_uploaded_file_imports_in_the_background_as_a_draft_then_publishes(
    editor_client, name, data, media_root
):
    volume = upload_volume(editor_client, data(), name)
    queued = status_of(editor_client, volume.pk)

    run_worker()

    done = status_of(editor_client, volume.pk)
    volume.refresh_from_db()
    slugs = list(volume.articles.order_by("position").values_list("slug", flat=True))
    assert (queued["status"], queued["finished"]) == ("queued", False)
    assert {key: done[key] for key in ("status", "done", "total", "finished", "created")} == {
        "status": "done",
        "done": 2,
        "total": 2,
        "finished": True,
        "created": 2,
    }
    assert done["message"] == "2 articles imported; the volume is a draft until you publish it."
    assert list(volume.articles.order_by("position").values_list("title", flat=True)) == TITLES
    assert (volume.status, volume.source_sha256 != "") == (ProceedingsStatus.DRAFT, True)
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    # The waiting copy is gone; the volume keeps its source under its own safe name, and a PDF
    # volume's articles their own PDFs beside it.
    suffix = name.rsplit(".", 1)[1]
    own_pdfs = sorted(str(article.pdf) for article in volume.articles.all()) if suffix == "pdf" else []
    assert files_under(media_root) == sorted([*own_pdfs, f"proceedings/{volume.slug}/source.{suffix}"])
    assert len(own_pdfs) in {0, 2}
    assert ImportJob.objects.get().upload.name == ""
    history = LogEntry.objects.filter(object_id=str(volume.pk)).order_by("pk")
    assert [(entry.user.username, entry.get_change_message()) for entry in history] == [
        ("chief", f"Uploaded {name}; its import is queued."),
        ("chief", f"Imported {name}: 2 articles imported; the volume is a draft until you publish it."),
    ]

    reader = Client()
    drafts = public_article_statuses(reader, slugs)
    draft_search = reader.get("/api/search", {"q": "медиаграмотность"}).json()["count"]
    draft_volume = reader.get(reverse("volume_detail", args=[volume.slug])).status_code
    draft_counts = author_counts()
    editor_client.post(reverse("admin:proceedings_proceedings_publish", args=[volume.pk]))
    published = public_article_statuses(reader, slugs)
    published_search = reader.get("/api/search", {"q": "медиаграмотность"}).json()["count"]

    assert (drafts, draft_search, draft_volume) == ([404, 404], 0, 404)
    assert (published, published_search) == ([200, 200], 1)
    # The author index counts published articles only: it follows the publication.
    assert (draft_counts, author_counts()) == ({"as author": 0}, {"as author": 2})


def test_failing_import_removes_the_volume_and_file_and_tells_why(editor_client, media_root):
    # The same file reaches the archive through the command line while the upload waits.
    volume = upload_volume(editor_client, proceedings_text(), "volume.txt")
    elsewhere = proceedings_import(
        data=proceedings_text(),
        filename="volume.txt",
        max_bytes=10**6,
        metadata=volume_metadata_from_mapping(
            {"slug": "from-the-terminal", "year": 2026, "title_en": "Terminal"}
        ),
    ).proceedings

    run_worker()

    status = status_of(editor_client, volume.pk)
    assert {key: status[key] for key in ("status", "finished", "message")} == {
        "status": "failed",
        "finished": True,
        "message": "This file was imported already, as “Terminal”.",
    }
    assert list(Proceedings.objects.values_list("slug", flat=True)) == [elsewhere.slug]
    assert files_under(media_root) == [elsewhere.source_file.name]
    assert ImportJob.objects.get().volume is None
    page = editor_client.get(reverse("admin:proceedings_proceedings_upload")).content.decode()
    assert "This file was imported already, as “Terminal”." in page
    history = LogEntry.objects.filter(object_id=str(volume.pk)).order_by("pk")
    assert [(entry.action_flag, entry.user.username) for entry in history] == [
        (ADDITION, "chief"),
        (DELETION, "chief"),
    ]


def test_unexpected_failure_removes_the_volume_and_is_recorded_for_the_administrators(
    editor_client, media_root
):
    volume = upload_volume(editor_client, proceedings_text(), "volume.txt")
    (media_root / ImportJob.objects.get().upload.name).unlink()  # the disk lost the waiting file

    run_worker()

    status = status_of(editor_client, volume.pk)
    task = DBTaskResult.objects.get()
    assert (status["status"], status["message"]) == (
        "failed",
        "The import failed unexpectedly; the administrators can see why in the log.",
    )
    assert (task.status, task.exception_class_path) == ("FAILED", "builtins.FileNotFoundError")
    assert (Proceedings.objects.count(), files_under(media_root)) == (0, [])


def test_import_limit_lowered_while_the_upload_waited_is_reported(editor_client, media_root, settings):
    volume = upload_volume(editor_client, proceedings_text(), "volume.txt")
    settings.JINAQ_IMPORT_MAX_BYTES = 10

    run_worker()

    assert status_of(editor_client, volume.pk)["message"] == (
        f"volume.txt: the file is {len(proceedings_text()):,} bytes, more than the 10 bytes allowed."
    )
    assert (Proceedings.objects.count(), files_under(media_root)) == (0, [])


def test_volume_deleted_before_its_import_ran_fails_cleanly(editor_client, media_root):
    volume = upload_volume(editor_client, proceedings_text(), "volume.txt")
    volume.delete()

    run_worker()

    job = ImportJob.objects.get()
    assert (job.status, job.message) == (
        ImportJobStatus.FAILED,
        "The volume was deleted before its file was imported.",
    )
    assert files_under(media_root) == []


def test_progress_is_visible_to_others_while_the_import_transaction_is_open(editor_client):
    """The status endpoint reads committed rows; the import's own transaction is still open
    when the importer reports, so the report must go through the second connection."""
    from django.db import connections, transaction  # noqa: PLC0415

    from proceedings.editorial.jobs import progress_reporter  # noqa: PLC0415

    volume = upload_volume(editor_client, proceedings_text(), "volume.txt")
    job = ImportJob.objects.get()
    ImportJob.objects.update(status=ImportJobStatus.RUNNING)
    seen = {}
    with transaction.atomic():
        progress_reporter(job_id=job.pk)(1, 2)
        with connections["progress"].cursor() as cursor:  # another session: what a browser sees
            cursor.execute("SELECT done, total FROM proceedings_importjob WHERE id = %s", [job.pk])
            seen["other session"] = cursor.fetchone()
        transaction.set_rollback(True)

    progress_reporter(job_id=job.pk)(2, 2)
    saving = import_job_status(volume)

    assert seen == {"other session": (1, 2)}
    assert (saving["done"], saving["total"], saving["label"]) == (2, 2, "Saving the articles")

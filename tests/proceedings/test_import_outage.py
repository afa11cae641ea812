"""An import whose database goes away under it: not the file's fault, so nothing of the editor's
upload may be lost — the job is not failed (that deletes the draft volume and the stored file),
its task queues it again, and the worker imports the volume; a file whose import loses the
database every time fails after IMPORT_ATTEMPTS, with a message.

The fault is real: half-way through the import, another session ends the import's PostgreSQL
backend (pg_terminate_backend, what a crash or a restart does to every session), so the next
statement of the import meets a closed connection. The soak (bench/soak.py) does the same with
`kill -9` of the postmaster under the real worker.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.db import OperationalError, connection, connections
from django_tasks_db.models import DBTaskResult

from proceedings.editorial import jobs
from proceedings.editorial.jobs import import_job_create, import_job_run
from proceedings.importer.metadata import volume_metadata_from_mapping
from proceedings.models import ImportJob, ImportJobStatus, Proceedings
from tests.proceedings.upload_samples import VOLUME_FIELDS, proceedings_text
from tests.task_worker import run_worker

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "progress"])


def backend_ended_at_first_progress(monkeypatch, *, imports: int = 1) -> list[int]:
    """Wrap the import's progress reports so that the first of each of the first `imports`
    imports ends the import's backend."""
    ended: list[int] = []
    reporter = jobs.progress_reporter

    def progress_reporter(*, job_id: int):
        report = reporter(job_id=job_id)
        first = [len(ended) < imports]

        def report_then_end_the_import_session(done: int, total: int) -> None:
            report(done, total)
            if first.pop() if first else False:
                backend = connection.connection.info.backend_pid
                with connections["progress"].cursor() as cursor:
                    cursor.execute("SELECT pg_terminate_backend(%s)", [backend])
                ended.append(backend)

        return report_then_end_the_import_session

    monkeypatch.setattr(jobs, "progress_reporter", progress_reporter)
    monkeypatch.setattr(jobs, "RUN_AGAIN_AFTER", datetime.timedelta(0))
    return ended


def upload() -> ImportJob:
    return import_job_create(
        metadata=volume_metadata_from_mapping(VOLUME_FIELDS),
        data=proceedings_text(),
        filename="volume.txt",
        kind="text",
        user=User.objects.create_superuser("outage-editor", password="not-used"),
        language="en",  # the job's messages are said in the uploader's language
    )


def test_an_import_cut_off_from_its_database_keeps_the_upload(monkeypatch, media_root):
    job = upload()
    ended = backend_ended_at_first_progress(monkeypatch)

    with pytest.raises(OperationalError):
        import_job_run(job_id=job.pk)
    connection.close()  # as the worker does before it carries on (proceedings/site/worker.py)

    cut_off = ImportJob.objects.get(pk=job.pk)
    assert ended, "the import's session was never ended: the test proved nothing"
    assert cut_off.status == ImportJobStatus.RUNNING  # not failed: the worker runs it again
    assert Proceedings.objects.filter(pk=job.volume_key).exists()
    assert (media_root / cut_off.upload.name).is_file()
    assert Proceedings.objects.get(pk=job.volume_key).articles.count() == 0  # nothing half-written


def test_the_worker_imports_it_again_once_the_database_answers(monkeypatch, media_root):
    job = upload()
    ended = backend_ended_at_first_progress(monkeypatch)

    run_worker()  # the first run loses its database and queues the job again; the second imports

    done = ImportJob.objects.get(pk=job.pk)
    assert len(ended) == 1
    assert done.status == ImportJobStatus.DONE, done.message
    assert done.created == Proceedings.objects.get(pk=job.volume_key).articles.count() > 0
    assert list(DBTaskResult.objects.order_by("enqueued_at").values_list("status", "return_value")) == [
        ("SUCCESSFUL", ImportJobStatus.QUEUED),
        ("SUCCESSFUL", ImportJobStatus.DONE),
    ]


def test_an_import_that_loses_its_database_every_time_fails_after_the_last_attempt(monkeypatch, media_root):
    job = upload()
    ended = backend_ended_at_first_progress(monkeypatch, imports=jobs.IMPORT_ATTEMPTS)

    run_worker()

    failed = ImportJob.objects.get(pk=job.pk)
    assert len(ended) == jobs.IMPORT_ATTEMPTS == DBTaskResult.objects.count()
    assert failed.status == ImportJobStatus.FAILED
    assert failed.message.startswith(f"The database stopped during this import {jobs.IMPORT_ATTEMPTS} times")


def test_an_error_of_a_statement_on_a_working_connection_still_fails_the_job(monkeypatch, media_root):
    """A database error that is no outage (here a statement the server refuses) is the import's
    own failure: the job fails and says so, and the draft goes, as before."""
    job = upload()

    def refused(**_):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 / 0")

    monkeypatch.setattr(jobs, "proceedings_import", refused)
    with pytest.raises(Exception, match="division by zero"):
        import_job_run(job_id=job.pk)

    failed = ImportJob.objects.get(pk=job.pk)
    assert failed.status == ImportJobStatus.FAILED
    assert not Proceedings.objects.filter(pk=job.volume_key).exists()

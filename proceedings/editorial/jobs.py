"""An uploaded volume's background import: queue it, run it, report on it.

The upload form (proceedings/editorial/uploads.py) has already refused files the importer cannot read;
what is left for the background is the slow part, `proceedings_import`, the same service as the
command line. Its progress is written through a second database connection ("progress" in
settings.DATABASES): the import runs in one transaction, and the editor's browser must see the
counter move before that transaction commits. For the same reason `import_job_run` must be
called outside any transaction (the worker does).

A failed import leaves nothing behind: the draft volume the upload created and the stored file
are deleted, and the job row keeps the message for the page that was watching it — as a code and
its figures, worded for whoever reads it (proceedings/editorial/job_messages.py).
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import time
from typing import Any

from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from proceedings.editorial.file_errors import ALREADY_IMPORTED, VOLUME_DELETED
from proceedings.editorial.job_messages import JobMessage, import_failure, import_job_message
from proceedings.importer.metadata import VolumeMetadata
from proceedings.importer.types import ImportFileError
from proceedings.models import ImportJob, ImportJobStatus, Proceedings
from proceedings.services import ImportOutcome, proceedings_import
from proceedings.site.bounded import Bounds, OverLimitError
from proceedings.site.worker import connection_lost

logger = logging.getLogger(__name__)

PROGRESS_DATABASE = "progress"
PROGRESS_INTERVAL_SECONDS = 0.5  # at most two progress writes a second, whatever the file's size
# A job that has not moved for this long lost its worker (stopped, killed) or never had one.
STALE_AFTER = datetime.timedelta(hours=1)
# An import the database went away under runs again after a pause, at most this often in all: a
# file whose import brings the server down each time must end, as a failed job.
IMPORT_ATTEMPTS = 3
RUN_AGAIN_AFTER = datetime.timedelta(seconds=5)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@transaction.atomic
def import_job_create(
    *,
    metadata: VolumeMetadata,
    data: bytes,
    filename: str,
    kind: str,
    user: AbstractBaseUser,
    language: str = "",
) -> ImportJob:
    """Create the draft volume, keep the file and queue its import; all or nothing.

    The task is queued in the same transaction (the database backend stores it as a row), so a
    worker never sees a job whose volume is not committed, and a failed upload queues nothing.
    """
    from proceedings.editorial.tasks import proceedings_import_job  # noqa: PLC0415 - the task module imports this one

    volume = Proceedings.objects.create(**metadata.as_mapping())
    job = ImportJob(
        volume=volume,
        volume_key=volume.pk,
        filename=filename[-255:],
        kind=kind,
        sha256=sha256_hex(data),
        created_by=user,
        language=language,
    )
    job.upload.save(filename, ContentFile(data), save=False)
    stored = job.upload.name
    try:
        job.save()
        LogEntry.objects.log_actions(
            user_id=user.pk,
            queryset=[volume],
            action_flag=ADDITION,
            change_message=_("Uploaded %(file)s; its import is queued.") % {"file": job.filename},
            single_object=True,
        )
        proceedings_import_job.enqueue(job_id=job.pk)
    except BaseException:
        job.upload.storage.delete(stored)
        raise
    return job


def import_job_run(*, job_id: int) -> str:
    """Import a queued job's file into its draft volume; returns the job's final status.

    Expected failures (a file with no articles, a volume deleted meanwhile) end as a failed job
    with the importer's message; anything else too, and is raised again for the worker's record.
    """
    job = ImportJob.objects.select_related("volume").get(pk=job_id)
    # A job found running lost its database mid-import: that import's transaction went down with
    # its connection, and the worker runs the task again (proceedings/site/worker.py).
    if job.finished:
        return job.status
    with translation.override(job.language or settings.LANGUAGE_CODE):
        import_job_update(job_id=job.pk, status=ImportJobStatus.RUNNING, started_at=timezone.now())
        try:
            import_job_finish(job, outcome=import_job_import(job))
        except (ImportFileError, OverLimitError) as error:
            if isinstance(error, OverLimitError):  # the administrators may want to raise the limit
                logger.warning("The import of job %s (%s) was stopped: %s", job.pk, job.filename, error)
            import_job_fail(job, message=import_failure(error, filename=job.filename))
            return ImportJobStatus.FAILED
        except BaseException as error:
            if connection_lost(error):
                # A crash or restart of the database under the import: its transaction went down
                # with the connection and nothing of it was kept. Not the file's fault, so the
                # job is not failed — that would delete the editor's draft and file — and the
                # task queues it again (import_job_queue_again).
                logger.warning("The database went away under the import of job %s.", job.pk)
                raise
            logger.exception("The import of job %s failed", job.pk)
            import_job_fail(job, message=JobMessage("unexpected"))
            raise
    return ImportJobStatus.DONE


def import_job_queue_again(*, job_id: int) -> str:
    """Queue again an import the database went away under (the task calls this; returns what
    became of the job). Its connections are opened afresh first — the embedded server, if it
    died, is started again by connecting. While the database stays down this raises, and the
    worker waits for it (proceedings/site/worker.py) and runs this task again."""
    from proceedings.editorial.tasks import proceedings_import_job  # noqa: PLC0415 - the task module imports this one

    for connection in connections.all(initialized_only=True):
        connection.close()
    tasks = DBTaskResult.objects.filter(
        task_path=proceedings_import_job.module_path, args_kwargs__kwargs__job_id=job_id
    )
    job = ImportJob.objects.get(pk=job_id)
    if tasks.count() >= IMPORT_ATTEMPTS:
        with translation.override(job.language or settings.LANGUAGE_CODE):
            import_job_fail(job, message=JobMessage("database_stopped", {"count": IMPORT_ATTEMPTS}))
        return ImportJobStatus.FAILED
    import_job_update(job_id=job_id, status=ImportJobStatus.QUEUED)
    proceedings_import_job.using(run_after=timezone.now() + RUN_AGAIN_AFTER).enqueue(job_id=job_id)
    return ImportJobStatus.QUEUED


def import_job_import(job: ImportJob) -> ImportOutcome:
    """Run the import, or raise ImportFileError with the reason."""
    if job.volume is None:
        raise ImportFileError(VOLUME_DELETED)  # in English, as the importer words its refusals
    with job.upload.open("rb") as upload:
        data = upload.read()
    outcome = proceedings_import(
        data=data,
        filename=job.filename,
        max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
        max_pages=settings.JINAQ_IMPORT_MAX_PAGES,
        bounds=import_bounds(),
        volume=job.volume,
        publish=False,
        progress=progress_reporter(job_id=job.pk),
    )
    if outcome.same_file_already_imported:
        raise ImportFileError(ALREADY_IMPORTED % {"volume": outcome.proceedings})
    return outcome


def import_bounds() -> Bounds:
    """What an upload's import may take: the task worker reads no editor's file itself."""
    return Bounds(seconds=settings.JINAQ_IMPORT_SECONDS, memory_mb=settings.JINAQ_IMPORT_MEMORY_MB)


def progress_reporter(*, job_id: int) -> Any:
    """The importer's progress callback: writes done/total through the second connection."""
    last_write = 0.0

    def report(done: int, total: int) -> None:
        nonlocal last_write
        now = time.monotonic()
        if done < total and now - last_write < PROGRESS_INTERVAL_SECONDS:
            return
        last_write = now
        # Inside the import's transaction: through the second connection, committed at once.
        import_job_update(job_id=job_id, using=PROGRESS_DATABASE, done=done, total=total)

    return report


def import_job_update(*, job_id: int, using: str = "default", **fields: Any) -> None:
    ImportJob.objects.using(using).filter(pk=job_id).update(**fields, updated_at=timezone.now())


def import_job_finish(job: ImportJob, *, outcome: ImportOutcome) -> None:
    """Record the result, in the job and in the volume's history (on behalf of the uploader)."""
    found = len(outcome.plan.articles) if outcome.plan else 0
    message = JobMessage("imported", {"count": outcome.created})
    if job.created_by_id is not None:
        LogEntry.objects.log_actions(
            user_id=job.created_by_id,
            queryset=[outcome.proceedings],
            action_flag=CHANGE,
            change_message=_("Imported %(file)s: %(message)s")
            % {"file": job.filename, "message": message.text()},
            single_object=True,
        )
    import_job_update(
        job_id=job.pk,
        status=ImportJobStatus.DONE,
        done=found,
        total=found,
        created=outcome.created,
        duplicates_skipped=outcome.duplicates_skipped,
        **job_message_fields(message),
        finished_at=timezone.now(),
    )
    import_job_discard_upload(job)


def job_message_fields(message: JobMessage) -> dict[str, Any]:
    """The job's columns for `message`: what it means, and its English for the log."""
    return {"message_code": message.code, "message_params": message.params, "message": message.english()}


def import_job_fail(job: ImportJob, *, message: JobMessage) -> None:
    """Record the failure and remove what the upload created: its draft volume and its file.

    The import itself rolled back, so the volume has no articles; one that has some (added by
    hand while the job waited) is left alone.
    """
    volume = Proceedings.objects.filter(pk=job.volume_key, articles__isnull=True).first()
    if volume is not None:
        if job.created_by_id is not None:  # the volume's history says where it went
            LogEntry.objects.log_actions(
                user_id=job.created_by_id,
                queryset=[volume],
                action_flag=DELETION,
                change_message=_("The import failed, so the draft was removed: %(reason)s")
                % {"reason": message.text()},
                single_object=True,
            )
        volume.delete()
    import_job_update(
        job_id=job.pk,
        status=ImportJobStatus.FAILED,
        **job_message_fields(message),
        finished_at=timezone.now(),
    )
    import_job_discard_upload(job)


def import_jobs_fail_stale() -> int:
    """Give up on jobs that stopped moving, as on a failed import, so their file can be uploaded
    again (a queued or running job keeps its file to itself); returns how many there were."""
    stale = ImportJob.objects.filter(
        status__in=[ImportJobStatus.QUEUED, ImportJobStatus.RUNNING],
        updated_at__lt=timezone.now() - STALE_AFTER,
    )
    jobs = list(stale)
    for job in jobs:
        with translation.override(job.language or settings.LANGUAGE_CODE):
            import_job_fail(job, message=JobMessage("stale"))
    return len(jobs)


def import_job_discard_upload(job: ImportJob) -> None:
    if job.upload:
        job.upload.storage.delete(job.upload.name)
        ImportJob.objects.filter(pk=job.pk).update(upload="")


def import_job_status(volume: Proceedings | int) -> dict[str, Any]:
    """The latest upload's state for a volume's review page (and its JSON endpoint).

    `volume` may be an id: after a failed import the volume is gone, and the page that was
    watching it still asks. Volumes imported from the command line have no job: status "none".
    """
    key = volume if isinstance(volume, int) else volume.pk
    job = ImportJob.objects.filter(volume_key=key).order_by("-created_at", "-pk").first()
    if job is None:
        return {
            "status": "none",
            "label": "",
            "done": 0,
            "total": 0,
            "message": "",
            "finished": True,
            "duplicates_skipped": None,  # no job: the volume itself keeps the count (Proceedings)
        }
    saving = job.status == ImportJobStatus.RUNNING and 0 < job.total == job.done
    return {
        "status": job.status,
        # The last stretch (storing the articles, the search index) reports no progress of its own.
        "label": _("Saving the articles") if saving else str(job.get_status_display()),
        "done": job.done,
        "total": job.total,
        "message": import_job_message(job),  # in the reader's language, whoever uploaded it
        "finished": job.finished,
        "filename": job.filename,
        "created": job.created,
        "duplicates_skipped": job.duplicates_skipped if job.status == ImportJobStatus.DONE else None,
    }

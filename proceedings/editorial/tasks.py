"""Background tasks (django-tasks, database backend: `manage.py worker` runs them)."""

from __future__ import annotations

from django_tasks import task

from proceedings.editorial.jobs import import_job_queue_again, import_job_run
from proceedings.site.worker import DATABASE_LOST, connection_lost


@task()
def proceedings_import_job(*, job_id: int) -> str:
    """Import an uploaded file into its draft volume (proceedings.editorial.jobs.import_job_run);
    when the database went away under it, queue it to run again (import_job_queue_again)."""
    try:
        return import_job_run(job_id=job_id)
    except DATABASE_LOST as error:
        if not connection_lost(error):
            raise
        return import_job_queue_again(job_id=job_id)

"""Background tasks (django-tasks, database backend: `manage.py worker` runs them)."""

from __future__ import annotations

from django_tasks import task

from proceedings.editorial.jobs import import_job_run


@task()
def proceedings_import_job(*, job_id: int) -> str:
    """Import an uploaded file into its draft volume (proceedings.editorial.jobs.import_job_run)."""
    return import_job_run(job_id=job_id)

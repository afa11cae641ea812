"""`manage.py worker`: the background task worker — django-tasks' `db_worker`, with its options,
kept alive across database outages and writing a heartbeat (proceedings/site/worker.py).
`serve` and `start` run it and start it again when it dies."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from proceedings.site.worker import Heartbeat, ResilientWorker


class Command(db_worker.Command):
    help = (
        "Run the background task worker (uploaded volumes' imports): it waits out database "
        "outages and writes a heartbeat for /healthz."
    )

    def handle(self, *, verbosity: int, reload: bool, **options) -> None:
        self.configure_logging(verbosity)
        heartbeat = Heartbeat(settings.JINAQ_WORKER_HEARTBEAT, worker_id=options["worker_id"])
        worker = ResilientWorker(heartbeat=heartbeat, **worker_options(**options))
        if reload and not options["batch"]:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":  # the child that runs the tasks
                heartbeat.start()
                worker.configure_signals()
            run_with_reloader(worker.run)
            return
        heartbeat.start()
        worker.configure_signals()
        try:
            worker.run()
        finally:
            heartbeat.stop()


def worker_options(
    *,
    queue_name: str,
    exclude_queues: str,
    interval: float,
    batch: bool,
    backend_name: str,
    startup_delay: bool,
    max_tasks: int | None,
    worker_id: str,
    **_ignored,
) -> dict:
    """db_worker's parsed options as its Worker takes them (refused as db_worker refuses them)."""
    queue_names = queue_name.split(",")
    excluded_queue_names = exclude_queues.split(",") if exclude_queues else []
    if excluded_queue_names and "*" not in queue_names:
        raise CommandError("--exclude-queues can only be used with --queue-name=*")
    return {
        "queue_names": queue_names,
        "excluded_queue_names": excluded_queue_names,
        "interval": interval,
        "batch": batch,
        "backend_name": backend_name,
        "startup_delay": startup_delay,
        "max_tasks": max_tasks,
        "worker_id": worker_id,
    }

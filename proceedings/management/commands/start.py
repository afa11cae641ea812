"""`manage.py start`: everything a fresh clone needs to serve the archive at http://127.0.0.1:8000.

Migrates, imports (and publishes) the bundled proceedings in fixtures/ when they are not in the
database yet, then runs the development server. Each step is a no-op the second time. Next to
the server runs the background worker (`manage.py worker`) that imports the volumes editors
upload in the admin; it is started again if it dies, and stops with the server.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from proceedings.services import proceedings_import_bundled
from proceedings.site import serve


class Command(BaseCommand):
    help = "Prepare the database (migrate, bundled data) and serve the site on 127.0.0.1:8000."

    def add_arguments(self, parser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-serve", action="store_true", help="prepare the database and stop")

    def handle(self, *args, addrport: str, no_serve: bool, **options) -> None:
        # runserver's autoreloader runs this command again in a child process (RUN_MAIN=true);
        # the parent has prepared the database already.
        if os.environ.get("RUN_MAIN") != "true":
            call_command("migrate", interactive=False, verbosity=0)
            for outcome in proceedings_import_bundled():
                if not outcome.same_file_already_imported:
                    self.stdout.write(
                        f"Imported {outcome.created} articles into {outcome.proceedings.slug!r}."
                    )
            self.stdout.write("Database ready.")
        if no_serve:
            return
        # whitenoise expects STATIC_ROOT to exist even when it serves from the finders.
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
        worker = self.start_worker() if os.environ.get("RUN_MAIN") != "true" else None
        try:
            call_command("runserver", addrport)
        finally:
            if worker is not None:
                worker.stop()

    def start_worker(self) -> SupervisedWorker:
        """The upload imports' worker, in its own process (the autoreloading server restarts its
        child on every code change; the worker lives beside the parent, without reloading), and
        started again whenever it dies."""
        self.stdout.write("Background worker started (imports of uploaded volumes).")
        return SupervisedWorker(
            serve.worker_command(settings.BASE_DIR / "manage.py"),
            environ={**os.environ, "JINAQ_NO_BOOTSTRAP": "1"},
            say=lambda line: self.stderr.write(f"start: {line}"),
        )


class SupervisedWorker:
    """The task worker and a thread of this process that starts it again when it exits
    (serve.RestartingProcess), until `stop()`."""

    def __init__(self, command: list[str], *, environ: dict[str, str], say) -> None:
        self.child = serve.RestartingProcess(command, environ=environ, name="the task worker", say=say)
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.supervise, name="worker-supervisor", daemon=True)
        self.thread.start()

    def supervise(self) -> None:
        while not self.stopping.wait(0.5):
            self.child.check()

    def stop(self) -> None:
        """The worker finishes the task it is running, then exits (killed after a minute)."""
        self.stopping.set()
        self.thread.join()
        serve.stop({self.child.process: serve.WORKER_STOP_TIMEOUT})

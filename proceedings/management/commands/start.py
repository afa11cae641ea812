"""`manage.py start`: everything a fresh clone needs to serve the archive at http://127.0.0.1:8000.

Migrates, imports (and publishes) the bundled proceedings in fixtures/ when they are not in the
database yet, then runs the development server. Each step is a no-op the second time. Next to
the server runs the background worker (`manage.py db_worker`) that imports the volumes editors
upload in the admin; it stops with the server.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from proceedings.services import proceedings_import_bundled


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
                self.stop_worker(worker)

    def start_worker(self) -> subprocess.Popen:
        """The upload imports' worker, in its own process (the autoreloading server restarts its
        child on every code change; the worker lives beside the parent, without reloading)."""
        self.stdout.write("Background worker started (imports of uploaded volumes).")
        return subprocess.Popen(
            [sys.executable, str(settings.BASE_DIR / "manage.py"), "db_worker", "--no-reload"],
            env={**os.environ, "JINAQ_NO_BOOTSTRAP": "1"},
            start_new_session=True,  # Ctrl-C reaches the server only; the worker gets one clean stop
        )

    @staticmethod
    def stop_worker(worker: subprocess.Popen) -> None:
        if worker.poll() is None:
            worker.terminate()  # the worker finishes the task it is running, then exits
            try:
                worker.wait(timeout=60)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()

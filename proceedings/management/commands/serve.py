"""`manage.py serve`: the site in production — gunicorn and the task worker (proceedings/site/serve.py)."""

from __future__ import annotations

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from proceedings.site import serve


class Command(BaseCommand):
    help = (
        "Serve the site in production: gunicorn (JINAQ_BIND or PORT, JINAQ_WORKERS, JINAQ_THREADS) "
        "and the background task worker. Refuses to start without production settings."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--migrate", action="store_true", help="apply migrations before serving")

    def handle(self, *args, migrate: bool, **options) -> None:
        try:
            plan = serve.server_plan(os.environ, cores=serve.available_cores())
        except ValueError as error:
            raise CommandError(str(error)) from error
        problems = serve.settings_problems(os.environ)
        if not problems and migrate:
            call_command("migrate", interactive=False, verbosity=1)
        problems = problems or serve.database_problems()
        if problems:
            raise CommandError("refusing to serve:\n  - " + "\n  - ".join(problems))
        kind = f"gthread, {plan.threads} threads each" if plan.threads > 1 else "sync"
        self.stdout.write(
            f"Serving on {plan.bind}: {plan.workers} gunicorn workers ({kind}) and the task worker."
        )
        self.stdout.flush()
        exit_code = serve.supervise(
            server=serve.server_command(),
            worker=serve.worker_command(settings.BASE_DIR / "manage.py"),
            environ=os.environ,
            say=lambda line: self.stderr.write(f"serve: {line}"),
        )
        if exit_code:
            sys.exit(exit_code)

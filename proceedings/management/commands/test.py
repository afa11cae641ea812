"""`manage.py test` runs the project's pytest suite (unit, PostgreSQL and browser tests).

Django's own test runner is replaced because the suite is written for pytest-django; any extra
arguments go to pytest unchanged (`manage.py test tests/authors -k merge`).
"""

from __future__ import annotations

import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the whole test suite with pytest; extra arguments are passed to pytest."

    def add_arguments(self, parser) -> None:
        parser.add_argument("pytest_args", nargs="*", help="arguments for pytest")

    def run_from_argv(self, argv: list[str]) -> None:
        # Take everything after `test` verbatim so pytest options (-k, -x, --lf) need no escaping.
        os.chdir(settings.BASE_DIR)
        os.execv(sys.executable, [sys.executable, "-m", "pytest", *argv[2:]])

    def handle(self, *args, **options) -> None:  # pragma: no cover - run_from_argv never returns
        raise NotImplementedError

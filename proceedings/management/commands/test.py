"""`manage.py test` runs the project's pytest suite (unit, PostgreSQL and browser tests).

Django's own test runner is replaced because the suite is written for pytest-django; any extra
arguments go to pytest unchanged (`manage.py test tests/authors -k merge`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

CHROMIUM = Path("/usr/bin/chromium")


def ensure_chromium() -> None:
    """Install Debian's Chromium for the browser tests when it is missing (never a downloaded browser).

    Needs root and apt-get, as on the development and CI machines; elsewhere it says what to do
    and the browser tests fail with the same advice.
    """
    if CHROMIUM.exists():
        return
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        sys.stderr.write("Browser tests need Debian's chromium package: sudo apt-get install chromium\n")
        return
    print("Installing Debian's chromium package for the browser tests...", flush=True)
    install = ["apt-get", "install", "-y", "-q", "chromium"]
    quiet = {"stdout": subprocess.DEVNULL, "env": {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}}
    if subprocess.run(install, check=False, **quiet).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], check=False, **quiet)
        subprocess.run(install, check=False, **quiet)


class Command(BaseCommand):
    help = "Run the whole test suite with pytest; extra arguments are passed to pytest."

    def add_arguments(self, parser) -> None:
        parser.add_argument("pytest_args", nargs="*", help="arguments for pytest")

    def run_from_argv(self, argv: list[str]) -> None:
        # Take everything after `test` verbatim so pytest options (-k, -x, --lf) need no escaping.
        os.chdir(settings.BASE_DIR)
        ensure_chromium()
        os.execv(sys.executable, [sys.executable, "-m", "pytest", *argv[2:]])

    def handle(self, *args, **options) -> None:  # pragma: no cover - run_from_argv never returns
        raise NotImplementedError

"""The background worker, run inside a test: the uploads' imports as production runs them."""

from __future__ import annotations

import signal

from django.core.management import call_command


def run_worker() -> None:
    """Run every queued task, as `manage.py db_worker --batch` does, then give back the signals
    the worker took over (Ctrl-C must still stop pytest)."""
    handlers = {
        number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
    }
    try:
        call_command(
            "db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0", verbosity=0
        )
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)

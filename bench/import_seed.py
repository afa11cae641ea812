"""How long importing the bundled seed takes: the pure pipeline, and the whole import into PostgreSQL.

    .venv/bin/python bench/import_seed.py [--repeat 5]

The database import runs inside a transaction that is rolled back, so it can be measured on a
development database that already holds the seed (its volume is removed inside the same
transaction first). Each run is a fresh process, so no cache of an earlier run helps it;
interpreter and Django start-up are not counted. The goal is under 3 s.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proceedings.site.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

from proceedings.importer.pipeline import parse_proceedings  # noqa: E402
from proceedings.models import Proceedings  # noqa: E402
from proceedings.services import bundled_sources, proceedings_import_bundled  # noqa: E402

GOAL_SECONDS = 3.0


class Rollback(Exception):  # noqa: N818 - a control-flow signal, not an error
    pass


def time_pipeline(data: bytes, name: str) -> float:
    started = time.perf_counter()
    parse_proceedings(data, filename=name)
    return time.perf_counter() - started


def time_database_import() -> float:
    elapsed = 0.0
    try:
        with transaction.atomic():
            Proceedings.objects.filter(source_sha256__in=bundled_hashes()).delete()
            started = time.perf_counter()
            proceedings_import_bundled()
            elapsed = time.perf_counter() - started
            raise Rollback
    except Rollback:
        pass
    return elapsed


def bundled_hashes() -> list[str]:
    return [hashlib.sha256(path.read_bytes()).hexdigest() for path in bundled_sources()]


def measure_once(what: str) -> float:
    """One cold measurement in a fresh process: no cache of another run helps it."""
    (source,) = bundled_sources()
    with connection.cursor() as cursor:  # the embedded server starts here, not inside the timing
        cursor.execute("SELECT 1")
    if what == "pipeline":
        return time_pipeline(source.read_bytes(), source.name)
    return time_database_import()


def measure_in_fresh_process(what: str) -> float:
    command = [sys.executable, __file__, "--once", what]
    return float(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--once", choices=["pipeline", "import"], help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.once:
        print(measure_once(arguments.once))
        return
    repeat = arguments.repeat
    pipeline = [measure_in_fresh_process("pipeline") for _ in range(repeat)]
    whole = [measure_in_fresh_process("import") for _ in range(repeat)]
    for label, times in (("pipeline (pure)", pipeline), ("import into PostgreSQL", whole)):
        print(
            f"{label:24} median {statistics.median(times):.2f} s, worst {max(times):.2f} s over {repeat} runs"
        )
    verdict = "within" if max(whole) < GOAL_SECONDS else "OVER"
    print(f"goal: whole import under {GOAL_SECONDS:.0f} s -> {verdict}")


if __name__ == "__main__":
    main()

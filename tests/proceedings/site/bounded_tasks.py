"""Functions for tests/proceedings/site/test_bounded.py to run in a bounded child: importable by
name without Django, as the child is a bare interpreter."""

from __future__ import annotations

import os
import resource
import time

from proceedings.importer.types import ImportFileError


def pid_and_address_space_limit() -> tuple[int, int]:
    return os.getpid(), resource.getrlimit(resource.RLIMIT_AS)[0]


def count_to(total: int, *, progress) -> str:
    for done in range(1, total + 1):
        progress(done, total)
    return "counted"


def say_pid_and_sleep(seconds: float, *, progress) -> None:
    progress(os.getpid(), 0)
    time.sleep(seconds)


def allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


def refuse(message: str) -> None:
    raise ImportFileError(message)


def die() -> None:
    os.abort()  # what a C library does when it cannot get memory it did not check for

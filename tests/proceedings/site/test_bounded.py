"""proceedings.site.bounded: a function run in a child process within a memory and a time limit,
its answer, its reports and its errors brought back; past a limit the child is gone and the caller
is told which limit, never hurt itself."""

from __future__ import annotations

import resource
import time

import psutil
import pytest

from proceedings.importer.types import ImportFileError
from proceedings.site.bounded import Bounds, OverLimitError, bounded_call
from tests.proceedings.site import bounded_tasks


def bounds(*, seconds: float = 30, memory_mb: int = 256) -> Bounds:
    return Bounds(seconds=seconds, memory_mb=memory_mb)


def test_answer_comes_from_a_child_of_its_own_with_the_limits_set_there_only():
    child_pid, child_limit = bounded_call(
        bounded_tasks.pid_and_address_space_limit, bounds=bounds(memory_mb=300)
    )

    assert child_pid != psutil.Process().pid
    assert not psutil.pid_exists(child_pid)
    assert child_limit == 300 * 1024 * 1024
    assert resource.getrlimit(resource.RLIMIT_AS)[0] == resource.RLIM_INFINITY


def test_without_bounds_the_function_runs_here():
    assert bounded_call(bounded_tasks.pid_and_address_space_limit, bounds=None)[0] == psutil.Process().pid


def test_progress_reports_reach_the_caller_in_order():
    reports = []

    answer = bounded_call(
        bounded_tasks.count_to, 3, bounds=bounds(), progress=lambda done, total: reports.append((done, total))
    )

    assert (answer, reports) == ("counted", [(1, 3), (2, 3), (3, 3)])


def test_child_past_its_time_is_killed_at_the_limit():
    pids, started = [], time.monotonic()

    with pytest.raises(OverLimitError) as stopped:
        bounded_call(
            bounded_tasks.say_pid_and_sleep,
            60,
            bounds=bounds(seconds=1.5),
            progress=lambda pid, _: pids.append(pid),
        )

    assert (stopped.value.limit, stopped.value.allowed) == ("seconds", 1.5)
    assert 1.5 <= time.monotonic() - started < 5
    assert len(pids) == 1
    assert not psutil.pid_exists(pids[0])


def test_calls_under_one_bounds_share_its_seconds():
    shared = bounds(seconds=2)
    bounded_call(bounded_tasks.say_pid_and_sleep, 1.2, bounds=shared, progress=lambda *_: None)

    with pytest.raises(OverLimitError):  # 1.2 s would fit alone; 0.8 s are left
        bounded_call(bounded_tasks.say_pid_and_sleep, 1.2, bounds=shared, progress=lambda *_: None)

    assert shared.spent >= 2


def test_child_past_its_memory_says_so_and_the_caller_is_untouched():
    with pytest.raises(OverLimitError) as stopped:
        bounded_call(bounded_tasks.allocate, 1024, bounds=bounds(memory_mb=200))

    assert (stopped.value.limit, stopped.value.allowed) == ("memory", 200)
    assert bounded_call(bounded_tasks.allocate, 50, bounds=bounds(memory_mb=200)) == 50 * 1024 * 1024


def test_child_that_dies_without_an_answer_is_reported_as_a_crash():
    with pytest.raises(OverLimitError) as stopped:
        bounded_call(bounded_tasks.die, bounds=bounds(memory_mb=180))

    assert (stopped.value.limit, stopped.value.allowed) == ("crash", 180)


def test_the_childs_errors_come_back_as_they_were_raised():
    with pytest.raises(ImportFileError) as refused:
        bounded_call(bounded_tasks.refuse, "volume.pdf: the PDF is password-protected", bounds=bounds())

    assert str(refused.value) == "volume.pdf: the PDF is password-protected"
    assert "In the bounded child process" in refused.value.__notes__[-1]

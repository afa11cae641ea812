"""`manage.py worker` in this process: it carries on after its database connection is cut under a
task (the task runs again, its transaction having gone with the connection) and writes a heartbeat;
an import job left running by such a cut is imported when its task runs again."""

from __future__ import annotations

import json
import os
import signal
import time

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from proceedings.models import ImportJob, ImportJobStatus
from proceedings.site.worker import Heartbeat, heartbeat_read
from tests.proceedings.site import worker_tasks
from tests.proceedings.test_upload_import import TITLES, upload_volume
from tests.proceedings.upload_samples import proceedings_text
from tests.task_worker import run_worker

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "progress"])


@pytest.fixture
def heartbeat_file(settings, tmp_path):
    settings.JINAQ_WORKER_HEARTBEAT = tmp_path / "worker-heartbeat.json"
    return settings.JINAQ_WORKER_HEARTBEAT


def run_resilient_worker() -> None:
    """`manage.py worker --batch`: every queued task, then back; the signals it took given back."""
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command("worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0", verbosity=0)
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)


def test_worker_reconnects_after_losing_its_connection_and_runs_the_cut_task_again(heartbeat_file):
    worker_tasks.RUNS.clear()
    result = worker_tasks.lose_the_connection_on_the_first_run.enqueue()

    run_resilient_worker()

    stored = DBTaskResult.objects.get(pk=result.id)
    assert (stored.status, stored.return_value, worker_tasks.RUNS) == ("SUCCESSFUL", 2, [1, 2])
    assert len(stored.worker_ids) == 2  # claimed once per run


def test_worker_writes_a_heartbeat_with_its_pid_and_state(heartbeat_file):
    run_resilient_worker()

    reading = heartbeat_read(heartbeat_file)
    assert (reading.pid, reading.state) == (os.getpid(), "idle")
    assert reading.age_seconds < 5


def test_heartbeat_file_is_replaced_whole_and_ages(tmp_path):
    path = tmp_path / "var" / "heartbeat.json"
    Heartbeat(path, worker_id="w1").beat("running a task")
    record = json.loads(path.read_text())
    record["at"] -= 90
    path.write_text(json.dumps(record))

    reading = heartbeat_read(path)

    assert (reading.worker_id, reading.state, round(reading.age_seconds) >= 90) == (
        "w1",
        "running a task",
        True,
    )
    assert [child.name for child in path.parent.iterdir()] == ["heartbeat.json"]  # no temporary left


def test_heartbeat_read_of_no_file_or_a_broken_one_is_none(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"pid": 1')
    assert (heartbeat_read(tmp_path / "none.json"), heartbeat_read(broken)) == (None, None)


def test_import_job_left_running_by_a_lost_connection_is_imported_when_its_task_runs_again(editor_client):
    volume = upload_volume(editor_client, proceedings_text(), "volume.txt")
    # What a connection lost mid-import leaves: the job marked running, nothing imported, and the
    # task queued again by the worker (proceedings.site.worker.ResilientWorker.run_again).
    ImportJob.objects.update(status=ImportJobStatus.RUNNING, done=1, total=2)
    started = time.monotonic()

    run_worker()

    job = ImportJob.objects.get()
    assert (job.status, job.created) == (ImportJobStatus.DONE, 2)
    assert list(volume.articles.order_by("position").values_list("title", flat=True)) == TITLES
    assert time.monotonic() - started < 60

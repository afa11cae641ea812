"""Faults of the embedded server and the task worker, made for real: `kill -9` of the PostgreSQL
postmaster under a running `serve`, `kill -9` of the task worker under `serve` and `start`,
SIGTERM to the processes using the server, and an upload whose reading would take more memory
than an import may.

The test run itself uses the embedded server of var/pgdata, so these tests start one of their own
in a temporary folder (JINAQ_PGDATA), migrated once for the module, and run the real commands
against it in subprocesses.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil
import psycopg2
import pytest

from proceedings.site.embedded_postgres.server import pgserver_module, process_alive, server_lock
from tests.proceedings.hostile_pdfs import pdf_of_one_endless_line
from tests.proceedings.site.serving import deployment_environment, free_port, manage, running_serve, wait_for

RECOVERY_SECONDS = 30  # the bound within which the site must answer again after a crash
UPLOAD = """
from django.contrib.auth import get_user_model
from proceedings.editorial.jobs import import_job_create
from proceedings.importer.metadata import VolumeMetadata
from tests.proceedings.upload_samples import proceedings_text
user, _ = get_user_model().objects.get_or_create(username="recovery-editor")
job = import_job_create(
    metadata=VolumeMetadata(slug="{slug}", year=2026, title_kk="Қалпына келтіру"),
    data=proceedings_text() + " {slug}".encode(),  # each upload a file of its own
    filename="{slug}.txt", kind="text", user=user,
)
print(job.pk)
"""


@dataclass
class EmbeddedSite:
    """A deployment's folders around an embedded server of its own."""

    root: Path

    @property
    def pgdata(self) -> Path:
        return self.root / "pgdata"

    def environment(self, **variables: str) -> dict[str, str]:
        return deployment_environment(
            JINAQ_PGDATA=str(self.pgdata),
            JINAQ_STATIC_ROOT=str(self.root / "static"),
            JINAQ_MEDIA_ROOT=str(self.root / "media"),
            JINAQ_WORKER_HEARTBEAT=str(self.root / "worker-heartbeat.json"),
            **variables,
        )

    def postmaster_pid(self) -> int | None:
        """The running postmaster's PID, None when the server is not running."""
        with contextlib.suppress(FileNotFoundError, ValueError, IndexError):
            pid = int((self.pgdata / "postmaster.pid").read_text().split()[0])
            return pid if process_alive(pid) else None
        return None

    def users(self) -> list[int]:
        """pgserver's list of the processes using the server, read under its lock (it is rewritten
        in place as processes come and go)."""
        pgserver_module()
        with server_lock():
            return json.loads((self.pgdata / ".handle_pids.json").read_text())

    def manage(self, *arguments: str) -> str:
        result = subprocess.run(
            manage(*arguments),
            env=self.environment(),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def upload(self, slug: str) -> int:
        """An editor's upload, through the service the admin's form calls."""
        return int(self.manage("shell", "-c", UPLOAD.format(slug=slug)).split()[-1])

    def job_status(self, job_id: int) -> tuple[str, int] | None:
        """The import job's status and articles created, read over the server's socket."""
        socket_dir = (self.pgdata / "postmaster.pid").read_text().splitlines()[4]
        try:
            connection = psycopg2.connect(host=socket_dir, dbname="jinaq", user="postgres")
        except psycopg2.OperationalError:
            return None
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT status, created FROM proceedings_importjob WHERE id = %s", [job_id])
                return cursor.fetchone()
        finally:
            connection.close()


@pytest.fixture(scope="module")
def embedded_site() -> Iterator[EmbeddedSite]:
    """Not under pytest's temporary folder: each pytest run makes /tmp/pytest-of-<user> private
    again (mode 700), and PostgreSQL, running as the `pgserver` user, then loses its data folder."""
    site = EmbeddedSite(Path(tempfile.mkdtemp(prefix="jinaq-recovery-")))
    try:
        site.manage("migrate", "--noinput")
        site.manage("collectstatic", "--noinput")
        yield site
    finally:
        if (leftover := site.postmaster_pid()) is not None:  # a failed test leaves no server running
            psutil.Process(leftover).terminate()
            psutil.Process(leftover).wait(timeout=30)
        shutil.rmtree(site.root, ignore_errors=True)


def wait_until_stopped(site: EmbeddedSite) -> bool:
    return wait_for(lambda: site.postmaster_pid() is None, timeout=20)


def test_serve_and_its_worker_carry_on_after_the_embedded_postmaster_is_killed(embedded_site, tmp_path):
    environment = embedded_site.environment(JINAQ_BIND=f"127.0.0.1:{free_port()}")
    with running_serve(environment, tmp_path / "log") as serve:
        worker = serve.children()["tasks"]
        killed = embedded_site.postmaster_pid()
        os.kill(killed, signal.SIGKILL)
        assert wait_for(lambda: not process_alive(killed), timeout=10)
        crashed_at, statuses = time.monotonic(), []

        def home_page_answers() -> bool:
            statuses.append(serve.get("/kk/")[0])
            return statuses[-1] == 200

        assert wait_for(home_page_answers, timeout=RECOVERY_SECONDS), (statuses, serve.output())
        recovery_seconds = time.monotonic() - crashed_at
        restarted = embedded_site.postmaster_pid()
        job = embedded_site.upload("after-the-crash")
        imported = wait_for(lambda: embedded_site.job_status(job) == ("done", 2), timeout=60)
        health = json.loads(serve.get("/healthz")[2])
        same_worker = serve.children()["tasks"].pid == worker.pid
        users_while_serving = embedded_site.users()
        serve.process.send_signal(signal.SIGTERM)
        exit_code = serve.process.wait(timeout=60)

    assert (set(statuses) <= {200, 503}, recovery_seconds < RECOVERY_SECONDS) == (True, True), statuses
    assert restarted not in (None, killed)
    assert (imported, same_worker, health["status"]) == (True, True, "ok"), serve.output()
    # The last one out stops the server, though it knew only the postmaster that was killed.
    assert (exit_code, serve.process.pid in users_while_serving, wait_until_stopped(embedded_site)) == (
        0,
        True,
        True,
    )
    assert embedded_site.users() == []


def test_serve_starts_a_killed_worker_again_and_it_imports_the_next_upload(embedded_site, tmp_path):
    environment = embedded_site.environment(JINAQ_BIND=f"127.0.0.1:{free_port()}")
    with running_serve(environment, tmp_path / "log") as serve:
        killed = serve.children()["tasks"]
        killed.kill()
        restarted = wait_for(lambda: serve.children().get("tasks", killed).pid != killed.pid)
        job = embedded_site.upload("after-the-worker-died")
        imported = wait_for(lambda: embedded_site.job_status(job) == ("done", 2), timeout=60)
        serve.process.send_signal(signal.SIGTERM)
        serve.process.wait(timeout=60)

    assert (restarted, imported) == (True, True), serve.output()
    assert "the task worker exited (code -9); starting it again in 1 s." in serve.output()
    assert (wait_until_stopped(embedded_site), embedded_site.users()) == (True, [])


def test_start_starts_a_killed_worker_again_and_sigterm_stops_the_server(embedded_site, tmp_path):
    port = free_port()
    environment = {**embedded_site.environment(), "DJANGO_SECRET_KEY": ""}  # a developer's machine
    log = tmp_path / "log"
    with log.open("wb") as output:
        start = subprocess.Popen(
            manage("start", f"127.0.0.1:{port}"), env=environment, stdout=output, stderr=subprocess.STDOUT
        )
    try:

        def worker() -> psutil.Process | None:
            assert start.poll() is None, log.read_text()
            for child in psutil.Process(start.pid).children():
                with contextlib.suppress(psutil.ZombieProcess):  # exited, not yet reaped by start
                    if "worker" in child.cmdline():
                        return child
            return None

        first = wait_for(worker, timeout=120)
        assert first, log.read_text()
        first.kill()
        second = wait_for(lambda: (found := worker()) is not None and found.pid != first.pid and found)
        assert second, log.read_text()
        assert wait_for(lambda: start.pid in embedded_site.users())
        start.send_signal(signal.SIGTERM)
        start.wait(timeout=60)
    finally:
        if start.poll() is None:
            start.kill()
    output = log.read_text()
    assert "start: the task worker exited (code -9); starting it again in 1 s." in output, output
    assert (wait_until_stopped(embedded_site), embedded_site.users()) == (True, []), output
    assert not second.is_running(), output


def test_a_command_stopped_by_sigterm_leaves_the_list_and_stops_the_server(embedded_site):
    """A command that does not handle SIGTERM itself (shell, import_proceedings) exits through
    SystemExit, so pgserver's goodbye runs; it used to stay on the list, and the server ran on."""
    waiting = (
        "from django.db import connection; connection.ensure_connection(); print('connected', flush=True)"
    )
    command = subprocess.Popen(
        manage("shell", "-v", "0", "-c", f"{waiting}; import time; time.sleep(120)"),
        env=embedded_site.environment(),
        stdout=subprocess.PIPE,
    )
    try:
        assert command.stdout.readline() == b"connected\n"
        users = embedded_site.users()
        command.send_signal(signal.SIGTERM)
        exit_code = command.wait(timeout=30)
    finally:
        if command.poll() is None:
            command.kill()
        command.stdout.close()
    assert (exit_code, users == [command.pid]) == (128 + signal.SIGTERM, True)
    assert (wait_until_stopped(embedded_site), embedded_site.users()) == (True, [])


HOSTILE_UPLOAD = """
from pathlib import Path
from django.contrib.auth import get_user_model
from proceedings.editorial.jobs import import_job_create
from proceedings.importer.metadata import VolumeMetadata
user, _ = get_user_model().objects.get_or_create(username="recovery-editor")
job = import_job_create(
    metadata=VolumeMetadata(slug="hostile", year=2026, title_kk="Қаскүнем файл"),
    data=Path("{path}").read_bytes(), filename="hostile.pdf", kind="pdf", user=user,
)
print(job.pk)
"""


def test_worker_under_serve_fails_a_hostile_upload_and_imports_the_next(embedded_site, tmp_path):
    """A PDF that needs more memory than an import may take (16 million glyphs from a 17 KB file)
    fails its job; the worker process that ran it — its child did the reading — takes the next."""
    hostile = tmp_path / "hostile.pdf"
    hostile.write_bytes(pdf_of_one_endless_line(16))
    environment = embedded_site.environment(
        JINAQ_BIND=f"127.0.0.1:{free_port()}", JINAQ_IMPORT_MEMORY_MB="200"
    )
    with running_serve(environment, tmp_path / "log") as serve:
        worker = serve.children()["tasks"]
        bad = int(embedded_site.manage("shell", "-c", HOSTILE_UPLOAD.format(path=hostile)).split()[-1])
        good = embedded_site.upload("after-the-hostile-one")
        failed = wait_for(lambda: embedded_site.job_status(bad) == ("failed", 0), timeout=60)
        imported = wait_for(lambda: embedded_site.job_status(good) == ("done", 2), timeout=60)
        same_worker = serve.children()["tasks"].pid == worker.pid
        serve.process.send_signal(signal.SIGTERM)
        serve.process.wait(timeout=60)

    assert (failed, imported, same_worker) == (True, True, True), serve.output()
    assert "the work needed more than the 200 MB of memory allowed and was stopped" in serve.output()
    assert "the task worker exited" not in serve.output()

"""An outage of an external database (DATABASE_URL), made for real: `serve` reaches a throwaway
database on the PostgreSQL server at 127.0.0.1:5432 through a TCP forwarder this test owns, and
stopping the forwarder is the outage — connections cut, new ones refused. Readers get the short
translated 503 with Retry-After (JSON for the API), /healthz says the database is down, the task
worker waits; the site serves again as soon as the forwarder is back, without a restart, and the
same worker imports the next upload.

Skipped only when no server answers at 127.0.0.1:5432; the embedded server's faults are
tests/proceedings/site/test_recovery.py, which always run.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import threading
from collections.abc import Iterator

import psycopg2
import pytest

from proceedings.site.worker import heartbeat_read
from tests.proceedings.site.serving import (
    deployment_environment,
    free_port,
    manage,
    running_serve,
    scratch_database,
    wait_for,
)
from tests.proceedings.site.test_recovery import UPLOAD

SERVER = ("127.0.0.1", 5432)


def server_answers() -> bool:
    try:
        socket.create_connection(SERVER, timeout=2).close()
    except OSError:
        return False
    return True


pytestmark = pytest.mark.skipif(
    not server_answers(), reason="no PostgreSQL server at 127.0.0.1:5432 to take away"
)


class TcpForwarder:
    """127.0.0.1:<port> forwarded to `target`, until stop(): then the listening socket and every
    forwarded connection are closed, as when a database server goes away. start() again listens
    on the same port."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = free_port()
        self.listener: socket.socket | None = None
        self.sockets: set[socket.socket] = set()
        self.lock = threading.Lock()

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self.accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        with self.lock:
            doomed, self.sockets = [self.listener, *self.sockets], set()
        for sock in doomed:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:  # stopped
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self.lock:
                self.sockets |= {client, upstream}
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self.pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def pump(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)


@pytest.fixture(scope="module")
def throwaway_database() -> Iterator[str]:
    server = {"host": SERVER[0], "port": SERVER[1], "user": "postgres"}
    with scratch_database(f"test_jinaq_outage_{os.getpid()}", server=server) as name:
        yield name


def environment(tmp_path, *, database_url: str, port: int) -> dict[str, str]:
    return deployment_environment(
        DATABASE_URL=database_url,
        JINAQ_STATIC_ROOT=str(tmp_path / "static"),
        JINAQ_MEDIA_ROOT=str(tmp_path / "media"),
        JINAQ_WORKER_HEARTBEAT=str(tmp_path / "worker-heartbeat.json"),
        JINAQ_BIND=f"127.0.0.1:{port}",
    )


def worker_state(folder) -> str | None:
    reading = heartbeat_read(folder / "worker-heartbeat.json")
    return reading and reading.state


def upload(environ: dict[str, str], *, slug: str) -> int:
    result = subprocess.run(
        manage("shell", "-c", UPLOAD.format(slug=slug)),
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(result.stdout.split()[-1])


def job_status(url: str, job_id: int) -> tuple[str, int] | None:
    with contextlib.closing(psycopg2.connect(url)) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT status, created FROM proceedings_importjob WHERE id = %s", [job_id])
        return cursor.fetchone()


def test_external_database_outage_answers_503_and_the_site_serves_again_when_it_returns(
    throwaway_database, tmp_path
):
    forwarder = TcpForwarder(SERVER)
    direct = f"postgres://postgres@127.0.0.1:5432/{throwaway_database}"
    forwarded = f"postgres://postgres@127.0.0.1:{forwarder.port}/{throwaway_database}"
    for command in (("migrate", "--noinput"), ("collectstatic", "--noinput")):
        prepare = environment(tmp_path, database_url=direct, port=0)
        subprocess.run(manage(*command), env=prepare, check=True, capture_output=True, timeout=300)
    forwarder.start()
    try:
        with running_serve(
            environment(tmp_path, database_url=forwarded, port=free_port()), tmp_path / "log"
        ) as serve:
            before, worker = serve.get("/kk/")[0], serve.children()["tasks"]
            forwarder.stop()
            page_kk, page_ru = serve.get("/kk/"), serve.get("/ru/authors/")
            api = serve.get("/api/search?q=journalism")
            health_down = serve.get("/healthz")
            worker_waited = wait_for(lambda: worker_state(tmp_path) == "waiting for the database")
            forwarder.start()
            back = wait_for(lambda: serve.get("/kk/")[0] == 200, timeout=20)
            health_back = wait_for(lambda: serve.get("/healthz")[0] == 200, timeout=30)
            job = upload(environment(tmp_path, database_url=direct, port=0), slug="after-the-outage")
            imported = wait_for(lambda: job_status(direct, job) == ("done", 2), timeout=60)
            same_worker = serve.children()["tasks"].pid == worker.pid
            log = serve.output()
    finally:
        forwarder.stop()

    status, headers, body = page_kk
    assert (before, status, headers["Retry-After"], headers["Cache-Control"]) == (200, 503, "30", "no-store")
    assert "Мұрағаттың дерекқоры қазір жауап бермей тұр." in body.decode()
    assert (page_ru[0], "База данных архива сейчас не отвечает." in page_ru[2].decode()) == (503, True)
    assert (api[0], api[1]["Content-Type"], json.loads(api[2])["status"]) == (503, "application/json", 503)
    assert (health_down[0], json.loads(health_down[2])["checks"]["database"]["ok"]) == (503, False)
    assert (back, health_back) == (True, True), log
    assert (worker_waited, same_worker, imported) == (True, True, True), log
    assert '" 500 ' not in log  # an outage is never a server error

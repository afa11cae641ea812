"""Running the real `serve` (and other commands) in subprocesses, as the tests of the site's
plumbing do (test_serve.py, test_recovery.py, test_outage.py)."""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil
import psycopg2
from django.conf import settings

SECRET = "a-long-random-production-secret-" + "x9Q2" * 10
# What a reverse proxy terminating TLS tells the site (settings.SECURE_PROXY_SSL_HEADER): the
# deployment's HTTPS redirect stays on, as in production.
PROXY_HEADERS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}


def deployment_environment(**variables: str) -> dict[str, str]:
    """A deployment's settings (production mode, two gunicorn workers), and `variables`."""
    return {
        "PATH": os.environ["PATH"],
        "JINAQ_NO_BOOTSTRAP": "1",
        "DJANGO_SETTINGS_MODULE": "proceedings.site.settings",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "JINAQ_WORKERS": "2",
        "PYTHONUNBUFFERED": "1",
        **variables,
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(*arguments: str) -> list[str]:
    return [sys.executable, str(settings.BASE_DIR / "manage.py"), *arguments]


@dataclass
class RunningServe:
    process: subprocess.Popen
    base: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def get(self, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
        """One request as the reverse proxy sends it; redirects are answers, not followed."""
        host, port = self.base.removeprefix("http://").split(":")
        client = http.client.HTTPConnection(host, int(port), timeout=30)
        try:
            client.request("GET", path, headers={**PROXY_HEADERS, **headers})
            response = client.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            client.close()

    def children(self) -> dict[str, psutil.Process]:
        """gunicorn's master and the task worker, by what they run."""
        found = {}
        for child in psutil.Process(self.process.pid).children():
            with contextlib.suppress(psutil.ZombieProcess):  # exited, not yet reaped by serve
                found["tasks" if "worker" in child.cmdline() else "gunicorn"] = child
        return found


@contextlib.contextmanager
def running_serve(environment: dict[str, str], log: Path, *arguments: str) -> Iterator[RunningServe]:
    port = environment["JINAQ_BIND"].rsplit(":", 1)[1]
    with log.open("wb") as output:
        process = subprocess.Popen(
            manage("serve", *arguments), env=environment, stdout=output, stderr=subprocess.STDOUT
        )
    serve = RunningServe(process=process, base=f"http://127.0.0.1:{port}", log=log)
    try:
        wait_until_answering(serve)
        yield serve
    finally:
        left = psutil.Process(process.pid).children(recursive=True) if process.poll() is None else []
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
        for child in left:  # nothing outlives a failed test
            with contextlib.suppress(psutil.NoSuchProcess):
                child.kill()


def wait_until_answering(serve: RunningServe) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert serve.process.poll() is None, serve.output()
        with contextlib.suppress(OSError):
            serve.get("/kk/")
            return
        time.sleep(0.1)
    raise AssertionError(f"serve did not answer within 60 s:\n{serve.output()}")


def wait_for(condition, *, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.1)
    return condition()


@contextlib.contextmanager
def scratch_database(name: str, *, server: dict) -> Iterator[str]:
    """An empty database on `server` (psycopg2's connection parameters), dropped afterwards."""
    admin = psycopg2.connect(**{**server, "dbname": "postgres"})
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()

"""The site under test: a scratch database with the bundled proceedings, the server started as a
subprocess (bench/fuzz_search.py again, with --serve) and stopped however the run ends, and
`discover`, which reads the real slugs, years and names the generators need through the site's
JSON twins. Django is configured in one place, `django_for_fuzzing`, because two processes need
the same settings: the bench's, to migrate and fill the scratch database, and the server's.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from . import ROOT
from .inputs import Vocabulary

SCRIPT = ROOT / "bench" / "fuzz_search.py"  # `--serve ADDR` runs serve() below
FUZZ_DATABASE = "jinaq_fuzz"
SCRATCH = ROOT / "var" / "fuzz"
SERVER_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "proceedings.site.settings",
    "DJANGO_DEBUG": "0",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DJANGO_LOG_LEVEL": "WARNING",  # 4xx as warnings, 5xx with their tracebacks; runserver logs each request
    "JINAQ_RATE_LIMITS": "0",
    "JINAQ_MEDIA_ROOT": str(SCRATCH / "media"),
    "PYTHONUNBUFFERED": "1",
}


def django_for_fuzzing(*, create_database: bool = False) -> None:
    """Django on the scratch database with the server's settings; the bench and its server both call it."""
    os.environ.update(SERVER_ENVIRONMENT)
    import django  # noqa: PLC0415
    from django.conf import settings  # noqa: PLC0415
    from scratch_database import scratch_database  # noqa: PLC0415 - bench/ is the script's folder

    scratch_database(settings, FUZZ_DATABASE, aliases=("default", "progress"), create=create_database)
    settings.STATIC_ROOT = SCRATCH / "static"  # DEBUG off: hashed files from collectstatic, not ours to touch
    django.setup()


def prepare_site() -> None:
    django_for_fuzzing(create_database=True)
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connections  # noqa: PLC0415

    from proceedings.services import proceedings_import_bundled  # noqa: PLC0415

    call_command("migrate", interactive=False, verbosity=0)
    proceedings_import_bundled()  # a no-op when the scratch database has them already
    call_command("collectstatic", interactive=False, verbosity=0)
    connections.close_all()


def serve(addrport: str) -> None:
    # A process started in the background may inherit SIGINT ignored; the bench stops us with it.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    django_for_fuzzing()
    from django.core.management import call_command  # noqa: PLC0415

    call_command("runserver", addrport, use_reloader=False)


@contextlib.contextmanager
def own_server(log_path: Path) -> Iterator[str]:
    """The site on a free port for the length of the block; stopped however the block ends."""
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    print("preparing the scratch database and static files...", file=sys.stderr, flush=True)
    prepare_site()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, str(SCRIPT), "--serve", f"127.0.0.1:{port}"],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches the bench, which stops the server itself
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(base, server, log_path)
        yield base
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGINT)  # runserver exits cleanly and leaves the embedded server
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def wait_until_answering(base: str, server: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            tail = log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
            raise SystemExit(f"the server stopped (exit {server.returncode}):\n{tail}")
        try:
            with urllib.request.urlopen(f"{base}/kk/", timeout=5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not answer within 120 s; see {log_path}")


# ---- what the site holds ------------------------------------------------------------------------


def get_json(base: str, path: str) -> dict:
    with urllib.request.urlopen(base + path, timeout=60) as response:
        return json.load(response)


def all_pages(base: str, path: str, key: str, *, limit: int = 20) -> list[dict]:
    items, page = [], 1
    while True:
        data = get_json(base, f"{path}{'&' if '?' in path else '?'}format=json&page={page}")
        items += data[key]
        if not data["has_next"] or page >= limit:
            return items
        page += 1


def discover(base: str, vocabulary: Vocabulary) -> None:
    """Real slugs, years, letters and names, read through the pages' JSON twins (not timed)."""
    volumes = all_pages(base, "/en/proceedings/", "volumes")
    vocabulary.volumes = [volume["slug"] for volume in volumes]
    vocabulary.years = sorted({str(volume["year"]) for volume in volumes if volume["year"]})
    vocabulary.topics = [topic["slug"] for topic in all_pages(base, "/en/topics/", "topics")]
    for slug in vocabulary.volumes:
        vocabulary.articles += [
            item["slug"] for item in all_pages(base, f"/en/proceedings/{slug}/", "articles")
        ]
    letters = get_json(base, "/en/authors/?format=json")["letters"]
    vocabulary.letters = [item["letter"] for item in letters]
    for item in letters:
        if item["count"]:
            people = all_pages(base, f"/en/authors/?letter={quote(item['letter'])}", "people", limit=3)
            vocabulary.people += [(person["slug"], person["name"]) for person in people]

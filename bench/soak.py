"""A soak: readers over loopback against `manage.py serve` on the 100,000-article corpus for ten
minutes, while an editor imports and publishes a volume and the PostgreSQL postmaster is killed.

    .venv/bin/python bench/soak.py [--duration 600] [--connections 8] [--rate 0] [--upload-at 60]
                                   [--kill-at 180] [--database jinaq_bench]

The production server (`serve`: gunicorn and the task worker, a deployment's settings, as
bench/load.py starts it) runs on the embedded server's database `jinaq_bench` (bench/corpus.py
builds it; run bench/search.py once), named by JINAQ_EMBEDDED_DATABASE rather than a
DATABASE_URL, so that after the crash the site starts PostgreSQL again by itself, as a
deployment on the embedded server does. Nothing else is left running: the load is bounded by
--duration, the server is stopped at the end.

Four things run at once:
- the readers: wrk, `--connections` connections walking bench/load.py's mix of pages (articles,
  home, search, authors, topics, volumes) for `--duration` seconds, with the statuses of every
  second (bench/load.lua); with --rate each connection pauses before a request, a paced load as
  readers come, instead of asking again the moment it is answered (all the server can give);
- a probe: one request every PROBE_SECONDS (home, an article, the search API, in turn) with a
  5-second time-out, which also sees what wrk cannot break down by second — refused connections
  and time-outs;
- memory: every MEMORY_SECONDS the resident memory of gunicorn (master and workers), of the task
  worker, and the proportional memory of PostgreSQL's processes;
- the editor: at --upload-at, an upload of the bundled proceedings as a new draft volume through
  the service the admin's upload form calls (`manage.py shell`); the task worker under `serve`
  imports it; when the import is done, the volume is published through the service of the admin's
  "publish" button; at the end, its public page must list every imported article.

At --kill-at the postmaster gets SIGKILL. The report: the timeline (upload, kill, the database
back, import done, published), the seconds that had errors and whether any fell outside the
outage (kill until the first good answer after it), the totals, memory per minute, and the
volume's article count on its public page against the import's.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from django.conf import settings
from load import (
    ROOT,
    SCRATCH,
    bench_setup,
    free_port,
    mixed,
    server_environment,
    start_server,
    stop_server,
    wrk_command,
    wrk_result,
)

PROBE_SECONDS = 0.5
MEMORY_SECONDS = 10
SEED = ROOT / "fixtures" / "000_b9a1821462d33f30"
UPLOAD = """
import json
from pathlib import Path
from django.contrib.auth import get_user_model
from proceedings.editorial.jobs import import_job_create
from proceedings.importer.metadata import volume_metadata_from_mapping
seed = Path({seed!r})
metadata = {{**json.loads(seed.with_suffix(".json").read_text()), "slug": {slug!r}}}
user, _ = get_user_model().objects.get_or_create(username="soak-editor", defaults={{"is_staff": True}})
job = import_job_create(
    metadata=volume_metadata_from_mapping(metadata),
    # A file of its own each run: the archive refuses a file it has imported before.
    data=seed.with_suffix(".txt").read_bytes() + {slug!r}.encode(),
    filename=seed.name + ".txt", kind="text", user=user,
)
print(job.pk)
"""
PUBLISH = """
from django.contrib.auth import get_user_model
from proceedings.editorial.publishing import proceedings_publish
from proceedings.models import Proceedings
user = get_user_model().objects.get(username="soak-editor")
print(proceedings_publish(volume=Proceedings.objects.get(slug={slug!r}), user=user))
"""


@dataclass
class Probe:
    """One request every PROBE_SECONDS until stopped: (time asked, status or error name, seconds)."""

    base: str
    paths: list[str]
    answers: list[tuple[float, str, float]] = field(default_factory=list)
    stopped: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        for path in itertools.cycle(self.paths):
            if self.stopped.wait(PROBE_SECONDS):
                return
            started = time.time()
            self.answers.append((started, fetch(self.base + path)[0], time.time() - started))


def fetch(url: str, *, timeout: float = 5) -> tuple[str, bytes]:
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return str(response.status), response.read()
    except urllib.error.HTTPError as error:
        return str(error.code), b""
    except (OSError, TimeoutError) as error:
        return type(error).__name__, b""


@dataclass
class MemoryWatch:
    """Every MEMORY_SECONDS: (time, gunicorn RSS, task worker RSS, PostgreSQL PSS), in MiB."""

    serve_pid: int
    pgdata: Path
    samples: list[tuple[float, float, float, float]] = field(default_factory=list)
    stopped: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        import psutil  # noqa: PLC0415

        while not self.stopped.wait(MEMORY_SECONDS):
            with contextlib.suppress(psutil.Error):
                web = tasks = 0.0
                for child in psutil.Process(self.serve_pid).children():
                    # A PostgreSQL started again after the crash is a child of whichever process
                    # connected first: it is counted with PostgreSQL, not with that process.
                    tree = [p for p in [child, *child.children(recursive=True)] if p.name() != "postgres"]
                    resident = sum(process.memory_info().rss for process in tree) / 2**20
                    if "gunicorn" in " ".join(child.cmdline()):
                        web += resident
                    else:
                        tasks += resident
                self.samples.append((time.time(), web, tasks, self.postgres_pss()))

    def postgres_pss(self) -> float:
        """Proportional memory, so shared buffers count once and not once per backend."""
        import psutil  # noqa: PLC0415

        pid = postmaster_pid(self.pgdata)
        if pid is None:
            return 0.0
        postmaster = psutil.Process(pid)
        total = 0
        for process in [postmaster, *postmaster.children()]:
            with contextlib.suppress(psutil.Error):
                total += process.memory_full_info().pss
        return total / 2**20


def postmaster_pid(pgdata: Path) -> int | None:
    with contextlib.suppress(FileNotFoundError, ValueError, IndexError, ProcessLookupError, PermissionError):
        pid = int((pgdata / "postmaster.pid").read_text().split()[0])
        os.kill(pid, 0)
        return pid
    return None


def manage_shell(code: str, environment: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code],
        env=environment, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(result.stdout + result.stderr)
    return result.stdout.strip().splitlines()[-1]


def job_state(environment: dict[str, str], job_id: int) -> tuple[str, int, str]:
    code = (
        "import json\nfrom proceedings.models import ImportJob\n"
        f"job = ImportJob.objects.get(pk={job_id})\n"
        "print(json.dumps([job.status, job.created, job.message]))"
    )
    status, created, message = json.loads(manage_shell(code, environment))
    return status, created, message


def editor(
    base: str, environment: dict[str, str], arguments, events: dict[str, float], outcome: dict
) -> None:
    """Upload at --upload-at, wait for the worker's import, publish."""
    time.sleep(max(0.0, events["start"] + arguments.upload_at - time.time()))
    slug = f"soak-{int(time.time())}"
    job_id = None
    while job_id is None:  # the upload itself may meet the outage: the editor tries again
        try:
            job_id = int(manage_shell(UPLOAD.format(seed=str(SEED), slug=slug), environment))
        except RuntimeError as error:
            outcome.setdefault("upload retries", []).append(str(error).strip().splitlines()[-1])
            time.sleep(5)
    events["uploaded"] = time.time()
    outcome["slug"] = slug
    while True:
        time.sleep(5)
        try:
            status, created, message = job_state(environment, job_id)
        except RuntimeError:
            continue  # the database is down this moment
        if status in ("done", "failed"):
            break
    events["imported"] = time.time()
    outcome["job"] = {"status": status, "articles created": created, "message": message}
    if status == "done":
        outcome["published"] = manage_shell(PUBLISH.format(slug=slug), environment)
        events["published"] = time.time()


def killer(pgdata: Path, arguments, events: dict[str, float], probe: Probe) -> None:
    """SIGKILL the postmaster at --kill-at; note when the site answers 200 again."""
    time.sleep(max(0.0, events["start"] + arguments.kill_at - time.time()))
    pid = postmaster_pid(pgdata)
    if pid is None:
        return
    os.kill(pid, signal.SIGKILL)
    events["killed"] = time.time()
    while time.time() < events["start"] + arguments.duration:
        time.sleep(0.2)
        restarted = postmaster_pid(pgdata)
        if restarted not in (None, pid) and "postgres back" not in events:
            events["postgres back"] = time.time()
        if any(at > events["killed"] and status == "200" for at, status, _ in probe.answers[-5:]):
            events["site back"] = time.time()
            return


def pause_ms(arguments) -> int:
    """Each connection's pause before a request for about --rate requests a second in all (the
    answer's own time comes on top, so the rate is reached only while answers are quick)."""
    return round(1000 * arguments.connections / arguments.rate) if arguments.rate else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--duration", type=int, default=600, help="seconds of load")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--rate", type=float, default=0, help="requests a second, about (0: as fast as answered)"
    )
    parser.add_argument("--upload-at", type=int, default=60, help="seconds into the load")
    parser.add_argument("--kill-at", type=int, default=180, help="seconds into the load")
    parser.add_argument("--database", default="jinaq_bench")
    arguments = parser.parse_args()
    paths, rng = bench_setup(arguments.database, seed=17)
    from django.db import connections  # noqa: PLC0415

    pgdata = Path(settings.DATABASES["default"]["PGDATA"])
    connections.close_all()  # this process holds no connection through the crash
    port = free_port()
    environment = server_environment(port, argparse.Namespace(workers=None, threads=None))
    del environment["DATABASE_URL"]  # the embedded server, started again by the site itself
    environment["JINAQ_EMBEDDED_DATABASE"] = arguments.database
    environment["JINAQ_WORKER_HEARTBEAT"] = str(SCRATCH / "worker-heartbeat.json")
    server = start_server(environment, migrate=False)
    base = f"http://127.0.0.1:{port}"
    events: dict[str, float] = {}
    outcome: dict = {}
    probe = Probe(base, ["/kk/", paths["article"][0], paths["search API"][0], "/healthz"])
    memory = MemoryWatch(server.pid, pgdata)
    try:
        wrk = subprocess.Popen(
            wrk_command(base, mixed(paths, rng, total=200_000), seconds=arguments.duration,
                        connections=arguments.connections, pause_ms=pause_ms(arguments)),
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        events["start"] = time.time()
        threads = [
            threading.Thread(target=probe.run, daemon=True),
            threading.Thread(target=memory.run, daemon=True),
            threading.Thread(
                target=editor, args=(base, environment, arguments, events, outcome), daemon=True
            ),
            threading.Thread(target=killer, args=(pgdata, arguments, events, probe), daemon=True),
        ]
        for thread in threads:
            thread.start()
        output, _ = wrk.communicate(timeout=arguments.duration + 120)
        events["end"] = time.time()
        probe.stopped.set()
        memory.stopped.set()
        threads[2].join(timeout=600)  # the editor may still be publishing
        if outcome.get("slug"):
            _, body = fetch(f"{base}/en/proceedings/{outcome['slug']}/?format=json")
            with contextlib.suppress(ValueError):
                outcome["public page count"] = json.loads(body or b"{}").get("count")
            outcome["public page status"] = fetch(f"{base}/en/proceedings/{outcome['slug']}/")[0]
    finally:
        stop_server(server)
    report(wrk_result(output, []), probe, memory, events, outcome)


def report(readers: dict, probe: Probe, memory: MemoryWatch, events: dict[str, float], outcome: dict) -> None:
    start = events["start"]
    print("\n## Timeline (seconds into the load)\n")
    for name, at in sorted(events.items(), key=lambda item: item[1]):
        print(f"- {name}: {at - start:.1f}")
    outage = (events.get("killed"), events.get("site back"))
    print("\n## Readers (wrk)\n")
    print(
        f"{readers['requests']:,} requests, {readers['rate']:.0f} req/s, p50 {readers['p50']:.0f} ms, "
        f"p99 {readers['p99']:.0f} ms; statuses {json.dumps(readers['statuses'])}; socket errors "
        f"{readers['sockets']}, time-outs {readers['timeouts']}"
    )
    bad_seconds = {
        second: counts for second, counts in sorted(readers["per_second"].items())
        if any(status != "200" for status in counts)
    }  # fmt: skip
    # When each answer came (a request asked just before the kill is answered during the outage).
    probe_bad = [(at + took, status) for at, status, took in probe.answers if status != "200"]
    print(f"\nseconds with a non-200 answer: {len(bad_seconds)}")
    for second, counts in bad_seconds.items():
        print(f"- {second - start:.0f} s: {json.dumps(counts)}")
    print(f"\n## Probe\n\n{len(probe.answers)} requests, {len(probe_bad)} not 200")
    for at, status in probe_bad:
        print(f"- {at - start:.1f} s: {status}")
    if None not in outage:
        low, high = outage[0] - 1, outage[1] + 1  # wrk's seconds are whole
        outside = [s for s in bad_seconds if not low <= s <= high] + [
            at for at, _ in probe_bad if not low <= at <= high
        ]
        print(f"\noutage (kill to the first good probe): {outage[1] - outage[0]:.1f} s; "
              f"errors outside it: {len(outside)}")  # fmt: skip
    print("\n## Memory (MiB): gunicorn RSS, task worker RSS, PostgreSQL PSS — per minute, the last sample\n")
    print("| minute | gunicorn | task worker | PostgreSQL |\n|---|---|---|---|")
    by_minute: dict[int, tuple] = {}
    for sample in memory.samples:
        by_minute[int((sample[0] - start) // 60)] = sample
    for minute, (_, web, tasks, postgres) in sorted(by_minute.items()):
        print(f"| {minute + 1} | {web:.0f} | {tasks:.0f} | {postgres:.0f} |")
    print(f"\n## The editor's volume\n\n{json.dumps(outcome, ensure_ascii=False, indent=1)}")


if __name__ == "__main__":
    main()

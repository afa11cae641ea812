"""`manage.py serve`: the real command in a subprocess — gunicorn and the task worker — against the
test database on a free port with a deployment's settings, and each of its refusals."""

from __future__ import annotations

import gzip
import json
import os
import re
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import brotli
import pytest
from django.conf import settings
from django.db import connection

from proceedings.site.database import connection_url
from proceedings.site.serve import ServerPlan, server_plan
from tests.factories import ArticleFactory, ProceedingsFactory
from tests.proceedings.site.serving import (
    RunningServe,
    deployment_environment,
    free_port,
    manage,
    running_serve,
    scratch_database,
    wait_for,
)

ACCESS_LINE = re.compile(
    r'^127\.0\.0\.1 - - \[[^]]+\] "GET (?P<path>\S+) HTTP/1\.1" (?P<status>\d{3}) \d+ .* (\d+)ms$'
)


# ---- the plan: address and workers from the environment -----------------------------------------


def test_server_plan_defaults_to_loopback_and_two_workers_per_core_plus_one_with_four_threads():
    assert server_plan({}, cores=2) == ServerPlan(bind="127.0.0.1:8000", workers=5, threads=4)


def test_server_plan_reads_bind_workers_and_threads_from_the_environment():
    environ = {"JINAQ_BIND": "unix:/run/jinaq.sock", "JINAQ_WORKERS": "3", "JINAQ_THREADS": "8"}
    assert server_plan(environ, cores=8) == ServerPlan(bind="unix:/run/jinaq.sock", workers=3, threads=8)


def test_server_plan_follows_a_platforms_port_and_web_concurrency():
    environ = {"PORT": "5000", "WEB_CONCURRENCY": "2", "JINAQ_THREADS": "1"}
    assert server_plan(environ, cores=4) == ServerPlan(bind="0.0.0.0:5000", workers=2, threads=1)


def test_server_plan_prefers_jinaq_workers_over_web_concurrency():
    assert server_plan({"JINAQ_WORKERS": "7", "WEB_CONCURRENCY": "2"}, cores=1).workers == 7


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5"])
def test_server_plan_refuses_a_worker_count_that_is_not_a_whole_number(value):
    with pytest.raises(
        ValueError, match=f"JINAQ_WORKERS must be a whole number of at least 1, not '{value}'"
    ):
        server_plan({"JINAQ_WORKERS": value}, cores=2)


# ---- the real command ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def static_root(tmp_path_factory) -> Path:
    """`collectstatic` once for the module, as a deployment runs it: hashed and compressed names."""
    root = tmp_path_factory.mktemp("static")
    environment = deployment_environment(JINAQ_STATIC_ROOT=str(root))
    subprocess.run(manage("collectstatic", "--noinput"), env=environment, check=True, capture_output=True)
    return root


def production_environment(
    static_root: Path, *, database: str, port: int, **variables: str
) -> dict[str, str]:
    return deployment_environment(
        DATABASE_URL=connection_url(connection, database=database),
        JINAQ_STATIC_ROOT=str(static_root),
        JINAQ_MEDIA_ROOT=str(static_root.parent / "media"),
        JINAQ_WORKER_HEARTBEAT=str(static_root.parent / "worker-heartbeat.json"),
        JINAQ_BIND=f"127.0.0.1:{port}",
        **variables,
    )


@pytest.fixture(scope="module")
def published_article(django_db_setup, django_db_blocker):
    """One published article, committed so that the server's own connections see it."""
    with django_db_blocker.unblock():
        article = ArticleFactory(
            proceedings=ProceedingsFactory(slug="serve-volume"),
            slug="serve-article",
            title_display="Gunicorn арқылы берілген мақала",
        )
        yield article
        article.delete()
        article.proceedings.delete()


@pytest.fixture(scope="module")
def site(static_root, published_article, tmp_path_factory) -> Iterator[RunningServe]:
    environment = production_environment(
        static_root, database=settings.DATABASES["default"]["NAME"], port=free_port()
    )
    with running_serve(environment, tmp_path_factory.mktemp("serve") / "log") as serve:
        yield serve
        serve.process.send_signal(signal.SIGTERM)
        serve.process.wait(timeout=60)


@pytest.mark.django_db
def test_serve_answers_the_home_page_and_an_article(site):
    home_status, _, _ = site.get("/kk/")
    status, headers, body = site.get("/kk/articles/serve-article/")
    assert (home_status, status) == (200, 200)
    assert "Gunicorn арқылы берілген мақала" in body.decode()
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.django_db
def test_serve_redirects_plain_http_to_https_as_deployed(site):
    status, headers, _ = site.get("/kk/", **{"X-Forwarded-Proto": "http"})
    assert (status, headers["Location"]) == (301, "https://127.0.0.1/kk/")


@pytest.mark.django_db
def test_serve_gives_static_files_hashed_names_compressed_with_gzip_and_brotli(site, static_root):
    paths = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    hashed = paths["css/jinaq.css"]
    # The stylesheet as written, its fonts named by their hashed names (cached as long as it is).
    original = (settings.BASE_DIR / "static" / "css" / "jinaq.css").read_bytes()
    for name in re.findall(rb'url\("\.\./(fonts/[^"]+)"\)', original):
        original = original.replace(b"../" + name, b"../" + paths[name.decode()].encode())
    assert re.search(rb'url\("\.\./fonts/noto-sans-kazakh\.[0-9a-f]{12}\.woff2"\)', original)
    gzip_status, gzip_headers, gzip_body = site.get(f"/static/{hashed}", **{"Accept-Encoding": "gzip"})
    br_status, br_headers, br_body = site.get(f"/static/{hashed}", **{"Accept-Encoding": "gzip, br"})
    assert re.fullmatch(r"css/jinaq\.[0-9a-f]{12}\.css", hashed)
    assert (gzip_status, gzip_headers["Content-Encoding"], gzip.decompress(gzip_body)) == (
        200,
        "gzip",
        original,
    )
    assert (br_status, br_headers["Content-Encoding"], brotli.decompress(br_body)) == (200, "br", original)
    assert gzip_headers["Cache-Control"] == "max-age=315360000, public, immutable"


@pytest.mark.django_db
def test_serve_logs_each_request_with_its_time_on_stdout(site):
    site.get("/kk/articles/serve-article/?logged=1")
    line = wait_for(lambda: next((x for x in site.output().splitlines() if "?logged=1" in x), None))
    match = ACCESS_LINE.match(line or "")
    assert match, line
    assert (match["path"], match["status"]) == ("/kk/articles/serve-article/?logged=1", "200")


@pytest.mark.django_db
def test_serve_keeps_database_connections_between_requests(site):
    """CONN_MAX_AGE holds under gunicorn: the same PostgreSQL backends answer request after request."""

    def server_backends() -> set[tuple[int, object]]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid, backend_start FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            return set(cursor.fetchall())

    for _ in range(10):
        site.get("/kk/articles/serve-article/")
    before = server_backends()
    for _ in range(20):
        site.get("/kk/articles/serve-article/")
    after = server_backends()
    # No connection closed between requests; at most one per thread (2 workers x 4) and the task worker's.
    assert before <= after
    assert 2 <= len(after) <= 2 * 4 + 1


@pytest.mark.django_db
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_serve_stops_gunicorn_and_the_task_worker_on(signum, static_root, tmp_path):
    environment = production_environment(
        static_root, database=settings.DATABASES["default"]["NAME"], port=free_port()
    )
    with running_serve(environment, tmp_path / "log") as serve:
        processes = serve.children()
        gunicorn_workers = processes["gunicorn"].children()
        serve.process.send_signal(signum)
        exit_code = serve.process.wait(timeout=60)
    everything = [*processes.values(), *gunicorn_workers]
    assert (exit_code, sorted(processes), len(gunicorn_workers)) == (0, ["gunicorn", "tasks"], 2)
    assert [process.pid for process in everything if process.is_running()] == []
    assert "stopping gunicorn and the task worker" in serve.output()


@pytest.mark.django_db
def test_serve_starts_the_task_worker_again_when_it_dies(static_root, tmp_path):
    environment = production_environment(
        static_root, database=settings.DATABASES["default"]["NAME"], port=free_port()
    )
    with running_serve(environment, tmp_path / "log") as serve:
        first = serve.children()["tasks"]
        first.kill()
        second = wait_for(
            lambda: (serve.children().get("tasks") or first).pid != first.pid and serve.children()["tasks"]
        )
        assert second, serve.output()
        assert second.cmdline()[-2:] == ["worker", "--no-reload"]
        assert "the task worker exited (code -9); starting it again in 1 s." in serve.output()
        status, _, _ = serve.get("/kk/")
        serve.process.send_signal(signal.SIGTERM)
        assert (serve.process.wait(timeout=60), status) == (0, 200)


# ---- refusals ----------------------------------------------------------------------------------------


def refusal(environment: dict[str, str], *arguments: str) -> tuple[int, str]:
    result = subprocess.run(
        manage("serve", *arguments), env=environment, capture_output=True, text=True, timeout=120, check=False
    )
    return result.returncode, result.stdout + result.stderr


def deployment(static_root: Path, **variables: str) -> dict[str, str]:
    environment = production_environment(
        static_root, database=settings.DATABASES["default"]["NAME"], port=free_port()
    )
    return {name: value for name, value in {**environment, **variables}.items() if value is not None}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("variables", "reason"),
    [
        ({"DJANGO_DEBUG": "1"}, "DEBUG is on: set DJANGO_SECRET_KEY and leave DJANGO_DEBUG unset (or 0)"),
        ({"DJANGO_SECRET_KEY": None}, "DJANGO_SECRET_KEY is not set"),
        ({"DJANGO_SECRET_KEY": None, "DJANGO_DEBUG": "0"}, "Set DJANGO_SECRET_KEY"),
        ({"DJANGO_ALLOWED_HOSTS": " , "}, "DJANGO_ALLOWED_HOSTS is empty: name the host(s) readers use"),
        ({"JINAQ_WORKERS": "many"}, "JINAQ_WORKERS must be a whole number of at least 1, not 'many'"),
        ({"DATABASE_URL": "postgres://postgres@127.0.0.1:1/nothing"}, "the database does not answer"),
    ],
    ids=["debug", "no-secret-key", "no-secret-key-debug-off", "no-hosts", "bad-workers", "no-database"],
)
def test_serve_refuses_to_start(variables, reason, static_root):
    exit_code, output = refusal(deployment(static_root, **variables))
    assert (exit_code != 0, reason in output, "Listening at" in output) == (True, True, False), output


@pytest.mark.django_db
def test_serve_refuses_to_start_before_collectstatic(tmp_path, static_root):
    exit_code, output = refusal(deployment(static_root, JINAQ_STATIC_ROOT=str(tmp_path)))
    assert exit_code == 1
    assert f"static files are not collected ({tmp_path}/staticfiles.json is missing)" in output


@pytest.mark.django_db
def test_serve_refuses_static_files_collected_for_an_older_release(tmp_path, static_root):
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    del manifest["paths"]["js/cite.js"]  # a script added since collectstatic last ran
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    exit_code, output = refusal(deployment(static_root, JINAQ_STATIC_ROOT=str(tmp_path)))
    assert exit_code == 1
    assert f"static files are out of date: 1 not in {tmp_path}/staticfiles.json (e.g. js/cite.js)" in output


@pytest.mark.django_db
def test_serve_refuses_unapplied_migrations_and_applies_them_when_asked(static_root, tmp_path):
    with scratch_database(f"serve_empty_{os.getpid()}", server=connection.get_connection_params()) as empty:
        environment = production_environment(static_root, database=empty, port=free_port())
        exit_code, output = refusal(environment)
        assert exit_code == 1
        assert re.search(r"\d+ migration\(s\) not applied \(first: \w+\.0001_initial\): run", output), output
        with running_serve(environment, tmp_path / "log", "--migrate") as serve:
            status, _, _ = serve.get("/kk/")
            serve.process.send_signal(signal.SIGTERM)
            assert (serve.process.wait(timeout=60), status) == (0, 200)
        assert "Applying articles.0001_initial... OK" in serve.output()


def test_database_conn_max_age_zero_closes_connections_after_each_request_for_a_pooler():
    """Behind PgBouncer each request borrows a pooled connection: DATABASE_CONN_MAX_AGE=0, every alias."""
    environment = {
        "PATH": os.environ["PATH"], "JINAQ_NO_BOOTSTRAP": "1",
        "DJANGO_SETTINGS_MODULE": "proceedings.site.settings", "DATABASE_CONN_MAX_AGE": "0",
        "DATABASE_REPLICA_URLS": "postgres://reader@replica.example.kz/jinaq",
    }  # fmt: skip
    show = (
        "from django.conf import settings; "
        "print(sorted((alias, d['CONN_MAX_AGE']) for alias, d in settings.DATABASES.items()))"
    )
    result = subprocess.run(
        manage("shell", "-c", show), env=environment, capture_output=True, text=True, check=False
    )
    assert result.stdout.splitlines()[-1] == "[('default', 0), ('progress', 0), ('replica_1', 0)]", (
        result.stderr
    )

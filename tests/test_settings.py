"""Settings come from the environment; the database is PostgreSQL, external or embedded."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from proceedings.site.database import EMBEDDED_ENGINE, database_config

ROOT = Path("/srv/jinaq")


def test_database_config_uses_database_url():
    config = database_config(
        {"DATABASE_URL": "postgres://archivist:pw@db.example:6543/jinaq"}, project_root=ROOT
    )
    assert (config["ENGINE"], config["HOST"], config["PORT"], config["NAME"], config["USER"]) == (
        "django.db.backends.postgresql",
        "db.example",
        6543,
        "jinaq",
        "archivist",
    )


def test_database_config_without_url_falls_back_to_embedded_server():
    config = database_config({}, project_root=ROOT)
    assert (config["ENGINE"], config["PGDATA"]) == (EMBEDDED_ENGINE, "/srv/jinaq/var/pgdata")


def test_database_config_names_another_database_of_the_embedded_server():
    config = database_config({"JINAQ_EMBEDDED_DATABASE": "jinaq_bench"}, project_root=ROOT)
    assert (config["NAME"], config["EMBEDDED_DATABASE"]) == ("jinaq_bench", "jinaq_bench")
    assert database_config({"JINAQ_EMBEDDED_DATABASE": " "}, project_root=ROOT)["NAME"] == "jinaq"


def test_database_config_blank_url_counts_as_unset():
    assert database_config({"DATABASE_URL": "  "}, project_root=ROOT)["ENGINE"] == EMBEDDED_ENGINE


def test_database_config_refuses_sqlite():
    with pytest.raises(ValueError, match="PostgreSQL"):
        database_config({"DATABASE_URL": "sqlite:///tmp/db.sqlite3"}, project_root=ROOT)


@pytest.mark.django_db
def test_tests_run_against_real_postgresql():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('server_version_num')::int")
        (version,) = cursor.fetchone()
    assert connection.vendor == "postgresql"
    assert version >= 150000
    assert settings.DATABASES["default"]["ENGINE"] in {EMBEDDED_ENGINE, "django.db.backends.postgresql"}


def test_check_deploy_is_silent_with_production_settings():
    """`manage.py check --deploy` with the production variables set reports nothing at all."""
    environment = {
        "PATH": os.environ["PATH"],
        "JINAQ_NO_BOOTSTRAP": "1",
        "DJANGO_SETTINGS_MODULE": "proceedings.site.settings",
        "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "x9Q2" * 10,
        "DJANGO_ALLOWED_HOSTS": "jinaq.example.kz",
        "DATABASE_URL": "postgres://jinaq@db.example.kz:5432/jinaq",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout.strip()) == (
        0,
        "System check identified no issues (0 silenced).",
    )


def run_manage(*arguments: str, **variables: str) -> subprocess.CompletedProcess:
    environment = {
        "PATH": os.environ["PATH"],
        "JINAQ_NO_BOOTSTRAP": "1",
        "DJANGO_SETTINGS_MODULE": "proceedings.site.settings",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=environment | variables,
        capture_output=True,
        text=True,
        check=False,
    )


PRINT_DEBUG = ("shell", "-c", "from django.conf import settings; print(settings.DEBUG)")


def test_settings_without_any_variable_are_a_development_machine():
    """What the shared scorer and a newcomer run: `manage.py ...` with nothing configured."""
    result = run_manage(*PRINT_DEBUG)
    assert (result.returncode, result.stdout.split()[-1]) == (0, "True")


def test_settings_with_a_secret_key_default_to_debug_off():
    result = run_manage(*PRINT_DEBUG, DJANGO_SECRET_KEY="a-long-random-production-secret-" + "x9Q2" * 10)
    assert (result.returncode, result.stdout.split()[-1]) == (0, "False")


def test_settings_refuse_to_start_without_secret_key_when_not_debugging():
    result = run_manage("check", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_wsgi_refuses_to_serve_without_secret_key():
    environment = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "proceedings.site.settings"}
    result = subprocess.run(
        [sys.executable, "-c", "import proceedings.site.wsgi"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr

"""Settings come from the environment; the database is PostgreSQL, external or embedded."""

from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from proceedings.database import EMBEDDED_ENGINE, database_config

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

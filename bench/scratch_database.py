"""A benchmark's own database beside the project's: the same server, another database name.

The embedded backend creates a database it is pointed at by itself; on an external server
(DATABASE_URL) it is created here if missing, through the server's `postgres` database.
"""

from __future__ import annotations


def scratch_database(
    settings, name: str, *, aliases: tuple[str, ...] = ("default",), create: bool = True
) -> None:
    """Point `aliases` of Django's settings (not yet set up) at database `name`."""
    for alias in aliases:
        database = settings.DATABASES[alias]
        database["NAME"] = name
        if "EMBEDDED_DATABASE" in database:
            database["EMBEDDED_DATABASE"] = name  # the embedded backend creates it
    database = settings.DATABASES["default"]
    if create and "EMBEDDED_DATABASE" not in database:
        import psycopg2  # noqa: PLC0415 - only for an external server

        admin = psycopg2.connect(
            host=database["HOST"], port=database["PORT"], user=database["USER"],
            password=database["PASSWORD"], dbname="postgres",
        )  # fmt: skip
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{name}"')
        admin.close()

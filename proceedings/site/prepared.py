"""Statements PostgreSQL plans once per connection: PREPARE on first use, EXECUTE after.

A page that every reader asks for (the article page) runs the same few statements with other
values; planning them again each time cost PostgreSQL more than running some of them (the
related articles' statement: ~0.9 ms to plan, ~1.5 ms to run at 100,000 articles). A prepared
statement is planned for its first executions and then, when PostgreSQL finds a generic plan as
good, not at all.

Prepared statements live as long as the server connection, so they pay only with persistent
connections (CONN_MAX_AGE, 60 s by default). Behind PgBouncer in transaction mode
(DATABASE_CONN_MAX_AGE=0, README "Deploying") consecutive statements may reach different server
connections, so there the statement is sent whole every time, as Django sends its own.

The PREPARE itself goes through the driver's own cursor, not Django's: it is set-up of the
connection, not a query of the page, and the pages' query counts stay the same whether or not
the connection has seen the statement before. A PREPARE survives the rollback of the
transaction it ran in (PostgreSQL's prepared statements belong to the session).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.db import connections

PLACEHOLDER = re.compile(r"\$(\d+)")
# Where a connection keeps the names it has prepared, with the driver connection they belong to
# (a closed and reopened connection has none).
PREPARED_ATTRIBUTE = "jinaq_prepared"


class Statement:
    """One statement written with PostgreSQL's own placeholders ($1, $2, …), each used in
    order of their numbers; `name` must be unique among the project's prepared statements."""

    def __init__(self, name: str, sql: str) -> None:
        self.name = name
        self.sql = sql
        # The same statement for the driver's own substitution, when it is not prepared.
        self.plain = PLACEHOLDER.sub(lambda match: f"%(p{match.group(1)})s", sql.replace("%", "%%"))
        self.count = len({match.group(1) for match in PLACEHOLDER.finditer(sql)})
        self.execute_sql = (
            f"EXECUTE {name}({', '.join(['%s'] * self.count)})" if self.count else f"EXECUTE {name}"
        )

    def rows(self, alias: str, params: Sequence[Any]) -> list[tuple]:
        """The statement's rows on database `alias`, prepared there first when that pays."""
        if len(params) != self.count:
            raise ValueError(f"{self.name} takes {self.count} values, not {len(params)}")
        connection = connections[alias]
        with connection.cursor() as cursor:
            if _persistent(connection):
                _prepare(connection, self)
                cursor.execute(self.execute_sql, list(params))
            else:
                cursor.execute(self.plain, {f"p{number}": value for number, value in enumerate(params, 1)})
            return cursor.fetchall()


def _persistent(connection) -> bool:
    return connection.settings_dict.get("CONN_MAX_AGE") != 0


def _prepare(connection, statement: Statement) -> None:
    raw = connection.connection
    held = getattr(connection, PREPARED_ATTRIBUTE, None)
    if held is None or held[0] is not raw:
        held = (raw, set())
        setattr(connection, PREPARED_ATTRIBUTE, held)
    if statement.name in held[1]:
        return
    with connection.wrap_database_errors, raw.cursor() as cursor:
        cursor.execute(f"PREPARE {statement.name} AS {statement.sql}")
    held[1].add(statement.name)

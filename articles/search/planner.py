"""How the search's queries are planned: through the GIN indexes, never by reading the table.

Session settings on the connection the search reads from (a replica's in a reader's request,
proceedings/site/routers.py), set around the queries that need them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

from django.core.exceptions import EmptyResultSet
from django.db import DatabaseError, connections, router
from django.db.models import QuerySet, Value

from articles.models import SearchEntry

SET_SCANS = "SET enable_seqscan = off; SET enable_indexscan = off; SET max_parallel_workers_per_gather = 0"
RESET_SCANS = "RESET enable_seqscan; RESET enable_indexscan; RESET max_parallel_workers_per_gather"
# A large tier, latest first, is read by walking the primary key backwards and testing each row
# where that reads at most this many rows (~50 µs a row: each document is fetched and unpacked),
# instead of collecting and sorting every hit (30 ms for 12,000 hits at 100,000 articles).
BACKWARD_WALK_ROWS = 1000
ENTRIES_ESTIMATE_SECONDS = 600
DEPTH = "jinaq_index_scans_depth"  # on the connection wrapper: how many blocks are open


def search_connection():
    return connections[router.db_for_read(SearchEntry)]


@contextmanager
def index_scans() -> Iterator[None]:
    """Run the enclosed queries with whole-table reads switched off: matches come from GIN.

    A word in most articles makes the planner read the whole table (or walk a whole b-tree),
    which it takes to be cheap; it is not, because every row's document vector is stored out of
    line and must be fetched and unpacked to be tested. Through the GIN index a count never
    reads the documents at all. No parallel workers either: the pairs function's declared cost
    makes plans look expensive enough for them, and starting them costs more than a search on a
    busy server gains. Session settings, put back in `finally` (a rolled-back
    transaction puts them back itself). On the connection the queries read from: a replica's in
    a reader's request (proceedings/site/routers.py). Blocks nest: only the outermost sets and
    resets, so a search request wrapped in one pays two statements for it, not two per query.
    """
    connection = search_connection()
    depth = getattr(connection, DEPTH, 0)
    setattr(connection, DEPTH, depth + 1)
    try:
        if depth:  # inside another block (a whole search request): the settings are on already
            yield
            return
        with connection.cursor() as cursor:
            cursor.execute(SET_SCANS)
            try:
                yield
            except BaseException:
                with suppress(DatabaseError):  # an aborted transaction refuses; its rollback resets
                    cursor.execute(RESET_SCANS)
                raise
            cursor.execute(RESET_SCANS)
    finally:
        setattr(connection, DEPTH, depth)


@contextmanager
def backward_walk() -> Iterator[None]:
    """Inside index_scans(): let the planner walk an index (the primary key, backwards) for a
    query known to find its rows early."""
    with search_connection().cursor() as cursor:
        cursor.execute("SET enable_indexscan = on")
        try:
            yield
        finally:
            with suppress(DatabaseError):
                cursor.execute("SET enable_indexscan = off")


_estimate: list[float] = []  # (taken at, rows)


def entries_estimate() -> int:
    """About how many search entries there are (the planner's figure, read again every ten
    minutes): how far a backward walk goes depends on it."""
    if not _estimate or time.monotonic() - _estimate[0] > ENTRIES_ESTIMATE_SECONDS:
        with search_connection().cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'articles_searchentry'::regclass")
            rows = cursor.fetchone()[0]
        _estimate[:] = [time.monotonic(), max(rows, 1.0)]
    return int(_estimate[1])


def index_exists(*querysets: QuerySet) -> list[bool]:
    """Whether each queryset has a row, in one statement."""
    return _one_row(querysets, lambda sql: f"EXISTS ({sql})", empty="false")


def index_counts(*querysets: QuerySet) -> list[int]:
    """How many rows each queryset has, in one statement. Each count selects no column, so a
    bitmap scan of GIN indexes answers it without reading a row (PostgreSQL skips the heap
    pages the visibility map shows all-visible): counting a broad word's 22,000 head hits and
    12,000 lead hits this way takes 8 + 4 ms, counting both in one pass over the head's rows
    20 ms, since that reads each row's lead vector."""
    return _one_row(querysets, lambda sql: f"(SELECT count(*) FROM ({sql}) AS hit)", empty="0")


def _one_row(querysets: tuple[QuerySet, ...], wrap: Callable[[str], str], *, empty: str) -> list:
    """One value per queryset (`wrap` of its SQL), in one statement; `empty` for a queryset whose
    filter names nothing (no published volume of that year)."""
    selects, params = [], []
    for queryset in querysets:
        try:
            sql, query_params = queryset.order_by().values_list(Value(1)).query.sql_with_params()
        except EmptyResultSet:
            selects.append(empty)
            continue
        selects.append(wrap(sql))
        params += query_params
    if not selects:
        return []
    with search_connection().cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(selects)}", params)
        return list(cursor.fetchone())

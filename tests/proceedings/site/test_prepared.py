"""Prepared statements (proceedings/site/prepared.py): prepared once per server connection, sent
whole when connections are not kept (PgBouncer), the same rows either way."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from proceedings.site.prepared import Statement

pytestmark = pytest.mark.django_db

SUM = Statement("jinaq_test_sum", "SELECT $1::int + $2::int, $1::int * 10, '100%'")


def server_prepared() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements WHERE name LIKE 'jinaq_test_%'")
        return [name for (name,) in cursor.fetchall()]


def test_statement_is_prepared_once_and_answers_each_time():
    assert SUM.rows("default", [2, 3]) == [(5, 20, "100%")]
    assert SUM.rows("default", [4, 5]) == [(9, 40, "100%")]

    assert server_prepared() == ["jinaq_test_sum"]


def test_statement_without_persistent_connections_is_sent_whole(settings):
    connection.settings_dict["CONN_MAX_AGE"] = 0
    try:
        other = Statement("jinaq_test_whole", "SELECT $1::text || '%'")

        assert other.rows("default", ["50"]) == [("50%",)]
        assert "jinaq_test_whole" not in server_prepared()
    finally:
        connection.settings_dict["CONN_MAX_AGE"] = settings.DATABASES["default"]["CONN_MAX_AGE"]


def test_statement_prepared_in_a_rolled_back_transaction_still_answers():
    late = Statement("jinaq_test_late", "SELECT $1::int - 1")
    first = []

    def prepare_then_fail() -> None:
        with transaction.atomic():
            first.extend(late.rows("default", [10]))
            raise RuntimeError("roll back")

    with pytest.raises(RuntimeError):
        prepare_then_fail()

    assert (first, late.rows("default", [3])) == ([(9,)], [(2,)])


@pytest.mark.django_db(transaction=True)
def test_statement_is_prepared_again_on_a_new_connection():
    assert SUM.rows("default", [1, 1]) == [(2, 10, "100%")]
    connection.close()

    assert SUM.rows("default", [1, 2]) == [(3, 10, "100%")]


def test_statement_refuses_the_wrong_number_of_values():
    with pytest.raises(ValueError, match="takes 2 values, not 1"):
        SUM.rows("default", [1])

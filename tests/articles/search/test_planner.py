"""The search's planner settings: set once for a whole request, always put back."""

import pytest
from django.db import connection

from articles.search.planner import backward_walk, index_scans

pytestmark = pytest.mark.django_db


def settings_now() -> tuple[str, str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan'),"
            " current_setting('max_parallel_workers_per_gather')"
        )
        return cursor.fetchone()


def test_nested_blocks_keep_the_settings_until_the_outermost_ends():
    before = settings_now()
    with index_scans():
        with index_scans():
            inner = settings_now()
        after_inner = settings_now()
        with backward_walk():
            walking = settings_now()
        after_walk = settings_now()

    assert (inner, after_inner) == (("off", "off", "0"), ("off", "off", "0"))
    assert (walking, after_walk) == (("off", "on", "0"), ("off", "off", "0"))
    assert settings_now() == before


def test_settings_are_put_back_when_a_search_fails():
    before = settings_now()
    with pytest.raises(ZeroDivisionError), index_scans(), index_scans():
        1 / 0  # noqa: B018

    assert settings_now() == before

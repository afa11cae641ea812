"""positions_shift moves a block of a volume's articles without two ever sharing a position, in
whatever order PostgreSQL visits the rows (the unique position is checked row by row). The rows
are written here highest position first and the index is kept out of the plan, so the UPDATE
visits them in that order — the order in which a block shifted too little collides with itself
(it did in CI: restoring the first article of a volume failed on the unique position)."""

import pytest
from django.db import connection

from articles.models import Article
from proceedings.editorial.editing import positions_shift
from tests.factories import ArticleFactory, ProceedingsFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("after", "by"), [(0, 1), (0, 3), (1, 1), (2, 2), (1, -1)])
def test_a_block_moves_whatever_order_the_rows_are_visited_in(after, by):
    volume = ProceedingsFactory()
    for position in (4, 3, 2, 1):
        if not (by < 0 and position == after):  # a move back needs the gap it moves into
            ArticleFactory(proceedings=volume, position=position, slug=f"paper-{position}")

    with connection.cursor() as cursor:  # a scan of the table, in the order the rows were written
        cursor.execute("SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off")
        positions_shift(proceedings_id=volume.pk, after=after, by=by)

    moved = dict(Article.objects.filter(proceedings=volume).values_list("slug", "position"))
    expected = {
        slug: position + by if position > after else position
        for slug, position in ((f"paper-{p}", p) for p in (4, 3, 2, 1))
        if slug in moved
    }
    assert moved == expected

"""Editors' fixes on a volume with page furniture: an article's range spans a running header.

The stored source is read as the import read it, furniture set aside, so an article's lines
and body still match what was stored, and a split or a merge never pulls a header or a page
number into a body.
"""

import pytest
from django.conf import settings

from articles.models import Article
from proceedings.editorial.editing import article_source_lines, article_split, articles_merge
from proceedings.importer.metadata import volume_metadata_from_mapping
from proceedings.models import Proceedings
from proceedings.services import proceedings_import
from tests.proceedings.furniture_volumes import ARTICLES, paged_dump, prose

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

HEADER = "Вестник молодых учёных. № 1, 2024"


@pytest.fixture
def volume() -> Proceedings:
    text = "\n".join(line for line, _ in paged_dump(HEADER, first_page=15))
    outcome = proceedings_import(
        data=text.encode(),
        filename="volume.txt",
        max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
        metadata=volume_metadata_from_mapping({"slug": "furniture", "year": 2024, "title_ru": "Вестник"}),
        publish=True,
    )
    return outcome.proceedings


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(username="editor", password="x", is_staff=True)


def _articles(volume: Proceedings) -> list[Article]:
    return list(volume.articles.order_by("position"))


def test_an_articles_source_lines_leave_out_the_header_and_page_number_it_spans(volume):
    first = _articles(volume)[0]

    lines = article_source_lines(article=first)

    assert (first.source_start_line, first.source_end_line) == (2, 34)
    assert [line.text for line in lines] == [*ARTICLES["ru1"], *prose("ru1", 28)]
    assert [line.number for line in lines if line.number in (19, 20)] == []  # number 15, header


def test_split_and_merge_across_a_page_break_keep_the_furniture_out(volume, editor):
    first = _articles(volume)[0]
    body = prose("ru1", 28)

    top, bottom = article_split(article=first, at_line=21, user=editor)  # page 2's first line

    assert top.body.endswith(body[13])
    assert bottom.body.startswith(body[14])
    assert HEADER not in top.body + bottom.body

    merged = articles_merge(first=top, second=bottom, user=editor)

    assert (merged.body, merged.content_hash) == (first.body, first.content_hash)
    assert (merged.source_start_line, merged.source_end_line) == (2, 34)

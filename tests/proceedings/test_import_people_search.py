"""An import re-indexes the older articles of the people it gave a new spelling — the spelling is
searchable there too — and leaves alone those of people it only found again: at 100,000 articles
re-indexing every older article of everyone in a volume loaded thousands of them per import
(700 MB in the task worker, bench/soak.py).

Whether an entry was written is read from PostgreSQL itself: a row's `xmin` changes when the row
is updated, even to the same values."""

import pytest
from django.conf import settings
from django.db import connection

from articles.models import Article
from authors.models import Person
from proceedings.importer.metadata import volume_metadata_from_mapping
from proceedings.services import proceedings_import
from tests.proceedings.importer.test_classified_volume import ECONOMY, FIRST, article

pytestmark = pytest.mark.django_db


def import_volume(lines: list[str], slug: str) -> Article:
    proceedings_import(
        data="\n".join([*lines, f"— {slug} —"]).encode(),  # a file of its own each time
        filename="volume.txt",
        max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
        metadata=volume_metadata_from_mapping({"slug": slug, "year": 2024, "title_ru": "Сборник"}),
        publish=True,
    )
    return Article.objects.get(proceedings__slug=slug)


def entry_version(article: Article) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT xmin::text FROM articles_searchentry WHERE article_id = %s", [article.pk])
        return cursor.fetchone()[0]


def test_an_import_reindexes_older_articles_only_of_people_it_gave_a_new_spelling():
    older = import_volume(FIRST, "first")
    version = entry_version(older)

    import_volume(FIRST, "again")  # the same people, spelled as before

    assert entry_version(older) == version

    respelled = article(
        ["УДК 330.1"],
        "ЦИФРОВАЯ ЭКОНОМИКА РЕГИОНА",
        "Иванов Иван Иванович",
        "Петров П. П.",
        ("DIGITAL ECONOMY OF THE REGION", "Ivanov I. I.", "Petrov P. P."),
        ECONOMY,
    )
    import_volume(respelled, "respelled")

    assert "Ivanov I. I." in Person.objects.get(display_name="Иванов Иван Иванович").name_variants
    assert entry_version(older) != version

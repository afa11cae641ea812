"""`restructure_bodies` gives a PDF volume's articles back the tables their print holds, where
their body is as imported; an edited body keeps what it has."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.models import Article
from proceedings.importer.metadata import volume_metadata_from_mapping
from proceedings.importer.structure import TABLE, body_paragraphs, structure_for
from proceedings.services import proceedings_import
from proceedings.site.page_cache import content_generation
from tests.proceedings.importer.test_pdf_tables import ROWS, article_with_table_pdf

pytestmark = pytest.mark.django_db
FOUND = "1 updated, 0 unchanged, 0 left alone, 1 tables"


def imported_then_text_only() -> Article:
    """The table PDF imported, its article's structure then as migration articles 0024 left it:
    read from the text alone."""
    outcome = proceedings_import(
        data=article_with_table_pdf(),
        filename="tables.pdf",
        max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
        metadata=volume_metadata_from_mapping({"slug": "tables-2026", "year": 2026, "title_kk": "Кестелер"}),
    )
    (article,) = outcome.proceedings.articles.all()
    article.body_structure = structure_for(None, article.body).as_json(article.body)
    article.save(update_fields=["body_structure"])
    return article


def tables(article: Article) -> list:
    article.refresh_from_db()
    return [tuple(map(tuple, run["rows"])) for run in article.body_structure["runs"] if run["kind"] == TABLE]


def restructure(*args: str) -> str:
    out = StringIO()
    call_command("restructure_bodies", *args, stdout=out)
    return out.getvalue()


def test_the_command_brings_back_a_pdfs_table_once():
    article = imported_then_text_only()
    assert tables(article) == []

    dry = restructure("--dry-run")
    assert tables(article) == []
    first = restructure("--volume", "tables-2026")
    again = restructure()

    assert tables(article) == [ROWS]
    caption = article.body_structure["runs"][0]["caption"]
    assert body_paragraphs(article.body)[caption] == "Кесте 1. Факультеттің көрсеткіштері"
    assert (
        dry.splitlines()[-1]
        == "1 volumes: 1 updated, 0 unchanged, 0 left alone, 1 tables (dry run: nothing stored)"
    )
    assert first.splitlines()[-1] == "1 volumes: 1 updated, 0 unchanged, 0 left alone, 1 tables"
    assert again.splitlines()[-1] == "1 volumes: 0 updated, 1 unchanged, 0 left alone, 0 tables"


def test_an_article_an_editor_changed_is_left_alone_and_named():
    article = imported_then_text_only()
    article.body = article.body.replace("Бұл мақалада", "Осы мақалада")
    article.body_structure = structure_for(None, article.body).as_json(article.body)
    article.save(update_fields=["body", "body_structure"])
    before = article.body_structure

    out = restructure()

    article.refresh_from_db()
    assert article.body_structure == before
    assert f"1 left alone (edited since the import): article ids {article.pk}" in out


@pytest.mark.django_db(transaction=True)
def test_cached_pages_go_stale_when_a_structure_changed_only():
    imported_then_text_only()
    before = content_generation()

    restructure("--dry-run")
    after_dry_run = content_generation()
    restructure()
    after = content_generation()
    restructure()

    assert after_dry_run == before
    assert after != before
    assert content_generation() == after  # nothing changed the second time

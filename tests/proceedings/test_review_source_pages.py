"""The source view of an article under review: a marked row where the volume's next page begins."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from proceedings.importer.metadata import volume_metadata_from_mapping
from proceedings.services import proceedings_import
from tests.builders import FIRST_ARTICLE, SECOND_ARTICLE, build_pdf

pytestmark = pytest.mark.django_db

BODY = [f"Жасанды интеллект спорт журналистикасын өзгертіп отыр, {n}-сөйлем жалғасады." for n in range(59)]


def imported(data: bytes, filename: str):
    metadata = volume_metadata_from_mapping({"slug": "pages-test", "year": 2025, "title_en": "Pages"})
    outcome = proceedings_import(
        data=data, filename=filename, max_bytes=settings.JINAQ_IMPORT_MAX_BYTES, metadata=metadata
    )
    return outcome.proceedings.articles.order_by("position").first()


def source_rows(client, article) -> list[str]:
    """The source table's rows in order: 'line N' for a line, the separator's text for a page break."""
    url = reverse("admin:proceedings_proceedings_review_article", args=[article.proceedings_id, article.pk])
    html = client.get(url).content.decode()
    rows = re.findall(r'<tr (?:id="line-(\d+)"|class="line-page-break"[^>]*><td colspan="4">([^<]*))', html)
    return [f"line {number}" if number else text for number, text in rows]


def test_source_view_marks_where_each_page_of_a_pdf_begins(editor_client):
    pdf = build_pdf([FIRST_ARTICLE[:6], FIRST_ARTICLE[6:], SECOND_ARTICLE], footer_numbers_from=11)
    article = imported(pdf, "volume.pdf")

    rows = source_rows(editor_client, article)

    assert rows[0] == "Page 11 (page 1 of the PDF)"
    breaks = [n for n, row in enumerate(rows) if not row.startswith("line ")]
    assert [rows[n] for n in breaks] == ["Page 11 (page 1 of the PDF)", "Page 12 (page 2 of the PDF)"]
    assert len(rows) - len(breaks) == len(FIRST_ARTICLE)  # every line once, none lost to a separator
    second_page = rows[breaks[1] + 1 :]
    assert len(second_page) == len(FIRST_ARTICLE[6:])


def test_source_view_marks_the_page_numbers_a_text_dump_printed(editor_client):
    lines = FIRST_ARTICLE + BODY
    pages = [lines[start : start + 16] for start in range(0, len(lines), 16)]
    text = "\n\n".join("\n".join(page) + f"\n\n{number}" for number, page in enumerate(pages, start=3))
    article = imported(text.encode(), "volume.txt")

    rows = source_rows(editor_client, article)

    breaks = [row for row in rows if not row.startswith("line ")]
    assert breaks == [f"New page: the page number “{number}” stood here" for number in (3, 4, 5, 6)]
    assert rows[15:18] == ["line 16", breaks[0], "line 20"]  # the number stood at line 18


def test_source_view_of_a_pdf_in_russian_names_the_pages_in_russian(editor_client):
    article = imported(build_pdf([FIRST_ARTICLE, SECOND_ARTICLE], footer_numbers_from=7), "volume.pdf")
    editor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ru"

    rows = source_rows(editor_client, article)

    assert rows[0] == "Страница 7 (страница 1 PDF-файла)"

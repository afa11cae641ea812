"""Every export format, read back by an independent parser, gives back the title exactly as a
reference prints it — for titles with quotes, braces, markup, TeX's specials and ligatures, a
spreadsheet formula, and line breaks (a reference is one line: whitespace runs are one space)."""

import csv
import io
import json
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from docx import Document

from articles.citations.formats import FORMATS
from articles.citations.render import render_citations
from articles.selectors import article_list_items
from tests.articles.citations.records import ACCESSED
from tests.factories import ArticleFactory, AuthorshipFactory, PersonFactory

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(__file__).parent / "csl-data.json").read_text(encoding="utf-8"))
HOSTILE_TITLES = [
    'Quoted "title" with {braces} and <b>bold</b> markup',
    "Line one\nline two,\ttabbed   and  spaced",
    "=1+1",
    "+7 and -5 @home",
    "-minus first",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "100% \\ backslash \\textbf{x} & $5 #1 a_b ~",
    "a -- b --- c ``q'' ?` !` <<x>> ,,y",
    "<script>alert(1)</script> &amp; &lt;",
]
EXPECTED = [" ".join(title.split()) for title in HOSTILE_TITLES]
SPREADSHEET_FORMULA = ("=", "+", "-", "@")


@pytest.fixture
def hostile_articles():
    """One article per title, in order, with an author (the references' heading)."""
    articles = []
    for position, title in enumerate(HOSTILE_TITLES, start=1):
        article = ArticleFactory(title=title, title_display=title, position=position, language="en")
        AuthorshipFactory(article=article, person=PersonFactory(display_name="Андреева М. М."))
        articles.append(article)
    return list(article_list_items().filter(pk__in=[a.pk for a in articles]).order_by("position"))


def exported(articles, slug: str, **options) -> bytes:
    return render_citations(
        articles, slug, base_url="https://jinaq.example", accessed=ACCESSED, **options
    ).content


def test_bibtex_titles_read_back_exactly(hostile_articles):
    library = bibtexparser.parse_string(
        exported(hostile_articles, "bibtex").decode(), append_middleware=[LatexDecodingMiddleware()]
    )

    assert library.failed_blocks == []
    assert [entry.fields_dict["title"].value for entry in library.entries] == EXPECTED


def test_ris_titles_read_back_exactly(hostile_articles):
    entries = rispy.loads(exported(hostile_articles, "ris").decode())

    assert [entry["title"] for entry in entries] == EXPECTED


def test_csl_json_titles_read_back_exactly_and_stay_valid(hostile_articles):
    items = json.loads(exported(hostile_articles, "csl-json"))

    jsonschema.validate(items, SCHEMA)
    assert [item["title"] for item in items] == EXPECTED


def test_csv_titles_read_back_exactly_with_formulas_neutralised(hostile_articles):
    text = exported(hostile_articles, "csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))

    guarded = ["'" + title if title.startswith(SPREADSHEET_FORMULA) else title for title in EXPECTED]
    assert [row["title"] for row in rows] == guarded
    assert [row["display_title"] for row in rows] == guarded
    assert guarded[2:6] == ["'=1+1", "'+7 and -5 @home", "'-minus first", "'@SUM(1+1)*cmd|' /C calc'!A0"]


@pytest.mark.parametrize("slug", [slug for slug, f in FORMATS.items() if f.is_reference_style])
def test_text_references_are_one_line_each_with_the_title_as_printed(hostile_articles, slug):
    lines = exported(hostile_articles, slug).decode().split("\n")

    assert len(lines) == len(HOSTILE_TITLES)
    for line, title in zip(lines, EXPECTED, strict=True):
        assert title in line, (slug, line)


def test_docx_entries_are_the_text_references_exactly(hostile_articles):
    document = Document(io.BytesIO(exported(hostile_articles, "docx")))
    text = exported(hostile_articles, "gost-r-7-0-5-2008").decode()

    paragraphs = [paragraph.text for paragraph in document.paragraphs[1:]]
    # The text list writes the numbers Word's 'List Number' style draws ('1.').
    assert [f"{number}. {entry}" for number, entry in enumerate(paragraphs, start=1)] == text.split("\n")
    assert all(title in entry for title, entry in zip(EXPECTED, paragraphs, strict=True))

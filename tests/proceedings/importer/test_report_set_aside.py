"""The dry run's JSON lists the lines kept out of every article, with their kind and page."""

from proceedings.importer.pipeline import parse_proceedings
from proceedings.importer.report import plan_to_json
from tests.proceedings.furniture_volumes import paged_dump, volume_pdf

HEADER = "Вестник молодых учёных. № 1, 2024"
ARTICLE_KEYS = {
    "start_line",
    "end_line",
    "title",
    "authors",
    "supervisors",
    "language",
    "keywords",
    "duplicate_of",
    "topics",
    "title_display",
    "abstracts",
    "parallel_titles",
    "first_page",
    "last_page",
    "warnings",
}


def test_plan_to_json_lists_the_set_aside_lines_of_a_text_dump():
    items = paged_dump(HEADER, first_page=15)
    text = "\n".join(line for line, _ in items)

    report = plan_to_json(parse_proceedings(text.encode(), filename="volume.txt"))

    assert report["set_aside"] == [
        {"line": number, "text": line, "kind": kind, "page": None}
        for number, (line, kind) in enumerate(items, start=1)
        if kind
    ]
    assert [set(entry) for entry in report["articles"]] == [ARTICLE_KEYS] * 3


def test_plan_to_json_gives_each_set_aside_line_of_a_pdf_its_page():
    report = plan_to_json(parse_proceedings(volume_pdf(), filename="volume.pdf"))

    assert report["set_aside"][:6] == [
        {"line": 1, "text": "МИНИСТЕРСТВО НАУКИ И ВЫСШЕГО ОБРАЗОВАНИЯ", "kind": "cover", "page": 1},
        {"line": 2, "text": "СБОРНИК МАТЕРИАЛОВ", "kind": "cover", "page": 1},
        {"line": 3, "text": "студенческой научной конференции", "kind": "cover", "page": 1},
        {"line": 4, "text": "«МОЛОДЫЕ УЧЁНЫЕ – 2024»", "kind": "cover", "page": 1},
        {"line": 5, "text": "Алматы, 2024", "kind": "cover", "page": 1},
        {"line": 6, "text": "УДК 070 (063)", "kind": "imprint", "page": 2},
    ]
    assert [set(entry) for entry in report["articles"]] == [ARTICLE_KEYS | {"text"}] * len(report["articles"])

"""The importer keeps a volume's sections: their titles, where they are printed, and their articles."""

from proceedings.importer.pipeline import parse_proceedings
from proceedings.importer.report import plan_to_json
from proceedings.importer.sections import heading_title
from proceedings.importer.summary import plan_summary
from tests.proceedings.furniture_volumes import ARTICLES, HEADER, build_furniture_pdf, prose, volume_pdf
from tests.proceedings.section_volumes import (
    DISCIPLINE,
    NOMINATION,
    TITLES,
    article_lines,
    line_of,
    sectioned_text,
    text_of,
)


def test_sections_of_a_text_dump_and_the_articles_under_them():
    data = sectioned_text()

    plan = parse_proceedings(data, filename="volume.txt")

    starts = [article.start_line for article in plan.articles]
    assert [article.title for article in plan.articles] == TITLES
    assert [(s.title, s.title_display, s.line, s.end_line, s.articles) for s in plan.sections] == [
        (
            "ЮРИДИЧЕСКИЕ НАУКИ",
            "Юридические науки",
            line_of(data, DISCIPLINE),
            line_of(data, DISCIPLINE),
            starts[1:3],
        ),
        (
            "НОМИНАЦИЯ «ИСТОРИЯ НАУКИ И ТЕХНОЛОГИЙ»",
            "Номинация «История науки и технологий»",
            line_of(data, NOMINATION[0]),
            line_of(data, NOMINATION[1]),
            starts[3:],
        ),
    ]


def test_a_pdfs_sections_after_its_contents_and_the_contents_own_sections_are_none():
    plan = parse_proceedings(volume_pdf(), filename="volume.pdf")

    starts = [article.start_line for article in plan.articles]
    assert [(section.title, section.articles) for section in plan.sections] == [
        ("СЕКЦИЯ 1. ЖУРНАЛИСТИКА", starts[:2]),
        ("СЕКЦИЯ 2. НОВЫЕ МЕДИА", starts[2:]),
    ]


def test_a_divider_page_of_a_label_and_a_name_is_one_section():
    pages = [
        {"top": HEADER, "lines": [*ARTICLES["ru1"], *prose("ru1", 40)], "bottom": "1"},
        {"top": HEADER, "lines": ["СЕКЦИЯ 2", "ГРАЖДАНСКОЕ ПРАВО И ПРОЦЕСС"], "bottom": "2"},
        {"top": HEADER, "lines": ["УДК 347", *ARTICLES["ru2"], *prose("ru2", 40)], "bottom": "3"},
    ]

    plan = parse_proceedings(build_furniture_pdf(pages), filename="volume.pdf")

    assert [(s.title, s.title_display, s.articles) for s in plan.sections] == [
        (
            "СЕКЦИЯ 2. ГРАЖДАНСКОЕ ПРАВО И ПРОЦЕСС",
            "Секция 2. Гражданское право и процесс",
            [plan.articles[1].start_line],
        )
    ]


def test_a_volume_without_section_headings_has_no_sections():
    plan = parse_proceedings(text_of(article_lines("ru1"), article_lines("ru2")), filename="volume.txt")

    assert len(plan.articles) == 2
    assert plan.sections == []


def test_heading_title_joins_a_bare_label_to_its_name_and_wrapped_lines_by_a_space():
    assert heading_title(["1-СЕКЦИЯ", "ЭКОНОМИКА"]) == "1-СЕКЦИЯ. ЭКОНОМИКА"
    assert heading_title(["SECTION II", "ECONOMICS"]) == "SECTION II. ECONOMICS"
    assert heading_title(["НОМИНАЦИЯ «ИСТОРИЯ", "НАУКИ»"]) == "НОМИНАЦИЯ «ИСТОРИЯ НАУКИ»"
    assert heading_title(["SECTION 2. ECONOMICS"]) == "SECTION 2. ECONOMICS"


def test_the_dry_runs_json_lists_the_sections_with_their_articles():
    data = sectioned_text()

    report = plan_to_json(parse_proceedings(data, filename="volume.txt"))

    starts = [article["start_line"] for article in report["articles"]]
    assert report["sections"][0] == {
        "title": "ЮРИДИЧЕСКИЕ НАУКИ",
        "title_display": "Юридические науки",
        "line": line_of(data, DISCIPLINE),
        "end_line": line_of(data, DISCIPLINE),
        "language": "ru",
        "articles": starts[1:3],
    }
    assert [section["articles"] for section in report["sections"]] == [starts[1:3], starts[3:]]


def test_the_summary_names_each_section_with_its_article_count():
    plan = parse_proceedings(sectioned_text(), filename="volume.txt")

    assert plan_summary(plan).lines()[-1] == (
        "sections: Юридические науки (2), Номинация «История науки и технологий» (1)"
    )
    assert not any(
        line.startswith("sections:")
        for line in plan_summary(
            parse_proceedings(text_of(article_lines("ru1"), article_lines("ru2")), filename="volume.txt")
        ).lines()
    )

from pathlib import Path

import pymupdf
import pytest

from proceedings.importer.pipeline import parse_proceedings
from proceedings.importer.report import plan_to_json
from proceedings.importer.types import ImportFileError
from tests.builders import FIRST_ARTICLE, SECOND_ARTICLE

SEED = Path(__file__).resolve().parents[3] / "fixtures" / "000_b9a1821462d33f30.txt"
PROSE = (
    "Artificial intelligence has had a profound impact on many industries, including sports",
    "journalism. Advances in natural language processing and real-time data analytics have",
    "transformed how stories are generated, disseminated and consumed by their audiences.",
)
OTHER_PROSE = (
    "Regional media cooperation has become a channel of public diplomacy between neighbouring",
    "states. Joint broadcasts, exchange programmes for reporters and shared newsrooms build",
    "trust that formal agreements alone cannot create, especially among younger readers.",
)


def _pdf() -> bytes:
    """Three pages: article one on pages 1-2, article two on pages 2-3."""
    pages = [
        ["AI IN SPORTS JOURNALISM", "Smith J.", "Al-Farabi Kazakh National University", *PROSE, *PROSE],
        [
            *PROSE,
            "That is why the field keeps changing.",
            "MEDIA AND DIPLOMACY IN CENTRAL ASIA",
            "Nurova A.",
            "1st year master student",
            *OTHER_PROSE,
        ],
        [*OTHER_PROSE, *OTHER_PROSE],
    ]
    doc = pymupdf.open()
    for lines in pages:
        page = doc.new_page()
        for n, line in enumerate(lines):
            page.insert_text((50, 60 + 16 * n), line, fontname="helv", fontsize=10)
    data = doc.tobytes()
    doc.close()
    return data


def test_parse_proceedings_pdf_gives_page_ranges():
    plan = parse_proceedings(_pdf(), filename="volume.pdf")

    assert plan.kind == "pdf"
    assert [a.title for a in plan.articles] == [
        "AI IN SPORTS JOURNALISM",
        "MEDIA AND DIPLOMACY IN CENTRAL ASIA",
    ]
    assert [[p.name for p in a.authors] for a in plan.articles] == [["Smith J."], ["Nurova A."]]
    # pages are the printed ones, and this PDF prints none
    assert [(a.first_page, a.last_page) for a in plan.articles] == [(None, None), (None, None)]
    assert [a.language for a in plan.articles] == ["en", "en"]


def test_parse_proceedings_reports_progress_per_article():
    calls = []

    parse_proceedings(_pdf(), filename="volume.pdf", progress=lambda done, total: calls.append((done, total)))

    assert calls == [(1, 2), (2, 2)]


def test_parse_proceedings_refuses_an_empty_file():
    with pytest.raises(ImportFileError, match="empty"):
        parse_proceedings(b"", filename="empty.txt")


def test_parse_proceedings_seed_end_to_end():
    plan = parse_proceedings(SEED.read_bytes(), filename=SEED.name)
    by_start = {a.start_line: a for a in plan.articles}

    assert plan.kind == "text"
    assert plan.line_count == 14540
    assert len(plan.articles) == 58
    assert [a.start_line for a in plan.articles if a.duplicate_of] == [13744]
    assert by_start[13744].duplicate_of == 1556
    assert (
        by_start[1556].title
        == "СОВРЕМЕННАЯ МОДЕЛЬ НАЦИОНАЛЬНОГО ПРОДЮСИРОВАНИЯ В РАЗРЕЗЕ ОПЕРАТОРСКОГО ИСКУССТВА"
    )
    assert by_start[13744].title is None
    assert [p.name for p in by_start[3617].authors] == ["Ван Лу"]
    assert [(p.name, p.position) for p in by_start[5575].supervisors] == [("К. Камзин", "ф.ғ.д., профессор")]
    assert {a.language for a in plan.articles} == {"kk", "ru", "en"}
    assert by_start[12729].keywords["kk"][0] == "ақпараттық қоғам"
    assert sorted(by_start[14273].abstracts) == ["en", "kk", "ru"]
    assert all(a.start_line <= a.body_start_line <= a.end_line for a in plan.articles)
    assert all(b.start_line > a.end_line for a, b in zip(plan.articles, plan.articles[1:], strict=False))
    assert len({a.content_hash for a in plan.articles}) == 58


def test_plan_to_json_gives_the_dry_run_contract():
    plan = parse_proceedings(_pdf(), filename="volume.pdf")

    entry = plan_to_json(plan)["articles"][1]

    assert entry == {
        "start_line": entry["start_line"],
        "end_line": entry["end_line"],
        "title": "MEDIA AND DIPLOMACY IN CENTRAL ASIA",
        "authors": ["Nurova A."],
        "supervisors": [],
        "language": "en",
        "keywords": [],
        "duplicate_of": None,
        "topics": [],
        "title_display": "Media and diplomacy in Central Asia",
        "abstracts": {},
        "parallel_titles": {},
        "first_page": None,  # the printed page numbers, and this PDF prints none
        "last_page": None,
        "warnings": [],
        "text": "\n".join(
            ["MEDIA AND DIPLOMACY IN CENTRAL ASIA", "Nurova A.", "1st year master student", *OTHER_PROSE * 3]
        ),
    }


def test_plan_of_a_text_file_is_graded_by_its_line_numbers_alone():
    text = "\n".join([*FIRST_ARTICLE, "", *SECOND_ARTICLE]).encode()

    entries = plan_to_json(parse_proceedings(text, filename="volume.txt"))["articles"]

    assert [(entry["start_line"], "text" in entry) for entry in entries] == [(1, False), (10, False)]

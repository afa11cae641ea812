"""A PDF's ruled tables are rebuilt row by row, cell by cell, and shown in place of their lines;
white boxes behind text, ruled frames and prose are no tables. The PDFs are built here."""

import pymupdf

from proceedings.importer.pipeline import parse_proceedings
from proceedings.importer.read import read_source
from proceedings.importer.structure import TABLE, stored_structure
from proceedings.importer.tables import grid_box, plausible
from tests.builders import FIRST_ARTICLE

ROWS = (("Көрсеткіш", "2023", "2024"), ("Студенттер", "120", "135"), ("Мақалалар", "4.15", "60"))
COLUMNS = (72, 220, 340, 460)
ROW_HEIGHT = 20
TEXT = (
    "Жасанды интеллект спорт журналистикасының жұмысын түбегейлі өзгертіп отыр, ал журналистер",
    "талдау мен сұхбатқа көбірек уақыт бөле алады. Бұл мақалада осы өзгерістің мәні",
    "қаралады.",  # a paragraph's last line, short: the caption is a paragraph of its own
)
AFTER = (
    "Кестеден көрініп тұрғандай, студенттер мен мақалалар саны екі жыл ішінде өсіп келеді, бұл",
    "факультеттегі ғылыми жұмыстың жандануын көрсетеді және алдағы жылдарға үміт береді.",
)


def _write(page: pymupdf.Page, x: float, y: float, text: str, size: float = 10) -> None:
    writer = pymupdf.TextWriter(page.rect)
    writer.append((x, y), text, font=pymupdf.Font("helv"), fontsize=size)
    writer.write_text(page)


def _ruled_table(page: pymupdf.Page, top: float) -> float:
    """Draw ROWS as a table ruled on every side, each rule a line of its own; its bottom."""
    for number, row in enumerate(ROWS):
        for x, cell in zip(COLUMNS, row, strict=False):
            _write(page, x + 4, top + number * ROW_HEIGHT + 14, cell)
    bottom = top + len(ROWS) * ROW_HEIGHT
    for number in range(len(ROWS) + 1):
        page.draw_line(
            (COLUMNS[0], top + number * ROW_HEIGHT), (COLUMNS[-1], top + number * ROW_HEIGHT), width=0.7
        )
    for x in COLUMNS:
        page.draw_line((x, top), (x, bottom), width=0.7)
    return bottom


def article_with_table_pdf() -> bytes:
    document = pymupdf.open()
    page = document.new_page(width=595, height=842)
    y = 60.0
    for line in (*FIRST_ARTICLE, *TEXT):
        _write(page, 72, y, line)
        y += 16
    _write(page, 72, y + 8, "Кесте 1. Факультеттің көрсеткіштері")
    y = _ruled_table(page, y + 20) + 22
    for line in AFTER:
        _write(page, 72, y, line)
        y += 16
    data = document.tobytes()
    document.close()
    return data


def test_a_ruled_table_is_read_row_by_row_with_its_cells_text():
    raw = read_source(article_with_table_pdf(), filename="table.pdf", max_bytes=10**7)

    assert [(table.page, table.rows) for table in raw.tables] == [(1, ROWS)]


def test_the_article_body_shows_the_rebuilt_table_under_its_caption():
    plan = parse_proceedings(article_with_table_pdf(), filename="table.pdf")
    (draft,) = plan.articles
    found = stored_structure(draft.structure, draft.body)
    paragraphs = draft.body.split("\n\n")

    (run,) = found.runs
    assert run.kind == TABLE
    assert run.rows == ROWS
    assert paragraphs[run.caption] == "Кесте 1. Факультеттің көрсеткіштері"
    # Its cells' lines stay in the plain text, which search and citations read.
    assert "Студенттер" in draft.body
    assert "Кестеден көрініп" in paragraphs[max(run.paragraphs) + 1]


def _drawings(draw) -> list[dict]:
    document = pymupdf.open()
    page = document.new_page(width=595, height=842)
    draw(page)
    drawings = page.get_cdrawings()
    document.close()
    return drawings


def test_white_boxes_behind_text_and_a_ruled_frame_are_no_grid():
    def white_boxes(page):
        for number in range(30):
            page.draw_rect(
                pymupdf.Rect(55, 56 + 14 * number, 568, 70 + 14 * number), color=None, fill=(1, 1, 1)
            )

    def frame(page):
        page.draw_rect(pymupdf.Rect(60, 60, 500, 300), color=(0, 0, 0), width=0.7)

    def table(page):
        _ruled_table(page, 100)

    assert grid_box(_drawings(white_boxes)) is None
    assert grid_box(_drawings(frame)) is None
    left, top, right, bottom = grid_box(_drawings(table))
    assert (left, top) <= (COLUMNS[0], 100)
    assert (right, bottom) >= (COLUMNS[-1], 100 + 3 * ROW_HEIGHT)


def test_a_grid_holding_prose_or_empty_cells_is_no_table():
    prose = "Жасанды интеллект " * 30

    assert plausible(ROWS)
    assert not plausible([("Көрсеткіш", prose), ("Студенттер", "120")])
    assert not plausible([("Көрсеткіш", "", ""), ("", "", "135")])
    assert not plausible([("Көрсеткіш",), ("Студенттер",)])

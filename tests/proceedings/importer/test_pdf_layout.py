"""A PDF is read in the order a reader reads it, each line with its position and type.

The PDFs are built here piece by piece: a piece drawn later comes later in the content stream,
which is the order mupdf's plain text (the dump) follows whatever the positions.
"""

import pymupdf

from proceedings.importer.normalise import normalise_lines
from proceedings.importer.pipeline import parse_proceedings
from proceedings.importer.read import read_source
from tests.builders import (
    COLUMN_LEFT,
    FIRST_ARTICLE,
    SECOND_ARTICLE,
    Piece,
    build_layout_pdf,
    centred_piece,
    paragraph,
)

BODY = (
    "Social networks have become the main source of news for students, and with it grew the need "
    "to check what they read. The article looks at the media literacy skills that students use when "
    "they read news in messengers, and proposes exercises for classes on checking facts."
)
LEFT = (
    "The railway reached the region at the end of the century, and the towns along it grew "
    "quickly: stations, depots and schools for the workers who kept the line running."
)
RIGHT = (
    "Newspapers of the region wrote about the railway from the first survey to the opening "
    "of the line, and their reports are the main source for this part of the study."
)
TITLE_BLOCK = [
    centred_piece(60, "MEDIA LITERACY OF STUDENTS", size=14, bold=True),
    centred_piece(80, "Petrova E. V."),
    centred_piece(94, "Faculty of Journalism"),
]


def _read(data: bytes):
    return read_source(data, filename="volume.pdf", max_bytes=10_000_000)


def _dump(data: bytes) -> list[str]:
    with pymupdf.open(stream=data) as document:
        return [line for page in document for line in page.get_text().split("\n") if line.strip()]


def test_a_bold_capital_centred_title_carries_its_layout_to_its_lines():
    lines = normalise_lines(_read(build_layout_pdf([TITLE_BLOCK + paragraph(130, BODY)])))

    assert [(line.text, line.size, line.bold, line.caps, line.centred) for line in lines] == [
        ("MEDIA LITERACY OF STUDENTS", 14.0, True, True, True),
        ("Petrova E. V.", 10.0, False, False, True),
        ("Faculty of Journalism", 10.0, False, False, True),
        (
            "Social networks have become the main source of news for students, and with it grew the "
            "need to check what",
            10.0, False, False, False,
        ),
        (
            "they read. The article looks at the media literacy skills that students use when they read "
            "news in messengers,",
            10.0, False, False, False,
        ),
        ("and proposes exercises for classes on checking facts.", 10.0, False, False, False),
    ]  # fmt: skip
    assert [(line.page, line.printed_page, line.left, line.column) for line in lines[:2]] == [
        (1, None, 186.7, 0),
        (1, None, 268.0, 0),
    ]


def test_a_text_dump_keeps_its_lines_without_layout():
    raw = read_source(b"TITLE\nPetrova E. V.\n", filename="volume.txt", max_bytes=1000)
    lines = normalise_lines(raw)

    assert raw.layout is None
    layout = [(line.text, line.bold, line.caps, line.centred, line.size, line.printed_page) for line in lines]
    assert layout == [
        ("TITLE", False, False, False, None, None),
        ("Petrova E. V.", False, False, False, None, None),
    ]


def test_a_title_block_drawn_after_the_body_is_read_first():
    data = build_layout_pdf([paragraph(130, BODY) + TITLE_BLOCK])  # the body first in the stream
    title = ["MEDIA LITERACY OF STUDENTS", "Petrova E. V.", "Faculty of Journalism"]

    lines = [line.text for line in normalise_lines(_read(data))]

    assert _dump(data)[-3:] == title  # what mupdf's plain text gives
    assert lines[:3] == title
    assert lines[3].startswith("Social networks have become")


def test_a_two_column_page_reads_the_left_column_then_the_right():
    left = paragraph(140, LEFT, right=290)
    right = paragraph(140, RIGHT, left=305)
    across = sorted(left + right, key=lambda piece: (piece.y, piece.x))  # drawn row by row
    data = build_layout_pdf([[centred_piece(100, "TWO COLUMNS", size=14, bold=True), *across]])

    lines = normalise_lines(_read(data))

    assert [(line.text, line.column) for line in lines] == [
        ("TWO COLUMNS", 0),
        ("The railway reached the region at the end of the", 1),
        ("century, and the towns along it grew quickly: stations,", 1),
        ("depots and schools for the workers who kept the line", 1),
        ("running.", 1),
        ("Newspapers of the region wrote about the railway", 2),
        ("from the first survey to the opening of the line, and", 2),
        ("their reports are the main source for this part of the", 2),
        ("study.", 2),
    ]
    assert _dump(data)[1:3] == [  # what mupdf's plain text gives: across the columns
        "The railway reached the region at the end of the",
        "Newspapers of the region wrote about the railway",
    ]


def test_margin_line_numbers_are_set_apart_and_still_counted():
    body = paragraph(120, f"{LEFT} {RIGHT} {LEFT}")
    font = pymupdf.Font("helv")
    pieces = []
    for number, y in enumerate(sorted({piece.y for piece in body}), start=1):
        label = str(number)  # right-aligned in the left margin, drawn after its line
        pieces += [piece for piece in body if piece.y == y]
        pieces.append(Piece(COLUMN_LEFT - 10 - font.text_length(label, fontsize=7), y, label, size=7))
    data = build_layout_pdf([pieces])
    raw = _read(data)

    lines = normalise_lines(raw)

    assert [line.text.split()[-1] for line in lines] == ["depots", "from", "The", "and", "running."]
    assert _dump(data)[1] == "1"  # mupdf's plain text: each number after its line
    assert [(text, layout.furniture) for text, layout in zip(raw.lines, raw.layout, strict=True)][5:] == [
        ("1", "line number"),
        ("2", "line number"),
        ("3", "line number"),
        ("4", "line number"),
        ("5", "line number"),
    ]
    assert [(line.raw, line.gap, line.glued) for line in lines] == [
        (1, 0, False),
        (2, 0, True),
        (3, 0, True),
        (4, 0, True),
        (5, 0, True),
    ]


def test_a_justified_line_written_word_by_word_is_one_line_but_a_run_in_label_stays_apart():
    words = ["Keywords", "media", "literacy,", "students,", "fact", "checking"]
    xs = [COLUMN_LEFT, 120, 170, 225, 285, 320]  # wide gaps: each word its own line in the dump
    data = build_layout_pdf(
        [[Piece(x, 100, word, bold=word == "Keywords") for x, word in zip(xs, words, strict=True)]]
    )

    lines = normalise_lines(_read(data))

    assert _dump(data) == words
    assert [(line.text, line.bold) for line in lines] == [
        ("Keywords", True),
        ("media literacy, students, fact checking", False),
    ]


def test_printed_page_numbers_in_the_footer_become_the_articles_pages():
    pages = [FIRST_ARTICLE, FIRST_ARTICLE[4:], SECOND_ARTICLE, SECOND_ARTICLE[3:]]
    pieces = [[Piece(COLUMN_LEFT, 60 + 16 * n, line) for n, line in enumerate(page)] for page in pages]
    data = build_layout_pdf(pieces, footer_numbers_from=25)

    raw = _read(data)
    plan = parse_proceedings(data, filename="volume.pdf")

    numbers = {(layout.page, layout.printed_page) for layout in raw.layout if layout is not None}
    assert sorted(numbers) == [(1, 25), (2, 26), (3, 27), (4, 28)]
    footers = [(text, layout.furniture) for text, layout in zip(raw.lines, raw.layout, strict=True)]
    assert [footer for footer in footers if footer[1]] == [
        ("25", "page number"),
        ("26", "page number"),
        ("27", "page number"),
        ("28", "page number"),
    ]
    assert [(a.title, a.first_page, a.last_page) for a in plan.articles] == [
        (FIRST_ARTICLE[0], 25, 26),
        (SECOND_ARTICLE[0], 27, 28),
    ]


def test_a_page_that_prints_no_number_between_two_that_do_has_the_number_between():
    pages = [[Piece(COLUMN_LEFT, 100, f"Text of page {n}.")] for n in range(1, 5)]
    pages[0].append(centred_piece(800, "11"))
    pages[1].append(centred_piece(800, "12"))
    pages[3].append(centred_piece(800, "14"))  # the third prints none

    raw = _read(build_layout_pdf(pages))

    by_page = {layout.page: layout.printed_page for layout in raw.layout if layout is not None}
    assert by_page == {1: 11, 2: 12, 3: 13, 4: 14}


def test_numbered_headings_at_the_top_of_pages_are_no_page_numbers():
    pages = [
        [Piece(COLUMN_LEFT, 60, f"{n} Section {n}", size=12, bold=True), *paragraph(90, BODY)] for n in (1, 2)
    ]

    raw = _read(build_layout_pdf(pages))

    assert {layout.printed_page for layout in raw.layout if layout is not None} == {None}


def test_each_paper_numbering_its_pages_from_one_is_read_paper_by_paper():
    pages = [[*paragraph(90, BODY), centred_piece(800, str(n))] for n in (1, 2, 3, 1, 2)]

    raw = _read(build_layout_pdf(pages))

    by_page = {layout.page: layout.printed_page for layout in raw.layout if layout is not None}
    assert by_page == {1: 1, 2: 2, 3: 3, 4: 1, 5: 2}

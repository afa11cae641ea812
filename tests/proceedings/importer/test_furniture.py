"""Page furniture is set aside: running headers, page numbers, cover, imprint, contents, sections.

Every volume here is built in the test, as a text dump or a PDF (pymupdf), with the layouts of
real proceedings: a header and a page number on every page, a contents page with dotted
leaders, a cover and an imprint, a section-divider page, a trilingual Kazakh front matter.
"""

from proceedings.importer.pipeline import parse_proceedings
from tests.proceedings.furniture_volumes import (
    ARTICLES,
    CONTENTS,
    COVER,
    EN_WORDS,
    HEADER,
    IMPRINT,
    KK_WORDS,
    build_furniture_pdf,
    paged_dump,
    prose,
    volume_pdf,
)


def _lines_of(plan_text: str) -> list[str]:
    return plan_text.split("\n")


def _marked(items: list[tuple[str, str | None]]) -> tuple[str, dict[int, str]]:
    """The text of (line, kind) pairs and the kind of each line that has one, by line number."""
    text = "\n".join(line for line, _ in items)
    return text, {number: kind for number, (_, kind) in enumerate(items, start=1) if kind}


def _set_aside(data: bytes, filename: str) -> dict[int, str]:
    plan = parse_proceedings(data, filename=filename)
    return {line.line: line.kind for line in plan.set_aside}


# --- running headers and page numbers in a text dump ------------------------------------------


def test_a_dumps_running_header_and_page_numbers_are_set_aside():
    text, expected = _marked(paged_dump("Вестник молодых учёных. № 1, 2024", first_page=15))

    assert _set_aside(text.encode(), "volume.txt") == expected


def test_page_numbers_between_dashes_or_after_a_word_are_found_too():
    for number in (lambda n: f"– {n} –", lambda n: f"стр. {n}"):
        text, expected = _marked(paged_dump("Вестник молодых учёных. № 1, 2024", 15, number))

        assert _set_aside(text.encode(), "volume.txt") == expected


def test_articles_come_out_without_the_furniture_but_keep_their_range():
    items = paged_dump("Вестник молодых учёных. № 1, 2024", first_page=15)
    text, _ = _marked(items)

    plan = parse_proceedings(text.encode(), filename="volume.txt")

    assert [article.title for article in plan.articles] == [lines[0] for lines in ARTICLES.values()]
    for article, key in zip(plan.articles, ARTICLES, strict=True):
        body = prose(key, 28)
        assert _lines_of(article.text) == [*ARTICLES[key], *body]
        assert "Вестник" not in article.body
    # The first article's range runs from its title (line 2) over the number of page 1 and the
    # header of page 2 to its last line, 17 + 14 lines of its own later.
    assert (plan.articles[0].start_line, plan.articles[0].end_line) == (2, 2 + 16 + 2 + 14)


def test_a_header_with_the_page_number_in_it_is_a_running_header():
    """Even pages: the section and the number; odd pages: the number and the volume."""
    pages = []
    for key, head in ARTICLES.items():
        body = prose(key, 48)
        pages.extend([[*head, *body[:15]], body[15:32], body[32:]])
    items: list[tuple[str, str | None]] = []
    for number, page in enumerate(pages, start=40):
        if number % 2:
            items.append((f"{number} Материалы конференции «Жас ғалым – 2024»", "running header"))
        else:
            items.append((f"Секция 2. Журналистика и медиа {number}", "running header"))
        items.extend((line, None) for line in page)
    text, expected = _marked(items)

    assert _set_aside(text.encode(), "volume.txt") == expected


def test_margin_line_numbers_are_not_page_numbers_but_a_later_papers_are():
    """A review-format paper numbers every line in its margin; the next paper numbers its pages."""
    items: list[tuple[str, str | None]] = [("1. Introduction", None)]
    for n, line in enumerate(prose("margin", 40, EN_WORDS), start=1):
        items.extend([(str(n), None), (line, None)])
    body = prose("ru2", 60)
    items.extend((line, None) for line in [*ARTICLES["ru2"], *body[:17]])
    for number, start in ((5, 17), (6, 38)):
        items.append((str(number), "page number"))
        items.extend((line, None) for line in body[start : start + 21])
    items.append(("7", "page number"))
    text, expected = _marked(items)

    assert _set_aside(text.encode(), "volume.txt") == expected


# --- a PDF: headers, page numbers, contents, cover, imprint, a section-divider page -------------


def _header_and_number(*numbers: int) -> list[tuple[str, str]]:
    return [pair for n in numbers for pair in ((HEADER, "running header"), (str(n), "page number"))]


def _kinds_by_text(data: bytes, filename: str) -> list[tuple[str, str]]:
    plan = parse_proceedings(data, filename=filename)
    return [(line.text, line.kind) for line in plan.set_aside]


def test_a_pdfs_front_matter_headers_numbers_and_section_pages_are_set_aside():
    kinds = _kinds_by_text(volume_pdf(), "volume.pdf")

    assert kinds == [
        *[(line, "cover") for line in COVER],
        *[(line, "imprint") for line in IMPRINT],
        *[(line, "contents") for line in CONTENTS],
        ("3", "page number"),
        (HEADER, "running header"),
        ("СЕКЦИЯ 1. ЖУРНАЛИСТИКА", "section heading"),
        ("4", "page number"),
        *_header_and_number(5, 6, 7),
        (HEADER, "running header"),
        ("СЕКЦИЯ 2. НОВЫЕ МЕДИА", "section heading"),
        ("8", "page number"),
        *_header_and_number(9, 10),
    ]


def test_a_pdf_header_over_one_articles_pages_stands_where_the_volumes_headers_stand():
    """Even pages: the volume's header; odd pages: the article's own (authors and title)."""
    pages, expected = [], []
    for key, head in ARTICLES.items():
        body = prose(key, 90)
        own = f"{head[1]} {head[0].capitalize()}"
        pages += [
            {"top": own, "lines": [*head, *body[:40]], "bottom": str(len(pages) + 1)},
            {"top": HEADER, "lines": body[40:], "bottom": str(len(pages) + 2)},
        ]
        expected += [(own, "running header"), (str(len(pages) - 1), "page number")]
        expected += [(HEADER, "running header"), (str(len(pages)), "page number")]

    kinds = _kinds_by_text(build_furniture_pdf(pages), "volume.pdf")

    assert kinds == expected


def test_a_divider_page_of_two_lines_is_one_heading_and_isbns_closing_a_paper_no_colophon():
    references = [
        "Список литературы",
        "1. Иванов И. И. Гражданское право. – М.: Статут, 2020. – 500 с. – ISBN 978-5-8354-0000-1.",
        "2. Петров П. П. Договорное право. – М.: Юрайт, 2021. – 300 с. – ISBN 978-5-534-00000-2.",
    ]
    pages = [
        {"top": HEADER, "lines": [*ARTICLES["ru1"], *prose("ru1", 40)], "bottom": "1"},
        {"top": HEADER, "lines": ["СЕКЦИЯ 2", "ГРАЖДАНСКОЕ ПРАВО И ПРОЦЕСС"], "bottom": "2"},
        {
            "top": HEADER,
            "lines": ["УДК 347", *ARTICLES["ru2"], *prose("ru2", 40), *references],
            "bottom": "3",
        },
    ]

    plan = parse_proceedings(build_furniture_pdf(pages), filename="volume.pdf")

    assert [(line.text, line.kind) for line in plan.set_aside] == [
        (HEADER, "running header"),
        ("1", "page number"),
        (HEADER, "running header"),
        ("СЕКЦИЯ 2", "section heading"),
        ("ГРАЖДАНСКОЕ ПРАВО И ПРОЦЕСС", "section heading"),
        ("2", "page number"),
        (HEADER, "running header"),
        ("3", "page number"),
    ]
    assert _lines_of(plan.articles[-1].text)[-3:] == references


def test_a_pdfs_articles_are_their_own_lines_only():
    plan = parse_proceedings(volume_pdf(), filename="volume.pdf")

    assert [article.title for article in plan.articles] == [lines[0] for lines in ARTICLES.values()]
    assert [_lines_of(article.text) for article in plan.articles] == [
        [*ARTICLES[key], *prose(key, 60)] for key in ARTICLES
    ]


# --- front matter of a text dump: trilingual, Kazakh ------------------------------------------


def _kazakh_volume() -> list[tuple[str, str | None]]:
    cover = [
        "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ ҒЫЛЫМ ЖӘНЕ ЖОҒАРЫ БІЛІМ МИНИСТРЛІГІ",
        "ӘЛ-ФАРАБИ АТЫНДАҒЫ ҚАЗАҚ ҰЛТТЫҚ УНИВЕРСИТЕТІ",
        "«ЖАС ҒАЛЫМДАР – 2025» ғылыми конференциясының материалдары",
        "Материалы научной конференции «Молодые учёные – 2025»",
        "Proceedings of the scientific conference “Young Scientists – 2025”",
        "Алматы, 2025",
    ]
    imprint = [
        "ӘОЖ 070 (063)",
        "КБЖ 76.0",
        "Ж 30",
        "Редакция алқасы: Өзбекова Г. С., Иванов И. И.",
        "Редакционная коллегия / Editorial board",
        "ISBN 978-601-04-0000-0",
        "© Әл-Фараби атындағы ҚазҰУ, 2025",
    ]
    foreword = ["АЛҒЫ СӨЗ", *prose("алғы", 6, KK_WORDS)]
    contents = [
        "МАЗМҰНЫ / СОДЕРЖАНИЕ / CONTENTS",
        "Сейітов А. Б. Жасанды интеллект және спорт журналистикасы .......... 5",
        "Петрова Е. В. Медиаграмотность студентов в эпоху социальных сетей ...... 9",
    ]
    first = [
        "ӘОЖ 070",
        "ЖАСАНДЫ ИНТЕЛЛЕКТ ЖӘНЕ СПОРТ ЖУРНАЛИСТИКАСЫ",
        "Сейітов А. Б.",
        *prose("kk", 20, KK_WORDS),
    ]
    second = ["УДК 070", *ARTICLES["ru1"], *prose("ru1", 20)]
    items: list[tuple[str, str | None]] = []
    for block, kind in (
        (cover, "cover"),
        (imprint, "imprint"),
        (foreword, "front matter"),
        (contents, "contents"),
    ):
        items.extend((line, kind) for line in block)
        items.extend([("", None), ("", None)])
    items.extend((line, None) for line in [*first, "", "", *second])
    return items


def test_a_kazakh_volumes_cover_imprint_foreword_and_contents_are_front_matter():
    text, expected = _marked(_kazakh_volume())

    plan = parse_proceedings(text.encode(), filename="volume.txt")

    assert {line.line: line.kind for line in plan.set_aside} == expected
    assert [article.title for article in plan.articles] == [
        "ЖАСАНДЫ ИНТЕЛЛЕКТ ЖӘНЕ СПОРТ ЖУРНАЛИСТИКАСЫ",
        "МЕДИАГРАМОТНОСТЬ СТУДЕНТОВ В ЭПОХУ СОЦИАЛЬНЫХ СЕТЕЙ",
    ]
    assert plan.articles[0].start_line == max(expected) + 3  # its ӘОЖ line, right after the contents


def test_a_file_that_opens_with_an_article_has_no_front_matter():
    """'© Автор, 2024' closing the first article is no imprint: only the page numbers go."""
    first, second = prose("ru1", 30), prose("ru2", 30)
    items: list[tuple[str, str | None]] = [
        *[(line, None) for line in [*ARTICLES["ru1"], *first[:15]]],
        ("1", "page number"),
        *[(line, None) for line in [*first[15:], "© Петрова Е. В., 2024"]],
        ("2", "page number"),
        *[(line, None) for line in [*ARTICLES["ru2"], *second[:15]]],
        ("3", "page number"),
        *[(line, None) for line in second[15:]],
    ]
    text, expected = _marked(items)

    plan = parse_proceedings(text.encode(), filename="volume.txt")

    assert {line.line: line.kind for line in plan.set_aside} == expected
    assert [article.start_line for article in plan.articles] == [1, 37]


# --- section headings and back matter ----------------------------------------------------------


def test_a_section_heading_is_set_aside_but_a_title_like_it_is_not():
    items: list[tuple[str, str | None]] = [
        ("Содержание", "contents"),
        ("Номинация «История науки и технологий. Научные юбилеи»", "contents"),
        ("Петрова Е. В. Медиаграмотность студентов ....................... 3", "contents"),
        ("Маргарян А. А. История науки и технологий. Научные юбилеи ........ 5", "contents"),
        ("", None),
        ("НОМИНАЦИЯ «ИСТОРИЯ НАУКИ И ТЕХНОЛОГИЙ. НАУЧНЫЕ ЮБИЛЕИ»", "section heading"),
        ("", None),
        *[(line, None) for line in [*ARTICLES["ru1"], *prose("ru1", 25)]],
        ("", None),
        ("ИСТОРИЯ НАУКИ И ТЕХНОЛОГИЙ. НАУЧНЫЕ ЮБИЛЕИ", None),
        ("Маргарян Анна Артуровна", None),
        ("Тихорецкий техникум железнодорожного транспорта", None),
        *[(line, None) for line in prose("history", 25)],
    ]
    text, expected = _marked(items)

    plan = parse_proceedings(text.encode(), filename="volume.txt")

    assert {line.line: line.kind for line in plan.set_aside} == expected
    assert [article.title for article in plan.articles] == [
        "МЕДИАГРАМОТНОСТЬ СТУДЕНТОВ В ЭПОХУ СОЦИАЛЬНЫХ СЕТЕЙ",
        "ИСТОРИЯ НАУКИ И ТЕХНОЛОГИЙ. НАУЧНЫЕ ЮБИЛЕИ",
    ]


def test_collection_headings_and_an_index_of_authors_belong_to_no_article():
    first = ["Analysis of News Sources", "Jason Kan", "The Hong Kong Polytechnic University", "Abstract"]
    second = ["Trust in Online Media", "Chen Zhihong", "The Hong Kong Polytechnic University", "Abstract"]
    items: list[tuple[str, str | None]] = [
        ("Accepted Abstracts", "section heading"),
        *[(line, None) for line in [*first, *prose("a1", 20, EN_WORDS)]],
        ("", None),
        ("Full Papers", "section heading"),
        ("", None),
        *[(line, None) for line in [*second, *prose("a2", 20, EN_WORDS)]],
        ("", None),
        ("Index of Authors", "back matter"),
        ("Chen Zhihong, 3", "back matter"),
        ("Kan Jason, 1", "back matter"),
    ]
    text, expected = _marked(items)

    plan = parse_proceedings(text.encode(), filename="volume.txt")

    assert {line.line: line.kind for line in plan.set_aside} == expected
    assert [article.title for article in plan.articles] == [first[0], second[0]]
    assert plan.articles[-1].end_line == len(items) - 4

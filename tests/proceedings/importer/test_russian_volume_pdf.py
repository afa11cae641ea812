"""The kind of volume most Russian and Kazakh proceedings are, read from its PDF end to end:
cover, imprint, a contents list with dotted leaders, a section-divider page, running headers
with printed page numbers on every page, each article opening on a new page with its УДК line,
a title in capitals, full names, «Научный руководитель» with degree, an abstract and keywords,
and the header again in English in a font of its own (italic). Every field is asserted."""

from proceedings.importer.pipeline import parse_proceedings
from tests.builders import COLUMN_LEFT, Piece, build_layout_pdf, centred_piece, paragraph

RUNNING_HEADER = "СБОРНИК НАУЧНЫХ ТРУДОВ МОЛОДЫХ УЧЕНЫХ, 2024"
ECONOMY = (
    "Цифровая экономика меняет способы производства и распространения информации, а средства "
    "массовой информации становятся частью экономической инфраструктуры. В статье рассматриваются "
    "механизмы монетизации контента и роль платформ в формировании рекламного рынка региона. "
    "Показано, что малые редакции выигрывают от подписочной модели больше, чем от рекламы, а "
    "крупные холдинги совмещают обе модели и развивают собственные платформы распространения."
)
PRIVACY = (
    "Правовое регулирование персональных данных в журналистике остается предметом споров, так как "
    "редакции обрабатывают сведения о гражданах при подготовке расследований и публикаций. Автор "
    "анализирует нормы закона о персональных данных и судебную практику последних лет по спорам о "
    "защите частной жизни и приходит к выводу о необходимости профессиональных стандартов редакций."
)
ARTICLES = [
    {
        "udk": "УДК 330.1",
        "title": ["ЦИФРОВАЯ ЭКОНОМИКА И СРЕДСТВА", "МАССОВОЙ ИНФОРМАЦИИ"],
        "author": "Иванов Иван Иванович",
        "supervisor": "Петров П. П.",
        "english": ("DIGITAL ECONOMY AND THE MASS MEDIA", "Ivanov Ivan Ivanovich", "Petrov P. P."),
        "keywords": "цифровая экономика, медиа, монетизация",
        "english_keywords": "digital economy, media, monetization",
        "body": ECONOMY,
    },
    {
        "udk": "УДК 347.2/3",
        "title": ["ПЕРСОНАЛЬНЫЕ ДАННЫЕ В ЖУРНАЛИСТИКЕ"],
        "author": "Сидорова Анна Петровна",
        "supervisor": "Кузнецов К. К.",
        "english": ("PERSONAL DATA IN JOURNALISM", "Sidorova Anna Petrovna", "Kuznetsov K. K."),
        "keywords": "персональные данные, частная жизнь, журналистика",
        "english_keywords": "personal data, privacy, journalism",
        "body": PRIVACY,
    },
]


def header(y: float) -> list[Piece]:
    return [centred_piece(y, RUNNING_HEADER, size=8)]


def first_page(article: dict) -> list[Piece]:
    y = 90.0
    pieces = [Piece(COLUMN_LEFT, y, article["udk"])]
    for line in article["title"]:
        y += 18
        pieces.append(centred_piece(y, line, size=12, bold=True))
    english_title, english_name, english_supervisor = article["english"]
    for text, size, bold in [
        (article["author"], 10, True),
        ("студент 2 курса, Новосибирский государственный университет", 10, False),
        (f"Научный руководитель: {article['supervisor']}, канд. экон. наук, доцент", 10, False),
    ]:
        y += 16
        pieces.append(centred_piece(y, text, size=size, bold=bold))
    y += 20
    pieces += paragraph(y, "Аннотация. " + article["body"][:160] + ".")
    y = pieces[-1].y + 16
    pieces.append(Piece(COLUMN_LEFT, y, f"Ключевые слова: {article['keywords']}."))
    y += 24
    pieces.append(centred_piece(y, english_title, size=12, bold=True))
    for text in (english_name, f"Scientific adviser: {english_supervisor}"):
        y += 16
        pieces.append(Piece(COLUMN_LEFT + 150, y, text, italic=True))
    y += 16
    pieces.append(
        Piece(COLUMN_LEFT, y, "Abstract. The article examines the subject named in its title.", italic=True)
    )
    y += 16
    pieces.append(Piece(COLUMN_LEFT, y, f"Keywords: {article['english_keywords']}.", italic=True))
    return [*header(40), *pieces, *paragraph(y + 24, article["body"])]


def body_page(article: dict, *, closing: bool) -> list[Piece]:
    pieces = [*header(40), *paragraph(90, article["body"]), *paragraph(160, article["body"])]
    if closing:
        pieces += [
            Piece(COLUMN_LEFT, 240, "Список литературы", bold=True),
            Piece(COLUMN_LEFT, 256, "1. Иванов И. И. Экономика медиа. М.: Наука, 2020. 200 с."),
        ]
    return pieces


def volume() -> bytes:
    cover = [
        centred_piece(200, "СБОРНИК НАУЧНЫХ ТРУДОВ", size=20, bold=True),
        centred_piece(240, "Новосибирск 2024"),
    ]
    imprint = [
        Piece(COLUMN_LEFT, 90, "УДК 001(063)"),
        Piece(COLUMN_LEFT, 106, "ББК 72я43"),
        Piece(COLUMN_LEFT, 122, "ISBN 978-5-7782-1234-5"),
        Piece(COLUMN_LEFT, 138, "© Новосибирский государственный университет, 2024"),
    ]
    contents = [
        centred_piece(90, "СОДЕРЖАНИЕ", bold=True),
        Piece(COLUMN_LEFT, 120, "ЭКОНОМИКА"),
        Piece(COLUMN_LEFT, 136, "Иванов И. И. Цифровая экономика и средства массовой информации ........ 5"),
        Piece(COLUMN_LEFT, 152, "ПРАВО"),
        Piece(
            COLUMN_LEFT, 168, "Сидорова А. П. Персональные данные в журналистике ........................ 8"
        ),
    ]
    first, second = ARTICLES
    pages = [
        cover,
        imprint,
        contents,
        [centred_piece(300, "ЭКОНОМИКА", size=16, bold=True)],
        first_page(first),
        body_page(first, closing=False),
        body_page(first, closing=True),
        first_page(second),
        body_page(second, closing=True),
    ]
    return build_layout_pdf(pages, footer_numbers_from=1)


def test_every_article_of_a_russian_pdf_volume_with_its_printed_pages_and_header():
    plan = parse_proceedings(volume(), filename="volume.pdf")

    assert [
        (
            a.title,
            [p.name for p in a.authors],
            [p.name for p in a.supervisors],
            a.parallel_titles,
            a.language,
            a.first_page,
            a.last_page,
            a.duplicate_of,
        )
        for a in plan.articles
    ] == [
        (
            "ЦИФРОВАЯ ЭКОНОМИКА И СРЕДСТВА МАССОВОЙ ИНФОРМАЦИИ",
            ["Иванов Иван Иванович"],
            ["Петров П. П."],
            {"en": "DIGITAL ECONOMY AND THE MASS MEDIA"},
            "ru",
            5,
            7,
            None,
        ),
        (
            "ПЕРСОНАЛЬНЫЕ ДАННЫЕ В ЖУРНАЛИСТИКЕ",
            ["Сидорова Анна Петровна"],
            ["Кузнецов К. К."],
            {"en": "PERSONAL DATA IN JOURNALISM"},
            "ru",
            8,
            9,
            None,
        ),
    ]
    assert [a.text.split("\n")[0] for a in plan.articles] == ["УДК 330.1", "УДК 347.2/3"]
    assert plan.articles[0].keywords == {
        "ru": ["цифровая экономика", "медиа", "монетизация"],
        "en": ["digital economy", "media", "monetization"],
    }
    assert all(RUNNING_HEADER not in a.text and RUNNING_HEADER not in a.body for a in plan.articles)
    kinds = {item.kind for item in plan.set_aside}
    assert {"running header", "page number", "contents", "section heading"} <= kinds

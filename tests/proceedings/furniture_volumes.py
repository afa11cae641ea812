"""Volumes with page furniture, built for tests: running headers, page numbers, front matter.

Text is generated (`prose`), different for every seed, so no two articles repeat each other.
"""

import random

import pymupdf

RU_WORDS = (
    "медиа студенты новости платформы аудитория редакция проверка факты источники доверие "
    "алгоритмы контент журналисты читатели исследование анализ практика методика данные"
).split()
KK_WORDS = (
    "журналистика студенттер жаңалықтар платформа аудитория редакция тексеру деректер дереккөз "
    "сенім алгоритм контент оқырмандар зерттеу талдау тәжірибе әдістеме ақпарат қоғам"
).split()
EN_WORDS = (
    "media students news platforms audience newsroom checking facts sources trust algorithms "
    "content journalists readers research analysis practice method data society"
).split()


def prose(seed: str, count: int, words: list[str] = RU_WORDS) -> list[str]:
    """`count` lines of running text of about 80 characters, different for every seed."""
    rng = random.Random(seed)
    out = []
    for n in range(count):
        line: list[str] = []
        while len(" ".join(line)) < 76:
            line.append(rng.choice(words))
        text = " ".join(line)
        out.append(text[:1].upper() + text[1:] + ("." if n == count - 1 else ""))
    return out


ARTICLES = {
    "ru1": [
        "МЕДИАГРАМОТНОСТЬ СТУДЕНТОВ В ЭПОХУ СОЦИАЛЬНЫХ СЕТЕЙ",
        "Петрова Е. В.",
        "магистрант 1 курса факультета журналистики",
    ],
    "ru2": [
        "ЦИФРОВЫЕ РЕДАКЦИИ И ПРОВЕРКА ФАКТОВ",
        "Иванов И. И.",
        "студент 3 курса факультета журналистики",
    ],
    "ru3": [
        "АЛГОРИТМЫ РЕКОМЕНДАЦИЙ В НОВОСТНЫХ ПЛАТФОРМАХ",
        "Смирнова А. А.",
        "магистрант 2 курса факультета журналистики",
    ],
}


def paged_dump(header: str, first_page: int, number=str) -> list[tuple[str, str | None]]:
    """Three articles over six pages, each page under `header` and over its number."""
    pages: list[list[str]] = []
    for key, head in ARTICLES.items():
        body = prose(key, 28)
        pages.extend([[*head, *body[:14]], body[14:]])
    items: list[tuple[str, str | None]] = []
    for offset, page in enumerate(pages):
        items.append((header, "running header"))
        items.extend((line, None) for line in page)
        items.append((number(first_page + offset), "page number"))
    return items


def build_furniture_pdf(pages: list[dict]) -> bytes:
    """Each page: `top` (a header line), `lines` (the text), `bottom` (a footer line)."""
    document = pymupdf.open()
    font = pymupdf.Font("helv")
    for spec in pages:
        page = document.new_page()
        writer = pymupdf.TextWriter(page.rect)
        if spec.get("top"):
            writer.append((50, 40), spec["top"], font=font, fontsize=9)
        for n, line in enumerate(spec.get("lines", [])):
            writer.append((50, 80 + 14 * n), line, font=font, fontsize=10)
        if spec.get("bottom"):
            writer.append((290, 810), spec["bottom"], font=font, fontsize=9)
        writer.write_text(page)
    data = document.tobytes()
    document.close()
    return data


HEADER = "Материалы конференции «Молодые учёные – 2024»"
COVER = [
    "МИНИСТЕРСТВО НАУКИ И ВЫСШЕГО ОБРАЗОВАНИЯ",
    "СБОРНИК МАТЕРИАЛОВ",
    "студенческой научной конференции",
    "«МОЛОДЫЕ УЧЁНЫЕ – 2024»",
    "Алматы, 2024",
]
IMPRINT = [
    "УДК 070 (063)",
    "ББК 76.0",
    "М 75",
    "Редакционная коллегия: Иванов И. И. (отв. ред.), Петров П. П.",
    "ISBN 978-601-000-00-0",
    "© Авторы статей, 2024",
]
CONTENTS = [
    "СОДЕРЖАНИЕ",
    "СЕКЦИЯ 1. ЖУРНАЛИСТИКА",
    "Петрова Е. В. Медиаграмотность студентов в эпоху социальных сетей ........ 4",
    "Иванов И. И. Цифровые редакции и проверка фактов ................................ 6",
    "СЕКЦИЯ 2. НОВЫЕ МЕДИА",
    "Смирнова А. А. Алгоритмы рекомендаций в новостных платформах ............ 9",
]


def volume_pdf() -> bytes:
    body = {key: prose(key, 60) for key in ARTICLES}
    pages = [
        {"lines": COVER},
        {"lines": IMPRINT},
        {"lines": CONTENTS, "bottom": "3"},
        {
            "top": HEADER,
            "lines": ["СЕКЦИЯ 1. ЖУРНАЛИСТИКА", *ARTICLES["ru1"], *body["ru1"][:40]],
            "bottom": "4",
        },
        {"top": HEADER, "lines": body["ru1"][40:], "bottom": "5"},
        {"top": HEADER, "lines": [*ARTICLES["ru2"], *body["ru2"][:45]], "bottom": "6"},
        {"top": HEADER, "lines": body["ru2"][45:], "bottom": "7"},
        {"top": HEADER, "lines": ["СЕКЦИЯ 2. НОВЫЕ МЕДИА"], "bottom": "8"},
        {"top": HEADER, "lines": [*ARTICLES["ru3"], *body["ru3"][:45]], "bottom": "9"},
        {"top": HEADER, "lines": body["ru3"][45:], "bottom": "10"},
    ]
    return build_furniture_pdf(pages)

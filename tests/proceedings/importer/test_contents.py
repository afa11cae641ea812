"""The volume's own contents: its entries (title, authors, printed page, section) and its lines.

The splitter takes the entries as the strongest sign of where articles start; the lines are
furniture, at the front of the volume or at its back.
"""

from proceedings.importer.contents import ContentsEntry
from proceedings.importer.furniture import find_furniture
from proceedings.importer.normalise import normalise_lines
from proceedings.importer.pipeline import parse_proceedings
from proceedings.importer.read import read_source
from proceedings.importer.types import RawDocument
from tests.proceedings.furniture_volumes import ARTICLES, CONTENTS, prose, volume_pdf


def _marked(items: list[tuple[str, str | None]]) -> tuple[str, dict[int, str]]:
    text = "\n".join(line for line, _ in items)
    return text, {number: kind for number, (_, kind) in enumerate(items, start=1) if kind}


def test_the_contents_entries_are_read_with_authors_and_pages():
    raw = read_source(volume_pdf(), filename="volume.pdf", max_bytes=10**7)
    lines = normalise_lines(raw)

    furniture = find_furniture(lines)

    first = next(line.raw for line in lines if line.text == CONTENTS[2])
    assert furniture.contents == [
        ContentsEntry(
            "Медиаграмотность студентов в эпоху социальных сетей", "Петрова Е. В.", 4,
            "СЕКЦИЯ 1. ЖУРНАЛИСТИКА", (first,),
        ),
        ContentsEntry(
            "Цифровые редакции и проверка фактов", "Иванов И. И.", 6, "СЕКЦИЯ 1. ЖУРНАЛИСТИКА", (first + 1,)
        ),
        ContentsEntry(
            "Алгоритмы рекомендаций в новостных платформах", "Смирнова А. А.", 9,
            "СЕКЦИЯ 2. НОВЫЕ МЕДИА", (first + 3,),
        ),
    ]  # fmt: skip
    # The front matter ends where the first section opens (page 4's header is furniture anyway).
    assert lines[furniture.front_matter_end].text == "СЕКЦИЯ 1. ЖУРНАЛИСТИКА"


def test_contents_entries_wrapped_with_their_page_on_a_line_of_its_own():
    text = "\n".join(
        [
            "Оглавление",
            "Номинация «История науки",
            "и технологий»",
            "Кищенко В.В. Столыпинская реформа………………………………………………",
            "",
            "44",
            "Бензелюк А.Н., Мишутин С. Д. 70 лет со дня создания водородной бомбы в",
            "СССР………………………………………………………………………………",
            "45",
        ]
    )
    lines = normalise_lines(RawDocument(kind="text", lines=text.split("\n"), pages=[None] * 9))

    entries = find_furniture(lines).contents

    section = "Номинация «История науки и технологий»"
    assert entries == [
        ContentsEntry("Столыпинская реформа", "Кищенко В.В.", 44, section, (4, 6)),
        ContentsEntry(
            "70 лет со дня создания водородной бомбы в СССР",
            "Бензелюк А.Н., Мишутин С. Д.",
            45,
            section,
            (7, 8, 9),
        ),
    ]


def test_a_contents_at_the_back_with_authors_after_the_title_is_set_aside_and_read():
    items: list[tuple[str, str | None]] = [
        *[(line, None) for line in [*ARTICLES["ru1"], *prose("ru1", 25)]],
        ("", None),
        *[(line, None) for line in [*ARTICLES["ru2"], *prose("ru2", 25)]],
        ("", None),
        ("Мазмұны", "contents"),
        ("Медиаграмотность студентов в эпоху социальных сетей", "contents"),
        ("Петрова Е. В. ........................................ 3", "contents"),
        ("Цифровые редакции и проверка фактов / И. И. Иванов ....... 5", "contents"),
    ]
    text, expected = _marked(items)
    lines = normalise_lines(RawDocument(kind="text", lines=text.split("\n"), pages=[None] * len(items)))

    furniture = find_furniture(lines)
    plan = parse_proceedings(text.encode(), filename="volume.txt")

    assert [(entry.title, entry.authors, entry.page) for entry in furniture.contents] == [
        ("Медиаграмотность студентов в эпоху социальных сетей", "Петрова Е. В.", 3),
        ("Цифровые редакции и проверка фактов", "И. И. Иванов", 5),
    ]
    assert {line.line: line.kind for line in plan.set_aside} == expected
    assert [article.end_line for article in plan.articles] == [28, 57]

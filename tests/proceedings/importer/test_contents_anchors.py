"""The volume's own contents as anchors: where a listed title is printed, an article starts,
even when nothing else marks it (no names, no classification line, the same language)."""

from proceedings.importer.pipeline import parse_proceedings

ECONOMY = [
    "Цифровая экономика меняет способы производства и распространения информации, а средства",
    "массовой информации становятся частью экономической инфраструктуры региона и страны.",
]
PRIVACY = [
    "Правовое регулирование персональных данных в журналистике остается предметом споров, так как",
    "редакции обрабатывают сведения о гражданах при подготовке расследований и публикаций.",
]


def volume() -> str:
    contents = [
        "СОДЕРЖАНИЕ",
        "Цифровая экономика и средства массовой информации ........................ 3",
        "Персональные данные в журналистике: правовые пределы ..................... 5",
    ]
    first = ["Цифровая экономика и средства массовой информации", *ECONOMY * 8]
    second = ["Персональные данные в журналистике: правовые пределы", *PRIVACY * 8]
    return "\n".join([*contents, "", *first, *second])


def test_a_title_the_contents_lists_opens_its_article():
    articles = parse_proceedings(volume().encode(), filename="volume.txt").articles

    assert [(a.start_line, a.text.split("\n")[0]) for a in articles] == [
        (5, "Цифровая экономика и средства массовой информации"),
        (22, "Персональные данные в журналистике: правовые пределы"),
    ]

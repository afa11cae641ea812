"""A Russian volume the way most Russian and Kazakh proceedings print it: a classification line
(УДК) opening each article, a title in capitals, full names, «Научный руководитель» with degree,
an abstract and keywords, then the same header again in English — never an article of its own."""

from proceedings.importer.pipeline import parse_proceedings

ECONOMY = [
    "Цифровая экономика меняет способы производства и распространения информации, а средства",
    "массовой информации становятся частью экономической инфраструктуры. В статье рассматриваются",
    "механизмы монетизации контента и роль платформ в формировании рекламного рынка региона.",
    "Показано, что малые редакции выигрывают от подписочной модели больше, чем от рекламы.",
]
PRIVACY = [
    "Правовое регулирование персональных данных в журналистике остается предметом споров, так как",
    "редакции обрабатывают сведения о гражданах при подготовке расследований и публикаций. Автор",
    "анализирует нормы закона о персональных данных и судебную практику последних лет по спорам",
    "о защите частной жизни, приходя к выводу о необходимости профессиональных стандартов.",
]


def article(classification, title, name, supervisor, english, body):  # noqa: PLR0917 - a test table
    english_title, english_name, english_supervisor = english
    return [
        *classification,
        title,
        name,
        "студент 2 курса, Новосибирский государственный университет",
        f"Научный руководитель: {supervisor}, канд. экон. наук, доцент",
        "Аннотация. " + body[0],
        "Ключевые слова: цифровая экономика, медиа, монетизация.",
        english_title,
        english_name,
        f"Scientific adviser: {english_supervisor}",
        "Abstract. The article examines how the digital economy changes media business models.",
        "Keywords: digital economy, media, monetization.",
        *body * 6,
        "Список литературы",
        "1. Иванов И. И. Экономика медиа. М.: Наука, 2020. 200 с.",
    ]


FIRST = article(
    ["УДК 330.1", "МРНТИ 06.81.23"],
    "ЦИФРОВАЯ ЭКОНОМИКА И СРЕДСТВА МАССОВОЙ ИНФОРМАЦИИ",
    "Иванов Иван Иванович",
    "Петров П. П.",
    ("DIGITAL ECONOMY AND THE MASS MEDIA", "Ivanov Ivan Ivanovich", "Petrov P. P."),
    ECONOMY,
)
SECOND = article(
    ["Удк: 347.2/3"],
    "ПЕРСОНАЛЬНЫЕ ДАННЫЕ В ЖУРНАЛИСТИКЕ",
    "Сидорова Анна Петровна",
    "Кузнецов К. К.",
    ("PERSONAL DATA IN JOURNALISM", "Sidorova Anna Petrovna", "Kuznetsov K. K."),
    PRIVACY,
)


def test_a_classification_line_opens_its_article_and_the_english_block_is_a_parallel_header():
    text = "\n".join([*FIRST, *SECOND])

    articles = parse_proceedings(text.encode(), filename="volume.txt").articles

    assert [(a.start_line, a.end_line) for a in articles] == [
        (1, len(FIRST)),
        (len(FIRST) + 1, len(FIRST + SECOND)),
    ]
    assert [
        (
            a.title,
            [p.name for p in a.authors],
            [p.name for p in a.supervisors],
            a.parallel_titles,
            [p.name for p in a.parallel_people],
            a.language,
        )
        for a in articles
    ] == [
        (
            "ЦИФРОВАЯ ЭКОНОМИКА И СРЕДСТВА МАССОВОЙ ИНФОРМАЦИИ",
            ["Иванов Иван Иванович"],
            ["Петров П. П."],
            {"en": "DIGITAL ECONOMY AND THE MASS MEDIA"},
            ["Ivanov Ivan Ivanovich", "Petrov P. P."],
            "ru",
        ),
        (
            "ПЕРСОНАЛЬНЫЕ ДАННЫЕ В ЖУРНАЛИСТИКЕ",
            ["Сидорова Анна Петровна"],
            ["Кузнецов К. К."],
            {"en": "PERSONAL DATA IN JOURNALISM"},
            ["Sidorova Anna Petrovna", "Kuznetsov K. K."],
            "ru",
        ),
    ]
    assert articles[0].keywords == {
        "ru": ["цифровая экономика", "медиа", "монетизация"],
        "en": ["digital economy", "media", "monetization"],
    }
    assert set(articles[1].abstracts) == {"ru", "en"}

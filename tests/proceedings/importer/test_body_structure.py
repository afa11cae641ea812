"""An article body's headings and tables, from its paragraphs (pure functions, no database)."""

from proceedings.importer.fragments import numbered_lines
from proceedings.importer.structure import (
    PRE,
    Unit,
    body_paragraphs,
    body_structure,
    stored_structure,
    structure_for,
)

PROSE = (
    "Жасанды интеллект редакциялардың жұмысын өзгертіп отыр: деректерді жинау, мәтінді тексеру "
    "және аудиторияны талдау енді алгоритмдердің көмегімен әлдеқайда жылдам жүреді."
)
RUSSIAN = (
    "Искусственный интеллект меняет работу редакций: сбор данных, проверка текста и анализ "
    "аудитории теперь идут с помощью алгоритмов гораздо быстрее, чем прежде."
)
ENGLISH = (
    "Artificial intelligence changes how newsrooms work: gathering data, checking copy and "
    "studying the audience now go much faster with the help of algorithms than before."
)


def structure(texts: list[str]):
    return body_structure([Unit(text) for text in texts])


def headings(texts: list[str]) -> list[tuple[str, int]]:
    found = structure(texts).headings
    return [(texts[index], level) for index, level in sorted(found.items())]


# --- tables in a text dump -------------------------------------------------------------------

# A table as a text dump gives it: cell by cell, cells broken where their column was narrow.
CELLS = ["Қолдану", "саласы", "Дер", "ек көзі", "Тех", "ника", "Спорт", "жаңалықтары", "Спо", "рт API",
         "NLP, NLG", "Матч", "деректерін", "Қаржы", "нарығы", "ML (болжам)"]  # fmt: skip


def test_a_captioned_run_of_cell_pieces_is_one_preformatted_block():
    texts = [PROSE, "1-кесте. ЖИ құралдарын қолданудың негізгі бағыттары", *CELLS, "1 кестеде " + PROSE]

    found = structure(texts)

    assert [(run.kind, run.paragraphs, run.caption) for run in found.runs] == [
        (PRE, tuple(range(2, 2 + len(CELLS))), 1)
    ]
    assert found.headings == {}


def test_rows_of_figures_without_a_caption_are_a_block():
    rows = ["№ Country 2020 2021 2022", "1 Bangladesh 3 5 8", "2 Vietnam 4 6 1", "3 India 3 38 12",
            "4 Indonesia 50 7 2", "5 China 31 61 43", "Total 91 117 66"]  # fmt: skip
    texts = [ENGLISH, *rows, ENGLISH]

    assert [run.paragraphs for run in structure(texts).runs] == [tuple(range(1, 8))]


def test_a_caption_below_its_table_names_it_and_not_the_next():
    texts = [ENGLISH, "Year Students", "2019 12,500", "2020 13,800", "Table 1: Students by year",
             "Year Teachers", "2019 1,200", "2020 1,300", "Table 2: Teachers by year", ENGLISH]  # fmt: skip

    assert [(run.paragraphs, run.caption) for run in structure(texts).runs] == [
        ((1, 2, 3), 4),
        ((5, 6, 7), 8),
    ]


def test_lists_formulas_verse_and_words_of_a_sentence_are_no_table():
    bullets = ["• газеттер;", "• журналдар;", "• радио;", "• теледидар;", "• сайттар;", "• подкасттар;"]
    numbered = ["1) сбор данных", "2) проверка", "3) анализ", "4) выводы", "5) отчёт", "6) архив"]
    formulas = ["S = a × b", "P = 2(a + b)", "V = a × b × c", "d = √(a² + b²)", "r = d / 2", "C = 2πr"]
    verse = ["Туған жерім, айналайын,", "Саған арнап ән салайын,", "Жасыл белес, көк жайлауым,",
             "Көңілімді шаттандырған,", "Қыран ұшқан биік таулар,", "Мөлдір бұлақ, күміс сулар."]  # fmt: skip
    words = ["Сегодня", "имя", "великого", "ученого", "носит", "национальный", "исследовательский"]
    for run in (bullets, numbered, formulas, verse):
        assert structure([PROSE, *run, PROSE]).runs == (), run
    assert structure([RUSSIAN, *words, "центр в Москве, " + RUSSIAN.lower()]).runs == ()


def test_a_review_copys_line_numbers_make_no_table():
    texts = []
    for number in range(1, 31):
        texts += [str(number), "of the"]

    assert numbered_lines([Unit(text) for text in texts])
    assert structure(texts).runs == ()


# --- headings --------------------------------------------------------------------------------


def test_section_names_and_numbered_sections_are_headings_with_their_levels():
    texts = ["Кіріспе", PROSE, "I. Краудсорсингтің анықтамасы", PROSE, "1. Интернеттің кең таралуы",
             PROSE, "II. Краудсорсинг моделі", PROSE, "Қорытынды", PROSE, "Әдебиеттер",
             "1. Иванов И. И. Журналистика. – Алматы, 2020. – 120 б.",
             "2. Петров П. П. Медиа. – Астана, 2021. – 98 б."]  # fmt: skip

    assert headings(texts) == [
        ("Кіріспе", 1),
        ("I. Краудсорсингтің анықтамасы", 1),
        ("1. Интернеттің кең таралуы", 2),
        ("II. Краудсорсинг моделі", 1),
        ("Қорытынды", 1),
        ("Әдебиеттер", 1),
    ]


def test_decimal_numbers_give_subsections_and_capitals_mark_headings():
    texts = ["1. Introduction", ENGLISH, "2. AI in Chinese News Production", "2.1 Automated News Writing",
             ENGLISH, "ВВЕДЕНИЕ", RUSSIAN, "ОСНОВНЫЕ ИТОГИ ИССЛЕДОВАНИЯ", RUSSIAN, "Заключение",
             RUSSIAN]  # fmt: skip

    assert headings(texts) == [
        ("1. Introduction", 1),
        ("2. AI in Chinese News Production", 1),
        ("2.1 Automated News Writing", 2),
        ("ВВЕДЕНИЕ", 1),
        ("ОСНОВНЫЕ ИТОГИ ИССЛЕДОВАНИЯ", 1),
        ("Заключение", 1),
    ]


def test_a_short_line_between_finished_paragraphs_is_a_heading():
    texts = [RUSSIAN, "Становление продюсерского кино в Казахстане", RUSSIAN]

    assert headings(texts) == [("Становление продюсерского кино в Казахстане", 1)]


def test_list_items_captions_sentences_and_cut_lines_are_no_headings():
    texts = [
        RUSSIAN,
        "Основные задачи работы следующие:",  # a lead-in, its list below
        "1. Изучить биографию учёного.",
        "2. Описать его изобретения.",
        RUSSIAN,
        "Таблица 1 Показатели редакций",  # a caption
        RUSSIAN,
        "Мобильді коммерцияның басты артықшылықтарының бірі",  # a line cut short: lower case goes on
        "ретінде " + PROSE.lower(),
        "Итоги работы подведены.",  # a sentence
        RUSSIAN,
        "S = a × b",  # a formula
        RUSSIAN,
        "Source: Ministry of Education and Science",  # a note run in with its label
        ENGLISH,
        "• кері байланыс",  # a bullet
        RUSSIAN,
        "Анализ рынка и",  # ends on a word that needs the next
        RUSSIAN,
    ]

    assert headings(texts) == []


def test_numbered_lines_over_one_another_are_a_list_not_headings():
    texts = [RUSSIAN, "1. Сбор данных", "2. Проверка фактов", "3. Анализ аудитории", RUSSIAN]

    assert headings(texts) == [("3. Анализ аудитории", 1)]


def test_after_the_references_heading_nothing_is_a_heading_but_another_list_of_them():
    texts = [ENGLISH, "References", "Smith J. Media", "Ivanov I. News", "Әдебиеттер", "Иванов И. Жаңалық"]

    assert headings(texts) == [("References", 1), ("Әдебиеттер", 1)]


def test_bold_print_marks_a_heading_that_plain_text_would_not_show():
    units = [Unit(ENGLISH), Unit("Data and what they say", emphasis=True), Unit(ENGLISH + " " + ENGLISH)]
    plain = [Unit(unit.text) for unit in units]

    assert body_structure(units).headings == {1: 1}
    assert body_structure(plain).headings == {1: 1}  # short and set apart: a heading either way
    long = "Data gathered in the newsrooms of the region during the spring of the year"
    assert body_structure([Unit(ENGLISH), Unit(long, emphasis=True), Unit(ENGLISH)]).headings == {1: 1}
    assert body_structure([Unit(ENGLISH), Unit(long), Unit(ENGLISH)]).headings == {}


# --- stored form -----------------------------------------------------------------------------


def test_the_stored_structure_is_used_only_for_the_body_it_was_found_in():
    texts = ["Введение", RUSSIAN, "Таблица 1 Показатели", "2019 12", "2020 14", "2021 17", RUSSIAN]
    body = "\n\n".join(texts)
    found = structure(texts)
    stored = found.as_json(body)

    assert body_paragraphs(body) == texts
    assert stored_structure(stored, body) == found
    assert stored_structure(stored, body + " Дополнено.") is None
    assert structure_for(stored, body) == found
    edited = body.replace("Введение", "Введение\n\nНовый абзац " + RUSSIAN)
    assert structure_for(stored, edited).headings == {0: 1}
    assert structure_for({}, body) == found

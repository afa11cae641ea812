"""GOST references against strings written from the standards' rules (citations.md).

Each expected string was written from the rule it tests: heading form, ' / ' responsibility,
' ; ' supervisor, ' // ' host, '. – ' areas, en dashes, the list language's words.
"""

from dataclasses import replace

import pytest

from articles.citations.gost import GOST_7_1, GOST_R_7_0_5, GOST_R_7_0_100, gost_reference
from tests.articles.citations.records import (
    ACCESSED,
    ENGLISH,
    KAZAKH,
    RUSSIAN,
    UNTITLED_ANONYMOUS,
    with_authors,
)

KK_HOST = (
    "Журналистика факультеті магистранттары мен докторанттарының ғылыми мақалалар жинағы : "
    "Студенттік ғылыми конференция"
)
KK_TITLE = "Жасанды интеллект – журналистің жаңа құралы: артықшылықтары мен қауіптері"
RU_HOST = (
    "Сборник научных статей магистрантов и докторантов факультета журналистики : материалы "
    "Международной научно-практической конференции «Медиа и общество»"
)
RU_TITLE = "Цифровая трансформация региональных СМИ Казахстана"
RU_URL = "https://jinaq.example/ru/articles/tsifrovaya/"
EN_HOST = (
    "Collected papers of master's and doctoral students of the Faculty of Journalism : "
    "Student research conference of the Faculty of Journalism"
)
EN_TITLE = "Fact-checking & AI: newsroom practice in Central Asia"


def cite(record, preset, **options):
    return gost_reference(record, preset, accessed=ACCESSED, **options)


def test_gost_r_7_0_100_kazakh_print():
    assert cite(KAZAKH, GOST_R_7_0_100) == (
        f"Андреева, М. М. {KK_TITLE} / М. М. Андреева ; ғылыми жетекшісі Г. С. Өзбекова. – Мәтін : тікелей "
        f"// {KK_HOST} (Алматы, 10–11 сәуір 2025 ж.). – Алматы : Қазақ университеті, 2025. – Б. 125–128."
    )


def test_gost_r_7_0_100_russian_online_with_url_and_access_date():
    assert cite(RUSSIAN, GOST_R_7_0_100) == (
        f"Иванова, А. Б. {RU_TITLE} / А. Б. Иванова, В. Г. Петров, Д. Е. Сидорова ; научный руководитель "
        f"С. Х. Барлыбаева. – Текст : электронный // {RU_HOST} (Москва, 12–13 марта 2025 г.). – Москва : "
        f"Издательство МГУ, 2025. – С. 10–13. – URL: {RU_URL} (дата обращения: 01.04.2025)."
    )


def test_gost_r_7_0_100_english_four_authors_start_with_the_title():
    assert cite(ENGLISH, GOST_R_7_0_100) == (
        f"{EN_TITLE} / Zh. Abdikarimov, J. A. Smith, K. Brown, S. Lee. – Text : unmediated // {EN_HOST} "
        "(Almaty) / edited by G. S. Uzbekova. – Almaty : Al-Farabi Kazakh National University, 2025. – P. 7."
    )


def test_gost_7_1_kazakh():
    assert cite(KAZAKH, GOST_7_1) == (
        f"Андреева М. М. {KK_TITLE} [Мәтін] / М. М. Андреева ; ғылыми жетекшісі Г. С. Өзбекова // {KK_HOST}, "
        "Алматы, 10–11 сәуір 2025 ж. – Алматы : Қазақ университеті, 2025. – Б. 125–128."
    )


def test_gost_7_1_russian_abbreviates_moscow_and_supervisor():
    assert cite(RUSSIAN, GOST_7_1) == (
        f"Иванова А. Б. {RU_TITLE} [Электронный ресурс] / А. Б. Иванова, В. Г. Петров, Д. Е. Сидорова ; "
        f"науч. рук. С. Х. Барлыбаева // {RU_HOST}, Москва, 12–13 марта 2025 г. – М. : Издательство МГУ, "
        f"2025. – С. 10–13. – Режим доступа: {RU_URL} (дата обращения: 01.04.2025)."
    )


def test_gost_7_1_english_four_authors_first_and_others():
    assert cite(ENGLISH, GOST_7_1) == (
        f"{EN_TITLE} [Text] / Zh. Abdikarimov [et al.] // {EN_HOST}, Almaty / ed. by G. S. Uzbekova. – "
        "Almaty : Al-Farabi Kazakh National University, 2025. – P. 7."
    )


def test_gost_r_7_0_5_kazakh():
    assert cite(KAZAKH, GOST_R_7_0_5) == (
        f"Андреева М. М. {KK_TITLE} / ғылыми жетекшісі Г. С. Өзбекова // {KK_HOST} "
        "(Алматы, 10–11 сәуір 2025 ж.). – Алматы : Қазақ университеті, 2025. – Б. 125–128."
    )


def test_gost_r_7_0_5_russian_three_authors_in_the_heading_not_repeated():
    assert cite(RUSSIAN, GOST_R_7_0_5) == (
        f"Иванова А. Б., Петров В. Г., Сидорова Д. Е. {RU_TITLE} / науч. рук. С. Х. Барлыбаева // {RU_HOST} "
        f"(Москва, 12–13 марта 2025 г.). – М. : Издательство МГУ, 2025. – С. 10–13. – URL: {RU_URL} "
        "(дата обращения: 01.04.2025)."
    )


def test_gost_r_7_0_5_english():
    assert cite(ENGLISH, GOST_R_7_0_5) == (
        f"{EN_TITLE} / Zh. Abdikarimov [et al.] // {EN_HOST} (Almaty) / ed. by G. S. Uzbekova. – "
        "Almaty : Al-Farabi Kazakh National University, 2025. – P. 7."
    )


def test_gost_kazakh_record_in_a_russian_list_takes_russian_words_and_volume_title():
    assert cite(KAZAKH, GOST_R_7_0_5, language="ru") == (
        f"Андреева М. М. {KK_TITLE} / науч. рук. Г. С. Өзбекова // Сборник научных статей магистрантов "
        "и докторантов факультета журналистики : Студенттік ғылыми конференция "
        "(Алматы, 10–11 апреля 2025 г.). – Алматы : Қазақ университеті, 2025. – С. 125–128."
    )


def test_gost_kazakh_record_in_an_english_list_keeps_its_own_volume_title_when_no_english_one():
    assert cite(KAZAKH, GOST_R_7_0_5, language="en") == (
        f"Андреева М. М. {KK_TITLE} / supervisor Г. С. Өзбекова // {KK_HOST} "
        "(Алматы, 10–11 April 2025). – Алматы : Қазақ университеті, 2025. – P. 125–128."
    )


# Heading rules: 1–3 authors / 4 / 5+ (R 7.0.100: all four, then three and '[и др.]';
# 7.1 and 7.0.5: from four on, the first and '[и др.]').
def start(record, preset):
    return cite(record, preset).split(" //")[0].replace(RU_TITLE, "T")


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "Алиев, А. А. T / А. А. Алиев. – Текст : непосредственный"),
        (3, "Алиев, А. А. T / А. А. Алиев, Б. Б. Бекова, В. В. Ванов. – Текст : непосредственный"),
        (4, "T / А. А. Алиев, Б. Б. Бекова, В. В. Ванов, Г. Г. Гаев. – Текст : непосредственный"),
        (5, "T / А. А. Алиев, Б. Б. Бекова, В. В. Ванов [и др.]. – Текст : непосредственный"),
    ],
)
def test_gost_r_7_0_100_heading_rules(count, expected):
    record = replace(with_authors(RUSSIAN, count), url=None)
    assert start(record, GOST_R_7_0_100) == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "Алиев А. А. T [Текст] / А. А. Алиев"),
        (3, "Алиев А. А. T [Текст] / А. А. Алиев, Б. Б. Бекова, В. В. Ванов"),
        (4, "T [Текст] / А. А. Алиев [и др.]"),
        (5, "T [Текст] / А. А. Алиев [и др.]"),
    ],
)
def test_gost_7_1_heading_rules(count, expected):
    record = replace(with_authors(RUSSIAN, count), url=None)
    assert start(record, GOST_7_1) == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "Алиев А. А. T"),
        (3, "Алиев А. А., Бекова Б. Б., Ванов В. В. T"),
        (4, "T / А. А. Алиев [и др.]"),
        (5, "T / А. А. Алиев [и др.]"),
    ],
)
def test_gost_r_7_0_5_heading_rules(count, expected):
    assert start(with_authors(RUSSIAN, count), GOST_R_7_0_5) == expected


def test_gost_untitled_anonymous_paper_is_described_under_its_first_words():
    stand_in = "[Атауы жоқ: Ақпараттық технологиялардың қарқынды дамуы…]"
    assert cite(UNTITLED_ANONYMOUS, GOST_R_7_0_5) == f"{stand_in} // Ғылыми мақалалар жинағы. – Алматы, 2025."
    assert cite(UNTITLED_ANONYMOUS, GOST_R_7_0_100) == (
        f"{stand_in}. – Мәтін : тікелей // Ғылыми мақалалар жинағы. – Алматы, 2025."
    )
    assert cite(UNTITLED_ANONYMOUS, GOST_R_7_0_5, language="ru").startswith(
        "[Без названия: Ақпараттық технологиялардың қарқынды дамуы…] // "
    )


def test_gost_paper_without_title_or_text_is_untitled_in_the_list_language():
    record = replace(UNTITLED_ANONYMOUS, display_title="")
    assert cite(record, GOST_R_7_0_5) == "[Атауы жоқ] // Ғылыми мақалалар жинағы. – Алматы, 2025."
    assert cite(record, GOST_R_7_0_5, language="ru").startswith("[Без названия] // ")


def test_gost_name_without_initials_is_printed_as_is():
    record = replace(RUSSIAN, authors=(RUSSIAN.authors[0].__class__(printed="Ван Лу"),), url=None)
    assert (
        start(record, GOST_R_7_0_100)
        == "Ван Лу T / Ван Лу ; научный руководитель С. Х. Барлыбаева. – Текст : непосредственный"
    )


def test_gost_uses_en_dashes_never_hyphens_as_separators():
    text = cite(RUSSIAN, GOST_R_7_0_100)
    assert " - " not in text
    assert "10-13" not in text

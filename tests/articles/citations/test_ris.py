"""RIS: the exact Kazakh record, CRLF lines, and a round trip through rispy."""

import rispy

from articles.citations.ris import format_ris
from tests.articles.citations.records import ACCESSED, ENGLISH, KAZAKH, RUSSIAN, UNTITLED_ANONYMOUS


def test_ris_kazakh_record_exact_lines():
    assert format_ris([KAZAKH]).split("\r\n") == [
        "TY  - CPAPER",
        "AU  - Андреева, М. М.",
        "A4  - Өзбекова, Г. С.",
        "TI  - Жасанды интеллект – журналистің жаңа құралы: артықшылықтары мен қауіптері",
        "T2  - Студенттік ғылыми конференция",
        "C3  - Журналистика факультеті магистранттары мен докторанттарының ғылыми мақалалар жинағы",
        "PY  - 2025",
        "SP  - 125",
        "EP  - 128",
        "CY  - Алматы",
        "C1  - Алматы",
        "PB  - Қазақ университеті",
        "LA  - kk",
        "KW  - жасанды интеллект",
        "KW  - журналистика",
        "KW  - artificial intelligence",
        "N1  - Ғылыми жетекшісі: Г. С. Өзбекова",
        "ER  - ",
        "",
    ]


def test_ris_lines_end_in_crlf_only():
    text = format_ris([KAZAKH, RUSSIAN])
    assert "\n" not in text.replace("\r\n", "")


def test_ris_parses_back_with_rispy():
    entries = rispy.loads(format_ris([KAZAKH, RUSSIAN, ENGLISH, UNTITLED_ANONYMOUS], accessed=ACCESSED))
    assert [entry["type_of_reference"] for entry in entries] == ["CPAPER"] * 4
    russian = entries[1]
    assert russian["authors"] == ["Иванова, А. Б.", "Петров, В. Г.", "Сидорова, Д. Е."]
    assert russian["subsidiary_authors"] == ["Барлыбаева, С. Х."]
    assert (russian["title"], russian["year"], russian["start_page"], russian["end_page"]) == (
        RUSSIAN.title,
        "2025",
        "10",
        "13",
    )
    assert russian["urls"] == ["https://jinaq.example/ru/articles/tsifrovaya/"]
    assert russian["access_date"] == "2025/04/01"
    assert russian["keywords"] == ["региональные СМИ", "цифровизация"]
    assert entries[2]["secondary_authors"] == ["Uzbekova, G. S."]
    assert entries[2]["language"] == "en"
    assert "authors" not in entries[3]
    assert entries[3]["title"] == "[Атауы жоқ: Ақпараттық технологиялардың қарқынды дамуы…]"

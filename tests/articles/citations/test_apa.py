"""APA 7 paper in proceedings, against strings written from the APA rules in citations.md."""

from dataclasses import replace

from articles.citations.apa import apa_reference, apa_runs
from articles.citations.record import CitedPerson
from tests.articles.citations.records import ENGLISH, FIVE, KAZAKH, RUSSIAN, UNTITLED_ANONYMOUS, people


def in_english(record):
    """The record as an entry of an English list (APA's own words: 'In', '(Ed.)', 'pp.')."""
    return replace(record, list_language="en")


def test_apa_kazakh_without_editors_keeps_in_and_pages():
    assert apa_reference(in_english(KAZAKH)) == (
        "Андреева, М. М. (2025). Жасанды интеллект – журналистің жаңа құралы: артықшылықтары мен "
        "қауіптері. In Журналистика факультеті магистранттары мен докторанттарының ғылыми мақалалар "
        "жинағы (pp. 125–128). Қазақ университеті."
    )


def test_apa_russian_three_authors_ampersand_and_url():
    assert apa_reference(in_english(RUSSIAN)) == (
        "Иванова, А. Б., Петров, В. Г., & Сидорова, Д. Е. (2025). Цифровая трансформация региональных "
        "СМИ Казахстана. In Сборник научных статей магистрантов и докторантов факультета журналистики "
        "(pp. 10–13). Издательство МГУ. https://jinaq.example/ru/articles/tsifrovaya/"
    )


def test_apa_english_editor_single_page_and_capital_after_colon():
    assert apa_reference(ENGLISH) == (
        "Abdikarimov, Zh., Smith, J. A., Brown, K., & Lee, S. (2025). Fact-checking & AI: Newsroom "
        "practice in Central Asia. In G. S. Uzbekova (Ed.), Collected papers of master's and doctoral "
        "students of the Faculty of Journalism (p. 7). Al-Farabi Kazakh National University."
    )


def test_apa_two_authors_and_two_editors():
    record = replace(ENGLISH, authors=people("Brown K.", "S. Lee"), editors=people("A. One", "B. Two"))
    assert apa_reference(record).startswith("Brown, K., & Lee, S. (2025).")
    assert "In A. One & B. Two (Eds.), Collected" in apa_reference(record)


def test_apa_twenty_one_authors_give_nineteen_an_ellipsis_and_the_last():
    many = (FIVE * 5)[:20] + people("Last Z.")
    text = apa_reference(replace(ENGLISH, authors=many))
    assert text.startswith("Алиев, А. А., Бекова, Б. Б.,")
    assert ", Гаев, Г. Г., . . . Last, Z. (2025)." in text
    assert text.count("Алиев, А. А.") == 4


def test_apa_untitled_anonymous_title_moves_to_the_author_position():
    assert apa_reference(in_english(UNTITLED_ANONYMOUS)) == (
        "[Untitled: Ақпараттық технологиялардың қарқынды дамуы…]. (2025). In Ғылыми мақалалар жинағы."
    )


def test_apa_in_a_russian_list_uses_the_russian_adaptations_words():
    record = replace(ENGLISH, list_language="ru", editors=people("A. One", "B. Two"))
    assert apa_reference(replace(RUSSIAN, list_language="ru")) == (
        "Иванова, А. Б., Петров, В. Г., & Сидорова, Д. Е. (2025). Цифровая трансформация региональных "
        "СМИ Казахстана. В Сборник научных статей магистрантов и докторантов факультета журналистики "
        "(с. 10–13). Издательство МГУ. https://jinaq.example/ru/articles/tsifrovaya/"
    )
    assert " В A. One & B. Two (ред.), Collected papers" in apa_reference(record)
    assert apa_reference(record).endswith("(с. 7). Al-Farabi Kazakh National University.")


def test_apa_record_on_its_own_takes_its_own_languages_words():
    assert apa_reference(KAZAKH) == (
        "Андреева, М. М. (2025). Жасанды интеллект – журналистің жаңа құралы: артықшылықтары мен "
        "қауіптері. Жинақта Журналистика факультеті магистранттары мен докторанттарының ғылыми "
        "мақалалар жинағы (б. 125–128). Қазақ университеті."
    )


def test_apa_runs_italicise_only_the_proceedings_title():
    italic = [text for text, is_italic in apa_runs(KAZAKH) if is_italic]
    assert italic == ["Журналистика факультеті магистранттары мен докторанттарының ғылыми мақалалар жинағы"]


def test_apa_name_without_initials_still_ends_the_author_element():
    record = replace(RUSSIAN, authors=(CitedPerson(printed="Ван Лу"),), url=None)
    assert apa_reference(record).startswith("Ван Лу. (2025). Цифровая трансформация")

"""Name handling on the forms printed in the seed proceedings (fixtures/000_b9a1821462d33f30.txt)."""

import pytest

from authors.names import (
    index_letter,
    initials_of,
    names_compatible,
    normalise_name,
    person_match_key,
    sort_key,
    split_name_and_position,
    surname_of,
)


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("ф.ғ.д., профессор К. Камзин", ("К. Камзин", "ф.ғ.д., профессор")),
        ("филол.ғ.к., аға оқытушы А. Бейсенқұлов", ("А. Бейсенқұлов", "филол.ғ.к., аға оқытушы")),
        ("проф.С.Х.Барлыбаева", ("С. Х. Барлыбаева", "проф.")),
        ("доцент Иванов И.И.", ("Иванов И. И.", "доцент")),
        ("PhD, assoc. prof. John Smith", ("John Smith", "PhD, assoc. prof.")),
        ("к.ф.н. Петрова А.А.", ("Петрова А. А.", "к.ф.н.")),
        ("Associate Professor Dr. Aigerim Zhumabekova", ("Aigerim Zhumabekova", "Associate Professor Dr.")),
    ],
)
def test_split_name_and_position_degree_words_go_to_position(printed, expected):
    assert split_name_and_position(printed) == expected


def test_split_name_and_position_supervisor_label_dropped():
    printed = "науч.руководитель-проф.С.Х.Барлыбаева"

    assert split_name_and_position(printed) == ("С. Х. Барлыбаева", "проф.")


def test_split_name_and_position_kazakh_label_and_trailing_comma():
    printed = "Ғылыми жетекші: филол. ғ. к., доцент Г.С. Өзбекова,"

    assert split_name_and_position(printed) == ("Г. С. Өзбекова", "филол. ғ. к., доцент")


def test_split_name_and_position_name_before_position_and_affiliation():
    assert split_name_and_position("Иванов И.И., доцент, КазНУ") == ("Иванов И. И.", "доцент, КазНУ")


def test_split_name_and_position_bare_name_has_empty_position():
    assert split_name_and_position("Жансерікова Н.,") == ("Жансерікова Н.", "")


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Узбекова Г.С.", "Узбекова Г. С."),
        ("Узбекова Г. С.", "Узбекова Г. С."),
        ("Г.С. Өзбекова,", "Г. С. Өзбекова"),
        ("      Шайын    Ш. ", "Шайын Ш."),
        ("Ілияс М.Е", "Ілияс М. Е."),
        ("Есқали Т.,", "Есқали Т."),
        ("ИВАНОВ И.И.", "Иванов И. И."),
        (" Ван Лу  ", "Ван Лу"),
    ],
)
def test_normalise_name_printed_forms(printed, expected):
    assert normalise_name(printed) == expected


def test_normalise_name_latin_lookalikes_in_cyrillic_name():
    # 'А', 'е', 'о' below are Latin letters, as PDF extraction sometimes yields.
    assert normalise_name("Aндрeeва M. M.") == "Андреева М. М."


def test_normalise_name_decomposed_letters_composed():
    decomposed = "Алексеев Пе\u0308тр"

    assert normalise_name(decomposed) == "Алексеев Пётр"


def test_person_match_key_same_supervisor_in_three_spellings():
    keys = {person_match_key(n) for n in ["Узбекова Г.С.", "Г.С. Өзбекова", "Өзбекова Г. С."]}

    assert keys == {"uzbekova|g.s"}


def test_person_match_key_latin_transliteration_matches_cyrillic():
    assert person_match_key("Uzbekova G. S.") == person_match_key("Узбекова Г. С.")


def test_person_match_key_kazakh_letters_folded_to_russian_spelling():
    assert person_match_key("Жансерікова Н.") == person_match_key("Жансерикова Н.")
    assert person_match_key("Бейсенқұлов А.") == person_match_key("Бейсенкулов А.")


def test_person_match_key_gender_ending_kept():
    assert person_match_key("Узбеков К. И.") != person_match_key("Узбекова Г.С.")
    assert person_match_key("Узбеков Г. С.") != person_match_key("Узбекова Г. С.")


def test_person_match_key_name_without_initials_uses_all_words():
    assert person_match_key("Ван Лу") == "lu van"


def test_names_compatible_initial_prefix():
    assert names_compatible("Камзин К.", "Камзин К. Т.") is True


def test_names_compatible_different_initial():
    assert names_compatible("Камзин К.", "Камзин А.") is False


def test_names_compatible_kazakh_and_russian_spelling():
    assert names_compatible("Г.С. Өзбекова", "Узбекова Г.") is True


def test_names_compatible_gender_ending_differs():
    assert names_compatible("Узбеков К. И.", "Узбекова К. И.") is False


def test_names_compatible_without_initials_needs_same_words():
    assert names_compatible("Ван Лу", "Ван  Лу") is True
    assert names_compatible("Ван Лу", "Лу Ван") is True
    assert names_compatible("Ван Лу", "Ван Л.") is False
    assert names_compatible("John Smith", "J. Smith") is False


def test_names_compatible_full_given_names_must_agree():
    assert names_compatible("Иванов Иван Иванович", "Иванов И. И.") is True
    assert names_compatible("Иванов Иван Иванович", "Иванов Игорь Иванович") is False


def test_surname_of_and_initials_of_both_orders():
    assert [surname_of("Г.С. Өзбекова"), initials_of("Г.С. Өзбекова")] == ["Өзбекова", "Г. С."]
    assert [surname_of("Узбеков К. И."), initials_of("Узбеков К. И.")] == ["Узбеков", "К. И."]


def test_surname_of_full_names():
    assert surname_of("Иванов Иван Иванович") == "Иванов"
    assert surname_of("John Smith") == "Smith"
    assert surname_of("Ван Лу") == "Ван"


def test_sort_key_kazakh_alphabet_then_latin():
    names = ["Smith J.", "Үсенов А.", "Өзбекова Г.", "Іляс М.", "Әлиев Б.", "Абаев А.", "Узбеков К.",
             "Ұлықбек А.", "Ыбырай А.", "Ғалым Б.", "Гаухар Г."]  # fmt: skip

    ordered = sorted(names, key=sort_key)

    assert ordered == [
        "Абаев А.",
        "Әлиев Б.",
        "Гаухар Г.",
        "Ғалым Б.",
        "Өзбекова Г.",
        "Узбеков К.",
        "Ұлықбек А.",
        "Үсенов А.",
        "Ыбырай А.",
        "Іляс М.",
        "Smith J.",
    ]


def test_sort_key_initials_break_surname_ties():
    assert sorted(["Камзин Қ.", "Камзин К.", "Камзин А."], key=sort_key) == [
        "Камзин А.",
        "Камзин К.",
        "Камзин Қ.",
    ]


@pytest.mark.parametrize(
    ("name", "letter"),
    [
        ("Әлиев А.", "Ә"),
        ("Г.С. Өзбекова", "Ө"),
        ("Узбекова Г.С.", "У"),
        ("Ілияс М.Е", "І"),
        ("John Smith", "S"),
        ("Émile Zola", "Z"),
        ("", "#"),
    ],
)
def test_index_letter_buckets(name, letter):
    assert index_letter(name) == letter

"""The pure pieces of search: Kazakh stems, Latin/Cyrillic skeletons, reading the query."""

import pytest

from articles.search.expressions import lexeme_literal
from articles.search.kazakh import kazakh_short_stem, kazakh_stem
from articles.search.query import Term, parse_query
from articles.search.script import skeleton, skeleton_text


@pytest.mark.parametrize(
    ("inflected", "base"),
    [
        ("журналистиканың", "журналистика"),
        ("журналистикада", "журналистика"),
        ("журналистикадағы", "журналистика"),
        ("телефонияның", "телефония"),
        ("телефонияны", "телефония"),
        ("медианың", "медиа"),
        ("краудсорсингтің", "краудсорсинг"),
        ("дипфейктермен", "дипфейк"),
        ("студенттердің", "студент"),
        # к/қ/п voiced before a vowel: the stem loses the voiced letter and meets both spellings.
        ("креативтілігі", "креативтілік"),
        ("ерекшелігі", "ерекшеліктерін"),
        ("артықшылығы", "артықшылықтары"),
    ],
)
def test_kazakh_stem_of_an_inflected_form_is_a_prefix_of_the_base_form(inflected, base):
    stem = kazakh_stem(inflected)
    assert base.startswith(stem)
    assert len(stem) >= 5


def test_kazakh_stem_keeps_short_words_whole():
    assert [kazakh_stem(word) for word in ("медиа", "және", "цифр")] == ["медиа", "және", "цифр"]


def test_a_case_ending_on_a_short_stem_leaves_the_whole_short_word():
    assert [kazakh_short_stem(word) for word in ("киноның", "кинода", "телефонияның", "кино")] == [
        "кино",
        "кино",
        None,
        None,
    ]
    assert kazakh_stem("киноның") != "кинон"  # -ның after a vowel, not -ың


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Tokayev", "Тоқаев"),
        ("Toqaev", "Тоқаев"),
        ("zhurnalistika", "журналистика"),
        ("jurnalistika", "журналистика"),
        ("Qazaqstan", "Қазақстан"),
        ("Kazakhstan", "Казахстан"),
        ("Özbekova", "Өзбекова"),
        ("Uzbekova", "Узбекова"),
        ("Barlybayeva", "Барлыбаева"),
        ("Şayın", "Шайын"),
        ("Jañalyq", "Жаңалық"),
        ("Äleumettik", "Әлеуметтік"),
        ("ğylym", "ғылым"),
        ("Ūlttyq", "Ұлттық"),
        ("kraudsorsingtiñ", "краудсорсингтің"),  # Latin ng is ң, Cyrillic нг is н + г: both 'n'
        ("Qytaydaghy", "Қытайдағы"),
        ("İnternet", "интернет"),
    ],
)
def test_skeleton_latin_and_cyrillic_spellings_meet(latin, cyrillic):
    assert skeleton(latin) == skeleton(cyrillic)


def test_skeleton_keeps_different_words_apart():
    assert len({skeleton(word) for word in ("Узбекова", "Узбеков", "Камзин", "медиа", "кино")}) == 5


def test_skeleton_text_marks_every_word_in_order_and_drops_short_ones():
    assert skeleton_text("Тоқаев Tokayev медиа, media; а") == "xqtokaev xqtokaev xqmeda xqmeda"


def test_skeleton_text_adds_hyphenated_words_joined_and_keeps_initials_on_request():
    assert skeleton_text("медиа-конвергенция") == "xqmeda xqkonvergentsa xqmedakonvergentsa"
    assert skeleton_text("Өзбекова Г.С.", min_length=1) == "xqozbekova xqg xqs"


def test_initials_are_separate_words_and_other_compounds_stay_phrases():
    assert parse_query("Uzbekova G.S.").clauses == (
        (Term(words=("uzbekova",)),),
        (Term(words=("g",)),),
        (Term(words=("s",)),),
    )
    assert parse_query("COVID-19").clauses == ((Term(words=("covid", "19")),),)


def test_parse_query_reads_phrases_alternatives_and_exclusions():
    parsed = parse_query('"жасанды интеллект" OR ИИ -deepfake журналист')

    assert [[(term.words, term.negated) for term in clause] for clause in parsed.clauses] == [
        [(("жасанды", "интеллект"), False), (("ии",), False)],
        [(("deepfake",), True)],
        [(("журналист",), False)],
    ]


@pytest.mark.parametrize(
    "hostile",
    [
        "",
        "   ",
        '"',
        '"unbalanced phrase',
        "& | ! : * ( ) \\ '",
        "a:* & !b | (c",
        "\x00\x01\x02\x7f",
        "OR OR OR",
        "-",
        "x" * 5000,
    ],
)
def test_parse_query_reduces_hostile_input_to_plain_words(hostile):
    parsed = parse_query(hostile)
    words = [word for clause in parsed.clauses for term in clause for word in term.words]
    assert all(word.isalnum() for word in words)
    assert all(len(word) <= 500 for word in words)


def test_parse_query_with_only_exclusions_is_empty():
    assert parse_query("-кино -фильм").is_empty is True
    assert parse_query("ё").positive_words() == ["е"]


@pytest.mark.parametrize("unclean", ["", "a'b", "a\\b"])
def test_a_lexeme_with_a_quote_or_a_backslash_never_reaches_a_tsquery(unclean):
    with pytest.raises(ValueError, match="not a clean lexeme"):
        lexeme_literal(unclean, prefix=False)

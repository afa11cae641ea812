"""A volume's conference, place and publisher in the language asked for, else as printed."""

import pytest

from proceedings.models import Proceedings


def volume(**facts) -> Proceedings:
    return Proceedings(
        title_kk="Жинақ",
        conference_name="Студенттік ғылыми конференция",
        place="Алматы",
        publisher="Қазақ университеті",
        **facts,
    )


def test_localized_gives_the_fact_in_the_language_where_given():
    proceedings = volume(conference_name_ru="Студенческая научная конференция", place_en="Almaty")

    shown = {
        code: [proceedings.localized(fact, code) for fact in ("conference_name", "place", "publisher")]
        for code in ("kk", "ru", "en")
    }

    assert shown == {
        "kk": ["Студенттік ғылыми конференция", "Алматы", "Қазақ университеті"],
        "ru": ["Студенческая научная конференция", "Алматы", "Қазақ университеті"],
        "en": ["Студенттік ғылыми конференция", "Almaty", "Қазақ университеті"],
    }


def test_localized_falls_back_to_another_language_when_nothing_was_printed():
    proceedings = Proceedings(title_ru="Сборник", publisher_kk="Қазақ университеті", publisher_ru="")

    assert proceedings.localized("publisher", "en") == "Қазақ университеті"
    assert proceedings.localized("place", "en") == ""


def test_localized_title_is_the_titles_own_fallback():
    assert volume(title_ru="Сборник").localized("title", "ru") == "Сборник"
    assert volume().localized("title", "en") == "Жинақ"


def test_localized_refuses_a_field_not_kept_per_language():
    with pytest.raises(ValueError, match="isbn"):
        volume().localized("isbn", "ru")

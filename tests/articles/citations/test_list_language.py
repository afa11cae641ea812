"""One language for a whole reference list: every prescribed word of every entry (Kazakh, Russian
and English papers mixed) in the list's language, and the volume's facts in it where it has them."""

from dataclasses import replace

import pytest

from articles.citations.formats import format_records
from articles.citations.record import opening_words
from articles.citations.words import WORDS, Words
from tests.articles.citations.records import ACCESSED, ENGLISH, KAZAKH, RUSSIAN, UNTITLED_ANONYMOUS, people

# Every kind of prescribed word at least once: a supervisor (Kazakh, Russian papers), four authors
# ('[и др.]'), an editor and a URL (English paper), conference dates (two months), an untitled paper.
MIXED = [
    KAZAKH,
    RUSSIAN,
    replace(ENGLISH, url="https://jinaq.example/en/articles/fact-checking/", supervisors=people("К. Камзин")),
    UNTITLED_ANONYMOUS,
]
LANGUAGES = ("kk", "ru", "en")


def marks(words: Words) -> dict[str, str]:
    """Each prescribed word with what surrounds it in a reference, so a name's initial ('С. Х.')
    or a word inside a title is not taken for one."""
    return {
        "pages": f"– {words.pages} ",
        "others": words.others,
        "supervisor": f" {words.supervisor} ",
        "supervisor_short": f" {words.supervisor_short} ",
        "editor": f"/ {words.editor} ",
        "editor_short": f"/ {words.editor_short} ",
        "print_content": words.print_content,
        "online_content": words.online_content,
        "print_designation": words.print_designation,
        "online_designation": words.online_designation,
        "access_mode": f"{words.access_mode}: ",
        "accessed": f"({words.accessed}: ",
        "untitled": f"[{words.untitled_opening}: ",
        "april": f" {words.months[3]} ",
        "march": f" {words.months[2]} ",
        "apa_in": f" {words.apa_in} ",
        "apa_editor": f" {words.apa_editor}, ",
        "apa_pages": f"({words.apa_pages} ",
        "apa_page": f"({words.apa_page} ",
    }


# Which marks each style prints for the MIXED list.
STYLE_MARKS = {
    "gost-r-7-0-100-2018": {  # four authors in full: no '[и др.]'
        "pages", "supervisor", "editor", "print_content", "online_content", "accessed", "untitled",
        "april", "march",
    },
    "gost-7-1-2003": {
        "pages", "others", "supervisor_short", "editor_short", "print_designation", "online_designation",
        "access_mode", "accessed", "untitled", "april", "march",
    },
    "gost-r-7-0-5-2008": {
        "pages", "others", "supervisor_short", "editor_short", "accessed", "untitled", "april", "march",
    },
    "apa-7": {"apa_in", "apa_editor", "apa_pages", "apa_page", "untitled"},
}  # fmt: skip


@pytest.mark.parametrize("style", list(STYLE_MARKS))
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_prescribed_word_of_a_mixed_list_is_in_the_lists_language(style, language):
    text = format_records(MIXED, style, language=language, accessed=ACCESSED).decode()
    own = marks(WORDS[language])

    missing = [kind for kind in STYLE_MARKS[style] if own[kind] not in text]
    foreign = [
        (other, kind, mark)
        for other in LANGUAGES
        if other != language
        for kind, mark in marks(WORDS[other]).items()
        if mark != own[kind] and mark in text
    ]
    assert (missing, foreign) == ([], [])


@pytest.mark.parametrize("language", LANGUAGES)
def test_mixed_list_without_a_language_gives_each_entry_its_own_words(language):
    """The old behaviour stays what a reference on its own gets (the Cite box in code)."""
    mixed = format_records(MIXED[:2], "gost-r-7-0-5-2008", accessed=ACCESSED).decode().split("\n")

    assert "– Б. 125–128" in mixed[0]
    assert "– С. 10–13" in mixed[1]


@pytest.mark.parametrize("slug", ["bibtex", "ris", "csl-json", "csv"])
def test_file_formats_give_supervisors_and_volume_titles_in_the_lists_language(slug):
    russian = format_records([KAZAKH], slug, language="ru", accessed=ACCESSED).decode("utf-8-sig")
    kazakh = format_records([KAZAKH], slug, language="kk", accessed=ACCESSED).decode("utf-8-sig")
    # CSV has a column for supervisors and its reference column abbreviates (GOST R 7.0.5).
    note = {"csv": ("науч. рук. Г. С. Өзбекова", "ғылыми жетекшісі Г. С. Өзбекова")}.get(
        slug, ("Научный руководитель: Г. С. Өзбекова", "Ғылыми жетекшісі: Г. С. Өзбекова")
    )

    assert note[0] in russian
    assert "Сборник научных статей магистрантов и докторантов факультета журналистики" in russian
    assert "Журналистика факультеті магистранттары" not in russian
    assert note[1] in kazakh
    assert "Журналистика факультеті магистранттары" in kazakh


def test_volume_title_in_the_list_language_else_the_articles_else_another():
    both = {"kk": "Жинақ", "ru": "Сборник"}
    assert replace(RUSSIAN, volume_titles=both, list_language="kk").volume_title() == "Жинақ"
    assert replace(RUSSIAN, volume_titles=both, list_language="en").volume_title() == "Сборник"
    assert replace(ENGLISH, volume_titles=both, list_language="en").volume_title() == "Жинақ"
    assert replace(ENGLISH, volume_titles={}, list_language="ru").volume_title() == ENGLISH.conference_name


@pytest.mark.parametrize(
    ("stand_in", "expected"),
    [
        # The seed's: the twelve words stop on the first word of a second sentence.
        (
            "Маски – главный тренд в социальных сетях Instagram, Snap chat, Tik-tok. А…",
            "Маски – главный тренд в социальных сетях Instagram, Snap chat, Tik-tok",
        ),
        # No sentence end within the words: cut where they stop, not on a hanging preposition.
        (
            "Сегодня цифровые технологии стремительно меняют работу редакций и способы общения с…",
            "Сегодня цифровые технологии стремительно меняют работу редакций и способы общения…",
        ),
        ("Жаһандану дәуірінде ақпарат кеңістігі мен…", "Жаһандану дәуірінде ақпарат кеңістігі…"),
        # A section heading before the text is not part of it.
        (
            "Кіріспе Ақпараттық технологиялардың қарқынды дамуы…",
            "Ақпараттық технологиялардың қарқынды дамуы…",
        ),
        (
            "Введение. Цифровые медиа меняют профессию журналиста.",
            "Цифровые медиа меняют профессию журналиста",
        ),
        (
            "1. Introduction In recent years, the application of AI…",
            "In recent years, the application of AI…",
        ),
        ("КІРІСПЕ XXI ғасырда технологиялық жетістіктер…", "XXI ғасырда технологиялық жетістіктер…"),
        ("1. Кіріспе", "1. Кіріспе"),  # nothing after the heading: kept as it is
        # An initial or an abbreviation is not a sentence's end.
        (
            "Как писал А. С. Пушкин, т. е. поэт и прозаик, слово…",
            "Как писал А. С. Пушкин, т. е. поэт и прозаик, слово…",
        ),
        # A whole short text: as it is, without its full stop and with no mark of a cut.
        ("Ақпараттық технологиялардың қарқынды дамуы.", "Ақпараттық технологиялардың қарқынды дамуы"),
        ("", ""),
    ],
)
def test_opening_words_end_at_a_sentence_or_a_word_a_phrase_can_end_on(stand_in, expected):
    assert opening_words(stand_in) == expected

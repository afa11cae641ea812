"""Titles printed in capitals shown in sentence case, their acronyms and names kept."""

import pytest

from proceedings.importer.display import title_display

# (printed, shown)
WITHOUT_TEXT = [
    (
        "УКРЕПЛЕНИЕ СОТРУДНИЧЕСТВА КИТАЙСКО-КАЗАХСТАНСКИХ СМИ В ИНИЦИАТИВЕ «ОДИН ПОЯС, ОДИН ПУТЬ»",
        "Укрепление сотрудничества китайско-казахстанских СМИ в инициативе «Один пояс, один путь»",
    ),
    ("РОЛЬ ШОС И ЕАЭС В МЕДИАПРОСТРАНСТВЕ АЗИИ", "Роль ШОС и ЕАЭС в медиапространстве Азии"),
    ("ОПЫТ ЖУРНАЛИСТОВ ТАСС И МВД", "Опыт журналистов ТАСС и МВД"),
    ("ОЦЕНКА PR-МЕРОПРИЯТИЙ. НОВЫЕ ПОДХОДЫ", "Оценка PR-мероприятий. Новые подходы"),
    ("ЖАСАНДЫ ИНТЕЛЛЕКТТІҢ (ЖИ) ПЕРСПЕКТИВАСЫ", "Жасанды интеллекттің (ЖИ) перспективасы"),
    ("I. КІРІСПЕ: XXI ҒАСЫРДАҒЫ ҚР МЕДИАСЫ", "I. Кіріспе: XXI ғасырдағы ҚР медиасы"),
    ("ТЕЛЕГРАМ КАНАЛЫ «ОРДА» ЖӘНЕ ЖАСТАР", "Телеграм каналы «Орда» және жастар"),
    ("ЦИФРЛЫҚ МЕДИА: ҚАЗАҚСТАНДАҒЫ БАСЫЛЫМДАР", "Цифрлық медиа: Қазақстандағы басылымдар"),
    ("COVERAGE OF COVID-19 IN THE USA AND KAZAKHSTAN", "Coverage of COVID-19 in the USA and Kazakhstan"),
    ("THE ROLE OF IT AND HR IN NEW MEDIA", "The role of IT and HR in new media"),
]


@pytest.mark.parametrize(("printed", "shown"), WITHOUT_TEXT)
def test_title_in_capitals_is_shown_in_sentence_case_with_acronyms_and_names(printed, shown):
    assert title_display(printed) == shown


def test_words_printed_with_small_letters_in_a_line_of_capitals_stay_as_printed():
    assert title_display("ЖАСӨСПІРІМДЕРДІҢ Telegram-АРНАЛАРДАҒЫ ChatGPT ҚОЛДАНУЫ") == (
        "Жасөспірімдердің Telegram-арналардағы ChatGPT қолдануы"
    )
    assert title_display("РОЛЬ iPhone В ЖУРНАЛИСТИКЕ") == "Роль iPhone в журналистике"


def test_the_articles_text_says_which_words_are_names_and_which_are_acronyms():
    text = (
        "Бұл мақалада Шанхай ынтымақтастық ұйымы мен ОДАҚ жұмысы қаралады.\n\n"
        "ҚОРЫТЫНДЫ\n\n"
        "Зерттеу нәтижесінде Шанхай форумы мен ОДАҚ қорытынды есебі талданды."
    )

    shown = title_display("ШАНХАЙ ЫНТЫМАҚТАСТЫҚ ҰЙЫМЫ МЕН ОДАҚ: ҚОРЫТЫНДЫ", context=text)

    # 'Шанхай' is capitalised inside sentences, 'ОДАҚ' written in capitals, 'қорытынды' in small
    # letters (the heading in capitals says nothing).
    assert shown == "Шанхай ынтымақтастық ұйымы мен ОДАҚ: қорытынды"


def test_a_short_word_the_text_writes_small_is_no_acronym():
    assert title_display("АБАЙ ЖӘНЕ ДОС") == "Абай және ДОС"
    assert title_display("АБАЙ ЖӘНЕ ДОС", context="Менің бір дос бар.") == "Абай және дос"


def test_titles_not_in_capitals_are_left_alone():
    assert title_display("Түрік және қазақ мультфильмдері") == "Түрік және қазақ мультфильмдері"
    assert title_display("Media in the USA") == "Media in the USA"

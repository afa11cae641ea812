from proceedings.importer.classify import (
    ABSTRACT_LABEL,
    is_affiliation_line,
    is_position_line,
    is_supervisor_line,
    person_names,
    reads_as_prose,
    split_status_institution,
)

WIDTH = 90


def test_reads_as_prose_many_ordinary_words_despite_a_country_name():
    line = "Прежде чем говорить о рекламном рынке в Казахстане, стоит определить"

    assert (reads_as_prose(line), is_affiliation_line(line)) == (True, False)


def test_reads_as_prose_article_openers_in_three_languages():
    openers = ["Бұл мақалада медиа талданады", "В статье рассмотрены СМИ", "This article studies media"]

    assert [reads_as_prose(text) for text in openers] == [True, True, True]


def test_reads_as_prose_full_width_line_stopping_on_an_ordinary_word():
    line = "Қазақстан Республикасы мен Қытай Халық Республикасы Ақпарат Агенттігі арасындағы"

    assert (reads_as_prose(line), reads_as_prose(line, WIDTH)) == (False, True)


def test_reads_as_prose_header_lines_are_not_prose():
    lines = [
        "Әл-Фараби атындағы Қазақ ұлттық университеті, Журналистика факультеті, Алматы, Қазақстан",
        "«8D03202 - Медиа және коммуникациялар»",
        "филология ғылымдарының кандидаты, доцент",
        "магистрантка 1 курса факультета журналистики КазНУ им.аль-Фараби",
        "Lecturer, Department of Journalism, Al-Farabi Kazakh National University",
    ]

    assert [reads_as_prose(text, WIDTH) for text in lines] == [False] * 5


def test_is_position_line_rejects_prose_mentioning_journalists():
    line = "Бүгінгі таңда редакторлар журналистердің күнделікті жұмысын жеңілдетеді"

    assert (is_position_line("журналистика магистрі"), is_position_line(line)) == (True, False)


def test_split_status_institution_cuts_before_the_institution():
    assert split_status_institution("2nd year master student of Al-Farabi Kazakh National University") == (
        "2nd year master student",
        "Al-Farabi Kazakh National University",
    )
    assert split_status_institution("Журналистика факультетінің магистрі") == (
        "Журналистика факультетінің магистрі",
        "",
    )


def test_a_name_an_institution_is_named_after_or_a_copyright_holder_is_no_author():
    assert person_names("Восточно-Казахстанский технический университет им. Д. Серикбаева") == []
    assert person_names("Д. Серікбаев атындағы Шығыс Қазақстан техникалық университеті") == []
    assert person_names("© Д. С. Корниенко, 2024") == []
    assert person_names("Корниенко Д. С., ВКТУ им. Д. Серикбаева") == ["Корниенко Д. С."]


def test_an_abstract_label_stands_alone_or_before_a_separator_or_a_capital():
    labels = ["Abstract", "Abstract. This paper", "Аңдатпа Бұл мақалада", "ABSTRACT:"]
    prose = ["Summary of findings", "Аннотация к фильму", "Abstract thinking is"]

    assert [bool(ABSTRACT_LABEL.match(text)) for text in labels + prose] == [True] * 4 + [False] * 3


def test_an_acknowledgement_of_a_supervisor_is_no_supervisor_line():
    assert is_supervisor_line("Supervisor: Dr. Henrison Hsieh")
    assert is_supervisor_line("руководитель Бородин Игорь Анатольевич")
    assert not is_supervisor_line("supervisor, Dr. Henrison Hsieh, for his invaluable")

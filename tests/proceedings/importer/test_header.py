from proceedings.importer.display import title_display
from proceedings.importer.header import parse_header, parse_supervisor, split_terms
from proceedings.importer.normalise import normalise_lines
from proceedings.importer.types import RawDocument

WIDTH = 90
BODY_KK = "Қазіргі кезде сарапшылар автоматтандыру процесі журналистерді транскрипция сияқты жұмыстан"
BODY_RU = "Инициатива «Один пояс и один путь» является важной стратегией, предложенной Китаем для"
BODY_EN = "The new media era has significantly transformed the roles of journalists in China. This"


def _lines(*texts: str):
    raw = [part for text in texts for part in (text, "")]
    return normalise_lines(RawDocument(kind="text", lines=raw, pages=[None] * len(raw)))


def test_parse_header_all_caps_two_line_title_author_position_affiliation():
    lines = _lines(
        "ЖАСАНДЫ ИНТЕЛЛЕКТ – ЖУРНАЛИСТІҢ ЖАҢА ҚҰРАЛЫ: ",
        "АРТЫҚШЫЛЫҚТАРЫ МЕН ҚАУІПТЕРІ ",
        "Андреева М. М. ",
        "1 курс магистратура ",
        "Әл-Фараби атындағы Қазақ ұлттық университеті,  ",
        "Алматы, Қазахстан  ",
        BODY_KK,
    )

    header = parse_header(lines, width=WIDTH)

    assert header.title == "ЖАСАНДЫ ИНТЕЛЛЕКТ – ЖУРНАЛИСТІҢ ЖАҢА ҚҰРАЛЫ: АРТЫҚШЫЛЫҚТАРЫ МЕН ҚАУІПТЕРІ"
    assert header.title_display == "Жасанды интеллект – журналистің жаңа құралы: артықшылықтары мен қауіптері"
    assert [(p.name, p.position) for p in header.authors] == [("Андреева М. М.", "1 курс магистратура")]
    assert header.authors[0].affiliation == "Әл-Фараби атындағы Қазақ ұлттық университеті, Алматы, Қазахстан"
    assert header.author_lines == [
        "Андреева М. М.",
        "1 курс магистратура",
        "Әл-Фараби атындағы Қазақ ұлттық университеті,",
        "Алматы, Қазахстан",
    ]
    assert lines[header.body_start].text == BODY_KK


def test_parse_header_name_without_initials_and_russian_supervisor():
    lines = _lines(
        "ИННОВАЦИОННЫЕ МОДЕЛИ НОВОСТНОЙ КОММУНИКАЦИИ В МЕДИА",
        "КОНТЕКСТЕ",
        "         Ван Лу",
        "магистрантка 1 курса факультета",
        "                            журналистики КазНУ им.аль-Фараби,",
        "                                   науч.руководитель-проф.С.Х.Барлыбаева",
        BODY_RU,
    )

    header = parse_header(lines, width=WIDTH)

    assert header.title == "ИННОВАЦИОННЫЕ МОДЕЛИ НОВОСТНОЙ КОММУНИКАЦИИ В МЕДИА КОНТЕКСТЕ"
    assert [p.name for p in header.authors] == ["Ван Лу"]
    assert [(p.name, p.position, p.role) for p in header.supervisors] == [
        ("С.Х.Барлыбаева", "проф.", "supervisor")
    ]
    assert lines[header.body_start].text == BODY_RU


def test_parse_header_supervisor_without_title_takes_the_rank_line_below():
    lines = _lines(
        " Ғылыми жетекші: Г.С. Өзбекова, ",
        " филология ғылымдарының кандидаты, доцент ",
        BODY_KK,
    )

    header = parse_header(lines, width=WIDTH)

    assert header.title is None
    assert [(p.name, p.position) for p in header.supervisors] == [
        ("Г.С. Өзбекова", "филология ғылымдарының кандидаты, доцент")
    ]
    assert header.body_start == 2


def test_parse_supervisor_kazakh_degree_and_rank_go_to_position():
    person = parse_supervisor("Ғылыми жетекшісі: филол.ғ.к., аға оқытушы А. Бейсенқұлов")

    assert (person.name, person.position) == ("А. Бейсенқұлов", "филол.ғ.к., аға оқытушы")
    assert person.printed == "Ғылыми жетекшісі: филол.ғ.к., аға оқытушы А. Бейсенқұлов"


def test_parse_supervisor_professor_before_name():
    person = parse_supervisor("Ғылыми жетекшісі: ф.ғ.д., профессор К. Камзин")

    assert (person.name, person.position) == ("К. Камзин", "ф.ғ.д., профессор")


def test_parse_header_sentence_case_title_above_a_name_with_initials():
    lines = _lines(
        "Түрік және қазақ анимациялық фильмдерінің салыстырмасы: ",
        "мәдени кодтар тұрғысынан талдау үлгісі ",
        "Ілияс М.Е ",
        "Журналистика факультетінің оқытушысы ",
        BODY_KK,
    )

    header = parse_header(lines, width=WIDTH)

    assert (
        header.title
        == "Түрік және қазақ анимациялық фильмдерінің салыстырмасы: мәдени кодтар тұрғысынан талдау үлгісі"
    )
    assert [p.name for p in header.authors] == ["Ілияс М.Е"]


def test_parse_header_labelled_abstract_and_keywords():
    lines = _lines(
        " Аңдатпа. Бұл мақалада ақпараттық қоғам жағдайында надандық феноменінің ",
        "философиялық аспектілері қарастырылады. ",
        "Түйін сөздер: ақпараттық қоғам, надандық, таным шекарасы, сын тұрғысынан ",
        "ойлау, философия ",
        "Кіріспе ",
        BODY_KK,
    )

    header = parse_header(lines, width=WIDTH)

    assert header.abstracts == {
        "kk": "Бұл мақалада ақпараттық қоғам жағдайында надандық феноменінің философиялық аспектілері "
        "қарастырылады."
    }
    assert header.keywords == {
        "kk": ["ақпараттық қоғам", "надандық", "таным шекарасы", "сын тұрғысынан ойлау", "философия"]
    }
    assert lines[header.body_start].text == "Кіріспе"


def test_parse_header_unlabelled_abstracts_in_three_languages():
    lines = _lines(
        " В настоящее время Интернет представляет собой коммуникативное пространство. ",
        "Ключевые слова: AR маски, AR эффекты, Spark AR. ",
        "Қазіргі уақытта Интернет ақпараттық қоғамның коммуникативті кеңістігі болып табылады. ",
        "Түйін сөздер: AR маскалары, AR эффектілері, ",
        "әлеуметтік желілер. ",
        "Currently, the Internet is a communicative space of the information society. ",
        "Key words: AR masks, AR effects. ",
        BODY_RU,
    )

    header = parse_header(lines, width=WIDTH)

    assert sorted(header.abstracts) == ["en", "kk", "ru"]
    assert (
        header.abstracts["en"]
        == "Currently, the Internet is a communicative space of the information society."
    )
    assert header.keywords == {
        "ru": ["AR маски", "AR эффекты", "Spark AR"],
        "kk": ["AR маскалары", "AR эффектілері", "әлеуметтік желілер"],
        "en": ["AR masks", "AR effects"],
    }
    assert lines[header.body_start].text == BODY_RU


def test_parse_header_english_abstract_label_on_its_own_line_then_introduction():
    lines = _lines(
        " Abstract: ",
        "This paper examines the application of artificial intelligence technologies in China's ",
        "news dissemination and social media sectors. ",
        " 1. Introduction ",
        BODY_EN,
    )

    header = parse_header(lines, width=WIDTH)

    assert header.abstracts == {
        "en": "This paper examines the application of artificial intelligence technologies in China's "
        "news dissemination and social media sectors."
    }
    assert lines[header.body_start].text == "1. Introduction"


def test_parse_header_plain_body_has_no_header():
    lines = _lines(BODY_KK, "сұрыптау ісін де айтарлықтай жеңілдетуге көмектесетінін айтады.")

    header = parse_header(lines, width=WIDTH)

    assert (header.title, header.authors, header.body_start) == (None, [], 0)


def test_split_terms_on_commas_semicolons_and_full_width_commas():
    assert split_terms("Generative AI，News verification; ethics, media.") == [
        "Generative AI",
        "News verification",
        "ethics",
        "media",
    ]


def test_title_display_keeps_acronyms_and_proper_names():
    assert title_display("ЖАСАНДЫ ИНТЕЛЛЕКТТІҢ (ЖИ) МЕДИАДАҒЫ ПЕРСПЕКТИВАСЫ: DEEPFAKE КЕЙСІ") == (
        "Жасанды интеллекттің (ЖИ) медиадағы перспективасы: deepfake кейсі"
    )
    assert title_display("РОЛЬ СМИ И AI В ҚАЗҰУ") == "Роль СМИ и AI в ҚазҰУ"
    assert title_display("BETWEEN CHINA AND KAZAKHSTAN") == "Between China and Kazakhstan"


def test_title_display_leaves_mixed_case_titles_alone():
    assert title_display("Түрік және қазақ мультфильмдері") == "Түрік және қазақ мультфильмдері"


def test_parse_supervisor_english_rank_before_initials_is_not_a_surname():
    person = parse_supervisor("Supervisor: PhD, Associate Professor A. Smith")

    assert (person.name, person.position) == ("A. Smith", "PhD, Associate Professor")


def test_parse_header_author_line_with_degree_gives_name_and_position():
    lines = _lines(
        "РОЛЬ МЕДИА В ОБЩЕСТВЕ",
        "Иванов И.И., к.ф.н., доцент",
        "Казахский национальный университет им. аль-Фараби",
        BODY_RU,
    )

    header = parse_header(lines, width=WIDTH)

    assert [(p.name, p.position, p.affiliation) for p in header.authors] == [
        ("Иванов И.И.", "к.ф.н., доцент", "Казахский национальный университет им. аль-Фараби")
    ]
    assert lines[header.body_start].text == BODY_RU


def test_parse_header_two_authors_on_one_line():
    lines = _lines("МЕДИА ЖӘНЕ ҚОҒАМ", "Иванов И.И., Петрова А.Б.", "Алматы, Қазақстан", BODY_KK)

    header = parse_header(lines, width=WIDTH)

    assert [p.name for p in header.authors] == ["Иванов И.И.", "Петрова А.Б."]


def test_parse_header_prose_line_naming_a_profession_is_body_not_position():
    prose = "Бүгінгі таңда редакторлар журналистердің күнделікті жұмысын жеңілдететін жаңа"
    lines = _lines("Сейітова Д. Қ.", "2 курс магистранты", "Алматы, Қазақстан", prose, BODY_KK)

    header = parse_header(lines, width=WIDTH)

    assert [(p.position, p.affiliation) for p in header.authors] == [
        ("2 курс магистранты", "Алматы, Қазақстан")
    ]
    assert header.author_lines == ["Сейітова Д. Қ.", "2 курс магистранты", "Алматы, Қазақстан"]
    assert lines[header.body_start].text == prose


def test_parse_header_prose_line_naming_the_country_is_body_not_affiliation():
    prose = "Статистика комитетінің деректері бойынша, 2023 жылы Қазақстанда 4100-"
    lines = _lines(
        "Нұрланова Б.,", "Әл-Фараби атындағы ҚазҰУ", "Журналистика факультетінің магистранты", prose, BODY_KK
    )

    header = parse_header(lines, width=WIDTH)

    assert [(p.position, p.affiliation) for p in header.authors] == [
        ("Журналистика факультетінің магистранты", "Әл-Фараби атындағы ҚазҰУ")
    ]
    assert lines[header.body_start].text == prose


def test_parse_header_first_abstract_sentence_is_not_an_affiliation():
    opening = "Бұл мақалада Қазақстан мен Өзбекстандағы подкасттардың дамуы салыстырылады"
    lines = _lines("Серікұлы А.Б", "Журналистика факультетінің аға оқытушысы", opening, BODY_KK)

    header = parse_header(lines, width=WIDTH)

    assert [(p.position, p.affiliation) for p in header.authors] == [
        ("Журналистика факультетінің аға оқытушысы", "")
    ]
    assert lines[header.body_start].text == opening


def test_parse_header_russian_prose_after_a_nameless_position_line_starts_the_body():
    prose = "Прежде чем говорить о рекламном рынке в Казахстане, стоит определить"
    lines = _lines("РЕКЛАМА В ЭПОХУ СТРИМИНГА", "кинооператор, режиссер", prose, BODY_RU)

    header = parse_header(lines, width=WIDTH)

    assert header.author_lines == ["кинооператор, режиссер"]
    assert lines[header.body_start].text == prose


def test_parse_header_untitled_prose_naming_the_country_has_no_header():
    prose = "Орталық Азия елдері арасында медиа ынтымақтастығы соңғы жылдары Қазақстанға"
    lines = _lines(prose, "деген қызығушылықты арттырып, жаңа бірлескен жобаларға жол ашты.")

    header = parse_header(lines, width=WIDTH)

    assert (header.author_lines, header.body_start) == ([], 0)


def test_parse_header_university_and_faculty_go_to_affiliation_specialty_to_position():
    lines = _lines(
        "Омарова Г.,",
        "Әл-Фараби атындағы ҚазҰУ, Журналистика факультеті",
        "«6B03201 - Журналистика»",
        "мамандығының 3-курс студенті",
        BODY_KK,
    )

    header = parse_header(lines, width=WIDTH)

    assert [(p.position, p.affiliation) for p in header.authors] == [
        (
            "«6B03201 - Журналистика» мамандығының 3-курс студенті",
            "Әл-Фараби атындағы ҚазҰУ, Журналистика факультеті",
        )
    ]
    assert lines[header.body_start].text == BODY_KK


def test_parse_header_line_mixing_university_and_degree_is_split_at_the_comma():
    lines = _lines(
        "МЕДИА ЖӘНЕ ҚОҒАМ",
        "Жақсылық Е.,",
        "Әл-Фараби атындағы ҚазҰУ, Журналистика факультетінің магистрі",
        BODY_KK,
    )

    header = parse_header(lines, width=WIDTH)

    assert [(p.position, p.affiliation) for p in header.authors] == [
        ("Журналистика факультетінің магистрі", "Әл-Фараби атындағы ҚазҰУ")
    ]


def test_parse_header_institution_after_the_status_on_one_line_is_affiliation():
    lines = _lines(
        "НОВЫЕ МЕДИА",
        "         Ли На",
        "магистрант 2 курса факультета",
        "журналистики КазНУ им. аль-Фараби",
        BODY_RU,
    )

    header = parse_header(lines, width=WIDTH)

    assert [(p.position, p.affiliation) for p in header.authors] == [
        ("магистрант 2 курса факультета журналистики", "КазНУ им. аль-Фараби")
    ]


def test_parse_header_supervisor_label_with_the_name_on_the_line_below():
    lines = _lines(
        "ЖАСАНДЫ ИНТЕЛЛЕКТ ЖӘНЕ СПОРТ",
        "Сейітов А. Б.",
        "Ғылыми жетекшісі:",
        "ф.ғ.к., доцент Г.С. Өзбекова",
        BODY_KK,
    )

    header = parse_header(lines, width=WIDTH)

    assert [(p.name, p.position) for p in header.supervisors] == [("Г.С. Өзбекова", "ф.ғ.к., доцент")]
    assert [p.name for p in header.authors] == ["Сейітов А. Б."]
    assert lines[header.body_start].text == BODY_KK


def test_parse_header_supervisor_label_without_a_name_gives_no_person():
    """A person without a name has no key to be found by (the database refuses such a row)."""
    lines = _lines("ЖАСАНДЫ ИНТЕЛЛЕКТ", "Сейітов А. Б.", "Ғылыми жетекшісі: 中国 1", "Supervisor:", BODY_KK)

    header = parse_header(lines, width=WIDTH)

    assert (header.supervisors, [p.name for p in header.authors]) == ([], ["Сейітов А. Б."])
    assert lines[header.body_start].text == BODY_KK


def test_parse_header_overlong_names_and_keywords_are_not_taken():
    """Past a name's or a keyword's length it is a phrase the patterns caught; the database
    holds names and keywords to 300 characters, and such a row would fail the whole import."""
    lines = _lines(
        "ЖАСАНДЫ ИНТЕЛЛЕКТ ЖӘНЕ СПОРТ",
        "Сейітов А. Б.",
        "С" + "е" * 150 + " А. Б., магистрант",
        "Ғылыми жетекшісі: " + "профессор " * 40,
        "Түйін сөздер: медиа, " + "журналистика " * 30 + ".",
        BODY_KK,
    )

    header = parse_header(lines, width=WIDTH)

    assert ([p.name for p in header.authors], header.supervisors) == (["Сейітов А. Б."], [])
    assert header.keywords == {"kk": ["медиа"]}
    assert lines[header.body_start].text == BODY_KK


def test_full_names_with_patronymics_several_on_a_line_and_a_bare_supervisor_label():
    lines = _lines(
        "ИСТОРИЯ РАЗВИТИЯ ПАРОВОЗА",
        "Румянцев Денис Сергеевич, Смирнова Елизавета Андреевна",
        "ФГБОУ ВО ЖДУ",
        "Филиал ЖДУ в г. Воронеж",
        "научный руководитель канд. истор. н., доцент Завьялова Светлана Владимировна",
        BODY_RU,
    )

    header = parse_header(lines, width=WIDTH)

    assert header.title == "ИСТОРИЯ РАЗВИТИЯ ПАРОВОЗА"
    assert [p.name for p in header.authors] == ["Румянцев Денис Сергеевич", "Смирнова Елизавета Андреевна"]
    assert [(p.name, p.position) for p in header.supervisors] == [
        ("Завьялова Светлана Владимировна", "канд. истор. н., доцент")
    ]
    assert lines[header.body_start].text == BODY_RU


def test_a_long_affiliation_wrapping_over_unknown_words_stays_in_the_header():
    # The people block does not stop at a detail line it has no word for: a supervisor line
    # just below shows the wrapped lines are still the affiliation.
    lines = _lines(
        "ЗАГАДКИ ТЕРМОЯДЕРНОГО СИНТЕЗА",
        "Серікбаев Асқар Нұрланұлы",
        "Курский железнодорожный техникум – филиал федерального государственного бюджетного",
        "образовательного учреждения высшего образования «Петербургский государственный",
        "университет путей сообщения» в г. Курск",
        "руководитель Ковалева Людмила Марковна",
        BODY_RU,
    )

    header = parse_header(lines, width=WIDTH)

    assert [p.name for p in header.authors] == ["Серікбаев Асқар Нұрланұлы"]
    assert header.authors[0].affiliation.endswith("университет путей сообщения» в г. Курск")
    assert [p.name for p in header.supervisors] == ["Ковалева Людмила Марковна"]
    assert lines[header.body_start].text == BODY_RU


def test_e_mail_and_orcid_lines_belong_to_the_header():
    lines = _lines(
        "MEDIA LITERACY OF STUDENTS",
        "Nurova A.",
        "Al-Farabi Kazakh National University",
        "e-mail: nurova@example.kz",
        "ORCID 0000-0002-1825-0097",
        "Supervisor: Prof. Smith J.",
        BODY_EN,
    )

    header = parse_header(lines, width=WIDTH)

    assert [p.name for p in header.authors] == ["Nurova A."]
    assert [p.name for p in header.supervisors] == ["Smith J."]
    assert lines[header.body_start].text == BODY_EN


def test_keywords_broken_over_lines_are_joined_as_printed():
    soft = parse_header(
        _lines(
            "MEDIA LITERACY OF STUDENTS",
            "Nurova A.",
            "Al-Farabi Kazakh National University",
            "Keywords: media literacy, fact-checking, news medi\u00ad",
            "a, Corpus-",
            "Driven Approach, social networks",
            BODY_EN,
        ),
        width=WIDTH,
    )

    assert soft.keywords == {
        "en": ["media literacy", "fact-checking", "news media", "Corpus-Driven Approach", "social networks"]
    }

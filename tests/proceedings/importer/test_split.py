from proceedings.importer.pipeline import parse_proceedings

KK = [
    "Қазіргі таңда цифрлық медиа қоғамның барлық саласына терең еніп, ақпарат тарату мен",
    "қабылдау тәсілдерін түбегейлі өзгертті. Бұл үдеріс журналистердің жұмысына да ықпал етіп,",
    "олардың кәсіби дағдыларына жаңа талаптар қойып отыр және бұл өзгерістер",
    "жалғаса береді.",
]
KK2 = [
    "Әлеуметтік желілер аудиториямен тікелей байланыс орнатуға мүмкіндік береді, сондықтан",
    "редакциялар өз контентін осы платформаларға бейімдеп, жаңа форматтарды белсенді түрде",
    "қолданып келеді. Осылайша медиа нарығындағы бәсеке күшейіп, сапа мәселесі алдыңғы",
    "орынға шықты.",
]
RU = [
    "В условиях глобализации и стремительного развития цифровых технологий трансграничное",
    "сотрудничество в медиасфере становится одним из важнейших инструментов для обмена",
    "информацией, развития культуры и укрепления двусторонних отношений между странами",
    "региона.",
]
RU2 = [
    "Особое значение приобретает взаимодействие между СМИ Китая и Казахстана, поскольку обе",
    "страны обладают уникальным культурным наследием и экономическим потенциалом, а также",
    "общими интересами в сфере информационной безопасности и развития цифровой",
    "инфраструктуры.",
]


def _file(*blocks: list[str]) -> bytes:
    """Every text line followed by an empty line, as in the dumped proceedings."""
    return "".join(f"{line}\n\n" for block in blocks for line in block).encode("utf-8")


def _starts(data: bytes) -> list[int]:
    return [a.start_line for a in parse_proceedings(data, filename="t.txt").articles]


def test_split_on_a_change_of_body_language():
    data = _file(KK, KK2, RU, RU2)

    assert _starts(data) == [1, 17]


def test_split_section_headings_are_not_boundaries():
    data = _file(["Кіріспе"], KK, ["1. Цифрлық медианың рөлі"], KK2, ["Қорытынды"], KK)

    assert _starts(data) == [1]


def test_split_a_language_quote_that_does_not_carry_on_is_not_a_boundary():
    data = _file(KK, RU, KK2, KK)

    assert _starts(data) == [1]


def test_split_after_a_reference_list():
    references = [
        "Әдебиеттер",
        "1. Макарова Н.Я. Журналистика погружения // Вестник СМИ. 2021. № 10. С. 65.",
        "2. Шаляпин А.А. Иммерсивная журналистика // Медиа и коммуникации. 2020. № 5. С. 48.",
    ]

    articles = parse_proceedings(_file(KK, references, KK2, KK), filename="t.txt").articles

    assert [(a.start_line, a.end_line) for a in articles] == [(1, 13), (15, 29)]


def test_split_at_a_layout_seam_where_a_new_piece_was_glued_on():
    text = "".join(f"{line}\n\n" for line in KK + KK2).rstrip("\n") + "\n"
    text += "".join(f"{' ' if i == 0 else ''}{line}\n\n" for i, line in enumerate(KK2 + KK))

    assert _starts(text.encode("utf-8")) == [1, 16]


def test_split_title_and_authors_start_an_article_and_its_header_is_not_split_again():
    header = [
        "ЖАСАНДЫ ИНТЕЛЛЕКТ АРҚЫЛЫ ФЕЙК ЖАҢАЛЫҚТАРДЫ",
        "АНЫҚТАУ: МҮМКІНДІКТЕР МЕН ШЕКТЕУЛЕР",
        "Есқали Т.,",
        "2-курс магистратура",
        "Аңдатпа: Мақалада жасанды интеллект арқылы фейк жаңалықтарды анықтау мүмкіндіктері қарастырылады.",
        "Түйін сөздер: жасанды интеллект, фейк, медиа.",
        "Кіріспе",
    ]

    articles = parse_proceedings(_file(KK, KK2, header, KK, KK2), filename="t.txt").articles

    assert [a.start_line for a in articles] == [1, 17]
    assert (
        articles[1].title == "ЖАСАНДЫ ИНТЕЛЛЕКТ АРҚЫЛЫ ФЕЙК ЖАҢАЛЫҚТАРДЫ АНЫҚТАУ: МҮМКІНДІКТЕР МЕН ШЕКТЕУЛЕР"
    )
    assert [p.name for p in articles[1].authors] == ["Есқали Т."]
    assert articles[1].keywords == {"kk": ["жасанды интеллект", "фейк", "медиа"]}
    assert articles[1].body_start_line == 29
    assert articles[1].body.startswith("Кіріспе\n\nҚазіргі таңда")


CINEMA = [
    "Қазақ киносы соңғы жылдары халықаралық фестивальдерде жиі көрініп, режиссерлердің",
    "жаңа буыны киноның тілін жаңартып келеді. Фильмдердің сценарийлері ұлттық тарихқа,",
    "дала мәдениетіне және қала өміріне арналып, көрерменнің кинотеатрға деген қызығушылығын",
    "арттырды. Кинопрокат пен киностудиялардың жұмысы да осы өзгерістерге бейімделді.",
]
FARMING = [
    "Ауыл шаруашылығында топырақтың құнарлылығын сақтау үшін егіншілер ауыспалы егісті,",
    "тыңайтқыштарды және суару жүйелерін ұтымды пайдаланады. Бидай мен арпа өнімділігі",
    "ауа райына, тұқымның сапасына және техниканың жағдайына тікелей байланысты болады.",
    "Фермерлер егістік алқаптарын жаңа технологиялармен өңдеуге көбірек көңіл бөледі.",
]


def _glued(first: list[str], second: list[str], *, indent: str) -> bytes:
    """The seed's dump: an empty line after every line, except where a second piece was stuck
    on; `indent` is what that dump put before the stuck line (another dump strips it)."""
    text = "".join(f"{line}\n\n" for line in first).rstrip("\n") + "\n"
    text += "".join(f"{indent if i == 0 else ''}{line}\n\n" for i, line in enumerate(second))
    return text.encode("utf-8")


def test_a_seam_without_its_indent_splits_where_the_subject_changes():
    assert _starts(_glued(CINEMA * 3, FARMING * 3, indent="")) == [1, 24]
    assert _starts(_glued(CINEMA * 3, FARMING * 3, indent=" ")) == [1, 24]


def test_a_seam_without_its_indent_inside_one_subject_is_no_boundary():
    # Another dump of the same file: glued lines inside an article (a section after a
    # paragraph) share the article's vocabulary.
    assert _starts(_glued(CINEMA * 3, CINEMA[2:] + CINEMA * 2, indent="")) == [1]
    assert _starts(_glued(CINEMA * 3, ["3. Фестивальдер мен кинопрокат", *CINEMA], indent="")) == [1]


def test_where_most_lines_are_stuck_together_a_stuck_line_says_nothing():
    text = "\n".join([*CINEMA * 3, *FARMING * 3]) + "\n"

    assert _starts(text.encode("utf-8")) == [1]


def test_without_empty_lines_an_indented_line_where_the_subject_changes_starts_an_article():
    # The same dump with its empty lines dropped: only the indent of a stuck-on piece is left,
    # and paragraphs inside an article are indented too (once every twelve lines here).
    cinema = [f" {CINEMA[0]}", *CINEMA[1:], *CINEMA * 2] * 3
    farming = [f" {FARMING[0]}", *FARMING[1:], *FARMING * 2] * 3
    text = "\n".join([*cinema, *farming]) + "\n"

    assert _starts(text.encode("utf-8")) == [1, 37]

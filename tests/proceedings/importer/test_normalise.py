from proceedings.importer.normalise import clean_text, join_lines, normalise_lines, paragraphs
from proceedings.importer.types import RawDocument


def _raw(*lines: str) -> RawDocument:
    return RawDocument(kind="text", lines=list(lines), pages=[None] * len(lines))


def test_clean_text_drops_nbsp_zero_width_and_soft_hyphens():
    assert clean_text("\u00a0 Қазақ\u200b\u00a0тілі\u00ad  мен \ufeffмедиа ") == "Қазақ тілі мен медиа"


def test_normalise_lines_keeps_raw_numbers_and_skips_empty_lines():
    lines = normalise_lines(_raw("Бірінші жол", "", "\u00a0", "  Екінші жол"))

    assert [(line.text, line.raw, line.indent, line.gap) for line in lines] == [
        ("Бірінші жол", 1, 0, 0),
        ("Екінші жол", 4, 2, 2),
    ]


def test_normalise_lines_marks_a_line_glued_to_the_one_above():
    lines = normalise_lines(_raw("Соңғы сөйлем.", " Жаңа мақала басталады", "", "жалғасы"))

    assert [line.glued for line in lines] == [False, True, False]


def test_join_lines_keeps_a_real_compound_hyphen():
    assert join_lines(["адамның бет-", "әлпеті өзгерді"], {"бет-әлпеті"}) == "адамның бет-әлпеті өзгерді"


def test_join_lines_drops_a_hyphen_when_the_document_shows_the_word_whole():
    joined = join_lines(["технология-", "ларды қолдану"], {"технологияларды"})

    assert joined == "технологияларды қолдану"


def test_paragraphs_break_at_a_short_final_line_and_at_headings():
    full = "Бұл жол толық ені бар мәтін жолы болып табылады және ол келесі жолға жалғасады,"
    lines = normalise_lines(
        _raw(full, "", "ал бұл абзацтың соңы.", "", "Кіріспе", "", full, "", "және соңы.")
    )

    texts = [p.text for p in paragraphs(lines, width=len(full))]

    assert texts == [f"{full} ал бұл абзацтың соңы.", "Кіріспе", f"{full} және соңы."]


def test_paragraphs_break_at_a_first_line_indent_after_a_closed_sentence():
    closed = "Бұл жол толық ені бар мәтін жолы болып табылады және ол осы жерде аяқталады."
    wrapped = "Бұл жол толық ені бар мәтін жолы болып табылады және ол келесі жолға жалғасады,"
    opening = " In the digital era, media has become a key driver of trade,"
    lines = normalise_lines(_raw(closed, "", opening, "", wrapped))  # (no line stuck to another)

    texts = [p.text for p in paragraphs(lines, width=len(closed))]

    # The indented line opens a paragraph; the unindented one after a comma continues it.
    assert texts == [closed, f"In the digital era, media has become a key driver of trade, {wrapped}"]

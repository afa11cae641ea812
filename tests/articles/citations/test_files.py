"""CSV and .docx exports read back with the csv module and python-docx."""

import csv
import io

import pytest
from docx import Document

from articles.citations.formats import FORMATS, format_records
from articles.citations.table import BOM, COLUMNS
from articles.citations.wordfile import format_docx
from tests.articles.citations.records import ACCESSED, ENGLISH, KAZAKH, RUSSIAN, UNTITLED_ANONYMOUS

RECORDS = [KAZAKH, RUSSIAN, ENGLISH, UNTITLED_ANONYMOUS]


def test_csv_starts_with_bom_and_reads_back_one_row_per_article():
    data = format_records(RECORDS, "csv", accessed=ACCESSED)
    assert data.startswith(BOM.encode("utf-8"))
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == list(COLUMNS)
    assert [row["title"] for row in rows] == [KAZAKH.title, RUSSIAN.title, ENGLISH.title, ""]
    assert rows[3]["display_title"] == "Кіріспе Ақпараттық технологиялардың қарқынды дамуы…"
    assert rows[1]["authors"] == "Иванова А. Б.; Петров В. Г.; Сидорова Д. Е."
    assert rows[1]["supervisors"] == "С. Х. Барлыбаева"
    assert (rows[0]["first_page"], rows[0]["last_page"], rows[3]["first_page"]) == ("125", "128", "")
    assert rows[0]["reference_gost_r_7_0_5_2008"].startswith("Андреева М. М. Жасанды интеллект")
    assert rows[1]["reference_gost_r_7_0_5_2008"].endswith("(дата обращения: 01.04.2025).")


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def list_numbering(document, paragraph) -> tuple[str, str] | None:
    """(number format, level text) Word draws before `paragraph`, read from its style's numbering
    through the numbering part ('decimal', '%1.'); None when it is not numbered."""
    num_id = paragraph.style.element.find(f"{W}pPr/{W}numPr/{W}numId")
    if num_id is None:
        return None
    numbering = document.part.numbering_part.element
    (num,) = [n for n in numbering.findall(f"{W}num") if n.get(f"{W}numId") == num_id.get(f"{W}val")]
    abstract_id = num.find(f"{W}abstractNumId").get(f"{W}val")
    (abstract,) = [
        a for a in numbering.findall(f"{W}abstractNum") if a.get(f"{W}abstractNumId") == abstract_id
    ]
    level = abstract.find(f"{W}lvl")
    return level.find(f"{W}numFmt").get(f"{W}val"), level.find(f"{W}lvlText").get(f"{W}val")


def test_docx_is_a_numbered_gost_list_on_a4_by_default():
    document = Document(io.BytesIO(format_docx(RECORDS, accessed=ACCESSED)))
    paragraphs = document.paragraphs
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    assert paragraphs[0].text == "Список литературы"
    entries = paragraphs[1:]
    assert [p.style.name for p in entries] == ["List Number"] * 4
    assert {list_numbering(document, p) for p in entries} == {("decimal", "%1.")}
    assert entries[0].text == (
        "Андреева М. М. Жасанды интеллект – журналистің жаңа құралы: артықшылықтары мен қауіптері / "
        "ғылыми жетекшісі Г. С. Өзбекова // Журналистика факультеті магистранттары мен докторанттарының "
        "ғылыми мақалалар жинағы : Студенттік ғылыми конференция (Алматы, 10–11 сәуір 2025 ж.). – "
        "Алматы : Қазақ университеті, 2025. – Б. 125–128."
    )


@pytest.mark.parametrize("style", ["gost-r-7-0-100-2018", "gost-7-1-2003", "gost-r-7-0-5-2008"])
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_docx_holds_the_numbered_text_list_of_its_style_and_language(style, language):
    document = Document(
        io.BytesIO(format_records(RECORDS, "docx", style=style, language=language, accessed=ACCESSED))
    )
    text = format_records(RECORDS, style, language=language, accessed=ACCESSED).decode()
    heading, *entries = document.paragraphs

    assert (
        heading.text == {"kk": "Әдебиеттер тізімі", "ru": "Список литературы", "en": "References"}[language]
    )
    assert document.core_properties.language == language
    assert [f"{number}. {p.text}" for number, p in enumerate(entries, start=1)] == text.split("\n")
    assert {list_numbering(document, p) for p in entries} == {("decimal", "%1.")}


def test_docx_in_apa_is_unnumbered_with_a_hanging_indent_and_the_proceedings_title_italic():
    document = Document(io.BytesIO(format_docx([KAZAKH, RUSSIAN], style="apa-7", language="en")))
    heading, entry, _ = document.paragraphs
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert heading.text == "References"
    assert list_numbering(document, entry) is None
    indent = entry.paragraph_format
    assert (round(indent.left_indent.cm, 2), round(indent.first_line_indent.cm, 2)) == (1.27, -1.27)
    assert entry.text == format_records([KAZAKH], "apa-7", language="en").decode()
    assert [run.text for run in entry.runs if run.italic] == [
        "Журналистика факультеті магистранттары мен докторанттарының ғылыми мақалалар жинағы"
    ]


def test_text_lists_are_numbered_in_gost_and_not_in_apa():
    gost = format_records(RECORDS, "gost-7-1-2003", accessed=ACCESSED).decode().split("\n")
    apa = format_records(RECORDS, "apa-7", accessed=ACCESSED).decode().split("\n")
    one = format_records(RECORDS[:1], "gost-7-1-2003", numbered=False, accessed=ACCESSED).decode()

    assert [line.split(" ", 1)[0] for line in gost] == ["1.", "2.", "3.", "4."]
    assert gost[0] == f"1. {one}"
    assert apa[0].startswith("Андреева, М. М. (2025).")


def test_registry_slugs_types_and_extensions():
    assert {slug: (f.content_type.split(";")[0], f.extension) for slug, f in FORMATS.items()} == {
        "gost-r-7-0-100-2018": ("text/plain", "txt"),
        "gost-7-1-2003": ("text/plain", "txt"),
        "gost-r-7-0-5-2008": ("text/plain", "txt"),
        "apa-7": ("text/plain", "txt"),
        "bibtex": ("application/x-bibtex", "bib"),
        "ris": ("application/x-research-info-systems", "ris"),
        "csl-json": ("application/vnd.citationstyles.csl+json", "json"),
        "csv": ("text/csv", "csv"),
        "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    }


def test_every_format_renders_every_sample_record():
    for slug in FORMATS:
        data = format_records(RECORDS, slug, accessed=ACCESSED)
        assert data, slug
        if not FORMATS[slug].is_binary:
            assert data.decode("utf-8")

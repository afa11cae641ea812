"""CSV and .docx exports read back with the csv module and python-docx."""

import csv
import io

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


def test_docx_is_a_numbered_gost_list_by_default():
    document = Document(io.BytesIO(format_docx(RECORDS, accessed=ACCESSED)))
    paragraphs = document.paragraphs
    assert paragraphs[0].text == "Список литературы"
    entries = paragraphs[1:]
    assert [p.style.name for p in entries] == ["List Number"] * 4
    assert entries[0].text == (
        "Андреева М. М. Жасанды интеллект – журналистің жаңа құралы: артықшылықтары мен қауіптері / "
        "ғылыми жетекшісі Г. С. Өзбекова // Журналистика факультеті магистранттары мен докторанттарының "
        "ғылыми мақалалар жинағы : Студенттік ғылыми конференция (Алматы, 10–11 сәуір 2025 ж.). – "
        "Алматы : Қазақ университеті, 2025. – Б. 125–128."
    )


def test_docx_in_apa_keeps_the_proceedings_title_italic():
    document = Document(io.BytesIO(format_docx([KAZAKH], style="apa-7", heading_language="en")))
    (heading, entry) = document.paragraphs
    assert heading.text == "References"
    assert [run.text for run in entry.runs if run.italic] == [
        "Журналистика факультеті магистранттары мен докторанттарының ғылыми мақалалар жинағы"
    ]


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

"""CSL-JSON: valid against the official schema, and rendered by a real CSL processor.

csl-data.json is vendored from citation-style-language/schema (schemas/input/csl-data.json at
commit e3ce254a72c4470a5ed3b9d23b428017d25674e9, MIT licence).
"""

import json
import warnings
from pathlib import Path

import jsonschema
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from articles.citations.csljson import csl_items, format_csl_json
from tests.articles.citations.records import ACCESSED, ENGLISH, KAZAKH, RUSSIAN, UNTITLED_ANONYMOUS

SCHEMA = json.loads((Path(__file__).parent / "csl-data.json").read_text(encoding="utf-8"))
RECORDS = [KAZAKH, RUSSIAN, ENGLISH, UNTITLED_ANONYMOUS]


def test_csl_json_validates_against_the_csl_data_schema():
    items = json.loads(format_csl_json(RECORDS, accessed=ACCESSED))
    jsonschema.validate(items, SCHEMA)
    assert [item["type"] for item in items] == ["paper-conference"] * 4


def test_csl_json_kazakh_item_exact():
    (item,) = csl_items([KAZAKH])
    assert item == {
        "id": "andreeva2025zhasandy",
        "type": "paper-conference",
        "title": "Жасанды интеллект – журналистің жаңа құралы: артықшылықтары мен қауіптері",
        "container-title": (
            "Журналистика факультеті магистранттары мен докторанттарының ғылыми мақалалар жинағы"
        ),
        "issued": {"date-parts": [[2025]]},
        "language": "kk",
        "author": [{"family": "Андреева", "given": "М. М."}],
        "event-title": "Студенттік ғылыми конференция",
        "event-place": "Алматы",
        "publisher-place": "Алматы",
        "event-date": {"date-parts": [[2025, 4, 10], [2025, 4, 11]]},
        "publisher": "Қазақ университеті",
        "page": "125-128",
        "keyword": "жасанды интеллект, журналистика, artificial intelligence",
        "note": "Ғылыми жетекшісі: Г. С. Өзбекова",
    }


def test_csl_json_russian_url_access_date_isbn_editor():
    russian, english = csl_items([RUSSIAN, ENGLISH], accessed=ACCESSED)
    assert (russian["URL"], russian["accessed"], russian["ISBN"]) == (
        "https://jinaq.example/ru/articles/tsifrovaya/",
        {"date-parts": [[2025, 4, 1]]},
        "978-5-00-000000-0",
    )
    assert english["editor"] == [{"family": "Uzbekova", "given": "G. S."}]
    assert english["author"][1] == {"family": "Smith", "given": "J. A."}


def test_csl_json_is_read_by_citeproc_py():
    items = csl_items([KAZAKH, ENGLISH])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns about variables it does not know (event-title)
        style = CitationStylesStyle("harvard-cite-them-right", validate=False)
        bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        english, kazakh = sorted(str(entry) for entry in bibliography.bibliography())
    assert english.startswith("Abdikarimov, Z")
    assert "in G.S. Uzbekova (ed.) Collected papers" in english
    assert kazakh.startswith("Андреева, М.М. (2025)")
    assert "Алматы: Қазақ университеті, pp. 125–128." in kazakh

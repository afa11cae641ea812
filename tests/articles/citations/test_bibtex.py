"""BibTeX: escaping, capital protection, stable ASCII keys, and a round trip through bibtexparser."""

from dataclasses import replace

import bibtexparser
from bibtexparser.middlewares import LatexDecodingMiddleware

from articles.citations.bibtex import escape, format_bibtex, protect_capitals
from articles.citations.keys import citation_key, citation_keys
from tests.articles.citations.records import ACCESSED, ENGLISH, KAZAKH, RUSSIAN, UNTITLED_ANONYMOUS


def parse(text):
    return bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])


def test_bibtex_escapes_every_special_character():
    assert escape(r"50% & $5 #1 a_b {x} ~ ^ \ ") == (
        r"50\% \& \$5 \#1 a\_b \{x\} \textasciitilde{} \textasciicircum{} \textbackslash{} "
    )


def test_bibtex_breaks_the_ligatures_tex_would_set_as_one_glyph():
    """'--' would print an en dash, '``' a curly quote, '<<' a guillemet: the text typed is kept."""
    assert escape("a -- b --- c ``q'' ?` <<x>> ,,y x-y it's") == (
        "a -{}- b -{}-{}- c `{}`q'{}' ?{}` <{}<x>{}> ,{},y x-y it's"
    )


def test_bibtex_protects_capitals_after_the_first_word():
    assert protect_capitals(ENGLISH.title) == r"Fact-checking \& {AI}: newsroom practice in {Central} {Asia}"
    assert protect_capitals(RUSSIAN.title) == "Цифровая трансформация региональных {СМИ} {Казахстана}"


def test_bibtex_keys_are_ascii_surname_year_first_word_and_stable():
    assert [citation_key(r) for r in (KAZAKH, RUSSIAN, ENGLISH)] == [
        "andreeva2025zhasandy",
        "ivanova2025tsifrovaya",
        "abdikarimov2025fact",
    ]
    assert citation_key(UNTITLED_ANONYMOUS) == "anonymous2025untitled"
    assert citation_keys([KAZAKH, KAZAKH, RUSSIAN, KAZAKH]) == [
        "andreeva2025zhasandy",
        "andreeva2025zhasandyb",
        "ivanova2025tsifrovaya",
        "andreeva2025zhasandyc",
    ]


def test_bibtex_kazakh_entry_exact_text():
    assert format_bibtex([KAZAKH], accessed=ACCESSED) == (
        "@inproceedings{andreeva2025zhasandy,\n"
        "  author     = {Андреева, М. М.},\n"
        "  title      = {Жасанды интеллект – журналистің жаңа құралы: артықшылықтары мен қауіптері},\n"
        "  booktitle  = {Журналистика факультеті магистранттары мен докторанттарының ғылыми "
        "мақалалар жинағы},\n"
        "  eventtitle = {Студенттік ғылыми конференция},\n"
        "  year       = {2025},\n"
        "  eventdate  = {2025-04-10/2025-04-11},\n"
        "  pages      = {125--128},\n"
        "  address    = {Алматы},\n"
        "  venue      = {Алматы},\n"
        "  publisher  = {Қазақ университеті},\n"
        "  note       = {Ғылыми жетекшісі: Г. С. Өзбекова},\n"
        "  langid     = {kazakh},\n"
        "  keywords   = {жасанды интеллект, журналистика, artificial intelligence}\n"
        "}\n"
    )


def test_bibtex_parses_back_with_equal_fields():
    library = parse(format_bibtex([KAZAKH, RUSSIAN, ENGLISH, UNTITLED_ANONYMOUS], accessed=ACCESSED))
    assert library.failed_blocks == []
    entries = {entry.key: entry for entry in library.entries}
    assert [entry.entry_type for entry in library.entries] == ["inproceedings"] * 4
    russian = entries["ivanova2025tsifrovaya"].fields_dict
    assert {name: russian[name].value for name in ("author", "title", "year", "pages", "isbn", "url")} == {
        "author": "Иванова, А. Б. and Петров, В. Г. and Сидорова, Д. Е.",
        "title": RUSSIAN.title,
        "year": "2025",
        "pages": "10–13",
        "isbn": "978-5-00-000000-0",
        "url": "https://jinaq.example/ru/articles/tsifrovaya/",
    }
    assert russian["abstract"].value == "Статья о 100% цифровых редакциях."
    assert russian["urldate"].value == "2025-04-01"
    english = entries["abdikarimov2025fact"].fields_dict
    assert english["title"].value == ENGLISH.title
    assert english["editor"].value == "Uzbekova, G. S."
    assert entries["anonymous2025untitled"].fields_dict["title"].value == (
        "[Атауы жоқ: Ақпараттық технологиялардың қарқынды дамуы…]"
    )
    assert "author" not in entries["anonymous2025untitled"].fields_dict


def test_bibtex_name_without_known_surname_is_one_braced_name():
    record = replace(KAZAKH, authors=(KAZAKH.authors[0].__class__(printed="Ван Лу"),))
    assert "  author     = {{Ван Лу}},\n" in format_bibtex([record])

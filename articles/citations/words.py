"""The words a bibliographic record prescribes, in the three languages of the archive.

Transcribed data (titles, names, places) stay in the article's language; these prescribed words
('С.', '[и др.]', 'научный руководитель') follow the language of the reference list, one for the
whole list (`CitationRecord.list_language`; the record's own language when none is set). Kazakh
terms marked 'unconfirmed' are common practice in Kazakh journals, not quoted from a standard; a
list can use the Russian words instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Words:
    pages: str  # page area, capitalised after '. – '
    page: str
    others: str  # after the last name given when more are left out
    supervisor: str
    supervisors: str
    supervisor_short: str  # where abbreviations are allowed (GOST 7.1, 7.0.5)
    supervisors_short: str
    editor: str  # before the editors' names in the host
    editor_short: str
    print_content: str  # GOST R 7.0.100 content-type area
    online_content: str
    print_designation: str  # GOST 7.1 general material designation
    online_designation: str
    access_mode: str
    accessed: str
    untitled: str  # a work with neither a title nor text
    untitled_opening: str  # before the first words that stand in for a title: '[Без названия: …]'
    no_place: str
    year_mark: str  # after a year in a date ('2025 г.')
    months: tuple[str, ...]
    # APA 7's words ('In', '(Ed.)', 'pp.'), as the Russian and Kazakh adaptations of APA print them.
    apa_in: str
    apa_editor: str
    apa_editors: str
    apa_page: str
    apa_pages: str
    list_heading: str  # of a Word file


WORDS: dict[str, Words] = {
    "ru": Words(
        pages="С.",
        page="С.",
        others="[и др.]",
        supervisor="научный руководитель",
        supervisors="научные руководители",
        supervisor_short="науч. рук.",
        supervisors_short="науч. рук.",
        editor="под редакцией",
        editor_short="под ред.",
        print_content="Текст : непосредственный",
        online_content="Текст : электронный",
        print_designation="[Текст]",
        online_designation="[Электронный ресурс]",
        access_mode="Режим доступа",
        accessed="дата обращения",
        untitled="[Без названия]",
        untitled_opening="Без названия",
        no_place="[Б. м.]",
        year_mark="г.",
        months=tuple(
            "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()
        ),
        apa_in="В",
        apa_editor="(ред.)",
        apa_editors="(ред.)",
        apa_page="с.",
        apa_pages="с.",
        list_heading="Список литературы",
    ),
    "kk": Words(
        pages="Б.",  # бет; unconfirmed, as citations.md says
        page="Б.",
        others="[және т.б.]",  # unconfirmed
        supervisor="ғылыми жетекшісі",
        supervisors="ғылыми жетекшілері",
        supervisor_short="ғылыми жетекшісі",  # no standard abbreviation known
        supervisors_short="ғылыми жетекшілері",
        editor="ред.",  # unconfirmed
        editor_short="ред.",
        print_content="Мәтін : тікелей",
        online_content="Мәтін : электрондық",
        print_designation="[Мәтін]",
        online_designation="[Электрондық ресурс]",
        access_mode="Кіру режимі",
        accessed="қаралған күні",
        untitled="[Атауы жоқ]",
        untitled_opening="Атауы жоқ",
        no_place="[Б. м.]",  # unconfirmed
        year_mark="ж.",
        months=tuple(
            "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан".split()
        ),
        apa_in="Жинақта",  # unconfirmed: 'in the collection'
        apa_editor="(ред.)",  # unconfirmed
        apa_editors="(ред.)",
        apa_page="б.",  # бет, as GOST's 'Б.'; unconfirmed
        apa_pages="б.",
        list_heading="Әдебиеттер тізімі",
    ),
    "en": Words(
        pages="P.",
        page="P.",
        others="[et al.]",
        supervisor="supervisor",
        supervisors="supervisors",
        supervisor_short="supervisor",
        supervisors_short="supervisors",
        editor="edited by",
        editor_short="ed. by",
        print_content="Text : unmediated",
        online_content="Text : electronic",
        print_designation="[Text]",
        online_designation="[Electronic resource]",
        access_mode="Mode of access",
        accessed="accessed",
        untitled="[Untitled]",
        untitled_opening="Untitled",
        no_place="[S. l.]",
        year_mark="",
        months=tuple(
            "January February March April May June July August September October November December".split()
        ),
        apa_in="In",
        apa_editor="(Ed.)",
        apa_editors="(Eds.)",
        apa_page="p.",
        apa_pages="pp.",
        list_heading="References",
    ),
}

EN_DASH = "\u2013"


def words_for(language: str) -> Words:
    return WORDS.get(language, WORDS["ru"])


def date_range(start: date | None, end: date | None, words: Words) -> str:
    """'12–13 марта 2025 г.', '30 марта – 2 апреля 2025 г.', '12–13 March 2025'; '' without a start."""
    if start is None:
        return ""
    end = end or start

    def day(d: date, *, month: bool = True, year: bool = True) -> str:
        parts = [str(d.day)]
        if month:
            parts.append(words.months[d.month - 1])
        if year:
            parts.append(f"{d.year} {words.year_mark}".strip())
        return " ".join(parts)

    if start == end:
        return day(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}{EN_DASH}{day(end)}"
    if start.year == end.year:
        return f"{day(start, year=False)} {EN_DASH} {day(end)}"
    return f"{day(start)} {EN_DASH} {day(end)}"


def page_range(first: int | None, last: int | None) -> str:
    """'125–128' with an en dash, '125' for one page, '' when unknown."""
    if first is None:
        return ""
    if last is None or last == first:
        return str(first)
    return f"{first}{EN_DASH}{last}"


def supervisor_note(record) -> str:
    """'Ғылыми жетекшісі: К. Камзин', for formats with no field for supervisors, in the list's
    language."""
    words = record.words
    label = words.supervisors if len(record.supervisors) > 1 else words.supervisor
    names = ", ".join(person.direct() for person in record.supervisors)
    return f"{label[:1].upper()}{label[1:]}: {names}"

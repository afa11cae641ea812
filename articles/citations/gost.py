"""The three GOST presets: R 7.0.100-2018, 7.1-2003 (МЕМСТ 7.1-2003) and R 7.0.5-2008.

Written by hand, not through citeproc-py: the published `gost-r-7-0-5-2008*.csl` styles print
no URL or access date for a conference paper, leave 'Алматы: , 2010' when the publisher is
missing, give no place or dates of the conference, and know no Kazakh words; there are no CSL
styles for 7.0.100-2018 or 7.1-2003 at all. The rules followed are in
shared/reference/citations.md, and the golden tests quote them.

GOST uses no italics, so a reference is plain text (APA's are runs with italics).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from articles.citations.record import CitationRecord, CitedPerson, citation_title
from articles.citations.words import EN_DASH, Words, date_range

AREA = f". {EN_DASH} "
# GOST 7.0.12 abbreviates only these places; 'Алматы' and 'Астана' stay in full.
PLACE_ABBREVIATIONS = {"Москва": "М.", "Санкт-Петербург": "СПб."}


@dataclass(frozen=True)
class Preset:
    """What differs between the three standards (see citations.md)."""

    heading_comma: bool  # 'Фамилия, И. О.' (7.0.100) or 'Фамилия И. О.'
    heading_names_all: bool  # 7.0.5: up to three names in the heading, none after ' / '
    names_in_full_up_to: int  # after ' / ': all names up to this many (7.0.100: 4, others: 3)
    names_before_others: int  # then this many and '[и др.]' (7.0.100: 3, others: 1)
    abbreviate: bool  # 'науч. рук.', 'под ред.', 'М.'
    content_type: bool  # 7.0.100 '– Текст : непосредственный'
    designation: bool  # 7.1 '[Текст]' after the title
    conference_in_parentheses: bool  # '(Алматы, 12–13 марта 2025 г.)' or ', Алматы, …'
    access_mode: bool  # 7.1 '– Режим доступа: URL'; the others 'URL: …'


GOST_R_7_0_100 = Preset(
    heading_comma=True,
    heading_names_all=False,
    names_in_full_up_to=4,
    names_before_others=3,
    abbreviate=False,
    content_type=True,
    designation=False,
    conference_in_parentheses=True,
    access_mode=False,
)
GOST_7_1 = Preset(
    heading_comma=False,
    heading_names_all=False,
    names_in_full_up_to=3,
    names_before_others=1,
    abbreviate=True,
    content_type=False,
    designation=True,
    conference_in_parentheses=False,
    access_mode=True,
)
GOST_R_7_0_5 = Preset(
    heading_comma=False,
    heading_names_all=True,
    names_in_full_up_to=3,
    names_before_others=1,
    abbreviate=True,
    content_type=False,
    designation=False,
    conference_in_parentheses=True,
    access_mode=False,
)
HEADING_MAX_AUTHORS = 3


def gost_reference(
    record: CitationRecord, preset: Preset, *, language: str | None = None, accessed: date | None = None
) -> str:
    """One reference; `language` is the list's (its prescribed words and the volume's title; the
    record's `list_language` by default), `accessed` the access date printed with a URL (today by
    default)."""
    if language:
        record = replace(record, list_language=language)
    vocabulary = record.words
    authors = record.authors
    with_heading = 0 < len(authors) <= HEADING_MAX_AUTHORS
    text = ""
    if with_heading:
        heading = authors if preset.heading_names_all else authors[:1]
        text = ", ".join(person.inverted(comma=preset.heading_comma) for person in heading) + " "
    text += citation_title(record)
    if preset.designation:
        text += " " + (vocabulary.online_designation if record.url else vocabulary.print_designation)
    responsibility = _responsibility(record, preset, vocabulary, with_heading=with_heading)
    if responsibility:
        text += " / " + responsibility
    if preset.content_type:
        text = _area(text, vocabulary.online_content if record.url else vocabulary.print_content)
    text += " // " + _host(record, preset, vocabulary)
    text = _area(text, _publication(record, preset, vocabulary))
    if record.pages:
        text = _area(text, f"{vocabulary.pages} {record.pages}")
    if record.url:
        day = (accessed or date.today()).strftime("%d.%m.%Y")
        label = f"{vocabulary.access_mode}: " if preset.access_mode else "URL: "
        text = _area(text, f"{label}{record.url} ({vocabulary.accessed}: {day})")
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def _area(text: str, next_area: str) -> str:
    """Join with '. – ', without doubling a full stop the text already ends with."""
    if text.endswith((".", "?", "!", "…")):
        return f"{text} {EN_DASH} {next_area}"
    return text + AREA + next_area


def _responsibility(record: CitationRecord, preset: Preset, words: Words, *, with_heading: bool) -> str:
    parts = []
    authors = record.authors
    if authors and not (with_heading and preset.heading_names_all):
        if len(authors) <= preset.names_in_full_up_to:
            parts.append(_names(authors))
        else:
            parts.append(f"{_names(authors[: preset.names_before_others])} {words.others}")
    if record.supervisors:
        several = len(record.supervisors) > 1
        if preset.abbreviate:
            label = words.supervisors_short if several else words.supervisor_short
        else:
            label = words.supervisors if several else words.supervisor
        parts.append(f"{label} {_names(record.supervisors)}")
    return " ; ".join(parts)


def _names(people: tuple[CitedPerson, ...]) -> str:
    return ", ".join(person.direct() for person in people)


def _host(record: CitationRecord, preset: Preset, words: Words) -> str:
    """'Заглавие сборника : конференция (Город, 12–13 марта 2025 г.) / под редакцией …'."""
    title = record.volume_title()
    host = title
    conference = record.conference_name
    if conference and conference != title:
        host += " : " + conference
        details = ", ".join(
            part for part in (record.place, date_range(record.date_start, record.date_end, words)) if part
        )
        if details:
            host += f" ({details})" if preset.conference_in_parentheses else f", {details}"
    if record.editors:
        label = words.editor_short if preset.abbreviate else words.editor
        host += f" / {label} {_names(record.editors)}"
    return host


def _publication(record: CitationRecord, preset: Preset, words: Words) -> str:
    """'Алматы : Издательство, 2025'; 'Алматы, 2025' without a publisher (as GOST's own
    '– М., 1991'); '[Б. м.]' without a place."""
    place = record.place or words.no_place
    if preset.abbreviate:
        place = PLACE_ABBREVIATIONS.get(place, place)
    if record.publisher:
        return f"{place} : {record.publisher}, {record.year}"
    return f"{place}, {record.year}"


def numbered_list(references: list[str]) -> str:
    """'1. …' a line, as the .docx list numbers its entries (Word's 'List Number', '%1.')."""
    return "\n".join(f"{number}. {reference}" for number, reference in enumerate(references, start=1))


def format_gost(
    records: list[CitationRecord],
    preset: Preset,
    *,
    numbered: bool = True,
    accessed: date | None = None,
    **_options,
) -> str:
    """A reference list, one reference a line, numbered unless `numbered` is False (one
    reference to copy)."""
    references = [gost_reference(record, preset, accessed=accessed) for record in records]
    return numbered_list(references) if numbered else "\n".join(references)


def format_gost_r_7_0_100(records: list[CitationRecord], **options) -> str:
    """GOST R 7.0.100-2018 records."""
    return format_gost(records, GOST_R_7_0_100, **options)


def format_gost_7_1(records: list[CitationRecord], **options) -> str:
    """GOST 7.1-2003 records."""
    return format_gost(records, GOST_7_1, **options)


def format_gost_r_7_0_5(records: list[CitationRecord], **options) -> str:
    """GOST R 7.0.5-2008 references."""
    return format_gost(records, GOST_R_7_0_5, **options)

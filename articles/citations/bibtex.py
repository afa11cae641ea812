"""BibTeX `@inproceedings`, UTF-8, with biblatex's extra fields (eventtitle, venue, eventdate,
langid, url, urldate) that plain BibTeX styles ignore.

Field values are escaped for LaTeX; in titles every word with a capital after the title's first
letter is wrapped in braces, since BibTeX styles lower-case titles ('{ЖИ}', '{Қазақстан}').
"""

from __future__ import annotations

import re
from datetime import date

from articles.citations.keys import citation_keys
from articles.citations.record import CitationRecord, CitedPerson, citation_title
from articles.citations.words import EN_DASH, supervisor_note

_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_SPECIAL_PATTERN = re.compile("|".join(re.escape(char) for char in _SPECIAL))
# Pairs TeX's fonts set as one glyph: '--' an en dash, '``' and "''" curly quotes, '?`' '¿', and
# in the T1/T2A encodings Cyrillic needs '<<' '>>' guillemets and ',,' a low quote. An empty group
# between the two keeps both characters, as typed ('a -{}- b').
_LIGATURE = re.compile(r"(?<=([-`'<>,]))(?=\1)|(?<=[?!])(?=`)")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# babel/polyglossia names, which biblatex's `langid` expects.
LANGIDS = {"kk": "kazakh", "ru": "russian", "en": "english"}


def escape(text: str) -> str:
    """Text as LaTeX prints it back: its special characters escaped, its ligatures broken."""
    return _LIGATURE.sub("{}", _SPECIAL_PATTERN.sub(lambda match: _SPECIAL[match.group()], text))


def protect_capitals(text: str) -> str:
    """Escape, and brace the words whose capitals a style must not lower-case ('{AI}:')."""
    out = []
    position = 0
    for index, match in enumerate(_WORD.finditer(text)):
        word = match.group()
        capitals = word[1:] if index == 0 else word
        out.append(escape(text[position : match.start()]))
        out.append(f"{{{word}}}" if any(char.isupper() for char in capitals) else word)
        position = match.end()
    out.append(escape(text[position:]))
    return "".join(out)


def bibtex_name(person: CitedPerson) -> str:
    """'Андреева, М. М.'; a name with no known surname is braced so BibTeX keeps it whole."""
    if person.has_initials:
        return escape(f"{person.surname}, {person.initials}")
    return "{" + escape(person.printed) + "}"


def bibtex_entry(record: CitationRecord, key: str, *, accessed: date | None = None) -> str:  # noqa: PLR0912 - one branch per optional field
    fields: list[tuple[str, str]] = []
    if record.authors:
        fields.append(("author", " and ".join(bibtex_name(p) for p in record.authors)))
    fields.append(("title", protect_capitals(citation_title(record))))
    fields.append(("booktitle", escape(record.volume_title())))
    if record.conference_name and record.conference_name != record.volume_title():
        fields.append(("eventtitle", escape(record.conference_name)))
    if record.editors:
        fields.append(("editor", " and ".join(bibtex_name(p) for p in record.editors)))
    fields.append(("year", str(record.year)))
    if record.date_start:
        end = record.date_end or record.date_start
        span = record.date_start.isoformat() + (f"/{end.isoformat()}" if end != record.date_start else "")
        fields.append(("eventdate", span))
    if record.pages:
        fields.append(("pages", record.pages.replace(EN_DASH, "--")))
    if record.place:
        fields.extend([("address", escape(record.place)), ("venue", escape(record.place))])
    if record.publisher:
        fields.append(("publisher", escape(record.publisher)))
    if record.isbn:
        fields.append(("isbn", escape(record.isbn)))
    if record.supervisors:
        fields.append(("note", escape(supervisor_note(record))))
    fields.append(("langid", LANGIDS.get(record.language, record.language)))
    if keywords := record.all_keywords:
        fields.append(("keywords", escape(", ".join(keywords))))
    if record.abstract:
        fields.append(("abstract", escape(record.abstract)))
    if record.doi:
        fields.append(("doi", escape(record.doi)))
    if record.url:
        fields.append(("url", record.url.replace("%", r"\%").replace("#", r"\#")))
        fields.append(("urldate", (accessed or date.today()).isoformat()))
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(f"  {name.ljust(width)} = {{{value}}}" for name, value in fields)
    return f"@inproceedings{{{key},\n{body}\n}}\n"


def format_bibtex(records: list[CitationRecord], *, accessed: date | None = None, **_options) -> str:
    keys = citation_keys(records)
    return "\n".join(bibtex_entry(r, k, accessed=accessed) for r, k in zip(records, keys, strict=True))

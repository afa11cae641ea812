"""RIS `TY  - CPAPER` (a conference paper; `CONF` would be a whole proceedings volume).

Lines end in CRLF, as the RIS specification (Research Information Systems, for Reference
Manager) prescribes; Zotero, EndNote and rispy read that. Tags as Zotero maps them for a
conference paper: T2 the conference, C3 the proceedings title, CY and C1 the place, A2 editors.
Supervisors are A4 (subsidiary author, Zotero's 'contributor') and, so any reader shows them,
an N1 note.
"""

from __future__ import annotations

from datetime import date

from articles.citations.record import CitationRecord, CitedPerson, citation_title
from articles.citations.words import supervisor_note

CRLF = "\r\n"


def ris_name(person: CitedPerson) -> str:
    return f"{person.surname}, {person.initials}" if person.has_initials else person.printed


def ris_entry(record: CitationRecord, *, accessed: date | None = None) -> str:
    tags: list[tuple[str, str]] = [("TY", "CPAPER")]
    tags += [("AU", ris_name(person)) for person in record.authors]
    tags += [("A2", ris_name(person)) for person in record.editors]
    tags += [("A4", ris_name(person)) for person in record.supervisors]
    tags.append(("TI", citation_title(record)))
    if record.conference_name:
        tags.append(("T2", record.conference_name))
    tags.append(("C3", record.volume_title()))
    tags.append(("PY", str(record.year)))
    if record.first_page is not None:
        tags.append(("SP", str(record.first_page)))
    if record.last_page is not None:
        tags.append(("EP", str(record.last_page)))
    if record.place:
        tags += [("CY", record.place), ("C1", record.place)]
    if record.publisher:
        tags.append(("PB", record.publisher))
    if record.isbn:
        tags.append(("SN", record.isbn))
    tags.append(("LA", record.language))
    tags += [("KW", term) for term in record.all_keywords]
    if record.abstract:
        tags.append(("AB", " ".join(record.abstract.split())))
    if record.supervisors:
        tags.append(("N1", supervisor_note(record)))
    if record.doi:
        tags.append(("DO", record.doi))
    if record.url:
        tags += [("UR", record.url), ("Y2", (accessed or date.today()).strftime("%Y/%m/%d"))]
    lines = [f"{tag}  - {' '.join(value.split())}" for tag, value in tags]
    lines.append("ER  - ")
    return CRLF.join(lines) + CRLF


def format_ris(records: list[CitationRecord], *, accessed: date | None = None, **_options) -> str:
    return CRLF.join(ris_entry(record, accessed=accessed) for record in records)

"""APA 7, paper in published proceedings:

    Surname, I. I., & Surname, I. I. (Year). Title. In I. Editor (Ed.), *Proceedings* (pp. x–y).
    Publisher. URL

Written by hand: citeproc-py 0.11 with the published apa.csl renders a paper-conference whose
volume has no editors as a journal article ('*Proceedings*, 125–128.', no 'In', no publisher)
and prints the editor label in lower case ('(ed.)'). Titles are kept in their script and case
as the archive displays them (sentence case for ALL-CAPS originals); APA would add an English
translation in brackets, which the archive does not have.

APA's own words ('In', '(Ed.)', 'pp.') follow the list's language, as the Russian and Kazakh
adaptations of APA print them ('В …(ред.), … (с. 10–13)'). An APA list is not numbered: its
order is alphabetical (APA 7, 9.44), with a hanging indent in the .docx.
"""

from __future__ import annotations

import re

from articles.citations.record import CitationRecord, CitedPerson, citation_title
from articles.citations.words import EN_DASH

_AFTER_COLON = re.compile(r"(?<=: )[a-z]")
Runs = list[tuple[str, bool]]  # (text, italic)
APA_MAX_AUTHORS = 20


def apa_runs(record: CitationRecord) -> Runs:
    """One reference as runs of plain and italic text."""
    words = record.words
    title = _sentence(citation_title(record))
    if record.language == "en":
        # APA's sentence case capitalises the first word after a colon.
        title = _AFTER_COLON.sub(lambda match: match.group().upper(), title)
    authors = _authors(record.authors)
    year = f"({record.year})."
    # Without authors the title moves to the author position (APA 9.12).
    if authors and not authors.endswith("."):
        authors += "."  # 'Ван Лу. (2025).': the author element ends with a full stop
    head = f"{authors} {year} {title}" if authors else f"{title} {year}"
    runs: Runs = [(f"{head} {words.apa_in} ", False)]
    if record.editors:
        label = words.apa_editors if len(record.editors) > 1 else words.apa_editor
        runs[0] = (runs[0][0] + f"{_editors(record.editors)} {label}, ", False)
    runs.append((record.volume_title(), True))
    tail = ""
    if record.pages:
        tail += f" ({words.apa_pages if EN_DASH in record.pages else words.apa_page} {record.pages})"
    tail += "."
    if record.publisher:
        tail += f" {_sentence(record.publisher)}"
    if record.doi:
        tail += f" https://doi.org/{record.doi}"
    elif record.url:
        tail += f" {record.url}"
    runs.append((tail, False))
    return runs


def apa_reference(record: CitationRecord) -> str:
    return "".join(text for text, _ in apa_runs(record))


def format_apa(records: list[CitationRecord], **_options) -> str:
    """APA 7 references, one per line, unnumbered, italics lost (the .docx list keeps them)."""
    return "\n".join(apa_reference(record) for record in records)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def _authors(people: tuple[CitedPerson, ...]) -> str:
    names = [person.inverted(comma=True) for person in people]
    if len(names) > APA_MAX_AUTHORS:
        return ", ".join(names[: APA_MAX_AUTHORS - 1]) + ", . . . " + names[-1]
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]}, & {names[1]}"
    return ", ".join(names[:-1]) + f", & {names[-1]}"


def _editors(people: tuple[CitedPerson, ...]) -> str:
    names = [person.direct() for person in people]
    if len(names) <= 2:
        return " & ".join(names)
    return ", ".join(names[:-1]) + f", & {names[-1]}"

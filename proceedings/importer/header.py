"""Read the header at the top of an article: title, people, abstracts and keywords.

The header is whatever recognisable lines come first, in the usual order: an ALL-CAPS
title, names and their positions and affiliations, a supervisor line, then abstracts
(labelled, or unlabelled paragraphs each followed by a keyword line) and keyword lines.
The first line that fits none of these starts the body. Most articles in dumped
proceedings have lost their header, so an empty `Header` is the common, honest answer.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from proceedings.importer import classify as c
from proceedings.importer.display import title_display
from proceedings.importer.language import detect_language
from proceedings.importer.normalise import SOFT_HYPHEN, join_lines
from proceedings.importer.types import Header, Line, PersonDraft
from proceedings.importer.typography import body_size, is_display

_MAX_TITLE_LINES = 4
_MAX_CLASSIFICATION_LINES = 4  # УДК, МРНТИ, ББК, DOI
_MAX_PARALLEL_BLOCKS = 2  # a trilingual header: two more languages
_MAX_PEOPLE_LINES = 12
_UNLABELLED_ABSTRACT_LINES = 25
_LABELLED_ABSTRACT_LINES = 45
# A person is found again by a key folded from the letters of the name; a "name" with none of
# ours ('Supervisor:' alone, 'Supervisor: 1') has no key and is no person. Printed names are a
# few words; a longer one is a phrase the patterns caught (the people table holds 300 characters).
_NAMED = re.compile(rf"[{c.UPPER}{c.LOWER}]")
_MAX_NAME = 100
# A keyword is a few words; a longer "term" is a list whose separators were not commas (the
# keyword columns hold 300 characters), and the abstract and body keep its words anyway.
_MAX_TERM = 200
_KEYWORD_LANGUAGE = {"түйін": "kk", "кілт": "kk", "тірек": "kk", "ключевые": "ru", "key": "en", "index": "en"}


def parse_header(lines: list[Line], *, width: int) -> Header:
    """Parse the header of one article's lines; `body_start` is where the body begins."""
    header = Header()
    first = 0
    while first < min(len(lines), _MAX_CLASSIFICATION_LINES) and c.is_classification_line(lines[first].text):
        header.classification.append(lines[first].text)
        first += 1
    i = first + _parse_title(lines[first:], header, width=width)
    i = _parse_people(lines, i, header, titled=header.title is not None, width=width)
    i = _parse_abstracts(lines, i, header, width=width)
    header.body_start = _parse_parallel_blocks(lines, i, header, width=width)
    return header


def _parse_parallel_blocks(lines: list[Line], i: int, header: Header, *, width: int) -> int:
    """The header printed again in another language (title, names, supervisor, abstract,
    keywords — often in a font of its own): kept as parallel titles and spellings, never the
    title, never an article. Its abstracts and keywords join the others by language."""
    for _ in range(_MAX_PARALLEL_BLOCKS):
        if header.title is None or i >= len(lines):
            break
        block = Header()
        j = i + _parse_title(lines[i:], block, width=width)
        if block.title is None:
            break
        language = detect_language(block.title)
        if language == detect_language(header.title) or language in header.parallel_titles:
            break
        j = _parse_people(lines, j, block, titled=True, width=width)
        if not (block.authors or block.supervisors):
            break
        header.parallel_titles[language] = block.title
        header.parallel_people += block.authors + block.supervisors
        header.author_lines += block.author_lines
        block.abstracts, block.keywords = header.abstracts, header.keywords  # filled in place
        i = _parse_abstracts(lines, j, block, width=width)
    return i


def _parse_title(lines: list[Line], header: Header, *, width: int) -> int:
    """An ALL-CAPS title, or up to three short lines directly above a name line."""
    i = 0
    while i < min(len(lines), _MAX_TITLE_LINES) and (
        c.is_title_line(lines[i].text) or (i and c.is_title_continuation(lines[i].text))
    ):
        i += 1
    if not i:
        i = _display_title(lines)
    if not i:
        i = _sentence_case_title(lines, width=width)
    if i:
        header.title = functools.reduce(join_wrapped_term, [line.text for line in lines[:i]])
        header.title_display = title_display(header.title)
    return i


_BODY_SAMPLE = 300


def _display_title(lines: list[Line]) -> int:
    """In a PDF, up to four lines set larger (or bold and centred) above the names."""
    body = body_size(lines[:_BODY_SAMPLE])
    k = 0
    while k < min(len(lines), _MAX_TITLE_LINES) and is_display(lines[k], body):
        if c.is_names_line(lines[k].text):
            break
        k += 1
    return k if k and k < len(lines) and _starts_people(lines, k) else 0


def _sentence_case_title(lines: list[Line], *, width: int) -> int:
    """Up to three lines above a people block; each may fill the line, as a title's lines do."""
    if not lines or not lines[0].text[:1].isupper():
        return 0
    for k in range(1, min(len(lines), _MAX_TITLE_LINES)):
        if not c.is_titlelike(lines[k - 1].text, width, may_fill=True):
            return 0
        if _starts_people(lines, k):
            return k if k > 1 or len(lines[0].text.split()) > 1 else 0
    return 0


def _starts_people(lines: list[Line], k: int) -> bool:
    """A name line with a position, affiliation or supervisor line right below it."""
    text = lines[k].text
    below = lines[k + 1].text if k + 1 < len(lines) else ""
    named = c.is_names_line(text)
    return named and (
        c.is_position_line(below) or c.is_affiliation_line(below) or c.is_supervisor_line(below)
    )


def _parse_people(lines: list[Line], i: int, header: Header, *, titled: bool, width: int) -> int:
    """Consume name, position, affiliation and supervisor lines; a line of prose ends them.

    Detail lines are collected for the person printed just above them and read only once
    the block is over, because one phrase may wrap over several lines.
    """
    people: list[tuple[PersonDraft, list[str]]] = []
    start = i
    while i < len(lines) and i - start < _MAX_PEOPLE_LINES:
        text = lines[i].text
        next_text = lines[i + 1].text if i + 1 < len(lines) else ""
        if c.is_supervisor_line(text):
            supervisor = parse_supervisor(text)
            if not _is_name(supervisor.name) and c.person_names(next_text):
                supervisor = parse_supervisor(f"{text} {next_text}")  # the label alone, its name below
                i += 1
            people.append((supervisor, []))
        elif people and (ahead := _details_before_supervisor(lines, i)):
            # A long affiliation wraps over lines no pattern knows ('…образовательного учреждения
            # высшего образования'); a supervisor line just below shows they are still details.
            for line in lines[i : i + ahead]:
                header.author_lines.append(line.text)
                people[-1][1].append(line.text)
            i += ahead
            continue
        elif c.reads_as_prose(text, width):
            break
        elif _names_people(text, next_text, titled=titled):
            names = c.person_names(text) or c.plain_names(text) or [text.strip(" ,;")]
            rest = re.sub(r"\s+", " ", c.remove_names(text)).strip(" ,;:-–—") if c.person_names(text) else ""
            details = [rest] if len(c.letters(rest)) > 3 else []
            people.extend((PersonDraft(name=name, printed=text, role="author"), []) for name in names)
            people[-1] = (people[-1][0], details)
            header.author_lines.append(text)
        elif c.is_position_line(text) or c.is_affiliation_line(text) or c.is_contact_line(text):
            header.author_lines.append(text)
            if people:
                people[-1][1].append(text)
        else:
            break
        i += 1
    for person, details in people:
        if not _is_name(person.name):
            continue
        group = header.supervisors if person.role == "supervisor" else header.authors
        group.append(with_details(person, details))
    return i


_DETAIL_LOOKAHEAD = 5


def _details_before_supervisor(lines: list[Line], i: int) -> int:
    """How many lines from `i` are unrecognised detail lines followed by a supervisor line
    (0 when none is near, or a line between ends a sentence, as body text does)."""
    for j in range(i, min(len(lines), i + _DETAIL_LOOKAHEAD)):
        text = lines[j].text
        if c.is_supervisor_line(text):
            return j - i
        if text.endswith((".", "!", "?")) and not text.endswith(c.ABBREVIATED_ENDINGS):
            return 0
    return 0


def _is_name(name: str) -> bool:
    return len(name) <= _MAX_NAME and bool(_NAMED.search(name))


def _names_people(text: str, next_text: str, *, titled: bool) -> bool:
    """A line of names, a name with its degree ('Иванов И.И., к.ф.н.'), or 'Ван Лу' in a header."""
    if c.is_person_line(text):
        return True
    if c.person_names(text) and (c.is_position_line(text) or c.is_affiliation_line(text)):
        return True
    return c.is_plain_name_line(text) and (
        titled or c.is_position_line(next_text) or c.is_affiliation_line(next_text)
    )


_DETAIL_PARTS = re.compile(r"[,;](?![^«]*»)")


def with_details(person: PersonDraft, details: list[str]) -> PersonDraft:
    """Share a person's detail lines out between position and affiliation, piece by piece.

    Lines are joined first (a line starting in lower case continues the phrase above it),
    then cut at commas outside «» quotes, so 'Әл-Фараби атындағы ҚазҰУ, Журналистика
    факультетінің магистрі' gives an affiliation and a position.
    """
    text = ""
    for line in (detail.strip() for detail in details):
        glue = " " if line[:1].islower() and not text.endswith((",", ";")) else ", "
        text = f"{text}{glue}{line}" if text else line
    found = {"position": [person.position] if person.position else [], "affiliation": []}
    if person.affiliation:
        found["affiliation"].append(person.affiliation)
    kind = "position"
    for part in (re.sub(r"\s+", " ", piece).strip(" ,;") for piece in _DETAIL_PARTS.split(text)):
        if not part:
            continue
        kind = c.detail_kind(part, kind)
        position, institution = c.split_status_institution(part) if kind == "position" else (part, "")
        found[kind].append(position)
        if institution:
            kind = "affiliation"
            found[kind].append(institution)
    return replace(person, position=", ".join(found["position"]), affiliation=", ".join(found["affiliation"]))


def parse_supervisor(text: str) -> PersonDraft:
    """Split 'Ғылыми жетекшісі: ф.ғ.д., профессор К. Камзин' into name and position."""
    rest = c.SUPERVISOR_LABEL.sub("", text, count=1)
    names = c.person_names(rest)
    name = names[0] if names else rest.strip(" ,;:-–—")
    position = c.remove_names(rest) if names else ""
    position = re.sub(r"\s+", " ", position).strip(" ,;:-–—")
    return PersonDraft(name=name, printed=text, role="supervisor", position=position)


def _parse_abstracts(lines: list[Line], i: int, header: Header, *, width: int) -> int:
    """Consume labelled abstracts, unlabelled abstract paragraphs and keyword lines."""
    while i < len(lines):
        text = lines[i].text
        label = c.ABSTRACT_LABEL.match(text)
        if label and (label.group("rest") or not c.KEYWORDS_LABEL.match(text)):
            taken = Header()
            end = _take_abstract(lines, i, taken, label.group("label").casefold(), label.group("rest"))
            if set(taken.abstracts) & set(header.abstracts):
                break  # a second abstract in a language this header has: the next article's
            header.abstracts.update(taken.abstracts)
            i = end
            continue
        if c.KEYWORDS_LABEL.match(text):
            i = _take_keywords(lines, i, header, width=width)
            continue
        keyword_at = _keyword_line_ahead(lines, i)
        if keyword_at is None:
            break
        body = join_lines([line.text for line in lines[i:keyword_at]])
        language = detect_language(body)
        header.abstracts.setdefault(language, body)
        i = keyword_at
    return i


def _take_abstract(lines: list[Line], i: int, header: Header, label: str, rest: str) -> int:
    """An abstract runs to its keyword line when one follows soon, else to its paragraph's end."""
    limit = min(len(lines), i + _LABELLED_ABSTRACT_LINES)
    keyword_end = None
    for j in range(i + 1, limit):
        text = lines[j].text
        if c.KEYWORDS_LABEL.match(text):
            keyword_end = j
            break
        if c.ABSTRACT_LABEL.match(text) or c.SECTION_HEADING.match(text) or c.is_title_line(text):
            break
    end = keyword_end if keyword_end is not None else _paragraph_end(lines, i if rest else i + 1, limit)
    texts = ([rest] if rest else []) + [line.text for line in lines[i + 1 : end]]
    body = join_lines(texts)
    if body:
        language = c.ABSTRACT_LANGUAGE.get(label) or detect_language(body)
        header.abstracts.setdefault(language, body)
    return end


def _paragraph_end(lines: list[Line], i: int, limit: int) -> int:
    """Index after the last line of the paragraph that starts at `i` (a short final line ends it)."""
    width = max((len(line.text) for line in lines[i:limit]), default=80)
    j = i
    while j < limit:
        text = lines[j].text
        if c.SECTION_HEADING.match(text) or c.KEYWORDS_LABEL.match(text):
            return j
        j += 1
        if text.endswith((".", "!", "?")) and len(text) < 0.8 * width:
            return j
    return j


def _take_keywords(lines: list[Line], i: int, header: Header, *, width: int) -> int:
    match = c.KEYWORDS_LABEL.match(lines[i].text)
    assert match is not None
    text = match.group("rest").strip()
    j = i + 1
    while j < len(lines) and _keywords_continue(
        text, lines[j].text, width, wrapped=len(lines[j - 1].text) >= 0.8 * width
    ):
        text = join_wrapped_term(text, lines[j].text)
        j += 1
    terms = [term for term in split_terms(text) if len(term) <= _MAX_TERM]
    if terms:
        label = match.group("label").split()[0].casefold().replace("-", "")
        language = _KEYWORD_LANGUAGE.get(label) or detect_language(text)
        header.keywords.setdefault(language, terms)
    return j


_TRAILING_KEYWORDS_LINES = 6
_LATE_BLOCK_REACH = 400  # lines: about a page of a two-column paper's dump, line numbers included


def add_late_title_block(lines: list[Line], header: Header, *, width: int) -> None:
    """A headerless article whose title block the text layer gives at the end of its first
    page, after that page's body (a PDF's dump; a PDF read with its layout has it first): the
    first title, names and affiliation found there are the article's."""
    if header.title or header.authors:
        return
    end = min(len(lines), header.body_start + _LATE_BLOCK_REACH)
    for j in range(header.body_start + 1, end):
        if not _starts_people(lines, j):
            continue
        k = j
        while k > header.body_start and j - k < _MAX_TITLE_LINES - 1:
            if not c.is_titlelike(lines[k - 1].text, width, may_fill=True):
                break
            k -= 1
        block = parse_header(lines[k:end], width=width)
        if block.title and block.authors:
            header.title, header.title_display = block.title, block.title_display
            header.authors, header.supervisors = block.authors, block.supervisors
            header.author_lines = block.author_lines
            return


def add_trailing_keywords(lines: list[Line], header: Header, *, width: int) -> None:
    """Keywords printed at the end of the article (one-page abstracts put them after the text):
    a keywords label among the last lines, when the header has none in that language."""
    start = max(header.body_start, len(lines) - _TRAILING_KEYWORDS_LINES)
    for i in range(start, len(lines)):
        if c.KEYWORDS_LABEL.match(lines[i].text):
            found = Header()
            _take_keywords(lines, i, found, width=width)
            for language, terms in found.keywords.items():
                header.keywords.setdefault(language, terms)
            return


def join_wrapped_term(text: str, more: str) -> str:
    """A keyword list going on below: a soft hyphen joins the word ('медиа\u00ad' 'грамотность'),
    a real hyphen stays ('Corpus-' 'Driven' is 'Corpus-Driven'), else a space."""
    if text.endswith(SOFT_HYPHEN):
        return text[:-1] + more
    if text.endswith("-") and not text.endswith(" -"):
        return text + more
    return f"{text} {more}".strip()


def _keywords_continue(text: str, next_text: str, width: int, *, wrapped: bool) -> bool:
    """Keyword lists wrap: a full-width line, or one ending in a comma, goes on below."""
    if c.ABSTRACT_LABEL.match(next_text) or c.KEYWORDS_LABEL.match(next_text):
        return False
    if c.SECTION_HEADING.match(next_text) or c.is_title_line(next_text):
        return False
    if text.endswith((SOFT_HYPHEN, "-")):
        return True  # a word broken at the line's end
    if text.endswith("."):
        return False
    if not text or wrapped or text.endswith((",", ";", "，", "；")):
        return True
    return len(next_text) < 0.6 * width and ("," in next_text or next_text.endswith("."))


def split_terms(text: str) -> list[str]:
    """Keyword terms as printed, split on commas and semicolons, without the final full stop."""
    parts = re.split(r"[;,，；、]", text)
    return [term for term in (part.strip(" .\t") for part in parts) if term]


def _keyword_line_ahead(lines: list[Line], i: int) -> int | None:
    """Where an unlabelled abstract starting at `i` ends: a keyword line not far below."""
    for j in range(i, min(len(lines), i + _UNLABELLED_ABSTRACT_LINES)):
        text = lines[j].text
        if c.KEYWORDS_LABEL.match(text):
            return j if j > i else None
        if c.ABSTRACT_LABEL.match(text) or c.SECTION_HEADING.match(text) or c.is_title_line(text):
            return None
        if j > i and _starts_people(lines, j):
            return None  # the next article's names: its keywords are not this one's
    return None

"""Find where articles start.

Dumped proceedings rarely say where an article begins, so several kinds of evidence are
collected and each candidate start remembers why it was proposed:

* a seam: an indented line glued to the line above where the file otherwise puts an
  empty line after every text line (pieces extracted separately and concatenated);
* a header: an ALL-CAPS title followed by people lines, a supervisor line, or an abstract
  label that does not follow a header of its own;
* a change of body language between two substantial paragraphs, when the new language
  carries on (a quotation in another language does not);
* the first substantial paragraph after a reference list.

Candidates that fall inside the header of an article found just above (a title's second
line, 'Introduction' after an abstract) are merged into that article by the caller.
Section headings are not evidence: 'Кіріспе' or '1. Introduction' open sections, not articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from proceedings.importer import classify as c
from proceedings.importer.cohesion import similarity_across
from proceedings.importer.language import detect_language, letter_count
from proceedings.importer.normalise import seams_are_marks
from proceedings.importer.types import Line, Paragraph
from proceedings.importer.typography import body_size, is_display

SUBSTANTIAL = 200
_LONG = 600
_BACK_OVER_HEADER = 4
_REFERENCE_SCAN = 80
# Below this similarity of the vocabularies on either side the subject has changed (within one
# article sections keep sharing terms: 0.3-0.7 on the seed; across articles 0.0-0.3).
_SUBJECT_CHANGE = 0.3
_NUMBERED_HEADING = re.compile(rf"^(?:\d{{1,2}}|[IVXІ]{{1,4}})[.)]\s+[{c.UPPER}]")
_INTRODUCTION = re.compile(r"^(?:[IVXІ]+\.\s*|\d\.?\s*)?(?:кіріспе|введение|introduction)\b", re.IGNORECASE)
_STARTS_SENTENCE = re.compile(rf"^[\d{c.UPPER}«\"“(•\-–—]")
_REFERENCE_ENTRY = re.compile(r"^(?:\[?\d{1,3}[.)\]]|https?://|www\.|URL|DOI)", re.IGNORECASE)
_CITATION = re.compile(r"//|https?://|\bURL\b|\bDOI\b|\b[СсPp]\.\s*\d|\bpp?\.\s*\d|\d{4}\.\s*[-–—]")


@dataclass(frozen=True)
class Candidate:
    """A proposed article start at `index` into the line list, with every reason for it."""

    index: int
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return self.reasons[0]


def find_candidates(lines: list[Line], paras: list[Paragraph], *, width: int) -> list[Candidate]:
    """All proposed article starts, sorted, the first line always included."""
    found: dict[int, list[str]] = {0: ["start of file"]}
    for finder in (
        _classification_lines,
        _seams,
        _headers,
        _display_titles,
        _abstract_labels,
        _reference_ends,
    ):
        for index, reason in finder(lines, paras, width):
            found.setdefault(index, []).append(reason)
    for index, reason in _language_changes(lines, paras):
        found.setdefault(index, []).append(reason)
    return [Candidate(index, tuple(reasons)) for index, reasons in sorted(found.items())]


def _classification_lines(lines: list[Line], _paras: list[Paragraph], _width: int) -> list[tuple[int, str]]:
    """'УДК 330' (with МРНТИ, ББК or a DOI below it) opens its article: the first of the group."""
    return [
        (i, "classification line")
        for i, line in enumerate(lines)
        if c.is_classification_line(line.text) and not (i and c.is_classification_line(lines[i - 1].text))
    ]


def _display_titles(lines: list[Line], _paras: list[Paragraph], _width: int) -> list[tuple[int, str]]:
    """In a PDF: a run of lines set larger, or bold and centred, with names or an affiliation
    right under it — a title block whatever its letters (title case, a name in the title)."""
    body = body_size(lines)
    if body is None:
        return []
    out = []
    i = 0
    while i < len(lines):
        if not is_display(lines[i], body) or c.is_names_line(lines[i].text):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and j - i < _MAX_DISPLAY_TITLE and is_display(lines[j], body):
            if c.is_names_line(lines[j].text):
                break
            j += 1
        if j < len(lines) and (c.is_names_line(lines[j].text) or c.is_header_line(lines[j].text)):
            out.append((_above_classification(lines, i), "title and authors"))
        i = j
    return out


def _above_classification(lines: list[Line], start: int) -> int:
    """A title's start moved up over the classification lines printed above it."""
    while start > 0 and c.is_classification_line(lines[start - 1].text):
        start -= 1
    return start


def _seams(lines: list[Line], _paras: list[Paragraph], width: int) -> list[tuple[int, str]]:
    """Pieces stuck together by the dump. An indented one is the layout's own mark; without the
    indent (another dump of the same file) a glued line also starts a section of one article,
    so it must open like an article or change the subject."""
    out: list[tuple[int, str]] = []
    if not seams_are_marks(lines):
        return _indent_seams(lines, width)
    for i in range(2, len(lines)):
        line, previous = lines[i], lines[i - 1]
        if not (line.glued and not previous.glued and c.ends_sentence(previous.text)):
            continue
        if not _STARTS_SENTENCE.match(line.text) or line.text.lower().startswith(("http", "www.")):
            continue
        if line.indent > 0:
            out.append((i, "layout seam"))
        elif _opens_article(line.text):
            out.append((i, "layout seam and an opening"))
        elif _NUMBERED_HEADING.match(line.text) and len(line.text) < 0.6 * width:
            continue  # '3. Қазіргі надандықтың жаңа формалары': a section of the same article
        elif similarity_across(lines, i) < _SUBJECT_CHANGE:
            out.append((i, "layout seam and a change of subject"))
    return out


_RARE_INDENT = 0.1
_INDENT_SUBJECT_CHANGE = 0.15


def _indent_seams(lines: list[Line], width: int) -> list[tuple[int, str]]:
    """The same dump with its empty lines gone: the stuck-on pieces keep only their indent, which
    paragraphs inside articles have too. Where indents are rare, an indented line after a closed
    sentence starts an article when it opens like one or the subject clearly changes."""
    indented = [i for i in range(1, len(lines)) if lines[i].indent > 0]
    if len(indented) >= _RARE_INDENT * len(lines):
        return []
    out = []
    for i in indented:
        text = lines[i].text
        if not (c.ends_sentence(lines[i - 1].text) and _STARTS_SENTENCE.match(text)):
            continue
        if _NUMBERED_HEADING.match(text) and len(text) < 0.6 * width:
            continue
        if _opens_article(text) or similarity_across(lines, i) < _INDENT_SUBJECT_CHANGE:
            out.append((i, "indented and a change of subject"))
    return out


def _opens_article(text: str) -> bool:
    """An abstract label, an introduction heading or a capitals title: how articles begin."""
    return bool(c.ABSTRACT_LABEL.match(text) or _INTRODUCTION.match(text)) or c.is_title_line(text)


def blank_lines_are_breaks(lines: list[Line]) -> bool:
    """Whether an empty line says something: in a dump where few lines have one above them (a
    PDF's pages joined by a newline), it marks a page or a block; where every line has one, it
    says nothing."""
    return sum(1 for line in lines if line.gap) < _RARE_GAPS * len(lines)


def starts_block(lines: list[Line], k: int, *, breaks: bool) -> bool:
    """Whether line `k` opens a page (of a PDF), or a block after an empty line where empty
    lines mark them (see blank_lines_are_breaks)."""
    if k > 0 and lines[k].page is not None and lines[k].page != lines[k - 1].page:
        return True
    return breaks and lines[k].gap > 0


def _headers(lines: list[Line], _paras: list[Paragraph], width: int) -> list[tuple[int, str]]:
    """Title blocks followed by people lines, and people blocks with a supervisor or a name."""
    out = []
    breaks = blank_lines_are_breaks(lines)
    i = 0
    while i < len(lines):
        text = lines[i].text
        if c.is_title_line(text) and not (i and c.is_person_line(lines[i - 1].text)):
            # (capitals right under a name are an institution's abbreviation: 'ФГБОУ ВО РГУПС')
            j = i
            j = i + 1
            while j < len(lines) and j - i < 4 and c.is_title_continuation(lines[j].text):
                j += 1
            following = lines[j].text if j < len(lines) else ""
            if (
                c.is_header_line(following)
                or c.is_plain_name_line(following)
                or c.ABSTRACT_LABEL.match(following)
            ):
                out.append((_above_classification(lines, i), "title and authors"))
            i = j
            continue
        if c.is_plain_name_line(text) and i + 1 < len(lines) and c.is_affiliation_line(lines[i + 1].text):
            # Names written out ('Jason Kan', 'Guanying Zhao, Haiying Li') are trusted only
            # between a title block above and an affiliation below.
            title_start = _back_over_title(lines, i, width, breaks=breaks)
            if title_start < i:
                out.append((title_start, "title and authors"))
                i += 2
                continue
        if c.is_supervisor_line(text) or (c.is_person_line(text) and _has_header_neighbour(lines, i)):
            start = _back_over_header(lines, i)
            if start > 0 and c.is_title_continuation(lines[start - 1].text):
                i += 1
                continue
            out.append((_back_over_title(lines, start, width, breaks=breaks), "author or supervisor lines"))
            while i < len(lines) and c.is_header_line(lines[i].text):
                i += 1
            continue
        i += 1
    return out


def _has_header_neighbour(lines: list[Line], i: int) -> bool:
    around = [lines[k].text for k in (i - 1, i + 1) if 0 <= k < len(lines)]
    return any(c.is_position_line(t) or c.is_affiliation_line(t) or c.is_supervisor_line(t) for t in around)


def _back_over_header(lines: list[Line], i: int) -> int:
    start = i
    while start > 0 and i - start < _BACK_OVER_HEADER and c.is_header_line(lines[start - 1].text):
        start -= 1
    return start


def _back_over_title(lines: list[Line], start: int, width: int, *, breaks: bool = False) -> int:
    """Include up to three sentence-case title lines above a people block, when what is above
    them has closed (a sentence, a keyword list, a caption, a page: `breaks` when empty lines
    mark them): else they may be the end of a paragraph, and `start` is returned."""
    k = start
    while k > 0 and start - k < 3 and c.is_titlelike(lines[k - 1].text, width, may_fill=True):
        if starts_block(lines, k - 1, breaks=breaks):
            k -= 1
            return k if lines[k].text[:1].isupper() else start
        if _in_keyword_list(lines, k - 1):
            break
        k -= 1
    if k == start or not lines[k].text[:1].isupper():
        return start
    if start - k == 1 and len(lines[k].text.split()) < 2:
        return start  # one word alone above a name is no title
    if k == 0 or _closes_what_is_above(lines, k - 1):
        return k
    return start


_RARE_GAPS = 0.1
_MAX_DISPLAY_TITLE = 4
_KEYWORD_LIST_LINES = 2  # terms wrap over a line or two; a title may follow at once


def _in_keyword_list(lines: list[Line], k: int) -> bool:
    """Whether line `k` continues a keyword list: a keywords label a few lines above, with no
    sentence closed in between."""
    for j in range(k - 1, max(-1, k - 1 - _KEYWORD_LIST_LINES), -1):
        if c.KEYWORDS_LABEL.match(lines[j].text):
            return True
        if c.ends_sentence(lines[j].text):
            return False
    return False


def _closes_what_is_above(lines: list[Line], k: int) -> bool:
    """Whether line `k` can be the last of what precedes a title: the end of a sentence, a
    caption, a page number, or a keyword list (whose terms end without a full stop)."""
    text = lines[k].text
    if c.ends_sentence(text) or c.CAPTION.match(text) or text.strip(" –—-").isdigit():
        return True
    return bool(c.KEYWORDS_LABEL.match(text)) or _in_keyword_list(lines, k)


def _abstract_labels(lines: list[Line], _paras: list[Paragraph], _width: int) -> list[tuple[int, str]]:
    out = []
    for i, line in enumerate(lines):
        match = c.ABSTRACT_LABEL.match(line.text)
        if not match or (match.group("label").casefold() == "summary" and not line.glued):
            continue
        if i > 0 and (c.is_header_line(lines[i - 1].text) or c.is_title_line(lines[i - 1].text)):
            continue
        out.append((i, "abstract label"))
    return out


def _reference_ends(lines: list[Line], _paras: list[Paragraph], _width: int) -> list[tuple[int, str]]:
    """The first run of prose after a reference list, where a sentence has just ended."""
    out = []
    i = 0
    while i < len(lines):
        if not c.REFERENCE_HEADING.match(lines[i].text):
            i += 1
            continue
        j = i + 1
        while j < min(len(lines), i + _REFERENCE_SCAN):
            text = lines[j].text
            if c.is_title_line(text) or c.is_supervisor_line(text) or c.is_person_line(text):
                break  # the next article's header: its own evidence marks the start
            if _is_reference(text) or not text[:1].isupper() or not c.ends_sentence(lines[j - 1].text):
                j += 1
                continue
            run = " ".join(line.text for line in lines[j : j + 4])
            if letter_count(run) >= SUBSTANTIAL and not _CITATION.search(run):
                out.append((j, "after a reference list"))
                break
            j += 1
        i = j
    return out


def _is_reference(text: str) -> bool:
    return bool(_REFERENCE_ENTRY.match(text) or _CITATION.search(text))


def reference_paragraphs(lines: list[Line], paras: list[Paragraph]) -> set[int]:
    """Indices of paragraphs inside reference lists, which say nothing about body language."""
    inside: set[int] = set()
    in_references = False
    for k, para in enumerate(paras):
        if c.REFERENCE_HEADING.match(lines[para.start].text):
            in_references = True
        elif in_references and not _is_reference(para.text) and letter_count(para.text) >= SUBSTANTIAL:
            in_references = False
        if in_references:
            inside.add(k)
    return inside


def _language_changes(lines: list[Line], paras: list[Paragraph]) -> list[tuple[int, str]]:
    """Starts where the body language changes and keeps the new language."""
    skip = reference_paragraphs(lines, paras)
    # Every paragraph's prose and letter count, once: the loops below look at each of them again.
    texts = [c.prose(p.text) for p in paras]
    sizes = [letter_count(text) for text in texts]
    langs: list[tuple[int, str, int]] = [
        (k, detect_language(texts[k]), sizes[k])
        for k in range(len(paras))
        if k not in skip and sizes[k] >= SUBSTANTIAL
    ]
    out = []
    current = langs[0][1] if langs else ""
    last_in_current = langs[0][0] if langs else 0
    for n in range(1, len(langs)):
        k, lang, size = langs[n]
        if lang == current:
            last_in_current = k
            continue
        carries_on = n + 1 < len(langs) and langs[n + 1][1] == lang
        if not (carries_on or size >= _LONG):
            continue
        first = k
        for m in range(last_in_current + 1, k):
            if sizes[m] >= 20 and detect_language(texts[m]) == lang:
                first = m
                break
        out.append((paras[first].start, f"language change {current}→{lang}"))
        current, last_in_current = lang, k
    return out

"""Which paragraphs of an article body are its section headings, and of what level (pure).

A heading is a short paragraph standing alone between others: what follows it starts a sentence
(a line cut short goes on in lower case) and, unless the heading names a common section, is text
rather than another short line. It shows itself by one of: the name of a common section in kk,
ru or en ('Кіріспе', 'Введение', '1. Introduction', 'Әдебиеттер' — `is_section_name`), a number
('I.', '1.', '1.1', 'а)'), capitals, bold or larger print in a PDF, or — a short line with no
mark at all — by following a finished paragraph and preceding the section's text. It is never a
caption, a list item ('1. …' over '2. …', '• …'), a sentence, a row of figures, an address, a
formula, or a line ending on a word that needs the next one ('… және', '… of the').

The reference list's heading ends the text: after it only another reference list's heading is
one ('References' after 'Әдебиеттер').
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from proceedings.importer import classify as c
from proceedings.importer.fragments import BULLET, CAPTION, SENTENCE_END, URL, Unit, figures, starts_sentence

# What starts a heading's number: 'I.', 'IV.', 'І.' (Kazakh І for I), '1.', '1.2', '1.2.3', 'а)'.
_ROMAN = re.compile(r"^(?:[IVXІ]{1,5})\.\s*(?=\S)")
_DECIMAL = re.compile(r"^(\d{1,2})((?:\.\d{1,2}){0,2})\.?\s*(?=[^\W\d_])")
_LETTER = re.compile(rf"^[{c.LOWER}]\)\s+(?=\S)")
# Section names the splitter's lists (classify.SECTION_HEADING, REFERENCE_HEADING) leave out.
_MORE_SECTIONS = re.compile(
    r"^(?:негізгі\s+бөлім|основная\s+часть|main\s+(?:part|body)|зерттеу\s+әдіс\w*|методы\s+исследования|"
    r"материалы\s+и\s+методы|materials\s+and\s+methods|тұжырым\w*|нәтиже\w*|acknowledge?ments?|"
    r"алғыс|благодарност\w*|appendix|приложение|қосымша)\s*[:.：]?$",
    re.IGNORECASE,
)
# Words a line cut short ends on; a heading never does.
_DANGLING = frozenset(
    "и в во на с со к по о об от для из за что как а но или мен және пен бен да де үшін туралы "
    "арқылы the of and or in on for to with a an by from".split()
)
_RUN_IN = re.compile(r"^[^:：]{1,40}[:：]\s*\S")  # 'Source: Ministry of …', 'Толқын: Не өзгерді'
_CLOSED = (*SENTENCE_END, ":", "：", "»", '"', "”", ")")
_HEADING_CHARS = 120
_HEADING_WORDS = 14
_HEADING_LETTERS = 3
_CAPITALS_WORD = 6  # 'RESULTS' alone is a heading; 'PART', a gloss in an example, is not
_ROW_FIGURES = 3
_PLAIN_CHARS = 90  # a heading with no mark of its own is shorter
_PLAIN_WORDS = 10
_COLON_WORDS = 5  # 'Methodology:'; 'The competences of a producer include:' introduces a list
_PROSE = 120  # a paragraph this long is the text of a section


def _bare(text: str) -> str:
    """The text without its number: 'II. Методы' -> 'Методы'."""
    for pattern in (_ROMAN, _DECIMAL, _LETTER):
        if match := pattern.match(text):
            return text[match.end() :]
    return text


def is_references_name(text: str) -> bool:
    return bool(c.REFERENCE_HEADING.match(_bare(text).strip()))


def is_section_name(text: str) -> bool:
    """A common section's name, numbered or not ('1. Introduction', 'ҚОРЫТЫНДЫ', 'Әдебиеттер')."""
    bare = _bare(text).strip()
    return bool(c.SECTION_HEADING.match(text) or is_references_name(bare) or _MORE_SECTIONS.match(bare))


def numbering_depth(text: str) -> int | None:
    """How deep a heading's number goes: 1 for 'I.' and '1.', 2 for '1.1' and 'а)', None for none."""
    if _ROMAN.match(text):
        return 1
    if match := _DECIMAL.match(text):
        return 1 + match.group(2).count(".")
    if _LETTER.match(text):
        return 2
    return None


def references_start(units: Sequence[Unit]) -> int:
    """The index of the reference list's heading (len(units) when there is none)."""
    return next(
        (index for index, unit in enumerate(units) if index > 0 and is_references_name(unit.text)), len(units)
    )


def headings(units: Sequence[Unit], taken: set[int]) -> dict[int, int]:
    """Paragraph index -> level (1 or 2) of every heading; `taken` paragraphs are in tables."""
    end = references_start(units)
    found: dict[int, str] = {}
    for index, unit in enumerate(units):
        if index in taken or (index >= end and not is_references_name(unit.text)):
            continue
        evidence = heading_evidence(unit)
        if evidence is not None and _stands_alone(units, index, taken, evidence=evidence, found=found):
            found[index] = evidence
    return _levels(units, found)


def heading_evidence(unit: Unit) -> str | None:
    """Why a paragraph could be a heading: 'name', 'number', 'capitals', 'print', or 'plain'
    (short, with none of those); None when its shape rules it out."""
    text = unit.text
    if not _heading_shaped(text):
        return None
    if is_section_name(text):
        return "name"
    if not _no_sentence(text):
        return None
    words = text.split()
    letters = c.letters(_bare(text))
    evidence = None
    if numbering_depth(text) is not None:
        evidence = "number"
    elif _capitals(letters) and (len(words) > 1 or len(letters) >= _CAPITALS_WORD):
        evidence = "capitals"
    elif figures(text) >= _ROW_FIGURES or _RUN_IN.match(text):
        evidence = None  # a row of figures; 'Source: …', a label run in with its text
    elif unit.emphasis:
        evidence = "print"
    elif len(text) <= _PLAIN_CHARS and len(words) <= _PLAIN_WORDS:
        evidence = "plain"
    return evidence


def _heading_shaped(text: str) -> bool:
    """Short, with letters, and neither a caption nor an address."""
    letters = c.letters(_bare(text))
    return (
        len(text) <= _HEADING_CHARS
        and len(text.split()) <= _HEADING_WORDS
        and len(letters) >= _HEADING_LETTERS
        and len(letters) >= 0.5 * len(text.replace(" ", ""))
        and not CAPTION.match(text)
        and not URL.search(text)
    )


def _no_sentence(text: str) -> bool:
    """Not a sentence, a list item, a formula, or a line cut short."""
    return not (
        text.endswith((*SENTENCE_END, ","))
        or not starts_sentence(_bare(text))
        or (BULLET.match(text) and numbering_depth(text) is None)
        or text.rsplit(maxsplit=1)[-1].casefold() in _DANGLING
        or "=" in text
    )


def _capitals(letters: str) -> bool:
    return len(letters) >= 4 and sum(map(str.isupper, letters)) >= 0.85 * len(letters)


def _stands_alone(
    units: Sequence[Unit], index: int, taken: set[int], *, evidence: str, found: dict[int, str]
) -> bool:
    """Whether the paragraph stands as a heading between its neighbours (the module's rules)."""
    if index + 1 >= len(units):
        return False
    if index + 1 in taken:
        return True  # a table under its heading
    following = units[index + 1].text
    if not starts_sentence(following):
        return False
    return evidence == "name" or _sets_off(units, index, taken, evidence=evidence, found=found)


def _sets_off(
    units: Sequence[Unit], index: int, taken: set[int], *, evidence: str, found: dict[int, str]
) -> bool:
    """A heading that names no common section is followed by its section's text (a numbered one
    may be by its first subsection), and one with no mark at all follows a finished paragraph."""
    text, following = units[index].text, units[index + 1].text
    long_enough = following.endswith((*SENTENCE_END, ":")) and len(following) > len(text)
    text_follows = len(following) >= _PROSE or long_enough
    if _introduces(text, following, text_follows=text_follows):
        return False
    if evidence == "number":
        return text_follows or (numbering_depth(following) or 0) > (numbering_depth(text) or 0)
    if evidence in ("plain", "print"):
        previous = units[index - 1].text if index > 0 else ""
        closed = index == 0 or index - 1 in found or index - 1 in taken or previous.endswith(_CLOSED)
        return closed and text_follows and not BULLET.match(following)
    return True


def _introduces(text: str, following: str, *, text_follows: bool) -> bool:
    """'The main reasons are:' introduces a list or a quotation; 'Methodology:' heads a section."""
    return text.endswith((":", "：")) and (
        len(text.split()) > _COLON_WORDS or not text_follows or BULLET.match(following) is not None
    )


def _levels(units: Sequence[Unit], found: dict[int, str]) -> dict[int, int]:
    """Level 1 for sections, 2 for their subsections: '1.1' and 'а)' always, and '1.' too in an
    article that numbers its sections in Roman numerals."""
    roman = any(_ROMAN.match(units[index].text) for index in found)
    levels = {}
    for index, evidence in found.items():
        text = units[index].text
        depth = numbering_depth(text)
        if depth is None or evidence == "name" or _ROMAN.match(text):
            levels[index] = 1
        else:
            levels[index] = 2 if depth >= 2 or roman else 1
    return levels

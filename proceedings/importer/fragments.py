"""Tables in a text dump: runs of short fragments kept line by line (pure).

A text dump keeps no cells. A table comes out cell by cell, each cell broken where its column
was narrow ('Дер' / 'ек көзі'), and the importer's paragraphs make of every piece a paragraph of
its own. Its rows cannot be rebuilt, but the run can be kept together, one piece a line, under
its caption: a run of fragments (a few words with no sentence end, or a row of figures) set
apart from the text — after a caption ('Кесте 1', '1-кесте', 'Table 2:', 'Таблица 3'), or, with
none, six or more after a finished paragraph, mostly pieces of words or rows of figures — and
before a paragraph that starts a sentence.

Not tables: lists ('• …', '1) …', '…;'), addresses, formulas ('='), verse and short lines of
text (longer on average), a sentence a dump gave word by word (mostly lower case, and the text
goes on after it in lower case), and a review copy's margin numbers among its lines
(`numbered_lines`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

# Captions of tables and figures, before or after their number ('Кесте 1', '1-кесте', 'Table II').
_TABLE_WORDS = r"table|таблица|кесте"
_FIGURE_WORDS = r"fig\.?|figure|рис\.?|рисунок|сурет|схема|диаграмма|график|chart"
_CAPTION_NUMBER = r"\s*№?\s*(?:\d|[IVX]{1,4}\b)"
TABLE_CAPTION = re.compile(
    rf"^(?:(?:{_TABLE_WORDS}){_CAPTION_NUMBER}|\d+\s*[-–]?\s*(?:{_TABLE_WORDS})\b)", re.IGNORECASE
)
CAPTION = re.compile(
    rf"^(?:(?:{_TABLE_WORDS}|{_FIGURE_WORDS}){_CAPTION_NUMBER}"
    rf"|\d+\s*[-–]?\s*(?:{_TABLE_WORDS}|{_FIGURE_WORDS})\b)",
    re.IGNORECASE,
)
URL = re.compile(r"https?://|www\.|doi\.org|\.(?:kz|ru|com|org)/", re.IGNORECASE)
BULLET = re.compile(r"^(?:[•●▪■◦‣∙·✓✔➢►▸\-–—*]\s?|\(?\d{1,2}[.)]\s|[а-яәa-z]\)\s)")
SENTENCE_END = tuple(".!?…;")
_NUMBER = re.compile(r"(?<![\w.,])[-+−]?\d+(?:[.,]\d+)*%?(?!\w)")
_CELL_CHARS = 40
_CELL_WORDS = 5
_ROW_CHARS = 100
_ODD_CELL = 60  # one longer paragraph inside a run does not end it
_WITH_CAPTION = 2
_WITHOUT_CAPTION = 6
_PIECES_MEAN = 22  # the mean length of a caption-less run of words and pieces of words
_FIGURES_SHARE = 0.6
_LOWER_SHARE = 0.7
_LINE_NUMBER_DIGITS = 3
_LINE_NUMBERS = 20
_LINE_NUMBER_STEP = 3  # a number or two goes missing with a line the dump put elsewhere
_COUNTING_SHARE = 0.6


@dataclass(frozen=True)
class Unit:
    """One paragraph of a body, with what its print says: `emphasis` when all of it is bold or
    set larger than the body's text; `table`, the index of the rebuilt table it lies in."""

    text: str
    emphasis: bool = False
    table: int | None = None


def figures(text: str) -> int:
    return len(_NUMBER.findall(text))


def starts_sentence(text: str) -> bool:
    """Whether a paragraph opens as text does, not in lower case in the middle of a sentence."""
    first = next((char for char in text if char.isalnum()), "")
    return bool(first) and not first.islower()


def is_fragment(text: str) -> bool:
    """A cell, or a piece of one: a few words with no sentence end, or a row of figures."""
    if URL.search(text) or "=" in text or BULLET.match(text) or text.endswith(";") or CAPTION.match(text):
        return False
    if figures(text) >= 2 and len(text) <= _ROW_CHARS:
        return True
    words = len(text.split())
    return len(text) <= _CELL_CHARS and words <= _CELL_WORDS and not text.endswith((".", ":", "!", "?"))


def caption_beside(
    units: Sequence[Unit], first: int, last: int, *, pattern: re.Pattern, taken: set[int]
) -> int | None:
    """The paragraph right above (else right below) paragraphs first..last that names them; one
    `taken` names the table before (a volume that prints captions below its tables)."""
    for index in (first - 1, last + 1):
        if (
            0 <= index < len(units)
            and index not in taken
            and units[index].table is None
            and pattern.match(units[index].text)
        ):
            return index
    return None


def fragment_runs(units: Sequence[Unit], taken: set[int], *, end: int) -> list[tuple[range, int | None]]:
    """The runs of fragments before paragraph `end` that are tables, each with its caption."""
    if numbered_lines(units):
        return []
    runs: list[tuple[range, int | None]] = []
    index = 0
    while index < end:
        if index in taken or not is_fragment(units[index].text):
            index += 1
            continue
        last = _run_end(units, index, taken, end=end)
        caption = caption_beside(units, index, last, pattern=CAPTION, taken=taken)
        if _is_table(units, index, last, captioned=caption is not None):
            runs.append((range(index, last + 1), caption))
            taken = taken | set(range(index, last + 1)) | ({caption} if caption is not None else set())
        index = last + 1
    return runs


def _run_end(units: Sequence[Unit], first: int, taken: set[int], *, end: int) -> int:
    last, probe = first, first + 1
    while probe < end and probe not in taken:
        if is_fragment(units[probe].text):
            last = probe
        elif (
            len(units[probe].text) > _ODD_CELL
            or CAPTION.match(units[probe].text)
            or probe + 1 >= end
            or not is_fragment(units[probe + 1].text)
        ):
            break
        probe += 1
    return last


def _is_table(units: Sequence[Unit], first: int, last: int, *, captioned: bool) -> bool:
    texts = [units[k].text for k in range(first, last + 1)]
    if last + 1 < len(units) and not starts_sentence(units[last + 1].text):
        return False  # the text goes on in lower case: these were its words
    if captioned:
        return len(texts) >= _WITH_CAPTION
    previous = units[first - 1].text if first > 0 else ""
    if len(texts) < _WITHOUT_CAPTION or (previous and not previous.endswith((*SENTENCE_END, ":", "："))):
        return False
    if sum(not starts_sentence(text) for text in texts) >= _LOWER_SHARE * len(texts):
        return False  # 'Сегодня' 'имя' 'великого' 'ученого' …: a sentence, word by word
    with_figures = sum(figures(text) >= 1 for text in texts)
    mean = sum(map(len, texts)) / len(texts)
    return mean <= _PIECES_MEAN or with_figures >= _FIGURES_SHARE * len(texts)


def numbered_lines(units: Sequence[Unit]) -> bool:
    """Whether the body is a review copy's dump, its margin's line numbers among its lines: many
    bare numbers counting up. Its short pieces are the numbers and the text between them."""
    bare = [unit.text for unit in units if unit.text.isdigit() and len(unit.text) <= _LINE_NUMBER_DIGITS]
    numbers = [int(text) for text in bare]
    if len(numbers) < _LINE_NUMBERS:
        return False
    steps = sum(0 < b - a <= _LINE_NUMBER_STEP for a, b in pairwise(numbers))
    return steps >= _COUNTING_SHARE * (len(numbers) - 1)

"""Page furniture: the lines of a volume that belong to no article, each with its kind.

A proceedings volume is more than its articles: running headers and page numbers on every
page, a cover, an imprint, a contents list, section headings between articles, an index of
authors at the back. Left in, they become articles of their own or end up inside titles and
bodies. This step only points at them (`Furniture.set_aside`: line index -> kind); the
pipeline removes them before the splitter, while an article's source range may still span
a running header in its middle.

Evidence, from the strongest (`running.py`, `contents.py`, `headings.py`; this module puts it
together and finds the front and back matter):

* page numbers: in a PDF, a number alone ('12', '– 12 –', 'стр. 12') among the first or last
  lines of its page whose value keeps the same distance to the page index on a nearby page;
  in a text dump, which has no page marks, a run of such lines counting up by one, each a
  page's worth of lines after the one before (a paper's margin line numbers come every line
  or two, and are left alone);
* running headers and footers: the same line, numbers aside ('Секция 2. … 45'), at the top
  or bottom of many pages; in a dump, recurring at page-like intervals next to page numbers,
  or counting up like them;
* the contents (`contents.py`), and the volume's front matter: everything before the first
  article, when the file opens with an imprint or a contents list (see `_front_matter_end`);
* section headings: 'СЕКЦИЯ 1. …', 'НОМИНАЦИЯ «…»', 'ЮРИДИЧЕСКИЕ НАУКИ', 'Full Papers', a
  section of the contents, a short heading alone on its page — never a line followed by
  names or an affiliation, which is an article's title;
* back matter: a contents list or an index of authors with no article after it, a colophon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from proceedings.importer import classify as c
from proceedings.importer.contents import ContentsBlock, ContentsEntry, find_contents
from proceedings.importer.headings import (
    IMPRINT,
    STRONG_IMPRINT,
    article_starts,
    contents_starts,
    kept_after,
    section_heading_groups,
)
from proceedings.importer.normalise import typical_width
from proceedings.importer.running import page_numbers, running_headers
from proceedings.importer.types import Line

KINDS = (
    "running header",
    "page number",
    "cover",
    "imprint",
    "front matter",
    "contents",
    "section heading",
    "back matter",
)

_BACK_HEADING = re.compile(
    r"^(?:указатель\s+авторов|авторский\s+указатель|алфавитный\s+указатель(?:\s+авторов)?|"
    r"сведения\s+об\s+авторах|список\s+авторов|авторлар\s+(?:туралы\s+мәлімет|көрсеткіші|тізімі)|"
    r"index\s+of\s+authors|authors?\s+index|list\s+of\s+(?:authors|contributors)|contributors)\s*[:.]?$",
    re.IGNORECASE,
)
_FRONT_REACH = 80  # the front matter shows itself (imprint, contents) within this many lines
_FRONT_LINK = 250  # and each later sign of it comes within this many lines of the previous
_BODY_LINES = 5  # long lines after an article start that make it an article, not a cover
_COVER_LONG_LINES = 3  # a cover or title page has a long line or two (the volume's title), no text
_TEXT_PER_SIGN = 5  # an imprint has a sign (ISBN, ©, 'Editors:') for every few long lines
_BODY_REACH = 40  # … within this many lines
_HEADER_SPAN = 4
# A reference list's entry ('2. Иванов И.И. Право. – М., 2010. – ISBN …'): its ISBN is no colophon.
_REFERENCE = re.compile(r"^\s*\[?\d{1,3}[.)\]]\s|//|\bURL\b|https?://", re.IGNORECASE)
_BACK_REACH = 150  # a colophon is among the volume's last lines


@dataclass(frozen=True)
class Furniture:
    """What belongs to no article: `set_aside` maps line indices (into the line list) to a kind.

    `front_matter_end` is the index of the first line after the front matter (0: none);
    `back_matter_start` that of the first line of the back matter (the line count: none).
    `contents` are the entries of the volume's own contents list, in printed order.
    """

    set_aside: dict[int, str]
    contents: list[ContentsEntry] = field(default_factory=list)
    front_matter_end: int = 0
    back_matter_start: int = 0
    # Raw numbers of the first line after each section heading: an article opens there.
    breaks: frozenset[int] = frozenset()
    # The section headings between the front and the back matter, each as its line indices.
    sections: tuple[tuple[int, ...], ...] = ()

    def kept(self, lines: list[Line]) -> list[Line]:
        """The lines articles are made of."""
        return [line for index, line in enumerate(lines) if index not in self.set_aside]


def find_furniture(lines: list[Line]) -> Furniture:
    """Decide which lines are furniture; the lines themselves are left as they are."""
    width = typical_width(lines)
    aside: dict[int, str] = {}
    aside.update(dict.fromkeys(page_numbers(lines), "page number"))
    aside.update(dict.fromkeys(running_headers(lines, aside), "running header"))
    blocks = find_contents(lines, aside)
    for block in blocks:
        for index in range(block.start, block.end + 1):
            if aside.get(index) != "running header":
                aside[index] = "contents"
    groups = section_heading_groups(lines, aside, blocks)
    sections = {index for group in groups for index in group}
    opens = article_starts(lines, aside)
    opens.update(dict.fromkeys(contents_starts(lines, aside, blocks), True))
    starts = sorted(opens)
    sure = sorted(start for start, named in opens.items() if named)
    front_end = _front_matter_end(lines, aside, blocks, (sorted({*starts, *sections}), sure), width)
    for index, kind in _front_kinds(lines, aside, front_end, width).items():
        aside.setdefault(index, kind)
    back_start = _back_matter_start(lines, aside, blocks, starts, front_end)
    for index in range(back_start, len(lines)):
        aside.setdefault(index, "back matter")
    for index in sections:
        if front_end <= index < back_start:
            aside[index] = "section heading"
    contents = [entry for block in blocks for entry in block.entries]
    breaks = {
        lines[following].raw
        for index, kind in aside.items()
        if kind == "section heading" and (following := kept_after(lines, aside, index)) is not None
    }
    kept_groups = tuple(
        tuple(group) for group in groups if all(aside.get(k) == "section heading" for k in group)
    )
    return Furniture(aside, contents, front_end, back_start, frozenset(breaks), kept_groups)


# --- front and back matter ------------------------------------------------------------------


def _front_matter_end(
    lines: list[Line],
    aside: dict[int, str],
    blocks: list[ContentsBlock],
    starts: tuple[list[int], list[int]],
    width: int,
) -> int:
    """Where the front matter ends: at the first article (or section) after its last sign.

    The front matter is there only when the file opens with it: a strong sign (ISBN, ©, ББК, an
    editorial board, a contents list) within its first lines, with at most a cover and a
    foreword before it. Each further sign (an imprint line, the contents) extends it if it
    comes soon and no article lies between — an article being a sure start (a classification
    line, names under a title, a listed title) followed by lines of text.
    """
    anywhere, sure = starts
    block_marks = {index for block in blocks for index in (block.start, block.end)}
    end, unmarked = -1, 0
    for index, line in enumerate(lines):
        if index not in block_marks:
            if index in aside:
                continue
            unmarked += 1
            if unmarked > (_FRONT_REACH if end < 0 else _FRONT_LINK):
                break
            if not IMPRINT.search(line.text):
                continue
            if end < 0 and not STRONG_IMPRINT.search(line.text):
                continue  # the front matter opens with a strong sign
        if _article_between(lines, aside, sure, first=end + 1, last=index, width=width):
            break
        end, unmarked = index, 0
    if end < 0:
        return 0
    following = [start for start in anywhere if start > end]
    if following:
        return min(following)
    page = lines[end].page
    while end + 1 < len(lines) and page is not None and lines[end + 1].page == page:
        end += 1
    return end + 1


def _article_between(
    lines: list[Line], aside: dict[int, str], starts: list[int], *, first: int, last: int, width: int
) -> bool:
    for start in starts:
        if first <= start < last:
            kept = [k for k in range(start, last) if k not in aside][:_BODY_REACH]
            if sum(len(lines[k].text) >= 0.7 * width for k in kept) >= _BODY_LINES:
                return True
    return False


def _front_kinds(lines: list[Line], aside: dict[int, str], end: int, width: int) -> dict[int, str]:
    """Cover, imprint or front matter (a foreword, the committee), page by page or block by block."""
    gaps = sorted(line.gap for line in lines) or [0]
    typical_gap = gaps[len(gaps) // 2]
    blocks: list[list[int]] = []
    page_break = True
    for index in range(end):
        if index in aside:
            page_break = page_break or aside[index] == "page number"
            continue
        line = lines[index]
        previous = blocks[-1][-1] if blocks else None
        new_page = previous is not None and line.page is not None and line.page != lines[previous].page
        if page_break or new_page or (line.page is None and line.gap > typical_gap):
            blocks.append([])
        blocks[-1].append(index)
        page_break = False
    out: dict[int, str] = {}
    cover = True
    for block in blocks:
        texts = [lines[k].text for k in block]
        signs = sum(1 for text in texts if IMPRINT.search(text))
        long_lines = sum(len(text) >= 0.7 * width for text in texts)
        if signs and signs * _TEXT_PER_SIGN >= long_lines:  # a foreword may name the committee
            kind, cover = "imprint", False
        elif cover and long_lines <= _COVER_LONG_LINES:
            kind = "cover"
        else:
            kind, cover = "front matter", False
        out.update(dict.fromkeys(block, kind))
    return out


def _back_matter_start(
    lines: list[Line], aside: dict[int, str], blocks: list[ContentsBlock], starts: list[int], front_end: int
) -> int:
    """The first line after the last article: a contents list, an index of authors, a colophon."""
    last_start = max([front_end - 1, *starts])
    found = [block.start for block in blocks if block.start > last_start]
    marks = []
    for index in range(last_start + 1, len(lines)):
        text = lines[index].text
        if index in aside:
            continue
        if _BACK_HEADING.match(text):
            found.append(index)
        elif index >= len(lines) - _BACK_REACH and IMPRINT.search(text) and not _REFERENCE.search(text):
            marks.append(index)
    for first, second in pairwise(marks):
        if second - first <= 2 * _HEADER_SPAN:  # one sign may close an article ('© Автор, 2024')
            found.append(_colophon_top(lines, aside, first, last_start))
            break
    return min(found, default=len(lines))


def _colophon_top(lines: list[Line], aside: dict[int, str], index: int, floor: int) -> int:
    """Back from a colophon's first sign over its short title lines, on the same page."""
    top = index
    while top - 1 > floor and index - top < 12 and top - 1 not in aside:
        above = lines[top - 1]
        if above.page != lines[index].page or c.ends_sentence(above.text) or len(above.text) > 60:
            break
        top -= 1
    return top

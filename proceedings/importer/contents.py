"""A volume's own contents list: where it is, and its entries (title, authors, printed page).

The contents is the strongest evidence of where articles start, so its entries are kept for
the splitter; its lines belong to no article. It is found by its heading ('Содержание',
'Оглавление', 'Мазмұны', 'Contents', trilingual ones joined by '/'), then read entry by entry:
an entry is one or more lines closed by a printed page number — after a dotted leader
('…… 12', '. . . 12'), on a line of its own (text dumps put it there after a leader that
filled the line), or after the title when the page numbers so far run in order. Lines
opening with a section word ('Номинация «…»', 'Секция 2', 'Section') or in capitals above
entries in ordinary case name a section. The list ends where entries stop: a dozen lines with
no page number, or a page of the PDF with none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from proceedings.importer import classify as c
from proceedings.importer.running import CLASSIFICATION
from proceedings.importer.types import Line

_HEADING_WORD = r"(?:содержание|оглавление|мазмұны|мазмұн|contents|table\s+of\s+contents|content)"
HEADING = re.compile(rf"^{_HEADING_WORD}(?:\s*[/|•·,–—-]\s*{_HEADING_WORD})*\s*[:.]?$", re.IGNORECASE)
# A leader of dots (or underscores) before the page number; '…' is how some dumps keep them.
_LEADER = r"(?:[.…_·]\s*){3,}|…+"
# The text keeps one full stop of its own ('Сейітов А.Б. ........ 4'), the rest is the leader.
_TEXT = r"(?P<text>(?:.*?[^.\s…_·]\.?)?)"
_LEADER_PAGE = re.compile(rf"^{_TEXT}\s*(?:{_LEADER})\s*(?P<page>\d{{1,4}})$")
_LEADER_ONLY = re.compile(rf"^{_TEXT}\s*(?:{_LEADER})$")
_PAGE_ONLY = re.compile(r"^(?:[-–—]\s*)?(?P<page>\d{1,4})(?:\s*[-–—])?$")
_TRAILING_PAGE = re.compile(r"^(?P<text>.*\D)\s(?P<page>\d{1,4})$")
# A section's name opens with one of these words ('Секция 2. …', '1-секция', 'НОМИНАЦИЯ «…»').
SECTION_WORD = re.compile(
    r"^(?:(?:\d{1,2}|[IVXІ]{1,4})\s*[-.–]?\s*)?(?:секция|подсекция|номинация|направление|раздел|бөлім|"
    r"section|session|пленарн\w*|пленарлық)\b",
    re.IGNORECASE,
)
_ENTRY_NUMBER = re.compile(r"^\d{1,3}[.)]\s+")
_NAME_JOIN = re.compile(r"\s*[,;]\s*|\s+(?:и|және|and|&)\s+")
_MAX_OPEN_LINES = 12  # lines of one entry before its page number: a title one word per line
_MIN_ENTRIES = 2
_TRAILING_PAGE_JUMP = 200  # a bare trailing number further ahead than this is part of the title
_TRAILING_TITLE_LETTERS = 12  # 'УДК 070' or 'Том 2' is no entry


@dataclass(frozen=True)
class ContentsEntry:
    """One line of the contents: an article's title, its authors as printed ('' if none), page.

    `section` is the contents' section the entry is listed under ('' if none); `lines` are the
    raw line numbers of the lines the entry was read from.
    """

    title: str
    authors: str
    page: int | None
    section: str = ""
    lines: tuple[int, ...] = ()
    last: int = field(default=0, compare=False, repr=False)  # index of its last line, for the reader


@dataclass(frozen=True)
class ContentsBlock:
    """A contents list: its heading at `start`, its last entry's last line at `end` (indices)."""

    start: int
    end: int
    entries: list[ContentsEntry]
    sections: list[str]


def find_contents(lines: list[Line], skip: dict[int, str]) -> list[ContentsBlock]:
    """Every contents list in the volume (usually one, at the front or at the back)."""
    blocks = []
    i = 0
    while i < len(lines):
        if i not in skip and HEADING.match(lines[i].text):
            block = _read_block(lines, i, skip)
            if block is not None:
                blocks.append(block)
                i = block.end + 1
                continue
        i += 1
    return blocks


def _read_block(lines: list[Line], start: int, skip: dict[int, str]) -> ContentsBlock | None:
    reader = _Reader(lines, skip)
    for i in range(start + 1, len(lines)):
        if not reader.feed(i):
            break
    entries = [entry for entry in reader.entries if entry.page is not None]
    if len(entries) < _MIN_ENTRIES:
        return None
    end = max(entry.last for entry in entries)
    sections = [text for first, text in reader.sections if first <= end]
    return ContentsBlock(start=start, end=end, entries=entries, sections=sections)


class _Reader:
    """Reads entries one line at a time; `feed` says whether the list goes on."""

    def __init__(self, lines: list[Line], skip: dict[int, str]) -> None:
        self.lines = lines
        self.skip = skip
        self.entries: list[ContentsEntry] = []
        self.sections: list[tuple[int, str]] = []
        self.section = ""
        self.open: list[int] = []  # lines of the entry read so far, no page number yet
        self.open_section: list[int] = []
        self.last_page = 0
        self.page_of_last_entry: int | None = None

    def feed(self, i: int) -> bool:
        if i in self.skip and not (self.skip[i] == "page number" and self.open):
            return True
        if self._left_its_pages(self.lines[i]):
            return False
        text = self.lines[i].text
        closing = _closing(text)
        if closing is None and (self.open_section or self._section_opens(i)):
            self._section_line(i)
            return True
        if closing is None:
            closing = self._trailing_page(text)
        if closing is not None:
            if self.open or closing[0]:  # a number alone after a finished entry: the page's own
                self._close(i, *closing)
            return True
        self.open.append(i)
        return len(self.open) <= _MAX_OPEN_LINES

    def _section_line(self, i: int) -> None:
        if self.open_section and self._section_opens(i):
            self._finish_section_if_closed(force=True)
        self.open_section.append(i)
        self._finish_section_if_closed(force=len(self.open_section) >= 3)

    def _left_its_pages(self, line: Line) -> bool:
        """In a PDF the contents ends with the page that closed its last entry, or the next one."""
        if line.page is None or self.page_of_last_entry is None:
            return False
        return line.page > self.page_of_last_entry + 1 or (
            line.page == self.page_of_last_entry + 1 and len(self.open) >= _MAX_OPEN_LINES // 2
        )

    def _trailing_page(self, text: str) -> tuple[str, int] | None:
        """A bare number after a title is its page only if the pages so far lead up to it."""
        match = _TRAILING_PAGE.match(text)
        if match is None or not self.entries or CLASSIFICATION.match(text):
            return None
        if len(c.letters(match.group("text"))) < _TRAILING_TITLE_LETTERS:
            return None
        page = int(match.group("page"))
        if not self.last_page <= page <= self.last_page + _TRAILING_PAGE_JUMP:
            return None
        return match.group("text"), page

    def _section_opens(self, i: int) -> bool:
        text = self.lines[i].text
        if self.open or _LEADER_ONLY.match(text):
            return False
        if SECTION_WORD.match(text):
            return True
        following = self.lines[i + 1].text if i + 1 < len(self.lines) else ""
        return c.is_title_continuation(text) and not c.is_title_continuation(following)

    def _finish_section_if_closed(self, *, force: bool = False) -> None:
        text = " ".join(self.lines[k].text for k in self.open_section)
        if text.count("«") > text.count("»") and not force:
            return  # the quoted section name goes on
        self.section = text.strip()
        self.sections.append((self.open_section[0], self.section))
        self.open_section = []

    def _close(self, i: int, last_text: str, page: int) -> None:
        if self.open_section:  # a section whose closing quote never came
            self._finish_section_if_closed(force=True)
        texts = [self.lines[k].text for k in self.open]
        leader = [_LEADER_ONLY.match(t) for t in texts]
        texts = [m.group("text") if m else t for m, t in zip(leader, texts, strict=True)]
        if last_text:
            texts.append(last_text)
        authors, title = split_authors(" ".join(t for t in texts if t).strip())
        indices = (*self.open, i)
        raw = tuple(self.lines[k].raw for k in indices)
        self.entries.append(ContentsEntry(title, authors, page, self.section, raw, indices[-1]))
        self.open = []
        self.last_page = max(self.last_page, page)
        self.page_of_last_entry = self.lines[i].page


def _closing(text: str) -> tuple[str, int] | None:
    """(text before it, page) when the line ends an entry with a page number after a leader."""
    if match := _PAGE_ONLY.match(text):
        return "", int(match.group("page"))
    if match := _LEADER_PAGE.match(text):
        return match.group("text"), int(match.group("page"))
    return None


def split_authors(text: str) -> tuple[str, str]:
    """('Бердников С.И.', 'Исследование …') from 'Бердников С.И. Исследование …'.

    Names with initials printed before the title, or after it ('… активов Иванов И.П.',
    '… / И.П. Иванов'), are the authors; a title with no such names keeps them ('' authors).
    An entry's number ('12. ') is neither.
    """
    text = _ENTRY_NUMBER.sub("", text)
    position = 0
    while match := c.NAME.match(text, position):
        position = match.end()
        joined = _NAME_JOIN.match(text, position)
        if joined and c.NAME.match(text, joined.end()):
            position = joined.end()
    if position and (title := text[position:].lstrip(" ,;:.–—-")):
        return text[:position].strip(" ,;"), title
    names = list(c.NAME.finditer(text))
    end = start = len(text.rstrip(" ,;"))
    for match in reversed(names):  # a run of names closing the entry, joined by commas or 'и'
        between = text[match.end() : start]
        if between.strip() and not _NAME_JOIN.fullmatch(between):
            break
        start = match.start()
    if start < end and (title := text[:start].rstrip(" /,;:–—-")):
        return text[start:end], title
    return "", text

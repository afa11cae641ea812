"""Plain data passed between the importer's steps.

Nothing here knows about Django: the database layer turns an `ImportPlan` into rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


class ImportFileError(Exception):
    """A file the importer cannot read; the message is meant for the editor, as is."""


# Why a line of a PDF is not content. A margin line number (review-format papers number every
# line in the margin) is never text: `normalise_lines` leaves it out, and the raw line keeps it,
# so the count of the file's lines still includes what was set aside.
LINE_NUMBER = "line number"
PAGE_NUMBER = "page number"  # a line holding only the printed page number; kept as a Line


@dataclass(frozen=True)
class LineLayout:
    """Where and how one line of a PDF is printed, in points from the page's top left corner.

    `size`, `bold` and `italic` are the dominant span's (by characters); `caps` is true when
    every cased letter is a capital (at least two of them). `column` is 0 for a line outside a
    multi-column part of the page, else 1, 2, … from the left; `indent` is the line's distance
    from its column's left edge (the page's text area outside columns) and `centred` means
    centred on that column and clear of both its edges — a full justified line is not centred.
    `printed_page` is the page number printed on the page (or inferred between printed ones),
    None when there is none; `furniture` says why the line is not content ("" when it is).
    """

    page: int
    top: float
    bottom: float
    left: float
    right: float
    size: float
    bold: bool = False
    italic: bool = False
    caps: bool = False
    centred: bool = False
    column: int = 0
    indent: float = 0.0
    page_width: float = 0.0
    page_height: float = 0.0
    printed_page: int | None = None
    furniture: str = ""


@dataclass(frozen=True)
class RawDocument:
    """The file as lines, before any cleaning; line N of the file is `lines[N - 1]`.

    A PDF's lines are in reading order (see `layout`), each with its `LineLayout` at the same
    index of `layout` (None for a blank line); a text file has no layout (`layout` is None).
    """

    kind: Literal["text", "pdf"]
    lines: list[str]
    pages: list[int | None]
    encoding: str = ""
    layout: list[LineLayout | None] | None = None
    tables: list[TableLayout] = field(default_factory=list)  # a PDF's, rebuilt from its rulings


@dataclass(frozen=True)
class TableLayout:
    """A table of a PDF page rebuilt from its rulings (`tables`): its box, in points from the
    page's top left, and its cells' text row by row ('' where a merged cell covers one)."""

    page: int
    left: float
    top: float
    right: float
    bottom: float
    rows: tuple[tuple[str, ...], ...]

    def holds(self, line: Line) -> bool:
        """Whether the middle of `line` lies in the table's box."""
        if line.page != self.page or None in (line.top, line.bottom, line.left, line.right):
            return False
        x, y = (line.left + line.right) / 2, (line.top + line.bottom) / 2
        return self.left <= x <= self.right and self.top <= y <= self.bottom


@dataclass(frozen=True)
class Line:
    """One non-empty line after cleaning, with what the layout said about it.

    `glued` is true when the raw line right above was not empty: in dumps where every text
    line is followed by an empty one, a glued line marks a seam between two extracted pieces.
    """

    text: str
    raw: int
    indent: int
    glued: bool
    gap: int
    page: int | None = None
    # From the PDF's layout (`LineLayout`); a text dump leaves them None/False/"".
    printed_page: int | None = None
    top: float | None = None
    bottom: float | None = None
    left: float | None = None
    right: float | None = None
    size: float | None = None
    bold: bool = False
    italic: bool = False
    caps: bool = False
    centred: bool = False
    column: int | None = None
    furniture: str = ""


@dataclass(frozen=True)
class Paragraph:
    """Consecutive lines read as one paragraph; `start`/`end` index into the line list."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class PersonDraft:
    name: str
    printed: str
    role: str
    position: str = ""
    affiliation: str = ""


@dataclass
class Header:
    """What sits above an article's body; `body_start` indexes the segment's lines."""

    title: str | None = None
    title_display: str | None = None
    authors: list[PersonDraft] = field(default_factory=list)
    supervisors: list[PersonDraft] = field(default_factory=list)
    author_lines: list[str] = field(default_factory=list)
    abstracts: dict[str, str] = field(default_factory=dict)
    keywords: dict[str, list[str]] = field(default_factory=dict)
    body_start: int = 0
    # The header again in other languages (a parallel English block): titles by language, and
    # the people as printed there — the same people, in another spelling.
    parallel_titles: dict[str, str] = field(default_factory=dict)
    parallel_people: list[PersonDraft] = field(default_factory=list)
    classification: list[str] = field(default_factory=list)  # 'УДК 330.1', 'МРНТИ 06.81.23'


@dataclass
class ArticleDraft:
    start_line: int
    end_line: int
    title: str | None
    title_display: str | None
    authors: list[PersonDraft]
    supervisors: list[PersonDraft]
    author_lines: list[str]
    language: str
    abstracts: dict[str, str]
    keywords: dict[str, list[str]]
    body: str
    body_start_line: int
    first_page: int | None
    last_page: int | None
    content_hash: str
    duplicate_of: int | None
    warnings: list[str]
    topics: list[str] = field(default_factory=list)
    # All of the article's source text as the importer read it, header included, one line per
    # line: what the editor sees beside the fields, and what a PDF import is scored by.
    text: str = ""
    parallel_titles: dict[str, str] = field(default_factory=dict)  # the title in other languages
    parallel_people: list[PersonDraft] = field(default_factory=list)  # the people, spelt there
    # The sheets of the source PDF (1-based, as `RawDocument.pages`) its lines lie on, first and
    # last: what its own PDF is cut from. None for a text file.
    pdf_sheets: tuple[int, int] | None = None
    # The body's headings, tables and preformatted runs over its paragraphs, as stored
    # (`structure.Structure.as_json`); {} when none was found.
    structure: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SetAside:
    """A line kept out of every article, and why: page furniture, front matter or back matter.

    `kind` is one of `furniture.KINDS` ('running header', 'page number', 'imprint', 'contents',
    'section heading', 'front matter', ...); `line` is the raw line number, as in the articles.
    """

    line: int
    text: str
    kind: str
    page: int | None = None


@dataclass
class SectionDraft:
    """A section of the volume as its heading prints it ('ЮРИДИЧЕСКИЕ НАУКИ', 'НОМИНАЦИЯ «…»').

    `line`/`end_line` are the raw lines of its heading (a heading may wrap or sit on a divider
    page), `articles` the first lines of the articles under it, up to the next heading.
    """

    title: str
    title_display: str
    line: int
    end_line: int
    language: str = ""  # of its title: 'kk', 'ru' or 'en'
    articles: list[int] = field(default_factory=list)


@dataclass
class ImportPlan:
    kind: str
    line_count: int
    articles: list[ArticleDraft]
    warnings: list[str] = field(default_factory=list)
    # Lines that belong to no article (page furniture, front and back matter), in file order.
    set_aside: list[SetAside] = field(default_factory=list)
    # The volume's sections in file order; an article before the first belongs to none.
    sections: list[SectionDraft] = field(default_factory=list)

"""Plain data passed between the importer's steps.

Nothing here knows about Django: the database layer turns an `ImportPlan` into rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


class ImportFileError(Exception):
    """A file the importer cannot read; the message is meant for the editor, as is."""


@dataclass(frozen=True)
class RawDocument:
    """The file as lines, before any cleaning; line N of the file is `lines[N - 1]`."""

    kind: Literal["text", "pdf"]
    lines: list[str]
    pages: list[int | None]
    encoding: str = ""


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
class ImportPlan:
    kind: str
    line_count: int
    articles: list[ArticleDraft]
    warnings: list[str] = field(default_factory=list)
    # Lines that belong to no article (page furniture, front and back matter), in file order.
    set_aside: list[SetAside] = field(default_factory=list)

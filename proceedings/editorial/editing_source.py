"""An article's lines in its volume's stored source file, read as the import read them.

The editing services cut articles by these lines; the review page shows them, and the lines
the import set aside (page furniture, front and back matter), recomputed here rather than
stored: reading the source again is what the per-article review does already (kept read per
process), and a stored copy could drift from the importer's rules. A source that is missing,
unreadable or not the file an article came from is an `ArticleEditError`, with a message meant
for the editor.
"""

from __future__ import annotations

import hashlib
import threading
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.utils.translation import gettext as _

from articles.models import Article
from proceedings.importer.dedupe import content_hash
from proceedings.importer.furniture import find_furniture
from proceedings.importer.header import parse_header
from proceedings.importer.normalise import normalise_lines, paragraphs, typical_width, vocabulary
from proceedings.importer.pipeline import set_aside_lines
from proceedings.importer.read import read_source
from proceedings.importer.types import PAGE_NUMBER, ImportFileError, Line, SetAside
from proceedings.models import Proceedings


class ArticleEditError(ValueError):
    """A fix that cannot be made; the message is meant for the editor, as is."""


@dataclass(frozen=True)
class SourceLine:
    """One non-empty line of the source file as the importer read it (spaces folded, furniture out)."""

    number: int
    text: str
    header: bool
    page: int | None = None  # of the PDF file, from 1; None for a text dump
    printed_page: int | None = None  # the number printed on that page, when the import found it
    # A text dump keeps no pages: the page number the import set aside right above this line
    # (the foot of one page or the head of the next) is where its page broke.
    number_above: str = ""


@dataclass(frozen=True)
class VolumeSource:
    """The volume's source file, normalised once, with what the importer measured over all of it."""

    lines: list[Line]
    width: int
    vocab: set[str]
    set_aside: list[SetAside] = field(default_factory=list)  # as ImportPlan.set_aside

    @cached_property
    def numbers(self) -> list[int]:
        return [line.raw for line in self.lines]

    def between(self, first: int, last: int) -> list[Line]:
        """The non-empty lines with raw numbers from `first` to `last`, both included."""
        return self.lines[bisect_left(self.numbers, first) : bisect_left(self.numbers, last + 1)]

    def body_text(self, lines: list[Line]) -> str:
        """The body the importer makes of these lines (build_article's paragraphs)."""
        return "\n\n".join(p.text for p in paragraphs(lines, width=self.width, vocab=self.vocab))


# Reading a PDF takes seconds and the review page shows one article after another: the last few
# sources stay read, by content, so a replaced file is never served from here.
SOURCES_KEPT = 4
_read_sources: dict[str, VolumeSource] = {}
_read_sources_lock = threading.Lock()


def volume_source(*, proceedings: Proceedings) -> VolumeSource:
    name = proceedings.source_file.name
    if not name or not proceedings.source_file.storage.exists(name):
        raise ArticleEditError(
            _("The source file of this volume is not stored, so its articles cannot be re-cut from it.")
        )
    with proceedings.source_file.open("rb") as handle:
        data = handle.read()
    key = hashlib.sha256(data).hexdigest()
    if (known := _read_sources.get(key)) is not None:
        return known
    try:
        raw = read_source(data, filename=name, max_bytes=max(settings.JINAQ_IMPORT_MAX_BYTES, len(data)))
    except ImportFileError as exc:
        raise ArticleEditError(str(exc)) from exc
    lines = normalise_lines(raw)
    furniture = find_furniture(lines)
    set_aside = set_aside_lines(lines, furniture)
    lines = furniture.kept(lines)  # as the import did: furniture is no article's text
    source = VolumeSource(
        lines=lines, width=typical_width(lines), vocab=vocabulary(lines), set_aside=set_aside
    )
    with _read_sources_lock:
        while len(_read_sources) >= SOURCES_KEPT:
            del _read_sources[next(iter(_read_sources))]
        _read_sources[key] = source
    return source


@dataclass(frozen=True)
class ArticleLines:
    lines: list[Line]
    body_index: int  # lines[:body_index] are the header

    @property
    def header(self) -> list[Line]:
        return self.lines[: self.body_index]

    @property
    def body(self) -> list[Line]:
        return self.lines[self.body_index :]


def article_lines(*, article: Article, source: VolumeSource) -> ArticleLines:
    """The article's source lines, checked against its stored text.

    The content hash of the body as the source gives it must equal the stored one; otherwise
    the stored file is not the one the article came from (a volume imported from two files
    keeps only the last), and cutting by line numbers would cut the wrong text.
    """
    lines = source.between(article.source_start_line, article.source_end_line)
    if article.body_start_line is not None:
        body_index = bisect_left([line.raw for line in lines], article.body_start_line)
    else:  # stored before body_start_line existed: find the header's end as the import did
        body_index = min(parse_header(lines, width=source.width).body_start, len(lines))
    matches = (
        lines
        and lines[0].raw == article.source_start_line
        and lines[-1].raw == article.source_end_line
        and content_hash(source.body_text(lines[body_index:])) == article.content_hash
    )
    if not matches:
        raise ArticleEditError(
            _(
                "The stored source file does not match “%(article)s” (lines %(start)d–%(end)d): it was "
                "probably imported from another file. Edit this article by hand."
            )
            % {"article": article, "start": article.source_start_line, "end": article.source_end_line}
        )
    return ArticleLines(lines=lines, body_index=body_index)


def article_source_lines(*, article: Article) -> list[SourceLine]:
    """The article's non-empty source lines, header lines marked, for the review page."""
    source = volume_source(proceedings=article.proceedings)
    cut = article_lines(article=article, source=source)
    numbers = _page_numbers_set_aside(source, cut.lines)
    return [
        SourceLine(
            number=line.raw,
            text=line.text,
            header=n < cut.body_index,
            page=line.page,
            printed_page=line.printed_page,
            number_above=numbers.get(line.raw, "") if line.page is None else "",
        )
        for n, line in enumerate(cut.lines)
    ]


def _page_numbers_set_aside(source: VolumeSource, lines: list[Line]) -> dict[int, str]:
    """Raw line number -> the page number set aside between it and the article's line before."""
    numbers = [line.raw for line in lines]
    return {
        numbers[bisect_left(numbers, item.line)]: item.text
        for item in source.set_aside
        if item.kind == PAGE_NUMBER and numbers and numbers[0] < item.line < numbers[-1]
    }


def volume_set_aside(*, proceedings: Proceedings) -> list[SetAside]:
    """The lines of the volume's source that are in no article, each with its kind, in file order."""
    return volume_source(proceedings=proceedings).set_aside

"""A PDF's lines in reading order, with what their print says about them (`LineLayout`).

mupdf gives a page's text in the order of its content stream, and producers do not always
write top to bottom: some draw a paper's title block after the body it sits above, some go
across both columns line by line. So each page (`place_page`) sets its margin line numbers
apart, puts the rest in the order a reader reads (`reading_order`) and joins the pieces of a
printed line again; `line_layouts` gives every line its position, type, column and printed
page. Where the stream already reads that way nothing moves, so a PDF reads like its text
dump `page.get_text()`.

Two things the dump gets wrong are set right. A justified line that the producer wrote word
by word comes out as one mupdf line per word: consecutive pieces of one column, block,
baseline and type are one line again (`merge_pieces`). Review-format papers number every
line in the margin: a narrow column of numbers, one per text line, counting up, where no
text is (`margin_line_numbers`); they are not content and are set aside.

This module sees plain data (`PageText`), not pymupdf, so it can be tested without PDFs too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from statistics import median

from proceedings.importer.reading_order import Column, Fragment, Span, reading_order, text_area
from proceedings.importer.types import LINE_NUMBER, PAGE_NUMBER, LineLayout

__all__ = ["Fragment", "PageText", "PlacedPage", "Span", "line_layouts", "place_page", "span_style"]

_NUMBER = re.compile(r"\d{1,4}")
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_ITALIC_FONT = re.compile(r"italic|oblique|[-,]it$", re.IGNORECASE)


@dataclass(frozen=True)
class PageText:
    number: int  # 1-based, as `RawDocument.pages`
    width: float
    height: float
    fragments: list[Fragment]
    label: str = ""  # the PDF's own page label, "" when it defines none


@dataclass
class PlacedPage:
    """A page's lines in reading order, each with its column; set-aside numbers apart."""

    page: PageText
    lines: list[tuple[Fragment, Column | None]] = field(default_factory=list)
    margin: list[Fragment] = field(default_factory=list)


def span_style(flags: int, font: str) -> tuple[bool, bool]:
    """(bold, italic) from mupdf's span flags (16 bold, 2 italic) or the font's name."""
    return bool(flags & 16 or _BOLD_FONT.search(font)), bool(flags & 2 or _ITALIC_FONT.search(font))


def place_page(page: PageText) -> PlacedPage:
    numbers = margin_line_numbers(page.fragments)
    kept = [fragment for n, fragment in enumerate(page.fragments) if n not in numbers]
    margin = [page.fragments[n] for n in sorted(numbers)]
    return PlacedPage(page, merge_pieces(reading_order(kept)), margin)


def merge_pieces(placed: list[tuple[Fragment, Column | None]]) -> list[tuple[Fragment, Column | None]]:
    """Pieces of one printed line (one column, block, baseline and type), in reading order, as one.

    Merged after ordering, so that a stream going across both columns line by line never
    glues a left column's line to the right column's.
    """
    out: list[tuple[Fragment, Column | None]] = []
    for fragment, column in placed:
        previous = out[-1][0] if out else None
        if previous is not None and out[-1][1] == column and _continues(previous, fragment):
            gap = fragment.x0 - previous.x1
            spaced = previous.text.endswith(" ") or fragment.text.startswith(" ")
            joint = () if spaced or gap < 0.15 * fragment.size else (Span(" ", fragment.size, False, False),)
            merged = Fragment(
                spans=previous.spans + joint + fragment.spans,
                x0=previous.x0,
                y0=min(previous.y0, fragment.y0),
                x1=max(previous.x1, fragment.x1),
                y1=max(previous.y1, fragment.y1),
                baseline=previous.baseline,
                block=previous.block,
            )
            out[-1] = (merged, column)
        else:
            out.append((fragment, column))
    return out


def _continues(previous: Fragment, fragment: Fragment) -> bool:
    """The next piece of the same printed line: a justified line's next word, a table's next cell.

    A piece in another type (a bold run-in 'Abstract' or 'Keywords' before the text) stays a
    line of its own, as in the dump, unless it is no more than a word space away.
    """
    size = max(previous.size, fragment.size, 1.0)
    if not (
        previous.block == fragment.block
        and previous.solid
        and fragment.solid
        and abs(previous.baseline - fragment.baseline) <= 0.25 * size
    ):
        return False
    gap = fragment.x0 - previous.x1
    same = _style(previous.spans[::-1]) == _style(fragment.spans)
    return -0.5 <= gap <= (3 if same else 0.5) * size


def _style(spans: tuple[Span, ...]) -> tuple[float, bool, bool] | None:
    """The type of the first span with text (pass them reversed for the last)."""
    span = next((span for span in spans if span.text.strip()), None)
    return None if span is None else (round(span.size), span.bold, span.italic)


def margin_line_numbers(fragments: list[Fragment]) -> set[int]:
    """Indexes of the margin's line numbers: lone numbers, aligned, counting up, beside no text.

    The numbers are aligned on their right (or left) edge, at least five in a run down the page
    at about the spacing of text lines, mostly counting up by one (a producer may drop the
    tens: 8, 9, 40), and their strip is crossed by almost no line of text — a title or an
    affiliation at most — where a table's numbered rows sit inside the text's width.
    """
    numbers = [n for n, f in enumerate(fragments) if f.solid and _NUMBER.fullmatch(f.text.strip())]
    if len(numbers) < 5:
        return set()
    found: set[int] = set()
    for edge in (lambda f: f.x1, lambda f: f.x0):
        for group in _aligned(numbers, fragments, edge):
            for run in _runs(group, fragments):
                if _counts_up(run, fragments) and _clear_of_text(run, fragments, set(numbers)):
                    found.update(run)
    return found


def _aligned(numbers: list[int], fragments: list[Fragment], edge) -> list[list[int]]:
    ordered = sorted(numbers, key=lambda n: edge(fragments[n]))
    groups: list[list[int]] = []
    for n in ordered:
        if groups and edge(fragments[n]) - edge(fragments[groups[-1][-1]]) <= 1.5:
            groups[-1].append(n)
        else:
            groups.append([n])
    return [group for group in groups if len(group) >= 5]


def _runs(group: list[int], fragments: list[Fragment]) -> list[list[int]]:
    ordered = sorted(group, key=lambda n: fragments[n].y0)
    steps = [fragments[b].y0 - fragments[a].y0 for a, b in pairwise(ordered)]
    step = median(steps) if steps else 0.0
    runs: list[list[int]] = [[ordered[0]]]
    for n, gap in zip(ordered[1:], steps, strict=True):
        if step > 0 and gap <= 4 * step:
            runs[-1].append(n)
        else:
            runs.append([n])
    return [run for run in runs if len(run) >= 5]


def _counts_up(run: list[int], fragments: list[Fragment]) -> bool:
    values = [int(fragments[n].text.strip()) for n in run]
    pairs = list(pairwise(values))
    up = sum(b == a + 1 or b % 10 == (a + 1) % 10 for a, b in pairs)
    return up >= 0.7 * len(pairs)


def _clear_of_text(run: list[int], fragments: list[Fragment], numbers: set[int]) -> bool:
    left = min(fragments[n].x0 for n in run)
    right = max(fragments[n].x1 for n in run)
    text = [f for n, f in enumerate(fragments) if n not in numbers and f.solid and len(f.text.strip()) >= 10]
    crossing = sum(f.x0 < right - 0.5 and f.x1 > left + 0.5 for f in text)
    return bool(text) and crossing <= 0.15 * len(text)


def line_layouts(
    pages: list[PlacedPage], printed: list[tuple[int | None, Fragment | None]]
) -> tuple[list[str], list[int], list[LineLayout | None]]:
    """Every page's lines in reading order, then its margin numbers: (texts, pages, layouts).

    `printed` gives each page's printed number and the line that holds it alone, if any.
    """
    areas = {}
    for placed in pages:
        body = [f for f, _ in placed.lines if f.solid and len(f.text.strip()) >= 15]
        if len(body) >= 4:
            areas[placed.page.number] = Column(*text_area(body))
    usual = (
        Column(median(c.left for c in areas.values()), median(c.right for c in areas.values()))
        if areas
        else None
    )
    indent = _paragraph_indent(pages, areas, usual)
    texts: list[str] = []
    numbers: list[int] = []
    layouts: list[LineLayout | None] = []
    for placed, (printed_page, number_line) in zip(pages, printed, strict=True):
        page = placed.page
        area = areas.get(page.number, usual)
        columns = sorted({c for _, c in placed.lines if c is not None and c.columned}, key=lambda c: c.left)
        rows = [
            (f, column or area, columns.index(column) + 1 if column in columns else 0, "")
            for f, column in placed.lines
        ]
        rows += [(f, area, 0, LINE_NUMBER) for f in placed.margin]
        for fragment, column, column_number, reason in rows:
            texts.append(fragment.text)
            numbers.append(page.number)
            if not fragment.text.strip():
                layouts.append(None)
                continue
            furniture = PAGE_NUMBER if fragment is number_line else reason
            where = (column, column_number, indent)
            layouts.append(_layout(fragment, where, page, printed_page, furniture))
    return texts, numbers, layouts


def _paragraph_indent(pages: list[PlacedPage], areas: dict[int, Column], usual: Column | None) -> float:
    """The volume's first-line indent, if it has one: the commonest start just right of the edge."""
    starts: dict[int, int] = {}
    total = 0
    for placed in pages:
        for fragment, column in placed.lines:
            edge = column or areas.get(placed.page.number, usual)
            if edge is None or not fragment.solid:
                continue
            total += 1
            offset = round(fragment.x0 - edge.left)
            if 5 <= offset <= 60:
                starts[offset] = starts.get(offset, 0) + 1
    if not starts:
        return 0.0
    offset = max(starts, key=starts.__getitem__)
    return float(offset) if starts[offset] >= max(5, 0.02 * total) else 0.0


def _centred(fragment: Fragment, column: Column | None, indent: float) -> bool:
    """Centred on the column, clear of its edges (a justified line is not), or overhanging both.

    Word centres a paragraph after its first-line indent, so a title in a volume whose
    paragraphs are indented is centred on an axis shifted by half that indent; both count.
    """
    if column is None:
        return False
    left, right = column.left, column.right
    tolerance = max(3.0, 0.01 * (right - left))
    middle = (fragment.x0 + fragment.x1) / 2
    if fragment.x0 < left - tolerance and fragment.x1 > right + tolerance:
        return abs(middle - (left + right) / 2) <= tolerance
    if fragment.x1 >= right - tolerance:
        return False
    return any(
        fragment.x0 > edge + tolerance and abs(middle - (edge + right) / 2) <= tolerance
        for edge in ((left, left + indent) if indent else (left,))
    )


def _layout(
    fragment: Fragment,
    where: tuple[Column | None, int, float],
    page: PageText,
    printed: int | None,
    furniture: str,
) -> LineLayout:
    column, column_number, indent = where
    weights: dict[tuple[float, bool, bool], int] = {}
    for span in fragment.spans:
        key = (round(span.size, 1), span.bold, span.italic)
        weights[key] = weights.get(key, 0) + len(span.text.strip())
    size = max(weights, key=weights.__getitem__)[0]
    total = sum(weights.values()) or 1
    text = fragment.text
    return LineLayout(
        page=page.number,
        top=round(fragment.y0, 1),
        bottom=round(fragment.y1, 1),
        left=round(fragment.x0, 1),
        right=round(fragment.x1, 1),
        size=size,
        bold=sum(w for (_, b, _), w in weights.items() if b) * 2 >= total,
        italic=sum(w for (_, _, i), w in weights.items() if i) * 2 >= total,
        caps=text.isupper() and sum(c.isupper() for c in text) >= 2,
        centred=_centred(fragment, column, indent),
        column=column_number,
        indent=round(max(fragment.x0 - column.left, 0.0), 1) if column else 0.0,
        page_width=round(page.width, 1),
        page_height=round(page.height, 1),
        printed_page=printed,
        furniture=furniture,
    )

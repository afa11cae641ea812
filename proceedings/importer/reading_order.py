"""The order a reader reads a page's lines in, from their positions alone.

A reader goes top to bottom, and in a part of the page set in columns, down the left column
before the right. `reading_order` cuts the page recursively: a part with a gutter (a vertical
strip that few lines cross, with side-by-side text on both sides at least a fifth of the width
across) is read column by column, the lines crossing the gutter (a title block, a running
header, a page number) read where they stand between the bands of columns; any other part is
read row by row, top to bottom, a row left to right. Lines that overlap both ways keep the
order of the content stream, and a blank or rotated line follows the line it follows there.
Where the stream already reads that way, nothing moves.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, pairwise
from statistics import median


@dataclass(frozen=True)
class Span:
    text: str
    size: float
    bold: bool
    italic: bool


@dataclass(frozen=True)
class Fragment:
    """One line of mupdf's dict output (or several pieces of one printed line, merged)."""

    spans: tuple[Span, ...]
    x0: float
    y0: float
    x1: float
    y1: float
    baseline: float
    block: int
    horizontal: bool = True

    @cached_property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)

    @cached_property
    def solid(self) -> bool:
        """Placed by position; a blank or rotated line follows its neighbour in the stream."""
        return self.horizontal and bool(self.text.strip())

    @cached_property
    def size(self) -> float:
        return max(self.spans, key=lambda span: len(span.text.strip())).size if self.spans else 0.0

    @property
    def core(self) -> tuple[float, float]:
        """The box without the ascent and descent that line boxes share with their neighbours."""
        shrink = 0.2 * (self.y1 - self.y0)
        return self.y0 + shrink, self.y1 - shrink


@dataclass(frozen=True)
class Column:
    left: float
    right: float
    columned: bool = False  # a column of a part set in columns, not the page's text area


def reading_order(fragments: list[Fragment]) -> list[tuple[Fragment, Column | None]]:
    """The page's lines as a reader reads them; blank and rotated lines follow their predecessor."""
    solid = [n for n, f in enumerate(fragments) if f.solid]
    placed = _order(solid, fragments, None)
    followers: dict[int, list[int]] = {}
    leading: list[int] = []
    last_solid = None
    for n, fragment in enumerate(fragments):
        if fragment.solid:
            last_solid = n
        elif last_solid is None:
            leading.append(n)
        else:
            followers.setdefault(last_solid, []).append(n)
    out = [(fragments[n], None) for n in leading]
    for n, column in placed:
        out.append((fragments[n], column))
        out.extend((fragments[m], column) for m in followers.get(n, []))
    return out


Placed = list[tuple[int, "Column | None"]]


def _order(items: list[int], fragments: list[Fragment], column: Column | None) -> Placed:
    if len(items) <= 1:
        return [(n, column) for n in items]
    rows = _rows(items, fragments)
    if len(rows) == 1:
        row = sorted(items, key=lambda n: fragments[n].x0)
        if all(fragments[b].x0 >= fragments[a].x1 - 0.5 for a, b in pairwise(row)):
            return [(n, column) for n in row]
        return [(n, column) for n in sorted(items)]  # overlapping both ways: the stream's order
    cut = _column_cut(items, fragments)
    if cut is not None:
        left, right, crossing = cut
        if not crossing:
            # a table inside a column splits it again, but it is still that column
            inner = column is not None and column.columned
            left_column = column if inner else _bounds(left, fragments)
            right_column = column if inner else _bounds(right, fragments)
            return _order(left, fragments, left_column) + _order(right, fragments, right_column)
        return _bands(items, crossing, fragments, column)
    return [placed for row in rows for placed in _order(row, fragments, column)]


def _column_cut(items: list[int], fragments: list[Fragment]) -> tuple[list[int], list[int], set[int]] | None:
    """Left side, right side and crossing lines of the best gutter, when the lines form columns.

    A gutter is a vertical strip that few lines cross (at most a third), with lines on both
    sides that are side by side, each side at least a fifth of the width across (so a column
    of page numbers in a contents list is no column).
    """
    start = int(min(fragments[n].x0 for n in items))
    end = int(max(fragments[n].x1 for n in items)) + 1
    width = end - start
    if width < 50:
        return None
    delta = [0] * (width + 1)
    for n in items:
        f = fragments[n]
        delta[int(f.x0) - start] += 1
        delta[min(int(f.x1) + 1, end) - start] -= 1
    coverage = list(accumulate(delta[:width]))
    gap = max(6.0, 0.6 * median(fragments[n].size for n in items))
    best = None
    for low, high in _strips(coverage, len(items) // 3):
        # the least crossed part of the strip, when wide enough: an abstract set narrower than
        # the text below it must not pull the gutter over the ends of the longer lines
        floor = min(coverage[low:high])
        parts = [(a, b) for a, b in _strips(coverage[low:high], floor) if b - a - 2 >= gap]
        for a, b in [(low + a, low + b) for a, b in parts] or [(low, high)]:
            if b - a - 2 < gap:
                continue
            cut = _sides(items, fragments, start + a + 1, start + b - 1, width)
            if cut is not None and (best is None or len(cut[2]) < len(best[2])):
                best = cut
    return best


def _strips(coverage: list[int], limit: int) -> list[tuple[int, int]]:
    """The maximal runs [a, b) of positions covered by at most `limit` lines."""
    out = []
    a = None
    for x, level in enumerate([*coverage, limit + 1]):
        if level <= limit and a is None:
            a = x
        elif level > limit and a is not None:
            out.append((a, x))
            a = None
    return out


def _sides(items: list[int], fragments: list[Fragment], a: float, b: float, width: int):
    left = [n for n in items if fragments[n].x1 <= a + 0.5]
    right = [n for n in items if fragments[n].x0 >= b - 0.5]
    crossing = set(items) - set(left) - set(right)
    if len(left) < 2 or len(right) < 2 or len(crossing) > len(items) // 3:
        return None
    for side in (left, right):
        if max(fragments[n].x1 for n in side) - min(fragments[n].x0 for n in side) < 0.2 * width:
            return None
        if len(_rows(side, fragments)) < 2:  # the words of one row are no column
            return None
    top = max(min(fragments[n].y0 for n in side) for side in (left, right))
    bottom = min(max(fragments[n].y1 for n in side) for side in (left, right))
    if bottom <= top:  # one above the other: rows, not columns
        return None
    return left, right, crossing


def _bands(items: list[int], crossing: set[int], fragments: list[Fragment], column: Column | None) -> Placed:
    """Columns between the lines that cross the gutter, each band read column by column."""
    across = sorted(crossing, key=lambda n: fragments[n].y0)
    centres = [(fragments[n].y0 + fragments[n].y1) / 2 for n in across]
    bands: list[list[int]] = [[] for _ in range(len(across) + 1)]
    for n in items:
        if n not in crossing:
            middle = (fragments[n].y0 + fragments[n].y1) / 2
            bands[sum(centre < middle for centre in centres)].append(n)
    out: Placed = []
    group: list[int] = []
    for k, band in enumerate(bands):
        if band:
            out.extend(_order(group, fragments, column))
            group = []
            out.extend(_order(band, fragments, column))
        if k < len(across):
            group.append(across[k])
    out.extend(_order(group, fragments, column))
    return out


def _rows(items: list[int], fragments: list[Fragment]) -> list[list[int]]:
    ordered = sorted(items, key=lambda n: (fragments[n].core[0], n))
    rows: list[list[int]] = []
    bottom = float("-inf")
    for n in ordered:
        top, low = fragments[n].core
        if rows and top < bottom:
            rows[-1].append(n)
            bottom = max(bottom, low)
        else:
            rows.append([n])
            bottom = low
    return rows


def _bounds(items: list[int], fragments: list[Fragment]) -> Column:
    left, right = text_area([fragments[n] for n in items])
    return Column(left, right, columned=True)


def text_area(fragments: list[Fragment]) -> tuple[float, float]:
    """The left and right edges of running text: most long lines start and end there."""
    solid = [f for f in fragments if f.solid]
    body = [f for f in solid if len(f.text.strip()) >= 15] or solid
    starts = sorted(f.x0 for f in body)
    ends = sorted(f.x1 for f in body)
    return starts[len(starts) // 10], ends[(len(ends) * 9) // 10]

"""Tables of a PDF page, rebuilt from its rulings: their boxes and their cells' text, row by row.

mupdf's table finder (`page.find_tables`, after pdfplumber's) builds a grid from the lines a
table is drawn with and gives its cells. It costs a quarter of a second a page (it lists every
character of the page first), and it takes any ruled box for a table, so it is kept to pages
and parts of pages where rules cross as a table's do (`grid_box`):

* only ink rules count (`rules`): stroked lines and thin filled bars. Some producers paint a
  white box behind every line of text, and those boxes' edges make a grid of a page of prose;
* rules cross as a table's when one meets another away from both their ends (a ruled frame's
  corners are no table), after the pieces of one rule — Word draws a table's every cell border
  apart — are joined again (`_joined`). The finder then looks only around those crossings.

A grid that holds prose is no table either (`plausible`): a cell of a real table holds a few
words or a figure, never a column of text, as two tables side by side in two columns, fused into
one grid across the gutter, would. The cells' text is the page's own lines placed by their
middle (`fill_cells`), as the importer read them, rather than the finder's own extraction,
which loses the full stop of '4.15'.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import product
from typing import TYPE_CHECKING

from proceedings.importer.normalise import clean_text, join_lines
from proceedings.importer.reading_order import Fragment
from proceedings.importer.types import TableLayout

if TYPE_CHECKING:
    import pymupdf

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in points from the page's top left
Rule = tuple[float, float, float]  # a horizontal rule's y, x0, x1; a vertical one's x, y0, y1
Rows = tuple[tuple[str, ...], ...]

THIN = 2.5  # a filled bar no thicker than this (points) is drawn as a rule
WHITE = (1.0, 1.0, 1.0)
NEAR = 3.0  # rules this close meet; a crossing this far from a rule's end is inside it
MARGIN = 10.0  # around the crossings, where the finder looks
MIN_CROSSINGS = 4  # a table of two rows and two columns, framed, has five
MIN_ROWS = 2
MIN_COLUMNS = 2
MAX_CELL_CHARS = 300  # more is a column of prose caught in a grid


def rules(drawings: Sequence[dict]) -> list[dict]:
    """The drawings that may be a table's rules: stroked paths, and filled bars thin as a line
    that are not white (a white box behind text, a shaded background are no rules)."""
    out = []
    for drawing in drawings:
        x0, y0, x1, y1 = drawing["rect"]
        stroked = drawing.get("color") is not None and drawing.get("type") in ("s", "fs")
        fill = drawing.get("fill")
        bar = fill is not None and tuple(fill) != WHITE and min(x1 - x0, y1 - y0) <= THIN
        if stroked or bar:
            out.append(drawing)
    return out


def grid_box(drawings: Sequence[dict]) -> Box | None:
    """Around the rules that cross as a table's do, or None when too few do."""
    horizontal, vertical = _segments(rules(drawings))
    horizontal, vertical = _joined(horizontal), _joined(vertical)
    crossings = [
        (h, v)
        for h, v in product(horizontal, vertical)
        if h[1] - NEAR <= v[0] <= h[2] + NEAR
        and v[1] - NEAR <= h[0] <= v[2] + NEAR
        and (h[1] + NEAR < v[0] < h[2] - NEAR or v[1] + NEAR < h[0] < v[2] - NEAR)
    ]
    if len(crossings) < MIN_CROSSINGS:
        return None
    return (
        min(h[1] for h, _ in crossings) - MARGIN,
        min(v[1] for _, v in crossings) - MARGIN,
        max(h[2] for h, _ in crossings) + MARGIN,
        max(v[2] for _, v in crossings) + MARGIN,
    )


def _segments(drawings: Sequence[dict]) -> tuple[list[Rule], list[Rule]]:
    horizontal: list[Rule] = []
    vertical: list[Rule] = []
    for drawing in drawings:
        stroked = drawing.get("color") is not None and drawing.get("type") in ("s", "fs")
        for item in drawing["items"]:
            if item[0] == "l":
                (ax, ay), (bx, by) = item[1][:2], item[2][:2]
                if abs(ay - by) < 1:
                    horizontal.append((ay, min(ax, bx), max(ax, bx)))
                elif abs(ax - bx) < 1:
                    vertical.append((ax, min(ay, by), max(ay, by)))
            elif item[0] == "re":
                x0, y0, x1, y1 = item[1][:4]
                if y1 - y0 <= THIN:
                    horizontal.append(((y0 + y1) / 2, x0, x1))
                elif x1 - x0 <= THIN:
                    vertical.append(((x0 + x1) / 2, y0, y1))
                elif stroked:  # a ruled box: its four sides
                    horizontal += [(y0, x0, x1), (y1, x0, x1)]
                    vertical += [(x0, y0, y1), (x1, y0, y1)]
    return horizontal, vertical


def _joined(segments: list[Rule]) -> list[Rule]:
    """Pieces of one rule (on one line, end to end) as one."""
    out: list[Rule] = []
    for position, start, end in sorted(segments, key=lambda s: (round(s[0]), s[1])):
        if out and abs(out[-1][0] - position) <= 1 and start <= out[-1][2] + NEAR:
            out[-1] = (out[-1][0], out[-1][1], max(out[-1][2], end))
        else:
            out.append((position, start, end))
    return out


def page_tables(page: pymupdf.Page, number: int, fragments: Sequence[Fragment]) -> list[TableLayout]:
    """The page's tables; `number` is the page's (1-based), `fragments` its lines."""
    box = grid_box(page.get_cdrawings())
    if box is None:
        return []
    try:
        found = page.find_tables(
            clip=box, strategy="lines_strict", paths=rules(page.get_drawings()), use_layout=False
        ).tables
    except Exception:  # a grid the finder chokes on leaves the page's text as it is
        return []
    tables = []
    for table in found:
        grid = [[None if cell is None else tuple(cell) for cell in row.cells] for row in table.rows]
        rows = fill_cells(grid, fragments)
        if plausible(rows):
            x0, y0, x1, y1 = table.bbox
            tables.append(TableLayout(page=number, left=x0, top=y0, right=x1, bottom=y1, rows=rows))
    return tables


def fill_cells(grid: Sequence[Sequence[Box | None]], fragments: Sequence[Fragment]) -> Rows:
    """Each cell's text: the lines whose middle lies in it, top to bottom, joined as the importer
    joins wrapped lines; '' for a cell a merged one covers (the finder gives no box for it)."""
    rows = []
    for row in grid:
        cells = []
        for box in row:
            inside = [] if box is None else [f for f in fragments if f.solid and _holds(box, f)]
            inside.sort(key=lambda f: (round(f.y0), f.x0))
            cells.append(clean_text(join_lines([clean_text(f.text) for f in inside])))
        rows.append(tuple(cells))
    return tuple(rows)


def _holds(box: Box, fragment: Fragment) -> bool:
    x, y = (fragment.x0 + fragment.x1) / 2, (fragment.y0 + fragment.y1) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def plausible(rows: Sequence[Sequence[str]]) -> bool:
    """Rows and columns enough, most cells filled, and no cell holding prose."""
    if len(rows) < MIN_ROWS or max((len(row) for row in rows), default=0) < MIN_COLUMNS:
        return False
    cells = [cell for row in rows for cell in row]
    filled = [cell for cell in cells if cell]
    return 2 * len(filled) >= len(cells) and all(len(cell) <= MAX_CELL_CHARS for cell in cells)

"""The page numbers a volume prints, page by page: what citations give, not the PDF's index.

A printed page number stands at the top or the bottom of the page, alone or at either end
of a running header or footer, and goes up by one from page to page. So every page offers
the numbers at the ends of its top and bottom lines, and a number is taken when a
neighbouring page (one or two away) offers the number that fits: a volume that numbers each
paper from 1 again is read paper by paper, and the '3' of a section heading that happens to
open a page finds no neighbour. The PDF's own page labels fill the pages that print none
when they agree with what is printed. A page that prints none between two numbered pages
whose numbers leave room for exactly it (an article's opening page often goes without) has
the number that belongs there, and so has the page just before a numbered run (counting down
to 1 at most); any other page has none.
"""

from __future__ import annotations

import re
from itertools import pairwise

from proceedings.importer.layout import Fragment, PlacedPage

# A number alone, maybe between dashes or brackets ('– 25 –', '[25]'), or opening or closing a
# running header ('25 | Вестник', 'Материалы конференции 25', 'Стр. 25', '25 бет').
_ALONE = re.compile(r"[\W_]*(\d{1,4})[\W_]*")
_FIRST = re.compile(r"(\d{1,4})(?:\s+|\s*[|·•–—]\s*)\S.*")
_LAST = re.compile(r".*\S(?:\s+|\s*[|·•–—]\s*)(\d{1,4})")
_EDGE_SHARE = 0.25  # running headers and footers sit in the top or bottom quarter of the page
_EDGE_LINES = 2  # lines looked at from each end of the page


def printed_page_numbers(pages: list[PlacedPage]) -> list[tuple[int | None, Fragment | None]]:
    """For every page: its printed number (or None) and the line holding that number alone."""
    offers = [_offers(placed) for placed in pages]
    chosen: list[tuple[int | None, Fragment | None]] = []
    for index, own in enumerate(offers):
        best = None
        for value, line, alone in own:
            support = sum(
                any(other == value + step for other, _, _ in offers[index + step])
                for step in (-2, -1, 1, 2)
                if 0 <= index + step < len(offers)
            )
            rank = (support, alone)
            # a number in a running header needs two neighbours: a section heading's may have one
            if support >= (1 if alone else 2) and (best is None or rank > best[0]):
                best = (rank, value, line if alone else None)
        chosen.append((best[1], best[2]) if best else (None, None))
    numbers = _with_labels([value for value, _ in chosen], [placed.page.label for placed in pages])
    numbers = _inferred(numbers)
    return [(value, line) for value, (_, line) in zip(numbers, chosen, strict=True)]


def _offers(placed: PlacedPage) -> list[tuple[int, Fragment, bool]]:
    """(number, line, alone on its line) at the ends of the page's top and bottom lines."""
    height = placed.page.height
    lines = sorted((f for f, _ in placed.lines if f.solid), key=lambda f: f.y0)
    edges = lines[:_EDGE_LINES] + lines[-_EDGE_LINES:] if len(lines) > 2 * _EDGE_LINES else lines
    out = []
    for line in dict.fromkeys(edges):
        if _EDGE_SHARE * height < line.y0 and line.y1 < (1 - _EDGE_SHARE) * height:
            continue
        text = line.text.strip()
        if match := _ALONE.fullmatch(text):
            out.append((int(match.group(1)), line, True))
            continue
        for pattern in (_FIRST, _LAST):
            if match := pattern.fullmatch(text):
                out.append((int(match.group(1)), line, False))
    return [offer for offer in out if offer[0] > 0]


def _with_labels(numbers: list[int | None], labels: list[str]) -> list[int | None]:
    """Pages without a printed number take the PDF's numeric label, unless labels contradict print."""
    pairs = [(n, label) for n, label in zip(numbers, labels, strict=True) if n is not None and label]
    if sum(label != str(n) for n, label in pairs) > sum(label == str(n) for n, label in pairs):
        return numbers
    return [
        int(label) if n is None and label.isdigit() and int(label) > 0 else n
        for n, label in zip(numbers, labels, strict=True)
    ]


def _inferred(numbers: list[int | None]) -> list[int | None]:
    out = list(numbers)
    known = [n for n, value in enumerate(numbers) if value is not None]
    for a, b in pairwise(known):
        if 1 < b - a <= 3 and numbers[b] - numbers[a] == b - a:
            for n in range(a + 1, b):
                out[n] = numbers[a] + n - a
    for n in range(len(out) - 1):
        following = out[n + 1]
        if (
            out[n] is None
            and following is not None
            and following > 1
            and n + 2 < len(out)
            and out[n + 2] == following + 1
        ):
            out[n] = following - 1
    return out

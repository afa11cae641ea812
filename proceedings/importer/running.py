"""Running headers, footers and page numbers: what every page of a volume repeats.

In a PDF they sit among the first or last lines of their page (by height when the reader kept
it); a page number keeps the same distance to the page index as on a nearby page, and a
header's text, numbers aside ('Секция 2. … 45'), comes back on many pages. A text dump has no
page marks: page numbers are a run of lines alone on a line counting up by one, each a page's
worth of lines after the one before (a paper's margin line numbers come every line or two
and are left alone), and a header is a line recurring a page apart, beside those numbers or
counting up like them. Lines every article has ('Аннотация', 'Список литературы', 'УДК 34')
are never headers, however often they come.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from itertools import pairwise
from statistics import median

from proceedings.importer import classify as c
from proceedings.importer.types import Line

PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:(?:стр|с|бет|б|page|p)\.?\s*)?(?P<n>\d{1,4})(?:\s*[-–—])?(?:\s*(?:бет|б|стр)\.?)?$",
    re.IGNORECASE,
)
CLASSIFICATION = re.compile(
    r"^(?:УДК|ӘОЖ|ӘӨЖ|UDC|UDK|МРНТИ|ГРНТИ|ХҒТАР|IRSTI|JEL|DOI)\b\s*[:.]?\s*\S", re.IGNORECASE
)
_CAPTION = re.compile(r"(?:table|figure|fig\.|рис|таблица|кесте|сурет)\w*\s*\d", re.IGNORECASE)
_NUMBER = re.compile(r"\d+")

_ZONE = 2  # lines at the top and at the bottom of a page where headers and page numbers sit
_NEIGHBOUR_PAGES = 3  # a page number's offset to the page index is shared within this many pages
_PAGE_LINES = (8, 400)  # non-empty lines from one page number to the next in a text dump
_MIN_MEDIAN_PAGE = 15
_MIN_RUN = 3
_CROWD = 8  # a page number has at most one other number alone on a line this near it
_CROWD_NUMBERS = 2
_HEADER_WORDS = 2  # a dump's one-word lines ('Chinese') recur without being headers
_HEADER_SHARE = 0.4  # of the pages between its first and last, a running header is on at least this
_MIN_RECURRENCES = 4
_MAX_HEADER = 160
_SAME_PLACE, _SAME_SIZE = 2.0, 0.5  # points


def by_page(lines: list[Line]) -> dict[int, list[int]]:
    """Page index -> indices of its lines (a PDF's; a text dump has none)."""
    pages: dict[int, list[int]] = defaultdict(list)
    for index, line in enumerate(lines):
        if line.page is not None:
            pages[line.page].append(index)
    return pages


def page_numbers(lines: list[Line]) -> dict[int, int]:
    """Line index -> printed number, for the lines that are only a page's number.

    The PDF reader may have found them already from the layout (`Line.furniture`); those are
    kept, with any this finds besides.
    """
    found = (
        _numbers_by_page(lines)
        if any(line.page is not None for line in lines)
        else _numbers_by_sequence(lines)
    )
    for index, line in enumerate(lines):
        if getattr(line, "furniture", "") == "page number" and index not in found:
            found[index] = _page_value(line.text) or 0
    return found


def running_headers(lines: list[Line], aside: dict[int, str]) -> list[int]:
    """Indices of running headers and footers (page numbers, already in `aside`, apart)."""
    if any(line.page is not None for line in lines):
        return _headers_by_page(lines, aside)
    return _headers_by_recurrence(lines, aside)


def _zone(lines: list[Line], indices: list[int]) -> list[int]:
    """The first and last lines of a page: by their height on it when the reader kept it."""
    tops = [getattr(lines[index], "top", None) for index in indices]
    order = indices if None in tops else [i for _, i in sorted(zip(tops, indices, strict=True))]
    return sorted(set(order[:_ZONE] + order[-_ZONE:]))


def _page_value(text: str) -> int | None:
    if len(text) > 12:
        return None
    match = PAGE_NUMBER.match(text)
    return int(match.group("n")) if match and int(match.group("n")) > 0 else None


def _numbers_by_page(lines: list[Line]) -> dict[int, int]:
    found = []
    for page, indices in by_page(lines).items():
        for index in _zone(lines, indices):
            if (value := _page_value(lines[index].text)) is not None:
                found.append((page, index, value))
    pages_at: dict[int, list[int]] = defaultdict(list)
    for page, _, value in found:
        pages_at[value - page].append(page)
    return {
        index: value
        for page, index, value in found
        if any(0 < abs(other - page) <= _NEIGHBOUR_PAGES for other in pages_at[value - page])
    }


def _numbers_by_sequence(lines: list[Line]) -> dict[int, int]:
    numbers = [(i, v) for i, line in enumerate(lines) if (v := _page_value(line.text)) is not None]
    # Margin line numbers or a table's cells come in crowds; a page number stands alone.
    where = [i for i, _ in numbers]
    numbers = [
        (i, v)
        for i, v in numbers
        if bisect_right(where, i + _CROWD) - bisect_left(where, i - _CROWD) <= _CROWD_NUMBERS
    ]
    at_value: dict[int, list[int]] = defaultdict(list)
    best: dict[int, tuple[int, int | None]] = {}  # index -> (length of the run it ends, previous)
    for index, value in numbers:
        length, previous = 1, None
        for step in (1, 2):  # a page without its number (a divider page) may sit between
            earlier = at_value.get(value - step, [])
            low = bisect_left(earlier, index - _PAGE_LINES[1] * step)
            high = bisect_right(earlier, index - _PAGE_LINES[0])
            for k in earlier[low:high]:
                if best[k][0] + 1 > length:
                    length, previous = best[k][0] + 1, k
        best[index] = (length, previous)
        at_value[value].append(index)
    value_of = dict(numbers)
    chosen: dict[int, int] = {}
    for end in sorted(best, key=lambda i: -best[i][0]):
        if best[end][0] < _MIN_RUN or end in chosen:
            continue
        run = [end]
        while (previous := best[run[-1]][1]) is not None and previous not in chosen:
            run.append(previous)
        gaps = [a - b for a, b in pairwise(run)]
        if len(run) >= _MIN_RUN and median(gaps) >= _MIN_MEDIAN_PAGE:
            chosen.update({index: value_of[index] for index in run})
    return chosen


def _key(text: str) -> str:
    return _NUMBER.sub("#", text.casefold())


def _may_recur(text: str) -> bool:
    """Lines every article has ('Аннотация', 'Список литературы', 'УДК 34') are not headers."""
    return (
        len(text) <= _MAX_HEADER
        and len(c.letters(text)) >= 3
        and not CLASSIFICATION.match(text)
        and not c.SECTION_HEADING.match(text)
        and not c.REFERENCE_HEADING.match(text)
        and not c.ABSTRACT_LABEL.match(text)
        and not c.KEYWORDS_LABEL.match(text)
        and not c.is_supervisor_line(text)
        and not _CAPTION.match(text)
    )


def _headers_by_page(lines: list[Line], aside: dict[int, str]) -> list[int]:
    pages_of: dict[str, set[int]] = defaultdict(set)
    at: dict[str, list[int]] = defaultdict(list)
    for page, indices in by_page(lines).items():
        for index in _zone(lines, indices):
            if index not in aside and len(lines[index].text) <= _MAX_HEADER:
                key = _key(lines[index].text)
                pages_of[key].add(page)
                at[key].append(index)
    out = []
    for key, pages in pages_of.items():
        span = max(pages) - min(pages) + 1
        if len(pages) < max(_MIN_RUN, _HEADER_SHARE * span) or not _may_recur(lines[at[key][0]].text):
            continue
        if not _heads_articles(lines, at[key]):
            out.extend(at[key])
    return out + _in_the_same_place(lines, aside, out, [i for indices in at.values() for i in indices])


def _in_the_same_place(
    lines: list[Line], aside: dict[int, str], headers: list[int], zone: list[int]
) -> list[int]:
    """Where the reader kept positions: a page's own header ('Иванов И.И. Право …' over the pages
    of one article only) stands where the volume's recurring headers stand, in their type size."""
    places = {(lines[i].top, lines[i].size or 0.0) for i in headers if lines[i].top is not None}
    found = set(headers)
    return [
        index
        for index in zone
        if index not in found
        and index not in aside
        and lines[index].top is not None
        and any(
            abs(lines[index].top - top) <= _SAME_PLACE
            and abs((lines[index].size or 0.0) - size) <= _SAME_SIZE
            for top, size in places
        )
        and _may_recur(lines[index].text)
    ]


def _headers_by_recurrence(lines: list[Line], aside: dict[int, str]) -> list[int]:
    at: dict[str, list[int]] = defaultdict(list)
    for index, line in enumerate(lines):
        if index not in aside and len(line.text) <= _MAX_HEADER:
            at[_key(line.text)].append(index)
    numbers = sorted(aside)
    out = []
    for indices in at.values():
        if len(indices) < _MIN_RECURRENCES:
            continue
        gaps = [b - a for a, b in pairwise(indices)]
        if sum(gap >= _PAGE_LINES[0] for gap in gaps) < 0.75 * len(gaps) or median(gaps) > _PAGE_LINES[1]:
            continue
        if len(lines[indices[0]].text.split()) < _HEADER_WORDS or not _may_recur(lines[indices[0]].text):
            continue
        beside = sum(_near(numbers, index, 2) for index in indices) >= 0.5 * len(indices)
        if (beside or _counts_up(lines, indices)) and not _heads_articles(lines, indices):
            out.extend(indices)
    return out


def _heads_articles(lines: list[Line], indices: list[int]) -> bool:
    """Names or an affiliation under most of them: titles ('… 1', '… 2'), not a header."""
    below = [lines[index + 1].text for index in indices if index + 1 < len(lines)]
    people = sum(c.is_header_line(text) or c.is_plain_name_line(text) for text in below)
    return people > len(indices) / 2


def _near(sorted_indices: list[int], index: int, distance: int) -> bool:
    k = bisect_left(sorted_indices, index - distance)
    return k < len(sorted_indices) and sorted_indices[k] <= index + distance


def _counts_up(lines: list[Line], indices: list[int]) -> bool:
    """'Секция 2. Право 45' … 'Секция 2. Право 47', or '46 Вестник № 3, 2024': the number at one
    end of the line grows a page or two at a time."""
    found = [_NUMBER.findall(lines[index].text) for index in indices]
    if not all(found):
        return False
    for end in (0, -1):
        steps = [int(b[end]) - int(a[end]) for a, b in pairwise(found)]
        if sum(1 <= step <= 3 for step in steps) >= 0.75 * len(steps):
            return True
    return False

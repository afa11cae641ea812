"""What a PDF's fonts say about a line: a title is set larger than the running text, or bold
and centred. Text dumps carry no fonts; for them these answer 'no' and the words decide."""

from __future__ import annotations

import statistics

from proceedings.importer.types import Line

_BODY_LINE = 40  # characters: a line this long is running text, whose size is the body's
_LARGER = 1.15


def body_size(lines: list[Line]) -> float | None:
    """The font size of the running text (the median size of long lines), None without fonts."""
    sizes = [line.size for line in lines if line.size and len(line.text) >= _BODY_LINE]
    return statistics.median(sizes) if sizes else None


def is_display(line: Line, body: float | None) -> bool:
    """Set apart from the running text: larger, or bold and centred, as titles are."""
    if not (body and line.size):
        return False
    return line.size >= _LARGER * body or (line.bold and bool(line.centred))

"""An article body's structure over its paragraphs: headings, tables, preformatted runs (pure).

The body is stored as plain text, paragraphs separated by a blank line — what search, citations
and the JSON twin read. A reader should see more: a section heading as a heading, a table as a
table, not hundreds of one-word paragraphs. The structure says which paragraphs are headings
(`body_headings`), which are a table rebuilt from a PDF's rulings (`tables`), and which a table a
text dump gave cell by cell, kept line by line as a preformatted block (`fragments`).

It refers to paragraphs by index, so it holds no second copy of the text, only a rebuilt table's
cells. It is found at import time, from the text and, for a PDF, its print (`units_from_lines`),
and stored with a fingerprint of the body it was found in; a body edited since is read again from
its text when shown (`structure_for`) rather than shown with a structure that no longer fits.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from proceedings.importer.body_headings import headings, references_start
from proceedings.importer.fragments import TABLE_CAPTION, Unit, caption_beside, fragment_runs
from proceedings.importer.types import Line, Paragraph, TableLayout

__all__ = [
    "Run", "Structure", "Unit", "body_paragraphs", "body_structure", "structure_for", "units_from_lines",
]  # fmt: skip

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
FORMAT = 1  # the stored form's version: a form or rules changed since read the text again
LARGER = 1.15  # a paragraph set this much larger than the body's text stands out
TABLE = "table"
PRE = "pre"


@dataclass(frozen=True)
class Run:
    """Paragraphs shown as one block: a `table` rebuilt from a PDF (its `rows` of cells) or a
    `pre` run kept line by line; `caption` is the index of the paragraph naming it, if any."""

    kind: str
    paragraphs: tuple[int, ...]
    caption: int | None = None
    rows: tuple[tuple[str, ...], ...] = ()

    @property
    def first(self) -> int:
        return min(self.paragraphs[0], self.paragraphs[0] if self.caption is None else self.caption)


@dataclass(frozen=True)
class Structure:
    """Headings (paragraph index -> level 1 or 2) and runs, in the order of their paragraphs."""

    headings: dict[int, int] = field(default_factory=dict)
    runs: tuple[Run, ...] = ()

    def as_json(self, body: str) -> dict[str, Any]:
        """The stored form, with the fingerprint of the body it was found in."""
        return {
            "format": FORMAT,
            "body": fingerprint(body),
            "headings": sorted([index, level] for index, level in self.headings.items()),
            "runs": [
                {
                    "kind": run.kind,
                    "paragraphs": list(run.paragraphs),
                    "caption": run.caption,
                    **({"rows": [list(row) for row in run.rows]} if run.rows else {}),
                }
                for run in self.runs
            ],
        }


def body_paragraphs(text: str) -> list[str]:
    """Paragraphs of a body: split on blank lines, line breaks inside one joined."""
    return [" ".join(chunk.split()) for chunk in PARAGRAPH_BREAK.split(text) if chunk.strip()]


def fingerprint(body: str) -> str:
    return hashlib.blake2b(body.encode("utf-8"), digest_size=8).hexdigest()


def stored_structure(stored: dict[str, Any] | None, body: str) -> Structure | None:
    """The stored structure when it was found in this very body by these rules, else None."""
    if not stored or stored.get("format") != FORMAT or stored.get("body") != fingerprint(body):
        return None
    runs = tuple(
        Run(
            kind=run["kind"],
            paragraphs=tuple(run["paragraphs"]),
            caption=run.get("caption"),
            rows=tuple(tuple(row) for row in run.get("rows", ())),
        )
        for run in stored.get("runs", ())
    )
    return Structure(headings=dict(stored.get("headings", ())), runs=runs)


def structure_for(stored: dict[str, Any] | None, body: str) -> Structure:
    """The stored structure, or, for a body edited since it was found, one read from its text."""
    return stored_structure(stored, body) or body_structure([Unit(text) for text in body_paragraphs(body)])


def text_structure_json(body: str) -> dict[str, Any]:
    """The stored form of the structure read from a body's text alone (no PDF layout): what an
    edit that rewrites a body, or a body with no source to read, stores."""
    return structure_for(None, body).as_json(body)


def body_structure(units: Sequence[Unit], tables: Sequence[TableLayout] = ()) -> Structure:
    """Headings and runs of a body's paragraphs; `Unit.table` indexes `tables`."""
    runs = _table_runs(units, tables)
    taken = _taken(runs)
    for members, caption in fragment_runs(units, taken, end=references_start(units)):
        runs.append(Run(kind=PRE, paragraphs=tuple(members), caption=caption))
    taken = _taken(runs)
    return Structure(headings=headings(units, taken), runs=tuple(sorted(runs, key=lambda run: run.first)))


def _taken(runs: list[Run]) -> set[int]:
    captions = {run.caption for run in runs if run.caption is not None}
    return captions | {index for run in runs for index in run.paragraphs}


def _table_runs(units: Sequence[Unit], tables: Sequence[TableLayout]) -> list[Run]:
    """A run for each rebuilt table the body holds, its caption the paragraph just above (or
    below) that names a table."""
    members: dict[int, list[int]] = {}
    for index, unit in enumerate(units):
        if unit.table is not None and 0 <= unit.table < len(tables):
            members.setdefault(unit.table, []).append(index)
    runs: list[Run] = []
    for table, indices in sorted(members.items()):
        caption = caption_beside(units, indices[0], indices[-1], pattern=TABLE_CAPTION, taken=_taken(runs))
        runs.append(Run(kind=TABLE, paragraphs=tuple(indices), caption=caption, rows=tables[table].rows))
    return runs


def units_from_lines(
    lines: Sequence[Line], paras: Sequence[Paragraph], tables: Sequence[TableLayout]
) -> list[Unit]:
    """The body's paragraphs with what a PDF's print says of them: bold or larger than the body's
    text, and the rebuilt table most of their lines lie in. A text file's lines say nothing."""
    sizes = [line.size for line in lines if line.size]
    body_size = median(sizes) if sizes else None
    units = []
    for paragraph in paras:
        own = lines[paragraph.start : paragraph.end + 1]
        bold = all(line.bold for line in own)
        larger = body_size is not None and all(line.size and line.size >= LARGER * body_size for line in own)
        units.append(Unit(paragraph.text, emphasis=bold or larger, table=_table_of(own, tables)))
    return units


def _table_of(lines: Sequence[Line], tables: Sequence[TableLayout]) -> int | None:
    """The table whose box holds the middle of most of these lines."""
    votes: dict[int, int] = {}
    for line in lines:
        for index, table in enumerate(tables):
            if table.holds(line):
                votes[index] = votes.get(index, 0) + 1
                break
    best = max(votes, key=votes.__getitem__, default=None)
    return best if best is not None and 2 * votes[best] > len(lines) else None

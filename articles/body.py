"""An article's text as the page shows it: blocks of paragraphs, headings, tables and preformatted
runs, and the in-article contents of its headings (pure functions, no queries).

The structure was found at import (proceedings.importer.structure) and stored by paragraph index
beside the plain body; here it is laid over the body's paragraphs. A body edited since its
import is read again from its text (`structure_for`), so no page shows a structure that no longer
fits its text. Headings get stable anchors from their words ('#s-kirispe'), so a link to a
section survives a re-render.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from proceedings.importer.structure import PRE, TABLE, Run, body_paragraphs, structure_for
from proceedings.transliteration import slug_from_text

PARAGRAPH = "paragraph"
HEADING = "heading"
ANCHOR_WORDS = 6
MIN_CONTENTS = 2  # one heading needs no contents
NARROW_LINE = 24  # characters


@dataclass(frozen=True)
class Block:
    """One piece of the text: a paragraph or a heading (`text`), a table (`rows`, the first its
    header) or a preformatted run (`lines`), the last two with their `caption`."""

    kind: str
    text: str = ""
    level: int = 0
    anchor: str = ""
    caption: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    lines: tuple[str, ...] = ()

    @property
    def preformatted(self) -> str:
        return "\n".join(self.lines)

    @property
    def narrow(self) -> bool:
        """A run of pieces of cells, every line short: set in columns where the page is wide."""
        return bool(self.lines) and max(map(len, self.lines)) <= NARROW_LINE

    @property
    def tag(self) -> str:
        """The page's h1 is the title and the text sits under its own h2: sections are h3, their
        subsections h4, so the outline never skips a level."""
        return f"h{self.level + 2}"

    def as_json(self) -> dict[str, Any]:
        fields = {
            PARAGRAPH: {"text": self.text},
            HEADING: {"text": self.text, "level": self.level, "anchor": self.anchor},
            TABLE: {"caption": self.caption, "rows": [list(row) for row in self.rows]},
            PRE: {"caption": self.caption, "lines": list(self.lines)},
        }
        return {"kind": self.kind, **fields[self.kind]}


@dataclass(frozen=True)
class ContentsEntry:
    text: str
    anchor: str
    children: list[ContentsEntry] = field(default_factory=list)


def body_blocks(body: str, stored: dict[str, Any] | None) -> list[Block]:
    """The body's blocks in reading order; every paragraph appears once, in its block."""
    paragraphs = body_paragraphs(body)
    structure = structure_for(stored, body)
    runs_at = {run.first: run for run in structure.runs}
    inside = {index for run in structure.runs for index in (*run.paragraphs, run.caption)}
    anchors = _anchors([paragraphs[index] for index in sorted(structure.headings)])
    blocks: list[Block] = []
    for index, text in enumerate(paragraphs):
        if index in runs_at:
            blocks.append(_run_block(runs_at[index], paragraphs))
        elif index in inside:
            continue
        elif index in structure.headings:
            blocks.append(Block(HEADING, text=text, level=structure.headings[index], anchor=next(anchors)))
        else:
            blocks.append(Block(PARAGRAPH, text=text))
    return blocks


def _run_block(run: Run, paragraphs: list[str]) -> Block:
    caption = paragraphs[run.caption] if run.caption is not None else ""
    if run.kind == TABLE:
        return Block(TABLE, caption=caption, rows=run.rows)
    return Block(PRE, caption=caption, lines=tuple(paragraphs[index] for index in run.paragraphs))


def _anchors(texts: list[str]):
    """'s-' and the heading's first words in Latin letters, numbered when two headings share them."""
    seen: set[str] = set()
    for number, text in enumerate(texts, start=1):
        base = f"s-{slug_from_text(text, max_words=ANCHOR_WORDS, max_length=48) or number}"
        anchor, suffix = base, 2
        while anchor in seen:
            anchor, suffix = f"{base}-{suffix}", suffix + 1
        seen.add(anchor)
        yield anchor


def contents(blocks: list[Block]) -> list[ContentsEntry]:
    """The headings as a two-level list of links; empty when the text has fewer than two."""
    headings = [block for block in blocks if block.kind == HEADING]
    if len(headings) < MIN_CONTENTS:
        return []
    entries: list[ContentsEntry] = []
    for heading in headings:
        entry = ContentsEntry(heading.text, heading.anchor)
        if heading.level > 1 and entries:
            entries[-1].children.append(entry)
        else:
            entries.append(entry)
    return entries

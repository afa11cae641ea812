"""Clean raw lines and group them into paragraphs, never losing the raw line numbers.

Text dumped from PDFs carries invisible debris (NBSP, zero-width spaces, soft hyphens),
inconsistent indentation, an empty line after every text line, and runs of empty lines at
page breaks. None of that is content, but some of it is evidence: an indented line glued
to the previous one where the file otherwise alternates text and empty lines is where two
separately extracted pieces were stuck together, which `split` uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from proceedings.importer.types import LINE_NUMBER, Line, LineLayout, Paragraph, RawDocument

_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
SOFT_HYPHEN = "\u00ad"
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_WORD_BEFORE_HYPHEN = re.compile(r"(\w+)-$")
_WORD_AFTER = re.compile(r"^(\w+)")
_VOCABULARY_WORD = re.compile(r"\w+(?:-\w+)*")
_TERMINAL = tuple('.!?:;»"”)]…')
_BULLET = re.compile(r"^(?:[•●▪■◦‣∙·\-–—*]\s|\(?\d{1,2}[.)]\s|\[\d+\]|[а-яәa-z]\)\s)")


def clean_text(text: str) -> str:
    """Drop invisible characters and fold every kind of space to one ordinary space."""
    text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text).strip()


def normalise_lines(raw: RawDocument) -> list[Line]:
    """Return the non-empty lines, each knowing its raw number, indent and surroundings."""
    out: list[Line] = []
    gap = 0
    previous_empty = True
    layouts = raw.layout or []
    for index, raw_text in enumerate(raw.lines):
        layout = layouts[index] if index < len(layouts) else None
        if layout is not None and layout.furniture == LINE_NUMBER:
            continue  # not text: neither a line nor a gap between lines
        visible = _INVISIBLE.sub("", raw_text).replace("\t", "    ")
        # `clean_text` without stripping the invisibles twice: spaces from tabs fold like tabs.
        text = _SPACES.sub(" ", visible).strip()
        if text and raw_text.rstrip(" \t").endswith(SOFT_HYPHEN):
            text += SOFT_HYPHEN  # a word broken here: join_lines glues the next line on to it
        if not text:
            gap += 1
            previous_empty = True
            continue
        indent = len(visible) - len(visible.lstrip(" \u00a0\u2000\u2001\u2002\u2003\u202f"))
        out.append(
            Line(
                text=text,
                raw=index + 1,
                indent=indent,
                glued=not previous_empty and bool(out),
                gap=gap,
                page=raw.pages[index] if index < len(raw.pages) else None,
                **(_layout_fields(layout) if layout is not None else {}),
            )
        )
        gap = 0
        previous_empty = False
    return out


def _layout_fields(layout: LineLayout) -> dict:
    return {
        "printed_page": layout.printed_page,
        "top": layout.top,
        "bottom": layout.bottom,
        "left": layout.left,
        "right": layout.right,
        "size": layout.size,
        "bold": layout.bold,
        "italic": layout.italic,
        "caps": layout.caps,
        "centred": layout.centred,
        "column": layout.column,
        "furniture": layout.furniture,
    }


def typical_width(lines: list[Line]) -> int:
    """The length of a full line of running text, so that short lines can be recognised."""
    lengths = [len(line.text) for line in lines if len(line.text) >= 30]
    if not lengths:
        return 80
    lengths.sort()
    return lengths[int(len(lengths) * 0.9)]


def vocabulary(lines: Iterable[Line]) -> set[str]:
    """Lower-cased words of the document, used to decide whether a line-end hyphen is real."""
    # A word never spans a newline, so one pass over the joined lines finds the same words.
    return set(fold_words(_VOCABULARY_WORD.findall("\n".join(line.text for line in lines))))


def fold_words(words: list[str]) -> list[str]:
    """`[word.casefold() for word in words]` for words without whitespace, in one call.

    casefold works character by character and never yields whitespace, so folding the
    joined words and splitting them again gives the same list at a fraction of the cost.
    """
    return " ".join(words).casefold().split()


def join_lines(texts: list[str], vocab: set[str] | None = None) -> str:
    """Join wrapped lines; a line-end hyphen is dropped only when the document shows the word whole.

    Word processors rarely hyphenate, so most line-end hyphens in these files are real
    compound hyphens ('бет-әлпеті', 'PR-дың'); the document's own vocabulary decides.
    """
    parts: list[str] = []
    for text in texts:
        if not parts:
            parts.append(text)
            continue
        previous = parts[-1]
        if previous.endswith(SOFT_HYPHEN):
            parts[-1] = previous[:-1] + text
            continue
        before = _WORD_BEFORE_HYPHEN.search(previous[-80:]) if previous.endswith("-") else None
        after = _WORD_AFTER.match(text)
        if before and after:
            whole = (before.group(1) + after.group(1)).casefold()
            hyphenated = f"{before.group(1)}-{after.group(1)}".casefold()
            dehyphenate = (
                vocab is not None
                and whole in vocab
                and hyphenated not in vocab
                and after.group(1)[:1].islower()
            )
            parts[-1] = previous[:-1] + text if dehyphenate else previous + text
        else:
            parts.append(text)
    return " ".join(parts)


def paragraphs(
    lines: list[Line], *, width: int | None = None, vocab: set[str] | None = None
) -> list[Paragraph]:
    """Group lines into paragraphs from line lengths, final punctuation and list markers.

    The dumps keep no paragraph marks, so a paragraph ends at a clearly short line (a
    heading or the last line of a paragraph) and a new one starts at a bullet or number.
    """
    if not lines:
        return []
    width = width or typical_width(lines)
    marks = seams_are_marks(lines)
    out: list[Paragraph] = []
    start = 0
    for i in range(1, len(lines) + 1):
        if i < len(lines) and not _breaks_before(lines[i - 1], lines[i], width, seams_mean_something=marks):
            continue
        text = join_lines([line.text for line in lines[start:i]], vocab)
        out.append(Paragraph(start=start, end=i - 1, text=text))
        start = i
    return out


SEAMS_ARE_RARE = 0.1


def seams_are_marks(lines: list[Line]) -> bool:
    """Whether a line stuck to the one above is a mark: only in a dump that puts an empty line
    after nearly every line (elsewhere most lines are stuck together and it says nothing)."""
    return sum(1 for line in lines if line.glued) < SEAMS_ARE_RARE * len(lines)


def _breaks_before(previous: Line, line: Line, width: int, *, seams_mean_something: bool = False) -> bool:
    prev = previous.text
    if len(prev) < 0.6 * width and not prev.endswith(("-", ",")):
        return True
    if prev.endswith(_TERMINAL) and len(prev) < 0.85 * width:
        return True
    if (_BULLET.match(line.text) or line.indent > previous.indent) and prev.endswith(_TERMINAL):
        return True  # a list item, or a first-line indent: how typeset paragraphs open
    # A seam (a line stuck to the one above where every line has an empty one after it) starts
    # a paragraph when indented, or when the line above closed a sentence.
    seam = line.glued and not previous.glued
    return seam and (line.indent > 0 or (seams_mean_something and prev.endswith(_TERMINAL)))

"""Every non-empty line of a volume is in exactly one article's range, or set aside with its kind.

Furniture inside an article's range (a running header, a page number at a page break) is set
aside and still spanned: an article's source lines stay one contiguous run, as the editors'
tools assume. Front matter, section headings and back matter lie outside every article.
"""

from pathlib import Path

from proceedings.importer.furniture import KINDS
from proceedings.importer.normalise import normalise_lines
from proceedings.importer.pipeline import parse_proceedings
from proceedings.importer.read import read_source
from tests.proceedings.furniture_volumes import volume_pdf

SEED = Path(__file__).resolve().parents[3] / "fixtures" / "000_b9a1821462d33f30.txt"
# Furniture that may sit inside an article's range (its source lines stay contiguous).
_INSIDE = {"running header", "page number"}


def _unaccounted(data: bytes, filename: str) -> dict[int, str]:
    """Non-empty lines not in exactly one article's range nor set aside (with why), by number."""
    lines = normalise_lines(read_source(data, filename=filename, max_bytes=len(data)))
    plan = parse_proceedings(data, filename=filename)
    aside = {line.line: line.kind for line in plan.set_aside}
    out = {}
    for line in lines:
        ranges = sum(article.start_line <= line.raw <= article.end_line for article in plan.articles)
        kind = aside.get(line.raw)
        if kind is None and ranges != 1:
            out[line.raw] = f"in {ranges} articles"
        elif kind is not None and kind not in KINDS:
            out[line.raw] = f"unknown kind {kind!r}"
        elif kind is not None and ranges > (1 if kind in _INSIDE else 0):
            out[line.raw] = f"{kind} inside {ranges} articles"
    return out


def test_every_line_of_the_seed_is_in_one_article_and_none_is_set_aside():
    data = SEED.read_bytes()

    assert parse_proceedings(data, filename=SEED.name).set_aside == []
    assert _unaccounted(data, SEED.name) == {}


def test_every_line_of_a_pdf_volume_is_in_one_article_or_set_aside_with_its_kind():
    plan = parse_proceedings(volume_pdf(), filename="volume.pdf")

    assert _unaccounted(volume_pdf(), "volume.pdf") == {}
    assert {line.kind for line in plan.set_aside} == {
        "cover", "imprint", "contents", "running header", "page number", "section heading"
    }  # fmt: skip

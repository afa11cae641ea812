"""Every word of an article in the seed lands in exactly one place of its draft.

Header parsing once moved body lines into positions and affiliations; counting words
catches both text that disappears and text that shows up twice.
"""

import re
from collections import Counter
from pathlib import Path

import pytest

from proceedings.importer import classify as c
from proceedings.importer.normalise import clean_text
from proceedings.importer.pipeline import parse_proceedings
from proceedings.importer.types import ArticleDraft

SEED = Path(__file__).resolve().parents[3] / "fixtures" / "000_b9a1821462d33f30.txt"
_WORD = re.compile(r"\w+")


def _words(*texts: str | None) -> Counter[str]:
    return Counter(word.casefold() for text in texts for word in _WORD.findall(text or ""))


def _labels(raw: list[str], article: ArticleDraft) -> Counter[str]:
    """'Аңдатпа', 'Түйін сөздер', 'Key words' above the body are markup, not content."""
    found: Counter[str] = Counter()
    for text in raw[article.start_line - 1 : article.body_start_line - 1]:
        for label in (c.ABSTRACT_LABEL, c.KEYWORDS_LABEL):
            if match := label.match(clean_text(text)):
                found += _words(match.group("label"))
    return found


@pytest.fixture(scope="module")
def seed() -> tuple[list[str], list[ArticleDraft]]:
    data = SEED.read_bytes()
    return data.decode("utf-8").splitlines(), parse_proceedings(data, filename=SEED.name).articles


def _placed(article: ArticleDraft) -> Counter[str]:
    printed = [
        p.printed for p in article.authors + article.supervisors if p.printed not in article.author_lines
    ]
    return (
        _words(article.title, *article.author_lines, *printed, article.body)
        + _words(*article.abstracts.values())
        + _words(*(" ".join(terms) for terms in article.keywords.values()))
    )


def test_seed_every_word_of_an_article_is_placed_exactly_once(seed):
    raw, articles = seed

    misplaced = {}
    for article in articles:
        source = _words(*raw[article.start_line - 1 : article.end_line]) - _labels(raw, article)
        placed = _placed(article)
        if source != placed:
            misplaced[article.start_line] = (dict(source - placed), dict(placed - source))

    assert misplaced == {}


def test_seed_people_details_come_from_header_lines_only(seed):
    _, articles = seed

    strays = {}
    for article in articles:
        header = _words(*article.author_lines)
        for person in article.authors + article.supervisors:
            extra = _words(person.position, person.affiliation) - header - _words(person.printed)
            if extra:
                strays[(article.start_line, person.name)] = dict(extra)

    assert strays == {}

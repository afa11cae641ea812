"""A text volume with sections, built for tests: an article before any section, a discipline
heading over two articles, a nomination whose heading wraps over two lines and one article."""

from tests.proceedings.furniture_volumes import ARTICLES, prose

HISTORY = ["ЖУРНАЛИСТИКА ДАННЫХ В РЕГИОНАХ", "Сидоров П. П.", "студент 2 курса"]
DISCIPLINE = "ЮРИДИЧЕСКИЕ НАУКИ"
NOMINATION = ["НОМИНАЦИЯ «ИСТОРИЯ НАУКИ", "И ТЕХНОЛОГИЙ»"]
TITLES = [ARTICLES["ru1"][0], ARTICLES["ru2"][0], ARTICLES["ru3"][0], HISTORY[0]]


def text_of(*blocks: list[str]) -> bytes:
    """The blocks one after another, an empty line between them."""
    return "\n".join(line for block in blocks for line in ["", *block]).strip().encode()


def article_lines(key: str) -> list[str]:
    return [*ARTICLES[key], *prose(key, 25)]


def sectioned_text() -> bytes:
    return text_of(
        article_lines("ru1"),
        [DISCIPLINE],
        article_lines("ru2"),
        ["УДК 070", *article_lines("ru3")],
        NOMINATION,
        [*HISTORY, *prose("history", 25)],
    )


def line_of(data: bytes, text: str) -> int:
    """The line number of `text` in the file."""
    return data.decode().split("\n").index(text) + 1

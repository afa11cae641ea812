"""The repeat test on a PDF read as an editor uploads it: running headers and page numbers on
every page, a section divider, a true repeat without its header, an abstract and its paper."""

from proceedings.importer.pipeline import parse_proceedings
from tests.builders import build_pdf
from tests.proceedings.importer.test_repeats import RUNNING_HEADER, prose, with_list

SUPERVISOR = "Научный руководитель: Петров П. П., к.ю.н., доцент"


def sentences(lines: list[str]) -> list[str]:
    return [f"{line[0].upper()}{line[1:]}." for line in lines]


def header(udc: str, title: str, author: str) -> list[str]:
    return [f"УДК {udc}", title, author, SUPERVISOR]


ORIGINAL = sentences(with_list(1, ["1.", "2.", "3."]))[:30]
COPY = sentences(with_list(1, ["4.", "5.", "6."]))[:30]  # its list renumbered
ABSTRACT = sentences(prose(4, 90))
PAPER_TITLE = "ОТВЕТСТВЕННОСТЬ СТОРОН ДОГОВОРА ПОСТАВКИ"


def page(number: int, lines: list[str]) -> list[str]:
    return [*RUNNING_HEADER, str(number), *lines]


def test_a_pdf_volume_marks_its_one_true_repeat_and_nothing_else():
    pages = [
        page(5, [*header("347.4", "ПРАВОВОЕ РЕГУЛИРОВАНИЕ ДОГОВОРА", "Иванов Иван Иванович"), *ORIGINAL]),
        page(6, [*header("342.1", "ГОСУДАРСТВЕННОЕ УПРАВЛЕНИЕ", "Сидорова Анна Петровна"), *ABSTRACT]),
        page(7, ["РАЗДЕЛ ВТОРОЙ. ГРАЖДАНСКОЕ ПРАВО"]),
        page(8, COPY),
        page(
            9, [*header("347.7", PAPER_TITLE, "Козлов Олег Петрович"), *ABSTRACT, *sentences(prose(5, 200))]
        ),
        page(10, sentences(prose(6, 300))),
    ]

    plan = parse_proceedings(build_pdf(pages), filename="volume.pdf")

    holders = [article.start_line for article in plan.articles if ORIGINAL[0] in article.text]
    marked = [(article.start_line, article.duplicate_of) for article in plan.articles if article.duplicate_of]
    assert len(holders) == 2
    assert marked == [(holders[1], holders[0])]

"""The repeat test: a later article repeats an earlier one only when their own bodies coincide.

Volumes here have what real ones have: a two-line running header and a page number on every
page, and scraps made of them (a section divider, the end of the contents). Texts are drawn
from a fixed vocabulary by seed, so two different seeds share no run of eight words.
"""

import random

import pytest

from proceedings.importer.dedupe import (
    MIN_SHINGLES,
    mark_duplicates,
    resemblance,
    shingles,
)
from proceedings.importer.types import ArticleDraft
from tests.builders import draft

VOCABULARY = (
    "право государство закон суд договор собственность ответственность гражданин норма регулирование "
    "практика анализ исследование система развитие процесс значение условие порядок защита интерес "
    "общество экономика рынок предприятие управление решение вопрос проблема способ форма результат "
    "современный правовой судебный гражданский уголовный публичный частный новый важный основной "
    "рассматривать определять обеспечивать применять устанавливать изучать предлагать отмечать "
    "в на и с по для при о из к от между через также однако поэтому кроме того"
).split()
RUNNING_HEADER = [
    "СТАРТ В НАУКУ: МАТЕРИАЛЫ МЕЖДУНАРОДНОЙ НАУЧНО-ПРАКТИЧЕСКОЙ КОНФЕРЕНЦИИ МОЛОДЫХ УЧЁНЫХ СТУДЕНТОВ",
    "ЮРИДИЧЕСКИЕ НАУКИ И ГОСУДАРСТВЕННОЕ УПРАВЛЕНИЕ В СОВРЕМЕННОМ МИРЕ",
]
LINES_PER_PAGE = 12


def prose(seed: int, words: int) -> list[str]:
    """Lines of ten words."""
    rng = random.Random(seed)
    picked = [rng.choice(VOCABULARY) for _ in range(words)]
    return [" ".join(picked[at : at + 10]) for at in range(0, words, 10)]


def paged(lines: list[str], *, first_page: int, offset: int = 0) -> list[str]:
    """The lines as printed: the running header and the page number start each page."""
    out: list[str] = []
    page = first_page
    for number, line in enumerate(lines):
        if (number + offset) % LINES_PER_PAGE == 0:
            out += [*RUNNING_HEADER, str(page)]
            page += 1
        out.append(line)
    return out


def repeats(articles: list[ArticleDraft]) -> list[int | None]:
    mark_duplicates(articles)
    return [article.duplicate_of for article in articles]


# A scrap of page furniture: a divider page between two sections, as a splitter may cut it.
SCRAP = [*RUNNING_HEADER, "17", *RUNNING_HEADER, "18", "РАЗДЕЛ ВТОРОЙ ГРАЖДАНСКОЕ ПРАВО"]


def with_list(seed: int, markers: list[str]) -> list[str]:
    """Prose with a numbered list in the middle, its markers as given."""
    text = prose(seed, 400)
    items = [f"{marker} {line}" for marker, line in zip(markers, prose(seed + 1, 30), strict=True)]
    return [*text[:20], *items, *text[20:]]


def test_a_true_repeat_without_its_header_and_with_its_lists_renumbered_is_found():
    original = draft(
        10,
        paged(with_list(1, ["1.", "2.", "3."]), first_page=19),
        header=["ПРАВОВОЕ РЕГУЛИРОВАНИЕ ДОГОВОРА", "Иванов И. И.", "Научный руководитель: Петров П. П."],
    )
    copy = draft(400, paged(with_list(1, ["4)", "5)", "6)"]), first_page=40, offset=5))
    articles = [
        draft(1, SCRAP),
        original,
        draft(200, paged(prose(2, 500), first_page=24)),
        copy,
        draft(600, paged(prose(3, 500), first_page=45)),
    ]

    assert repeats(articles) == [None, None, None, 10, None]
    assert copy.warnings == ["looks like a repeat of the article at line 10"]


def test_a_scrap_of_running_headers_is_never_an_original():
    articles = [draft(1, SCRAP), *(draft(100 * n, paged(prose(n, 300), first_page=n)) for n in range(1, 5))]

    assert repeats(articles) == [None] * 5


def test_a_scrap_of_running_headers_is_never_a_copy():
    articles = [*(draft(100 * n, paged(prose(n, 300), first_page=n)) for n in range(1, 5)), draft(900, SCRAP)]

    assert repeats(articles) == [None] * 5


@pytest.mark.parametrize("abstract_first", [True, False])
def test_an_abstract_and_its_full_paper_with_the_same_title_are_not_repeats(abstract_first):
    title = ["ПРАВОВОЕ РЕГУЛИРОВАНИЕ ДОГОВОРА", "Иванов И. И."]
    abstract = prose(7, 90)
    paper = [*abstract, *prose(8, 600)]
    pair = [draft(10, abstract, header=title), draft(50, paged(paper, first_page=3), header=title)]
    articles = [*(pair if abstract_first else pair[::-1]), draft(300, prose(9, 300))]

    assert repeats(articles) == [None, None, None]


def test_articles_on_one_topic_quoting_each_other_at_length_are_not_repeats():
    earlier = prose(11, 500)
    later = [*prose(12, 20), *earlier[3:7], *prose(13, 20), *earlier[20:24], *prose(14, 20), *earlier[40:44]]
    articles = [draft(10, earlier), draft(300, prose(15, 300)), draft(500, later)]

    assert repeats(articles) == [None, None, None]


def test_a_short_earlier_text_is_never_an_original():
    short = prose(21, 50)  # 43 shingles
    articles = [draft(10, short), draft(100, prose(22, 300)), draft(400, [*short, *prose(23, 400)])]

    assert len(shingles("\n".join(short))) < MIN_SHINGLES
    assert repeats(articles) == [None, None, None]


def test_a_short_later_text_is_never_a_copy():
    long = prose(31, 400)
    articles = [draft(10, long), draft(500, prose(32, 300)), draft(900, long[10:15])]

    assert repeats(articles) == [None, None, None]


def test_two_short_equal_texts_are_too_short_to_judge_and_two_longer_ones_are_repeats():
    short, longer = prose(41, 50), prose(42, 70)
    articles = [
        draft(10, short),
        draft(20, longer),
        draft(40, prose(43, 300)),
        draft(60, short),
        draft(70, longer),
    ]

    assert repeats(articles) == [None, None, None, None, 20]


def test_a_third_print_points_at_the_first_not_at_the_second():
    text = prose(51, 300)
    articles = [
        draft(1, SCRAP),
        draft(10, paged(text, first_page=2)),
        draft(100, paged(prose(52, 300), first_page=5)),
        draft(200, paged(text, first_page=8, offset=3)),
        draft(300, paged(text, first_page=11, offset=7)),
    ]

    assert repeats(articles) == [None, None, None, 10, 10]


def test_resemblance_is_symmetric_and_small_for_a_part_of_a_whole():
    whole, part = shingles(" ".join(prose(61, 500))), shingles(" ".join(prose(61, 500)[:10]))

    assert resemblance(whole, part) == resemblance(part, whole) == len(part) / len(whole)
    assert resemblance(whole, part) < 0.25
    assert resemblance(set(), whole) == 0.0

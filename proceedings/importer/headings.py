"""Where articles plainly open, and where the volume names its sections (pure functions).

Used by `furniture` to end the front matter and to set section headings aside. An article
plainly opens at a classification line ('УДК 34', 'ӘОЖ 378', 'IRSTI 10.07') that is not part of
the imprint, at a title in capitals with its people right under it, or at a title its contents
lists. A section heading is 'СЕКЦИЯ 1. …', 'НОМИНАЦИЯ «…»', 'ЮРИДИЧЕСКИЕ НАУКИ', 'Full Papers', a
section of the contents, or a short heading alone on its page — and never a line followed by
names or an affiliation: that is an article's title, even when it reads like a section's.
"""

from __future__ import annotations

import re

from proceedings.importer import classify as c
from proceedings.importer.contents import SECTION_WORD, ContentsBlock
from proceedings.importer.running import CLASSIFICATION, PAGE_NUMBER, by_page
from proceedings.importer.types import Line

# Lines only an imprint or a colophon has. The first of the front matter must be a strong one.
STRONG_IMPRINT = re.compile(
    r"\bISBN\b|\bISSN\b|©|\bcopyright\b|all rights reserved|^(?:ББК|КБЖ|BBK)\b|"
    r"редакционн\w*\s+(?:коллеги|совет)|редакция\s+алқасы|редакциялық\s+алқа|editorial\s+board|"
    r"organi[sz]ing\s+committee|program(?:me)?\s+committee|организационный\s+комитет|"
    r"ұйымдастыру\s+комитеті|подписано\s+в\s+печать|басуға\s+қол\s+қойылды",
    re.IGNORECASE,
)
IMPRINT = re.compile(
    rf"{STRONG_IMPRINT.pattern}|ответственн\w*\s+редактор|главн\w*\s+редактор|бас\s+редактор|"
    r"жауапты\s+редактор|под\s+(?:общей\s+)?редакцией|жалпы\s+редакция|editors?\s*:|editor-in-chief|"
    r"составител\w*\s*:|құрастыр\w*\s*:|рецензент\w*\s*:|пікір\s+жазған|тираж\w*\s*\d|таралымы|"
    r"формат\s*\d|пішімі|усл\.?\s*печ|шартты\s+баспа|отпечатано|publication\s+details|"
    r"материалы\s+(?:печатаются|публикуются)\s+в\s+авторской|печатается\s+по\s+решению|"
    r"рекомендовано\s+к\s+(?:печати|изданию)|баспаға\s+ұсын",
    re.IGNORECASE,
)
_COLLECTION_HEADING = re.compile(
    r"^(?:(?:accepted|selected|invited|contributed)\s+)?(?:abstracts|papers|full\s+papers|short\s+papers|"
    r"posters?|poster\s+session|extended\s+abstracts|keynotes?(?:\s+(?:talks|speeches|lectures))?|"
    r"plenary\s+(?:talks|papers|session)|пленарное\s+заседание|пленарлық\s+отырыс)$",
    re.IGNORECASE,
)
_DISCIPLINE = re.compile(
    rf"^(?:[{c.UPPER}-]+(?:ИЕ|ЫЕ|КА|ИЯ|ТЫҚ|ЛІК|ЛЫҚ|ТІК)\s+(?:И\s+|ЖӘНЕ\s+)?)+(?:НАУКИ|ҒЫЛЫМДАР(?:Ы)?)$"
)
_WORD = re.compile(r"\w+")
_MAX_HEADING = 160
_TITLE_WORD, _TITLE_SHARE = 4, 0.6
_CAPTION = re.compile(
    r"(?:table|figure|fig\.|рис|таблица|кесте|сурет|схема|диаграмма)\w*\s*\d", re.IGNORECASE
)
_HEADING_LINES = 3  # a divider page holds its heading (a line or three) and furniture
_HEADER_SPAN = 4
_FOREWORD = re.compile(
    r"предислови|вступительное\s+слово|приветств|обращени|от\s+(?:редакци|составител|оргкомитет)|"
    r"алғы\s+сөз|құттықтау|foreword|preface|welcome",
    re.IGNORECASE,
)


def kept_after(lines: list[Line], aside: dict[int, str], index: int) -> int | None:
    """The index of the first line after `index` that is not set aside."""
    for k in range(index + 1, len(lines)):
        if k not in aside:
            return k
    return None


def _near_imprint(lines: list[Line], index: int) -> bool:
    low, high = max(0, index - _HEADER_SPAN), min(len(lines), index + _HEADER_SPAN + 1)
    return any(STRONG_IMPRINT.search(lines[k].text) for k in range(low, high))


def _header_top(lines: list[Line], aside: dict[int, str], index: int) -> int:
    """Back from a title over what may stand above it: a classification line, authors."""
    top = index
    while top > 0 and index - top < _HEADER_SPAN and top - 1 not in aside:
        text = lines[top - 1].text
        if not (CLASSIFICATION.match(text) or c.is_person_line(text)):
            break
        top -= 1
    return top


def article_starts(lines: list[Line], aside: dict[int, str]) -> dict[int, bool]:
    """Where an article plainly opens: a classification line, or a title in capitals above people.

    The value says whether the start is beyond doubt (a classification line, or names under the
    title); a title above an institution alone may be a cover's ('(ФГБОУ ВО РГУПС)' over
    'Тихорецкий техникум …').
    """
    out: dict[int, bool] = {}
    for index, line in enumerate(lines):
        text = line.text
        if index in aside:
            continue
        if CLASSIFICATION.match(text):
            if not _near_imprint(lines, index):
                out[index] = True
            continue
        if not c.is_title_line(text) or IMPRINT.search(text):
            continue
        following = kept_after(lines, aside, index)
        for _ in range(3):
            if following is None or not c.is_title_continuation(lines[following].text):
                break
            following = kept_after(lines, aside, following)
        if following is not None and _is_people(lines[following].text):
            named = c.is_names_line(lines[following].text)
            top = _header_top(lines, aside, index)
            out[top] = out.get(top, False) or named
    return out


def _is_people(text: str) -> bool:
    """Names, a position or an institution ('студентов' in a title in capitals is none of them)."""
    return not c.is_title_line(text) and (c.is_header_line(text) or c.is_plain_name_line(text))


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def contents_starts(lines: list[Line], aside: dict[int, str], blocks: list[ContentsBlock]) -> list[int]:
    """The first line after the contents that opens with a listed title (its header above it)."""
    out = []
    for block in blocks:
        titles = [_words(e.title) for e in block.entries if not _FOREWORD.search(e.title)]
        wanted = {tuple(words[:3]): words for words in titles if words}
        for index in range(block.end + 1, len(lines)):
            if index in aside:
                continue
            words = _words(lines[index].text)
            title = wanted.get(tuple(words[:3]))
            if title and len(words) >= min(len(title), 2) and title[: len(words)] == words[: len(title)]:
                out.append(_header_top(lines, aside, index))
                break
    return out


def section_headings(lines: list[Line], aside: dict[int, str], blocks: list[ContentsBlock]) -> set[int]:
    """The lines of the volume's section headings (`section_heading_groups`, flattened)."""
    return {index for group in section_heading_groups(lines, aside, blocks) for index in group}


def section_heading_groups(
    lines: list[Line], aside: dict[int, str], blocks: list[ContentsBlock]
) -> list[list[int]]:
    """Headings of the volume's sections, in file order, each as the lines it wraps onto."""
    listed = {tuple(_words(section)) for block in blocks for section in block.sections}
    listed_openings = {words[:2] for words in listed}
    pages = by_page(lines)
    kept_on_page = {page: sum(k not in aside for k in indices) for page, indices in pages.items()}
    out: list[list[int]] = []
    taken: set[int] = set()
    for index, line in enumerate(lines):
        text = line.text
        if index in aside or index in taken or len(text) > _MAX_HEADING or text.endswith((".", ",", ";")):
            continue
        few_on_page = line.page is not None and kept_on_page[line.page] <= _HEADING_LINES
        if not (
            few_on_page
            or SECTION_WORD.match(text)
            or _COLLECTION_HEADING.match(text)
            or _DISCIPLINE.match(text)
            or (listed_openings and tuple(_words(text)[:2]) in listed_openings)
        ) or not _heading_shaped(text):
            continue
        wrapped = _wrapped(lines, aside, index)
        if few_on_page and line.page is not None:  # a divider page: its lines are one heading
            page_lines = [k for k in pages[line.page] if k not in aside]
            if page_lines[0] == index and all(_heading_shaped(lines[k].text) for k in page_lines):
                wrapped = page_lines
        whole = " ".join(lines[k].text for k in wrapped)
        alone = few_on_page and _alone_on_page(lines, aside, pages, wrapped)
        following = kept_after(lines, aside, wrapped[-1])
        opens = following is not None and (
            CLASSIFICATION.match(lines[following].text) or _is_people_below(lines, aside, following)
        )
        capitals = c.is_title_continuation(text)
        if not (
            _COLLECTION_HEADING.match(whole)
            or tuple(_words(whole)) in listed
            or (SECTION_WORD.match(text) and len(whole.split()) > 1 and (capitals or alone or opens))
            or (_DISCIPLINE.match(whole) and (alone or opens))
            or (
                alone and (c.is_title_continuation(whole) or _title_cased(whole)) and not _CAPTION.match(text)
            )
        ):
            continue
        if following is not None and _is_people(lines[following].text):
            continue  # a title: names or an affiliation follow it
        out.append(wrapped)
        taken.update(wrapped)
    return out


def _title_cased(text: str) -> bool:
    """'Full Papers', 'Accepted Abstracts': the words that count start with a capital (and no
    number: a reference's last line, 'Journal of Linguistics, 12(3)', alone on its page is none)."""
    if any(char.isdigit() for char in text):
        return False
    words = [word for word in text.split() if len(word) >= _TITLE_WORD]
    return bool(words) and sum(word[:1].isupper() for word in words) >= _TITLE_SHARE * len(words)


def _heading_shaped(text: str) -> bool:
    return (
        len(text) <= 160
        and len(text.split()) <= 20
        and not text.endswith((".", ",", ";"))
        and not CLASSIFICATION.match(text)
        and not PAGE_NUMBER.match(text)
        and not c.SECTION_HEADING.match(text)
        and not c.REFERENCE_HEADING.match(text)
        and not c.ABSTRACT_LABEL.match(text)
        and not c.KEYWORDS_LABEL.match(text)
    )


def _wrapped(lines: list[Line], aside: dict[int, str], index: int) -> list[int]:
    """A heading and the lines it goes on to while its quotation mark is open."""
    out = [index]
    while len(out) < 3:
        text = " ".join(lines[k].text for k in out)
        following = kept_after(lines, aside, out[-1])
        if text.count("«") <= text.count("»") or following is None:
            break
        out.append(following)
    return out


def _is_people_below(lines: list[Line], aside: dict[int, str], index: int) -> bool:
    """A title (capitals) with names right under it: an article opens at `index`."""
    following = kept_after(lines, aside, index)
    return c.is_title_line(lines[index].text) and following is not None and _is_people(lines[following].text)


def _alone_on_page(
    lines: list[Line], aside: dict[int, str], pages: dict[int, list[int]], own: list[int]
) -> bool:
    """A divider page: on its page nothing but the heading (and furniture)."""
    page = lines[own[0]].page
    if page is None:
        return False
    others = [k for k in pages[page] if k not in aside and k not in own]
    return not others

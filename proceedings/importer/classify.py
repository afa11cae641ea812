"""Recognise the kinds of line that make up an article header, in kk, ru and en.

Each recogniser looks at one cleaned line. They are deliberately conservative: a line is
only called a title, a name or an affiliation when it is short and matches a pattern
that running text does not produce; `split` and `header` combine them with context.
"""

from __future__ import annotations

import re

UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
LOWER = "a-zа-яёәғқңөұүһі"
_INITIAL = rf"[{UPPER}]\.\s*"
_SURNAME = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}]?[{LOWER}]+)?"
_LAST_INITIAL = rf"[{UPPER}](?:\.|(?![{UPPER}{LOWER}]))"
# A full name with its patronymic, printed surname first ('Румянцев Денис Сергеевич', 'Серікбаев
# Асқар Нұрланұлы'): Russian -вич/-вна/-чна/-ьич, Kazakh -ұлы/-қызы in either spelling.
_GIVEN = rf"[{UPPER}][{LOWER}]+"
_PATRONYMIC = rf"[{UPPER}][{LOWER}]+(?:вич|вна|чна|ьич|ұлы|улы|қызы|кызы)"
NAME = re.compile(
    rf"(?<![{UPPER}{LOWER}])(?:{_SURNAME}\s+{_GIVEN}\s+{_PATRONYMIC}(?![{LOWER}])"
    rf"|{_SURNAME}\s+[{UPPER}]\.(?:\s*{_LAST_INITIAL})?"
    rf"|(?:{_INITIAL}){{1,2}}{_SURNAME})"
)
_PLAIN_NAME = re.compile(rf"^{_SURNAME}(?:\s+{_SURNAME}){{1,2}}$")  # 'Ван Лу', 'Yu-xi Li', 'Chen Zhihong'

SECTION_HEADING = re.compile(
    r"^(?:[IVXІ]+\.\s*|\d{1,2}\.?\s*)?(?:кіріспе|введение|introduction|қорытынды|қорытындылау|"
    r"заключение|вывод|выводы|conclusions?|discussion|results|methods?|methodology|"
    r"literature review|background|талқылау|нәтижелер|әдістер|обсуждение|результаты|методы)"
    r"(?:\s+[^\s.]+){0,3}?\s*[:.：]?\s*$",
    re.IGNORECASE,
)
REFERENCE_HEADING = re.compile(
    r"^(?:пайдаланылған\s+)?(?:әдебиеттер(?:\s+тізімі)?|список\s+(?:использованной\s+)?литературы|"
    r"литература|использованная\s+литература|references|bibliography|sources|источники)\s*[:.]?$",
    re.IGNORECASE,
)
ABSTRACT_LABEL = re.compile(
    # The label alone, or followed by a separator or a capital ('Abstract. This…', 'Аңдатпа
    # Бұл…'), never by a word that goes on ('Summary of findings', 'Аннотация к фильму').
    r"^(?P<label>аңдатпа|андатпа|аннотация|abstract|summary|резюме|түйіндеме)"
    rf"(?:\s*[.:：\-–—]\s*|\s+(?=(?-i:[{UPPER}\d«\"“]))|\s*$)(?P<rest>.*)$",
    re.IGNORECASE,
)
ABSTRACT_LANGUAGE = {"аңдатпа": "kk", "андатпа": "kk", "түйіндеме": "kk", "аннотация": "ru", "резюме": "ru"}
KEYWORDS_LABEL = re.compile(
    r"^(?P<label>(?:түйін(?:ді)?|кілт(?:тік|ті)?|тірек)\s+сөздер|ключевые\s+слова|key\s*-?\s*(?:words?|worlds?)|"
    r"index\s+terms)\s*[.:：\-–—]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# (not followed by a comma: 'supervisor, Dr. X, for his invaluable help' is an acknowledgement)
SUPERVISOR_LABEL = re.compile(
    r"^(?:ғылыми\s+(?:жетекші(?:сі|лері?)?|кеңесші(?:сі)?)|"
    r"(?:науч(?:н(?:ый|ые)|\.)?\s*)?руководител(?:ь|и)|научн(?:ый|ые)\s+консультант(?:ы)?|"
    r"(?:scientific\s+)?(?:supervisors?|advisors?|advisers?))\s*[:\-–—]?\s*(?![,;.])",
    re.IGNORECASE,
)
_STATUS = re.compile(
    r"(?<![а-яё])курс(?:а|ы|е|тың|ының)?(?![а-яё])|магистр|докторант|студент|бакалавр|аспирант|оқытушы|преподават|профессор|доцент|"
    r"\bphd\b|lecturer|student|master|undergraduate|candidate|кандидат|доктор|ғылымдарының|наук|"
    r"\bф\.\s*ғ\.|\bк\.\s*ф\.|мамандығ|специальност|«\s*\d[\dA-ZА-ЯМ]+",
    re.IGNORECASE,
)
_POSITION = re.compile(rf"{_STATUS.pattern}|кинооператор|режиссер|журналист", re.IGNORECASE)
_AFFILIATION = re.compile(
    r"университет|ҚазҰУ|КазНУ|академи|институт|university|institute|academy|college|колледж|"
    r"техникум|филиал|лицей|гимнази|мектеп|школ|school|branch|"
    r"факультет|faculty|кафедр|department|әл-фараби|аль-фараби|al-farabi|алматы|almaty|астана|astana|"
    r"қазақстан|казахстан|kazakhstan|china|қытай|китай|республика",
    re.IGNORECASE,
)
_SENTENCE_OPENER = re.compile(
    r"^(?:(?:бұл|осы)\s+мақала\w*|мақалада|в\s+(?:данной\s+|настоящей\s+|этой\s+)?(?:статье|работе)|"
    r"(?:данная|настоящая)\s+статья|(?:this|the|in\s+this)\s+(?:article|paper|study))\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"«[^»]*»")
_PROSE_WORDS = 4
_HEADER_MAX = 110
_POSITION_WORDS = 8
_AFFILIATION_WORDS = 12  # as long as a line can be before it reads as a sentence


_NON_LETTER = re.compile(r"[\W\d_]+")


def letters(text: str) -> str:
    return _NON_LETTER.sub("", text)


# A classification code opens an article in Russian and Kazakh proceedings ('УДК 330',
# 'Удк 330', 'УДК: 347.2/3', 'ӘОЖ 070', 'МРНТИ 19.21.07', 'IRSTI 06.81', 'ББК 76', a DOI).
CLASSIFICATION = re.compile(
    r"^(?:УДК|ӘОЖ|UDC|МРНТИ|ГРНТИ|ХҒТАР|IRSTI|ББК|JEL|DOI)(?![^\W\d_])\s*[:.№]?\s*(?:\d|[A-Z]\d|https?://)",
    re.IGNORECASE,
)


def is_classification_line(text: str) -> bool:
    return len(text) <= _HEADER_MAX and bool(CLASSIFICATION.match(text))


def is_title_line(text: str) -> bool:
    """An ALL-CAPS line of several words that is not a section heading."""
    if len(text) > 140 or is_classification_line(text):
        return False
    chars = letters(text)
    # Most lines are prose: a lower-case letter among the first few settles it cheaply.
    if len(chars) < 8 or sum(map(str.islower, chars[:10])) > 2:
        return False
    upper = sum(map(str.isupper, chars))
    if upper / len(chars) < 0.85:
        return False
    if SECTION_HEADING.match(text) or REFERENCE_HEADING.match(text) or ABSTRACT_LABEL.match(text):
        return False
    return len(text.split()) >= 2 or len(chars) >= 15


def is_title_continuation(text: str) -> bool:
    """Later lines of an ALL-CAPS title may be a single word ('КОНТЕКСТЕ', 'ИНТЕЛЛЕКТ')."""
    chars = letters(text)
    if len(chars) < 3 or SECTION_HEADING.match(text) or REFERENCE_HEADING.match(text):
        return False
    return sum(1 for char in chars if char.isupper()) / len(chars) >= 0.85 and len(text) <= 140


def is_titlelike(text: str, width: int, *, may_fill: bool = False) -> bool:
    """A line that could be a sentence-case title: short, several words, no closing full stop.

    `may_fill`: a title line known to sit right above its names, which may fill the line (and
    the volume's typical line says little: two-column papers make it short)."""
    words = text.split()
    return (
        (1 if may_fill else 2) <= len(words) <= (20 if may_fill else 14)
        and len(letters(text)) >= 2  # '70', '4.1': line and section numbers
        and len(text) < (_HEADER_MAX * 2 if may_fill else 0.9 * width)
        and not CAPTION.match(text)
        and not text.endswith((".", ",", ";"))
        and not SECTION_HEADING.match(text)
        and not is_header_line(text)
        and not ABSTRACT_LABEL.match(text)
        and not KEYWORDS_LABEL.match(text)
    )


def is_supervisor_line(text: str) -> bool:
    return bool(SUPERVISOR_LABEL.match(text))


_RANK_WORDS = frozenset(
    "professor prof associate assistant senior lecturer doctor dr phd профессор проф доцент доктор "
    "аға оқытушы преподаватель старший".split()
)


def person_names(text: str) -> list[str]:
    """Names with initials in a line ('Андреева М. М.', 'Г.С. Өзбекова', 'С.Х.Барлыбаева').

    A rank printed before the initials ('Professor A. Smith') is not a surname.
    """
    names = []
    position = 0
    if text.lstrip().startswith("©"):
        return names  # '© Д. С. Корниенко, 2024': the copyright holder, not an author
    while match := NAME.search(text, position):
        first = match.group(0).split()[0]
        if first.casefold().strip(".") in _RANK_WORDS:
            position = match.start() + len(first)
            continue
        position = match.end()
        if _NAMED_AFTER_BEFORE.search(text[: match.start()]) or _NAMED_AFTER_AFTER.match(text[match.end() :]):
            continue  # 'университет им. Д. Серикбаева': the institution's name
        names.append(re.sub(r"\s+", " ", match.group(0)).strip())
    return names


# An institution named after someone: 'им. Д. Серикбаева', 'имени', 'named after'; in Kazakh the
# name comes first: 'Д. Серікбаев атындағы'.
_NAMED_AFTER_BEFORE = re.compile(r"(?:\bим\.|\bимени|\bnamed\s+after)\s*$", re.IGNORECASE)
_NAMED_AFTER_AFTER = re.compile(r"\s*атында", re.IGNORECASE)


def remove_names(text: str) -> str:
    """The line without the names `person_names` finds, for what is left to become a position."""
    for name in person_names(text):
        pattern = r"\s*".join(re.escape(part) for part in name.split())
        text = re.sub(pattern, " ", text, count=1)
    return text


def is_person_line(text: str) -> bool:
    """A short line that is mostly one or more names with initials."""
    if len(text) > 80 or is_supervisor_line(text) or SECTION_HEADING.match(text):
        return False
    names = person_names(text)
    if not names:
        return False
    rest = remove_names(text)
    rest = re.sub(r"\b(?:және|и|and)\b", "", rest)
    return len(letters(rest)) <= 3


_NAME_SEPARATOR = re.compile(r"\s*[,;]\s*|\s+(?:and|и|және|мен)\s+")
_FOOTNOTE_MARK = re.compile(r"(?<=[^\W\d_])[\d*†‡]+(?=\s*(?:[,;]|$))")
_MAX_LISTED_NAMES = 6
_MAX_NAMES_LINE = 150
_NAME_CONNECTORS = frozenset({"and", "и", "және", "мен"})


def plain_names(text: str) -> list[str]:
    """The names of a line made only of names written out ('Ван Лу', 'Guanying Zhao, Haiying Li',
    footnote marks dropped: 'Li Haiying1'); [] when anything else is on the line. Only trusted
    in a header."""
    if len(text) > _MAX_NAMES_LINE or any(
        word[:1].islower() and word not in _NAME_CONNECTORS for word in text.split()
    ):
        return []  # most lines: running text, settled without the patterns below
    stripped = _FOOTNOTE_MARK.sub("", text).strip(" ,;")
    names = [part for part in _NAME_SEPARATOR.split(stripped) if part]
    if not 0 < len(names) <= _MAX_LISTED_NAMES or SECTION_HEADING.match(stripped):
        return []
    if _AFFILIATION.search(stripped):
        return []  # 'Macao Polytechnic University' is capitalised words too
    return names if all(_PLAIN_NAME.match(name) for name in names) else []


def is_plain_name_line(text: str) -> bool:
    """Names written out and nothing else (see `plain_names`)."""
    return bool(plain_names(text))


def is_names_line(text: str) -> bool:
    """A line of names: with initials or patronymics anywhere, or written out (header only)."""
    return is_person_line(text) or is_plain_name_line(text)


# A table or figure caption ('Table 1', 'Рис. 2'): never a title, and it ends what is above it.
CAPTION = re.compile(r"^(?:table|figure|fig\.|рис(?:унок|\.)|таблица|кесте|сурет)\s*\d", re.IGNORECASE)


def is_position_line(text: str) -> bool:
    """'1 курс магистратура', 'филология ғылымдарының кандидаты, доцент': short, with a rank word."""
    return (
        len(text.split()) <= _POSITION_WORDS
        and bool(_POSITION.search(text))
        and not text.endswith(".")
        and not reads_as_prose(text)
    )


def is_affiliation_line(text: str) -> bool:
    """'Әл-Фараби атындағы Қазақ ұлттық университеті', 'Алматы, Қазахстан'."""
    return (
        len(text) <= _HEADER_MAX
        and len(text.split()) <= _AFFILIATION_WORDS
        and bool(_AFFILIATION.search(text))
        and not _looks_like_sentence(text)
        and not reads_as_prose(text)
    )


def reads_as_prose(text: str, width: int | None = None) -> bool:
    """A line of running text, even when it names a country or a profession.

    Header lines are built from names, ranks and institutions; a body line that mentions
    'Қазақстанда' or 'журналистерді' is told apart by its ordinary words, by opening the
    way abstracts do ('Бұл мақалада', 'В статье'), or, given the typical line `width`, by
    filling the line and stopping mid-sentence (on an ordinary word or a broken word).
    """
    if _SENTENCE_OPENER.match(text):
        return True
    words = _ordinary_words(text)
    if len(words) >= _PROSE_WORDS:
        return True
    if not width or len(text) < 0.8 * width:
        return False
    last = text.rsplit(maxsplit=1)[-1]
    return (
        len(words) >= _PROSE_WORDS - 1
        or (bool(words) and last == words[-1])
        or bool(re.search(r"\w-$", text))
    )


def _ordinary_words(text: str) -> list[str]:
    """Lower-case words of four letters or more that are no rank, institution or abbreviation."""
    out = []
    for word in _QUOTED.sub(" ", text).split():
        if "." in word.strip(".,;:") or len(letters(word)) < 4 or not word[:1].islower():
            continue
        if not (_POSITION.search(word) or _AFFILIATION.search(word)):
            out.append(word)
    return out


def detail_kind(part: str, previous: str) -> str:
    """Whether one comma-separated piece of a person's details is a 'position' or an 'affiliation'.

    A status word ('магистранты', 'доцент') makes a position even inside 'Журналистика
    факультетінің магистрі'; otherwise an institution, faculty or place makes an affiliation.
    A piece with neither ('Алматы, Қазақстан' split at its comma aside) goes with the one before.
    """
    if _STATUS.search(part):
        return "position"
    if _AFFILIATION.search(part):
        return "affiliation"
    if _POSITION.search(part):
        return "position"
    return previous


_TRAILING_LINK = re.compile(r"\s+(?:of|at|in|в|при)$", re.IGNORECASE)


def split_status_institution(part: str) -> tuple[str, str]:
    """Cut 'магистрантка 1 курса факультета журналистики КазНУ им.аль-Фараби' before 'КазНУ'.

    Only a capitalised institution or place printed after the status word is cut off;
    without one the whole piece stays a position and the affiliation is empty.
    """
    status = _STATUS.search(part)
    if status is None:
        return part, ""
    for word in re.finditer(r"\S+", part[status.end() :]):
        if word.group(0)[:1].isupper() and _AFFILIATION.search(word.group(0)):
            cut = status.end() + word.start()
            return _TRAILING_LINK.sub("", part[:cut].rstrip(" ,;")), part[cut:]
    return part, ""


_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.-]+|\b\d{4}-\d{4}-\d{4}-\d{3}[\dX]\b|^(?:e-?mail|orcid|тел\.?)\s*[:.]",
    re.IGNORECASE,
)


def is_contact_line(text: str) -> bool:
    """A short line with an e-mail address or an ORCID: a header detail, never body text."""
    return len(text) <= _HEADER_MAX and bool(_CONTACT.search(text)) and not _looks_like_sentence(text)


def is_header_line(text: str) -> bool:
    """Any line that belongs to the people part of a header."""
    return (
        is_person_line(text)
        or is_supervisor_line(text)
        or is_position_line(text)
        or is_affiliation_line(text)
        or is_contact_line(text)
    )


# Line ends that close an abbreviation, not a sentence ('им.', 'г.', 'ун-т.' in an affiliation).
ABBREVIATED_ENDINGS = (" им.", " г.", " ул.", " обл.", " р-н.", " пр.", " д.")

URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def prose(text: str) -> str:
    """Text without URLs, which say nothing about the language it is written in."""
    return URL.sub(" ", text)


def ends_sentence(text: str) -> bool:
    """Whether a line closes a sentence (or is a bare link, as reference lists end)."""
    stripped = text.rstrip()
    return stripped.endswith(tuple('.!?…»"”)];')) or bool(URL.fullmatch(stripped))


def _looks_like_sentence(text: str) -> bool:
    """Running text: many words, or a clause ending in a full stop after lower-case words."""
    words = text.split()
    if len(words) > 12:
        return True
    return text.endswith(".") and len(words) > 6 and not NAME.search(text)

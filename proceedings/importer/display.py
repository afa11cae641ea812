"""A readable form of titles printed in ALL CAPS.

Sentence case loses what capitals meant, so they are put back where the evidence allows:
- a word printed with small letters ('ChatGPT', 'iPhone' in a line of capitals) stays as printed;
- known acronyms ('СМИ', 'ҚазҰУ', 'AI') take their known form;
- the article's own text tells the rest: a word the text writes in capitals ('ЕАЭС') stays in
  capitals, one it capitalises inside sentences ('Шанхай') keeps its capital, one it writes small
  is small;
- without such evidence: short tokens in parentheses ('(ЖИ)'), tokens with digits ('COVID-19'),
  and short words of one vowel at most that are no common word ('ШОС', 'ТАСС') stay as printed,
  and a few proper names keep their capital ('Қазақстандағы').
The first word, a word after a full stop and the first word inside quotes ('«Один пояс…»')
start with a capital. The printed title is stored as it was; this is only how pages show it.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

_ACRONYMS = {
    a.casefold(): a
    for a in (
        "СМИ БАҚ ЖИ ИИ ҚазҰУ КазНУ ҚР РК АҚШ США ЕО ЕС ООН БҰҰ ТВ ЖОО ВУЗ ЖШС ТОО IT AI PR VR AR SMM "
        "NLP UGC ChatGPT GPT SEO ESG BRI CSR OpenAI DeepSeek TikTok YouTube Instagram Facebook Telegram "
        "Spark UX UI MBA PhD ЕАЭС ЕАЭО ШОС ШЫҰ ТМД СНГ ҰҚШҰ ОДКБ ҚХР КНР ЖАО НАТО NATO UNESCO ЮНЕСКО "
        "BBC CNN ICT ИКТ АКТ SDG HR IoT USA UK EU UN OTT"
    ).split()
}
_PROPER_STEMS = (
    "қазақстан казахстан kazakhstan алматы астана china қытай китай росси ресей korea корея "
    "орталық азия азии азию азией central asia әл-фараби аль-фараби al-farabi еуразия евразия"
).split()
# Short words of titles in the three languages that are words, not acronyms: without them a short
# word in capitals the text does not show would stay in capitals ('РОЛЬ', 'ЖАҢА', 'NEWS').
_COMMON_SHORT_WORDS = frozenset(
    """
    a an and as at by for from in into of on or the to vs with is are its new how why what who
    age era way use art film news role case data mass web key law war text life work time media
    and but not our your their this that than via out up off over all one two
    и в во не на с со по для от из к ко о об или а но же ли бы что как это то при до за над под
    про без его их ее её она они мы вы все вся всё весь наш ваш свой чем где там тут уже еще ещё
    у я ни ее бы роль опыт путь виды типы тип вид мир век год два три язык тема цель план итог
    суть рост кино фото блог жанр поле мифы миф образ новые сеть сети вуза веб
    және мен бен пен да де та те бұл осы сол үшін әрі не немесе ал бірақ жаңа жас тіл тілі адам
    ел елі іс ісі жыл орын рөл рөлі оның бір екі үш жол түрі әдіс мәні бала әйел өнер дамуы даму
    әлем ойын жазу кино фото блог жанр ақын өлең ән сөз сөзі ұлт ой ойы күн ары қыз ұл аға апа
    game fake deep book plot blog site tool team city town fact
    """.split()
)
_ADJECTIVE_ENDING = re.compile(r"(?:ск|цк)(?:ий|ая|ое|ие|их|ого|ому|ой|ую|им|ими|о)$")
_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*|\S")
_OPENING_QUOTES = "«„“\"'"
_VOWELS = frozenset("аеёиоуыэюяәіөүұaeiouy")
_SHORT_ACRONYM = 4  # letters: 'ЕАЭС', 'NATO'; longer words in capitals are words set in capitals
_CAPITALS_SHARE = 0.85  # of a line's letters: a title (or heading) set in capitals
_CAPITAL_WORDS_SHARE = 0.6
_LETTER_RUN = re.compile(r"[^\W\d_]{2,}")
_CONTEXT_CHARS = 40_000  # of the text read for evidence: the opening pages say what they need to


def title_display(title: str, *, context: str = "") -> str:
    """Sentence case for an ALL-CAPS title; other titles are returned unchanged. `context` is
    the article's text (or any text in its language), read for how it writes the title's words."""
    if not _set_in_capitals(title):
        return title
    evidence = _casing_evidence(context[:_CONTEXT_CHARS]) if context else {}
    out: list[str] = []
    position = 0
    first_word = True
    for match in _TOKEN.finditer(title):
        out.append(title[position : match.start()])
        token = match.group(0)
        starts = first_word or _after_opening_quote(title, match.start())
        out.append(_token_display(token, title, match.start(), first_word=starts, evidence=evidence))
        if any(char.isalpha() for char in token):
            first_word = False
        elif token in ".!?":
            first_word = True
        position = match.end()
    out.append(title[position:])
    return "".join(out)


def _after_opening_quote(title: str, start: int) -> bool:
    """The token is the first word inside quotes: '«ОДИН', or '"ОДИН' after a space."""
    if not start or title[start - 1] not in _OPENING_QUOTES:
        return False
    return title[start - 1] in "«„“" or start == 1 or not title[start - 2].isalnum()


@lru_cache(maxsize=8)
def _casing_evidence(text: str) -> dict[str, str]:
    """How the text writes each word, by its lower-case form: 'upper' (in capitals, two letters or
    more), 'capital' (capitalised inside a sentence, so not for being first) or 'lower'. A word
    the text writes more than one way takes the way it writes it most. Lines set in capitals
    (headings, a repeated title) say nothing about their words and are left out."""
    counts: dict[str, Counter] = {}
    for line in text.splitlines():
        if _mostly_capitals(line):
            continue
        sentence_start = True
        for match in _TOKEN.finditer(line):
            token = match.group(0)
            if not any(char.isalpha() for char in token):
                sentence_start = sentence_start or token in '.!?:;•–—«„“"('
                continue
            if sum(char.isalpha() for char in token) > 1 and not any(char.islower() for char in token):
                kind = "upper"
            elif token[0].isupper():
                kind = None if sentence_start else "capital"
            else:
                kind = "lower"
            if kind:
                for part in token.lower().split("-"):
                    counts.setdefault(part, Counter())[kind] += 1
            sentence_start = False
    return {word: kinds.most_common(1)[0][0] for word, kinds in counts.items()}


def _set_in_capitals(title: str) -> bool:
    """Most letters capitals, or most words (of two letters or more) in capitals: a line of
    capitals with a word or two printed otherwise ('ChatGPT') is still a title in capitals."""
    words = _LETTER_RUN.findall(title)
    in_capitals = sum(not any(char.islower() for char in word) for word in words)
    return _mostly_capitals(title) or (len(words) >= 2 and in_capitals / len(words) >= _CAPITAL_WORDS_SHARE)


def _mostly_capitals(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and sum(char.isupper() for char in letters) / len(letters) >= _CAPITALS_SHARE


def _token_display(token: str, title: str, start: int, *, first_word: bool, evidence: dict[str, str]) -> str:
    """A word, or words joined by hyphens ('PR-МЕРОПРИЯТИЙ', 'Telegram-АРНАЛАР'), each part on its
    own; a part after the first ('-ТАҒЫ' after 'АҚШ') is never taken for an acronym by its shape."""
    if not any(char.isalpha() for char in token):
        return token
    if any(char.isdigit() for char in token) or token.casefold() in _ACRONYMS:
        return _ACRONYMS.get(token.casefold(), token)  # 'COVID-19', '5G', 'ҚазҰУ'
    parts = token.split("-")
    return "-".join(
        _word_display(
            part, title, start, first_word=first_word and not n, evidence=evidence, may_guess_acronym=not n
        )
        for n, part in enumerate(parts)
    )


def _word_display(
    word: str, title: str, start: int, *, first_word: bool, evidence: dict[str, str], may_guess_acronym: bool
) -> str:
    if not word or any(char.islower() for char in word):
        return word  # printed with small letters among capitals: as the author wrote it
    if known := _ACRONYMS.get(word.casefold()):
        return known
    lower = word.lower()
    seen = evidence.get(lower) or _guess(word, title, start, may_guess_acronym=may_guess_acronym)
    if seen == "upper":
        return word
    return lower[:1].upper() + lower[1:] if first_word or seen == "capital" else lower


def _guess(token: str, title: str, start: int, *, may_guess_acronym: bool) -> str:
    """How a word the text does not show is written: 'upper' for what looks like an acronym,
    'capital' for the few proper names known, else 'lower'."""
    if may_guess_acronym and _looks_like_an_acronym(token, title, start):
        return "upper"
    lower = token.lower()
    if lower.startswith(tuple(_PROPER_STEMS)) and not _ADJECTIVE_ENDING.search(lower):
        return "capital"
    return "lower"


def _looks_like_an_acronym(token: str, title: str, start: int) -> bool:
    """With nothing in the text to go by: in parentheses, with digits, or short, with one vowel at
    most and no common word ('ШОС', 'ТАСС', 'МВД'; not 'ОДИН', 'РОЛЬ')."""
    in_parentheses = title[start - 1 : start] == "(" and len(token) <= 6
    letters = [char for char in token.casefold() if char.isalpha()]
    vowels = sum(char in _VOWELS for char in letters)
    common = token.casefold() in _COMMON_SHORT_WORDS
    short_word = len(letters) <= _SHORT_ACRONYM and vowels <= 1 and "-" not in token and not common
    return in_parentheses or any(char.isdigit() for char in token) or short_word

"""A readable form of titles printed in ALL CAPS.

Sentence case loses what capitals meant, so acronyms are put back: tokens known as
acronyms ('СМИ', 'ҚазҰУ', 'AI'), short tokens in parentheses ('(ЖИ)'), short Latin
tokens, and tokens with digits stay as printed; a few proper names keep their capital.
"""

from __future__ import annotations

import re

_ACRONYMS = {
    a.casefold(): a
    for a in (
        "СМИ БАҚ ЖИ ИИ ҚазҰУ КазНУ ҚР РК АҚШ США ЕО ЕС ООН БҰҰ ТВ ЖОО ВУЗ ЖШС ТОО IT AI PR VR AR SMM "
        "NLP UGC ChatGPT GPT SEO ESG BRI CSR OpenAI DeepSeek TikTok YouTube Instagram Facebook Telegram "
        "Spark UX UI MBA PhD"
    ).split()
}
_PROPER_STEMS = (
    "қазақстан казахстан kazakhstan алматы астана china қытай китай росси ресей korea корея "
    "орталық азия central asia әл-фараби аль-фараби al-farabi еуразия евразия"
).split()
_SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to vs with".split())
_ADJECTIVE_ENDING = re.compile(r"(?:ск|цк)(?:ий|ая|ое|ие|их|ого|ому|ой|ую|им|ими|о)$")
_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*|\S")


def title_display(title: str) -> str:
    """Sentence case for an ALL-CAPS title; other titles are returned unchanged."""
    letters = [char for char in title if char.isalpha()]
    if not letters or sum(char.isupper() for char in letters) / len(letters) < 0.85:
        return title
    out: list[str] = []
    position = 0
    first_word = True
    for match in _TOKEN.finditer(title):
        out.append(title[position : match.start()])
        token = match.group(0)
        out.append(_token_display(token, title, match.start(), first_word=first_word))
        if any(char.isalpha() for char in token):
            first_word = False
        elif token in ".!?":
            first_word = True
        position = match.end()
    out.append(title[position:])
    return "".join(out)


def _token_display(token: str, title: str, start: int, *, first_word: bool) -> str:
    if not any(char.isalpha() for char in token):
        return token
    head, _, tail = token.partition("-")
    known = _ACRONYMS.get(token.casefold()) or _ACRONYMS.get(head.casefold())
    if known and known.casefold() == token.casefold():
        return known
    if known:
        return f"{known}-{tail.lower()}"
    in_parentheses = title[start - 1 : start] == "(" and len(token) <= 6
    short_latin = token.isascii() and len(token) <= 3 and token.casefold() not in _SMALL_WORDS
    if in_parentheses or any(char.isdigit() for char in token) or short_latin:
        return token
    lower = token.lower()
    proper = lower.startswith(tuple(_PROPER_STEMS)) and not _ADJECTIVE_ENDING.search(head.lower())
    if first_word or proper:
        return lower[:1].upper() + lower[1:]
    return lower

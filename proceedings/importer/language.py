"""Tell Kazakh, Russian and English apart.

Statistical detectors (langdetect included) have no Kazakh profile and call Kazakh
Russian, yet Kazakh is easy to see: it writes nine letters Russian never uses
(ә ғ қ ң ө ұ ү һ і) and a handful of very frequent words. Exports from some fonts put a
Latin 'i' for the Kazakh 'і' inside Cyrillic words, so that counts as Kazakh too. Between
Cyrillic and Latin script, counting letters is enough for the three languages we publish.
"""

from __future__ import annotations

import re

_KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_KAZAKH_WORDS = frozenset(
    "және мен бұл үшін деп болып осы бір бар да де ретінде оның олар сондай ал емес "
    "жоқ қазіргі арқылы сияқты туралы бойынша көп".split()
)
_RUSSIAN_WORDS = frozenset("и в не на что как это с по для от из к о или также был была".split())
_WORD = re.compile(r"[^\W\d_]+")
_MIXED_I = re.compile(r"[\u0400-\u04ff]i|i[\u0400-\u04ff]")


def script_counts(text: str) -> tuple[int, int, int]:
    """(Cyrillic letters, Kazakh-only letters, Latin letters) in `text`."""
    cyrillic = kazakh = latin = 0
    for char in text:
        if "\u0400" <= char <= "\u04ff":
            cyrillic += 1
            if char in _KAZAKH_LETTERS:
                kazakh += 1
        elif char.isascii() and char.isalpha():
            latin += 1
    kazakh += len(_MIXED_I.findall(text))
    return cyrillic, kazakh, latin


def detect_language(text: str) -> str:
    """Return 'kk', 'ru' or 'en' for a paragraph or a whole body."""
    cyrillic, kazakh, latin = script_counts(text)
    if latin > cyrillic:
        return "en"
    if cyrillic == 0:
        return "en"
    words = [w.casefold() for w in _WORD.findall(text)]
    kk_words = sum(1 for w in words if w in _KAZAKH_WORDS)
    ru_words = sum(1 for w in words if w in _RUSSIAN_WORDS)
    share = kazakh / cyrillic
    if share >= 0.02:
        return "kk"
    if share >= 0.005 and kk_words > ru_words:
        return "kk"
    return "ru"


def letter_count(text: str) -> int:
    """How many letters `text` has: short snippets are not worth a language decision."""
    return sum(1 for char in text if char.isalpha())

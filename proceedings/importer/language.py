"""Tell Kazakh, Russian and English apart.

Statistical detectors (langdetect included) have no Kazakh profile and call Kazakh
Russian, yet Kazakh is easy to see: it writes nine letters Russian never uses
(ә ғ қ ң ө ұ ү һ і) and a handful of very frequent words. Exports from some fonts put a
Latin 'i' for the Kazakh 'і' inside Cyrillic words, so that counts as Kazakh too. Between
Cyrillic and Latin script, counting letters is enough for the three languages we publish.

The splitter asks about every paragraph of a volume, so each question is answered in a
few C-level passes over the text rather than a Python loop per character.
"""

from __future__ import annotations

import re

from proceedings.importer.classify import letters
from proceedings.importer.normalise import fold_words

_KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_KAZAKH_WORDS = frozenset(
    "және мен бұл үшін деп болып осы бір бар да де ретінде оның олар сондай ал емес "
    "жоқ қазіргі арқылы сияқты туралы бойынша көп".split()
)
_RUSSIAN_WORDS = frozenset("и в не на что как это с по для от из к о или также был была".split())
SAMPLE_CHARS = 12_000
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_KAZAKH = re.compile("[" + "".join(sorted(_KAZAKH_LETTERS)) + "]")
_MIXED_I = re.compile(r"[\u0400-\u04ff]i|i[\u0400-\u04ff]")
_KAZAKH_WORD = re.compile(f"{_KAZAKH.pattern}|{_MIXED_I.pattern}")
# In UTF-8 every character of U+0400–U+04FF starts with one of the lead bytes D0–D3, and an
# ASCII letter is a byte no multi-byte character contains: deleting every other byte counts them.
_NOT_CYRILLIC_LEAD = bytes(b for b in range(256) if b not in range(0xD0, 0xD4))
_NOT_LATIN = bytes(b for b in range(256) if not chr(b).isascii() or not chr(b).isalpha())


def script_counts(text: str) -> tuple[int, int, int]:
    """(Cyrillic letters, Kazakh-only letters, Latin letters) in `text`."""
    cyrillic, latin = _cyrillic_and_latin(text)
    kazakh = len(_KAZAKH.findall(text)) + len(_MIXED_I.findall(text))
    return cyrillic, kazakh, latin


def _cyrillic_and_latin(text: str) -> tuple[int, int]:
    """Characters in U+0400–U+04FF and in A–Z/a–z, counted on the UTF-8 bytes in one pass each."""
    data = text.encode("utf-8", "surrogatepass")
    return len(data.translate(None, _NOT_CYRILLIC_LEAD)), len(data.translate(None, _NOT_LATIN))


def detect_language(text: str) -> str:
    """Return 'kk', 'ru' or 'en' for a paragraph or a whole body.

    Kazakh is decided on the share of Cyrillic words that carry a Kazakh letter (about a
    third in running Kazakh), so a Kazakh name quoted in Russian text does not flip it.
    """
    if len(text) > SAMPLE_CHARS:
        # A long body speaks one language throughout (a change is an article boundary), so its
        # beginning, middle and end tell as much as all of it, at a fraction of the cost.
        third, middle = SAMPLE_CHARS // 3, len(text) // 2
        text = text[:third] + " " + text[middle - third // 2 : middle + third // 2] + " " + text[-third:]
    cyrillic, latin = _cyrillic_and_latin(text)
    if latin > cyrillic or cyrillic == 0:
        return "en"
    words = fold_words([w for w in _WORD.findall(text) if _CYRILLIC.search(w)])
    if not words:
        return "ru"
    kazakh_words = sum(1 for w in words if _KAZAKH_WORD.search(w))
    frequent_kk = sum(1 for w in words if w in _KAZAKH_WORDS)
    frequent_ru = sum(1 for w in words if w in _RUSSIAN_WORDS)
    share = kazakh_words / len(words)
    if share >= 0.15:
        return "kk"
    if share >= 0.05 and frequent_kk > frequent_ru:
        return "kk"
    return "ru"


def letter_count(text: str) -> int:
    """How many letters `text` has: short snippets are not worth a language decision."""
    return len(letters(text))

"""Where Latin and Cyrillic spellings meet: one 'skeleton' for every spelling of a word.

Readers type 'Tokayev', 'Toqaev', 'zhurnalistika', 'jurnalistika' or 'qazaqstan' (the Kazakh
Latin alphabet of 2021: ä ğ q ñ ö ū ü ı ş, y for ы) and expect the Cyrillic text; a Cyrillic
query should also find Latin-script text. Both sides are reduced to a skeleton: Latin digraphs
and letters are first read as the Cyrillic letter they stand for, then every letter folds to a
plain Latin one. The sounds transliterations disagree on most (и і й ы y ı) become one 'i',
which is dropped next to another vowel ('Tokayev' and 'Тоқаев' both read 'tokaev'), and doubled
letters collapse. The skeleton is lossy on purpose: it is only ever compared with other
skeletons.

Whole texts are folded with str.translate, not letter by letter in Python: an article's body
has tens of thousands of words and the import must stay fast.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Informal and official Latin digraphs, read as the Cyrillic letter they stand for.
_LATIN_DIGRAPHS = (
    ("shch", "щ"), ("sh", "ш"), ("ch", "ч"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"),
    ("ya", "я"), ("yu", "ю"), ("yo", "ё"), ("ng", "ң"), ("gh", "ғ"),
)  # fmt: skip
# One table for both scripts: every letter straight to its skeleton letters. Latin letters go
# the way of the Cyrillic letter they stand for (q as қ, y as ы, j as ж, w as у, c as к).
_FOLD = str.maketrans({
    "a": "a", "b": "b", "c": "k", "d": "d", "e": "e", "f": "f", "g": "g", "h": "h", "i": "i",
    "j": "zh", "k": "k", "l": "l", "m": "m", "n": "n", "o": "o", "p": "p", "q": "k", "r": "r",
    "s": "s", "t": "t", "u": "u", "v": "v", "w": "u", "x": "h", "y": "i", "z": "z",
    "ä": "a", "ğ": "g", "ı": "i", "ñ": "n", "ö": "o", "ş": "sh", "ç": "ch", "ū": "u", "ü": "u",
    "á": "a", "à": "a", "â": "a", "é": "e", "è": "e", "ê": "e", "í": "i", "ó": "o", "ú": "u",
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n",
    "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
    "ү": "u", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh",
    "ъ": "", "ы": "i", "і": "i", "ь": "", "э": "e", "ю": "u", "я": "a",
})  # fmt: skip
_FOLDED_WORD = re.compile(r"[a-z]+")
_DOUBLED = re.compile(r"(.)\1+")
_I_BY_VOWEL = re.compile(r"(?<=[aeou])i|i(?=[aeou])")
# 'ng' is ң in Latin Kazakh but н + г in Cyrillic loanwords (маркетинг, краудсорсинг): one 'n'
# on both sides, so 'kraudsorsingtiñ' meets 'краудсорсингтің'.
_NG = re.compile(r"ng")
_HYPHENATED = re.compile(r"[a-z]+(?:-[a-z]+)+")
# Skeleton words are indexed beside the real words, so they carry a mark no real word has;
# letters, because the 'simple' parser keeps letters (and positions, which ranking uses).
SKELETON_MARK = "xq"


def fold_text(text: str) -> str:
    """`text` with every letter replaced by its skeleton letters; other characters stay and
    separate words."""
    # 'İ'.lower() is 'i' with a combining dot above, which would split the word.
    text = unicodedata.normalize("NFC", text.lower()).replace("\u0307", "")
    for digraph, letter in _LATIN_DIGRAPHS:
        text = text.replace(digraph, letter)
    return text.translate(_FOLD)


@lru_cache(maxsize=100_000)
def _shape(folded_word: str) -> str:
    word = _NG.sub("n", folded_word)
    return _DOUBLED.sub(r"\1", _I_BY_VOWEL.sub("", _DOUBLED.sub(r"\1", word)))


def skeleton(word: str) -> str:
    """The skeleton of one word ('Тоқаев' -> 'tokaev', 'Tokayev' -> 'tokaev')."""
    return _shape("".join(_FOLDED_WORD.findall(fold_text(word))))


def skeleton_text(text: str, *, min_length: int = 3) -> str:
    """The marked skeletons of the words of `text` for the search index ('xqtokaev'), in order."""
    folded = fold_text(text)
    words = _FOLDED_WORD.findall(folded)
    # A hyphenated word also as one ('медиа-конвергенция' is found by 'медиаконвергенция').
    words += [word.replace("-", "") for word in _HYPHENATED.findall(folded)]
    shapes = (_shape(word) for word in words)
    return " ".join(SKELETON_MARK + shape for shape in shapes if len(shape) >= min_length)


def is_initial(word: str) -> bool:
    """One letter, or a Latin digraph standing for one ('sh' for Ш): a name's initial."""
    return len(word) == 1 or any(word == digraph for digraph, _ in _LATIN_DIGRAPHS if len(digraph) == 2)


def could_be_initial(word: str) -> bool:
    """Whether `word` can only meet a name's initial: an initial itself ('g', 'zh'), or a word
    whose skeleton is one letter, as an initial's is ('ИИ' folds to 'i' as «И.» does, 'AI' to
    'a' as «А.»). Digits alone ('2025') have no skeleton and name nobody either."""
    return is_initial(word) or len(skeleton(word)) <= 1

"""People's names as printed in the proceedings, and how to tell when two of them are one person.

Pure functions, no Django: the importer calls them on plain strings and the services use the
match key to find an existing Person.

The printed forms vary a lot for one person: 'Узбекова Г.С.', 'Г.С. Өзбекова,' and
'филол. ғ. к., доцент Г.С. Өзбекова' are the same supervisor, spelled once in Russian and twice
in Kazakh, with the degree glued on. Matching is deliberately conservative (see
`names_compatible`): merging two real people is much worse for an archive than showing one
person twice, because an editor can merge duplicates later but cannot easily tell which articles
belong to whom once they are mixed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

KAZAKH_ALPHABET = "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ"
_KAZAKH_RANK = {letter: rank for rank, letter in enumerate(KAZAKH_ALPHABET)}
_LATIN_RANK_BASE = len(KAZAKH_ALPHABET)

# Latin initials written as two letters ('Zh. Abdikarimov', 'Sh. Shayin').
_LATIN_DIGRAPHS = {"Ch", "Kh", "Sh", "Ts", "Ya", "Yu", "Zh"}

# Words (casefolded, without the final dot) that name a degree, a rank or a job, in any of
# the three languages. Lower-case words and dotted abbreviations ('ф.ғ.д.', 'к.ф.н.') are
# recognised by their shape, so only capitalised spellings need to be listed here.
POSITION_WORDS = frozenset(
    {
        # English
        "assoc", "associate", "assist", "assistant", "dr", "doctor", "lecturer", "phd",
        "prof", "professor", "senior", "candidate", "head", "dean", "docent", "master",
        "student", "researcher", "teacher", "mr", "mrs", "ms",
        # Russian
        "академик", "ассистент", "доктор", "доцент", "зав", "заведующий", "и.о", "кандидат",
        "магистр", "магистрант", "магистрантка", "докторант", "преподаватель", "проф",
        "профессор", "ст", "старший", "студент", "студентка", "член-корр", "декан",
        # Kazakh
        "аға", "оқытушы", "оқытушысы", "профессоры", "доценті", "докторы", "меңгерушісі",
        "қауымдастырылған", "ғылыми", "ғылым", "кандидаты",
    }
)  # fmt: skip

# A supervisor label in front of the name says what the person did for the article, not who
# they are; the caller already knows the role, so the label is dropped.
_ROLE_LABEL = re.compile(
    r"^\s*(?:ғылыми\s+жетекші(?:сі)?|науч(?:\.|ный)\s*руководитель|(?:scientific\s+)?supervisor)"
    r"\s*[:\-–—]?\s*",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?")
_SPACES = re.compile(r"\s+")
# Latin letters that look exactly like Cyrillic ones, as PDF extraction mixes them up.
_LATIN_TO_CYRILLIC = str.maketrans("AaBCcEeHKMOoPpTXxYy", "АаВСсЕеНКМОоРрТХхУу")

# Kazakh letters spelled the Russian way, as a Kazakh name appears in a Russian text.
_KAZAKH_FOLD = str.maketrans({"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у",
                              "ү": "у", "һ": "х", "і": "и", "ё": "е"})  # fmt: skip
_CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
# Spellings that English texts use interchangeably for one Cyrillic letter.
_LATIN_VARIANTS = (("kh", "h"), ("j", "zh"), ("w", "v"), ("y", "i"), ("q", "k"))


@dataclass(frozen=True)
class _Parsed:
    surname: str
    given: tuple[str, ...]  # full given names or patronymics, when printed
    initials: tuple[str, ...]  # one entry per given name, printed or derived


def split_name_and_position(text: str) -> tuple[str, str]:
    """Separate a printed name from the degree and rank words around it.

    'филол.ғ.к., аға оқытушы А. Бейсенқұлов' -> ('А. Бейсенқұлов', 'филол.ғ.к., аға оқытушы').
    The name is the last run of capitalised words and initials; everything else is the
    position. A supervisor label ('Ғылыми жетекшісі:', 'науч. руководитель -') is dropped.
    """
    text = unicodedata.normalize("NFC", text).replace("Ph.D.", "PhD").replace("Ph.D", "PhD")
    text = _ROLE_LABEL.sub("", text)
    tokens = list(_TOKEN.finditer(text))
    runs: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    for previous, token in zip([None, *tokens], tokens, strict=False):
        kind = _token_kind(token.group())
        joined = previous is not None and _only_spacing(text[previous.end() : token.start()])
        if kind == "position" or (current and not joined):
            if current:
                runs.append(current)
            current = []
        if kind != "position":
            current.append(token)
    if current:
        runs.append(current)
    runs = [run for run in runs if any(_token_kind(t.group()) == "word" for t in run)]
    if not runs:
        return normalise_name(text), ""
    # The last run with initials: a capitalised affiliation ('КазНУ') may follow the name.
    with_initials = [run for run in runs if any(_token_kind(t.group()) == "initial" for t in run)]
    run = (with_initials or runs)[-1]
    start, end = run[0].start(), run[-1].end()
    position = _clean_position(text[:start] + " " + text[end:])
    return normalise_name(text[start:end]), position


def normalise_name(name: str) -> str:
    """The display form: NFC, single spaces, 'Г. С.' initials, printed order kept.

    Latin look-alike letters inside a Cyrillic name are turned Cyrillic, all-capital words get
    an initial capital only, and commas or dots left over from the printed list are dropped.
    """
    name = unicodedata.normalize("NFC", name)
    name = re.sub(r"(?<=\w)\.(?=\w)", ". ", name)  # 'Г.С.Барлыбаева' -> 'Г. С. Барлыбаева'
    words = []
    for printed in _SPACES.split(name.strip(" \t\n,;:")):
        bare = printed.strip(",;:").rstrip(".")
        if _is_initial(bare):
            words.append(bare + ".")
        elif bare:
            words.append(_capitalise(bare))
    if any(_is_cyrillic(w) for w in words if len(w) > 2):
        words = [w.translate(_LATIN_TO_CYRILLIC) for w in words]
    return " ".join(words)


def surname_of(name: str) -> str:
    """The surname in its display form ('Г. С. Өзбекова' -> 'Өзбекова')."""
    return _parse(name).surname


def initials_of(name: str) -> str:
    """The initials in display form, derived from full given names when printed ('Г. С.')."""
    return " ".join(initial + "." for initial in _parse(name).initials)


def person_match_key(name: str) -> str:
    """A key equal for the printed forms of one person: 'узбекова|gs'.

    The surname is folded to one Latin spelling (Kazakh letters to their Russian spelling,
    then transliterated) so 'Узбекова Г.С.', 'Г.С. Өзбекова' and 'Uzbekova G.S.' share a key.
    Gender endings (-ов/-ова) are kept: 'Узбеков К. И.' and 'Узбекова Г. С.' are two people.
    """
    parsed = _parse(name)
    if not parsed.initials:
        return " ".join(sorted(_fold(word) for word in _words(name)))
    return f"{_fold(parsed.surname)}|{'.'.join(_fold(i) for i in parsed.initials)}"


def names_compatible(a: str, b: str) -> bool:
    """Whether two printed names may be one person.

    Same folded surname, and the initials of one are a prefix of the other's: 'Камзин К.' may
    be 'Камзин К. Т.', but never 'Камзин А.'. A name printed with neither initials nor given
    names ('Ван Лу' has two words and no dots; we cannot tell which is the surname) is
    compatible only with the same words. Anything looser would merge different people
    who share a common surname, and a wrong merge is harder to undo than a duplicate.
    """
    pa, pb = _parse(a), _parse(b)
    if not pa.initials or not pb.initials:
        return sorted(_fold(w) for w in _words(a)) == sorted(_fold(w) for w in _words(b))
    if _fold(pa.surname) != _fold(pb.surname):
        return False
    ia = [_fold(i) for i in pa.initials]
    ib = [_fold(i) for i in pb.initials]
    shorter, longer = sorted((ia, ib), key=len)
    if longer[: len(shorter)] != shorter:
        return False
    # Two full given names must agree too, not only their first letters.
    return all(_fold(x) == _fold(y) for x, y in zip(pa.given, pb.given, strict=False))


def sort_key(name: str) -> tuple:
    """Order by surname, then initials, in the Kazakh alphabet; Latin names come after."""
    parsed = _parse(name)
    return (
        tuple(_letter_rank(c) for c in parsed.surname.upper() if c.isalpha()),
        tuple(_letter_rank(c) for c in "".join(parsed.initials).upper() if c.isalpha()),
        normalise_name(name).casefold(),
    )


# Letter codes in `sortable_name`: two digits per letter, '00' between surname, initials and the
# rest, so a shorter surname ('Ли') sorts before a longer one it begins ('Лиев').
_CODE_OFFSET = 10
_PART_SEPARATOR = "00"
SORTABLE_NAME_LENGTH = 200


def sortable_name(name: str) -> str:
    """`sort_key` as a plain string of digits ('Әлиев' -> '11…'), for an indexed ORDER BY.

    Digits compare the same under every collation, so PostgreSQL can keep the Kazakh order
    (Ә after А, Ө after О, Latin after Cyrillic) in a B-tree index without an ICU collation.
    Truncated to SORTABLE_NAME_LENGTH characters; the tail only breaks ties.
    """
    surname, initials, full = sort_key(name)
    rest = tuple(_letter_rank(c) for c in full.upper() if c.isalpha())
    parts = ["".join(f"{rank + _CODE_OFFSET:02d}" for rank in part) for part in (surname, initials, rest)]
    return _PART_SEPARATOR.join(parts)[:SORTABLE_NAME_LENGTH]


def index_letter(name: str) -> str:
    """The A–Я index bucket: the surname's first letter ('Әлиев' -> 'Ә'), '#' when none."""
    for char in surname_of(name):
        if not char.isalpha():
            continue
        upper = char.upper()
        if upper in _KAZAKH_RANK:
            return upper
        base = unicodedata.normalize("NFD", upper)[0]
        return base if "A" <= base <= "Z" else "#"
    return "#"


# --- internals ---------------------------------------------------------------------------


def _token_kind(token: str) -> str:
    """'initial', 'word' (a possible name word) or 'position'."""
    bare = token.rstrip(".")
    if _is_initial(bare):
        return "initial"
    if bare.casefold() in POSITION_WORDS or not bare[:1].isupper():
        return "position"
    if token.endswith(".") and len(bare) <= 5:  # 'Проф.', 'Assoc.': an abbreviation
        return "position"
    return "word"


def _only_spacing(between: str) -> bool:
    return between.strip() == ""


def _clean_position(text: str) -> str:
    text = _SPACES.sub(" ", text).strip(" ,;:-–—")
    return re.sub(r"\s+,", ",", text)


def _is_initial(bare: str) -> bool:
    return (len(bare) == 1 and bare.isupper()) or bare in _LATIN_DIGRAPHS


def _is_cyrillic(word: str) -> bool:
    return any("CYRILLIC" in unicodedata.name(c, "") for c in word)


def _capitalise(word: str) -> str:
    if not (word.isupper() and len(word) > 1):
        return word
    return "-".join(part[:1] + part[1:].lower() for part in word.split("-"))


def _words(name: str) -> list[str]:
    return [w for w in normalise_name(name).split(" ") if w]


_SURNAME_ENDINGS = re.compile(
    r".{3,}(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ская|ский|ко|ук|юк|ұлы|улы|қызы|кызы|"
    r"ov|ev|ova|eva|sky|skaya|skiy|uly|kyzy)$",
    re.IGNORECASE,
)


def _parse(name: str) -> _Parsed:
    words = _words(name)
    given_words = [w for w in words if not w.endswith(".")]
    initials = [w.rstrip(".") for w in words if w.endswith(".")]
    if not given_words:
        return _Parsed(surname="", given=(), initials=tuple(initials))
    if initials:
        # 'Узбекова Г. С.' or 'Г. С. Өзбекова': the one full word is the surname.
        return _Parsed(surname=given_words[0], given=(), initials=tuple(initials))
    if len(given_words) == 1:
        return _Parsed(surname=given_words[0], given=(), initials=())
    # Full names: Russian and Kazakh print the surname first, English last; a typical surname
    # ending overrides the guess. Chinese names ('Ван Лу') stay ambiguous: no initials.
    surname = next((w for w in given_words if _SURNAME_ENDINGS.fullmatch(w)), None)
    if surname is None:
        guess = given_words[0] if _is_cyrillic(given_words[0]) else given_words[-1]
        return _Parsed(surname=guess, given=(), initials=())
    given = tuple(w for w in given_words if w is not surname)
    return _Parsed(surname=surname, given=given, initials=tuple(w[:1] for w in given))


def _fold(text: str) -> str:
    """Casefold, Kazakh letters to Russian spelling, then one Latin spelling."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_KAZAKH_FOLD)
    # A Kazakh surname starting with Ө, Ү or Ұ is spelled with О or У in Russian ('Өзбекова',
    # 'Узбекова', 'Омирбеков'): the first vowel is the least reliable letter.
    text = re.sub(r"^[оу]", "у", text)
    latin = "".join(_CYRILLIC_TO_LATIN.get(c, c) for c in text)
    latin = "".join(c for c in unicodedata.normalize("NFD", latin) if not unicodedata.combining(c))
    latin = re.sub(r"^[ou]", "u", latin)
    for variant, canonical in _LATIN_VARIANTS:
        latin = latin.replace(variant, canonical)
    return re.sub(r"[^a-z]", "", latin)


def _letter_rank(char: str) -> int:
    if char in _KAZAKH_RANK:
        return _KAZAKH_RANK[char]
    base = unicodedata.normalize("NFD", char)[0]
    if "A" <= base <= "Z":
        return _LATIN_RANK_BASE + ord(base) - ord("A")
    return _LATIN_RANK_BASE + 26

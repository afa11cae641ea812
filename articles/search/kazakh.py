"""A small Kazakh stemmer for search: strip inflectional suffixes, keep a safe stem.

PostgreSQL has no Kazakh stemmer. Kazakh words are built by stacking suffixes onto a stem
(журналистика-ның, журналистика-да-ғы, қазақстан-дық-тар-дың); a search for one form should
find the others. We strip known suffixes from the end, longest first, and the caller searches
the stem as a prefix ('журналистик:*'). Stripping stops while the stem is still long enough
to be specific: a prefix query on a three-letter stem would match half the dictionary.
"""

from __future__ import annotations

# Case endings, plural, possessive and a few frequent derivational endings, in every
# vowel-harmony and consonant-assimilation variant. Listed once; matched longest first.
SUFFIXES = tuple(
    sorted(
        set(
            """
            лар лер дар дер тар тер
            ның нің дың дің тың тің
            ны ні ды ді ты ті н
            ға ге қа ке на не а е
            да де та те нда нде
            дан ден тан тен нан нен ндан нден
            мен бен пен менен бенен пенен
            дағы дегі тағы тегі ндағы ндегі
            лық лік дық дік тық тік
            лы лі ды ді ты ті
            сыз сіз
            шы ші
            ым ім м ың ің ң ы і сы сі
            мыз міз ымыз іміз ңыз ңіз ыңыз іңіз
            лары лері дары дері тары тері
            ларың лерің ларын лерін
            ының інің сының сінің
            ын ін сын сін
            ында інде сында сінде
            ынан інен сынан сінен
            ына іне сына сіне
            ымен імен сымен сімен
            """.split()
        ),
        key=len,
        reverse=True,
    )
)
MIN_STEM = 5
MAX_PASSES = 4
VOWELS = set("аәеиоөұүуыіэюя")
# A stem ending in к, қ or п voices it before a vowel (ерекшелік → ерекшелігі, кітап → кітабы):
# a stripped form ending in the voiced letter is searched without it, to meet both spellings.
VOICED_FINALS = set("гғб")
# Case endings that may leave a short stem (кино-ның, кино-да): searched as that whole word.
SHORT_STEM_ENDINGS = tuple(
    sorted(
        "ның нің дың дің тың тің ны ні ды ді ты ті ға ге қа ке на не да де та те дан ден тан тен "
        "нан нен мен бен пен сы сі лар лер дар дер тар тер".split(),
        key=len,
        reverse=True,
    )
)
SHORT_STEM = 3


def kazakh_stem(word: str) -> str:
    """The stem of a lower-case Kazakh word, at least MIN_STEM letters long ('журналистиканың' ->
    'журналистик'); words that are short already are returned unchanged."""
    stem = word
    for passes in range(MAX_PASSES):
        for suffix in SUFFIXES:
            # A one-letter ending is only taken off the word itself: deeper inside, a lone
            # 'н' or 'а' is far more often part of the stem (қазақстан-да, not қазақста-н-да).
            if passes and len(suffix) == 1:
                continue
            if stem.endswith(suffix) and len(stem) - len(suffix) >= MIN_STEM:
                rest = stem[: -len(suffix)]
                # -ың/-ын after a vowel and н is really -ның/-ны (кино-ның, not кинон-ың).
                if suffix[0] in "ыі" and rest[-1] == "н" and rest[-2] in VOWELS:
                    continue
                stem = rest
                break
        else:
            break
    if stem != word and stem[-1] in VOICED_FINALS and len(stem) - 1 >= MIN_STEM:
        stem = stem[:-1]
    return stem


def kazakh_short_stem(word: str) -> str | None:
    """A stem too short for a prefix query, left by a case ending ('киноның' -> 'кино'), or None."""
    for ending in SHORT_STEM_ENDINGS:
        if word.endswith(ending) and SHORT_STEM <= len(word) - len(ending) < MIN_STEM:
            return word[: -len(ending)]
    return None

"""Reading what a reader typed into the search box, websearch style, safely.

Syntax: words (all must match), "quoted phrases", `OR` between alternatives, `-word` or
`-"phrase"` to exclude. Everything else is ignored: tsquery operators (& | ! : * ( ) \\ '),
unbalanced quotes and random bytes never reach PostgreSQL, because only the letters and digits
of each word are kept and the tsquery is assembled from parameters, never from the raw text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from articles.search.script import could_be_initial

MAX_QUERY_CHARS = 500
# The rest of PostgreSQL's Russian and English stop word lists (tsearch_data/*.stop) of three
# letters and more: no document holds them, and documents no longer hold every word's
# Latin/Cyrillic skeleton either (only people's names keep theirs, initials included), so a query
# that required one could never be met. (Shorter words never had skeletons outside names.)
POSTGRES_STOP_WORDS = """
    все она так его только мне было вот меня еще нет ему теперь когда даже вдруг если уже быть был
    него вас нибудь опять вам ведь там потом себя ничего может они тут где есть надо ней тебя чем
    была сам чтоб без будто чего раз тоже себе будет тогда кто этот того потому этого какой совсем
    ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно наконец
    два другой хоть после больше тот через эти нас про всего них какая много разве три эту моя
    впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой более всегда конечно всю
    между
    myself our ours ourselves you your yours yourself yourselves him his himself she her hers
    herself itself they them their theirs themselves what which who whom these those been being
    have has had having does did doing because until while about against between into through
    during before after above below down out off over under again further then once here there
    when where why how all any both each few more most other some such nor not only own same than
    too very can will just don should now
"""
# Function words of the three languages. Russian and English ones are stop words of their
# PostgreSQL configurations, so an article could never match a query that required them;
# Kazakh ones would match nearly every Kazakh article and only blur the ranking. Inside a
# "phrase" they stay.
STOP_WORDS = frozenset(
    """
    и в во не на с со по для от из к ко о об или а но же ли бы что как это то при до за над под
    the a an of in on at to for and or but is are was were be by with from as that this it its
    және мен бен пен да де та те бұл осы сол үшін әрі не немесе ал бірақ туралы арқылы
    """.split()
    + POSTGRES_STOP_WORDS.split()
)
# What one request may cost is bounded here: every word becomes a handful of alternatives (stems,
# prefixes, skeletons; articles.search.selectors.word_query), so the words are counted, phrase
# words included, and the rest of a longer query is ignored. Ten words find a pasted title.
MAX_WORDS = 10
MAX_WORD_CHARS = 60  # longer "words" are cut: no word of the three languages is that long
INITIAL_MAX = 2  # letters of a name's initial ('G.', 'Sh.')
_TOKEN = re.compile(r'(-?)"([^"]*)"|(-?)([^\s"]+)|"')
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or the words of a phrase
    negated: bool = False
    # A phrase as typed ('covid-19'): PostgreSQL reads it as it read the text ('covid', '-19'),
    # which the words alone ('covid 19') would not meet.
    text: str = field(default="", compare=False)

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass(frozen=True)
class ParsedQuery:
    """Clauses are ANDed; the terms inside a clause are alternatives (OR)."""

    clauses: tuple[tuple[Term, ...], ...] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        return not any(not term.negated for clause in self.clauses for term in clause)

    def positive_words(self) -> list[str]:
        return [word for clause in self.clauses for term in clause if not term.negated for word in term.words]

    @property
    def names_someone(self) -> bool:
        """Whether the query may name a person: a word of it is more than an initial ('Uzbekova
        G.S.', 'Ван Лу'). Only then do single letters and initials meet people's initials:
        'G.S.', 'ИИ' or 'AI' alone would meet everyone whose initial is «Г.», «И.» or «А.»."""
        return any(not could_be_initial(word) for word in self.positive_words())


def normalise_query_text(text: str) -> str:
    """Lower-case, NFC, ё as е, without control characters, at most MAX_QUERY_CHARS long."""
    text = unicodedata.normalize("NFC", text)[:MAX_QUERY_CHARS]
    text = "".join(char for char in text if unicodedata.category(char)[0] != "C" or char in " \t")
    return text.lower().replace("\u0307", "").replace("ё", "е")  # 'İ' lower-cases to i + a dot


def words_of(text: str) -> tuple[str, ...]:
    return tuple(word[:MAX_WORD_CHARS] for word in _WORD.findall(text))


def parse_query(text: str) -> ParsedQuery:
    """Parse websearch-style input; the result may be empty (then nothing is searched)."""
    clauses: list[list[Term]] = []
    pending_or = False
    budget = MAX_WORDS
    for match in _TOKEN.finditer(normalise_query_text(text)):
        phrase_sign, phrase, word_sign, raw_word = match.groups()
        if raw_word == "or" and word_sign == "":
            pending_or = bool(clauses)
            continue
        words = words_of(phrase if phrase is not None else (raw_word or ""))
        if phrase is None:
            words = tuple(word for word in words if word not in STOP_WORDS)
        cut = len(words) > budget or any(len(word) >= MAX_WORD_CHARS for word in words)
        words = words[:budget]
        if not words:
            continue
        budget -= len(words)
        negated = bool(phrase_sign or word_sign)
        if phrase is None and len(words) > 1 and all(len(word) <= INITIAL_MAX for word in words):
            # Initials ('G.S.', 'Г.С.') are letters of a name, not a phrase: each must match.
            clauses += [[Term(words=(word,), negated=negated)] for word in words]
            pending_or = False
            continue
        typed = phrase if phrase is not None else raw_word or ""
        # A cut term is its kept words, so that PostgreSQL's reading of the text asks no more.
        term = Term(words=words, negated=negated, text=" ".join(words) if cut else typed)
        if pending_or and not term.negated and clauses:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        pending_or = False
    return ParsedQuery(clauses=tuple(tuple(clause) for clause in clauses))

"""What every citation format takes: a plain `CitationRecord` built once from an Article.

Formatters never touch the database, so each is tested on records written by hand. The record
keeps the printed facts only: `title` is None when none was printed, and `citation_title`
decides, per language, what a reference shows instead (never an invented title).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from articles.citations.words import Words, page_range, words_for
from authors.names import initials_of, normalise_name, surname_of

if TYPE_CHECKING:
    from articles.models import Article

LANGUAGES = ("kk", "ru", "en")


@dataclass(frozen=True)
class CitedPerson:
    """A name as the formats need it. `initials` is '' for names printed without any ('Ван Лу'):
    which word is the surname is then unknown, and every format prints the name as it was."""

    printed: str
    surname: str = ""
    initials: str = ""

    @classmethod
    def from_name(cls, name: str) -> CitedPerson:
        printed = normalise_name(name)
        full_words = [word for word in printed.split(" ") if word and not word.endswith(".")]
        if len(full_words) > 1 and printed.isascii():
            # 'John A. Smith': `surname_of` takes the first full word; English puts it last.
            given = printed.split(" ")[:-1]
            initials = " ".join(word[0] + "." for word in given)
            return cls(printed=printed, surname=full_words[-1], initials=initials)
        if len(full_words) != 1:
            return cls(printed=printed)
        return cls(printed=printed, surname=surname_of(printed), initials=initials_of(printed))

    @property
    def has_initials(self) -> bool:
        return bool(self.surname and self.initials)

    def inverted(self, *, comma: bool = False) -> str:
        """'Андреева М. М.' (GOST 7.1, 7.0.5) or 'Андреева, М. М.' (GOST R 7.0.100, APA)."""
        if not self.has_initials:
            return self.printed
        return f"{self.surname}{',' if comma else ''} {self.initials}"

    def direct(self) -> str:
        """'М. М. Андреева', for the statement of responsibility and editors."""
        if not self.has_initials:
            return self.printed
        return f"{self.initials} {self.surname}"


@dataclass(frozen=True)
class CitationRecord:
    """A conference paper and its proceedings volume, as plain data."""

    title: str | None  # as printed, in display case; None when the paper has no title
    display_title: str  # what the site shows: the title, or the first words of the text
    language: str
    year: int
    authors: tuple[CitedPerson, ...] = ()
    supervisors: tuple[CitedPerson, ...] = ()
    volume_titles: dict[str, str] = field(default_factory=dict)  # language code -> title
    conference_name: str = ""
    date_start: date | None = None
    date_end: date | None = None
    place: str = ""
    publisher: str = ""
    isbn: str = ""
    editors: tuple[CitedPerson, ...] = ()
    first_page: int | None = None
    last_page: int | None = None
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)
    abstract: str = ""
    url: str | None = None
    doi: str | None = None  # the archive assigns none yet
    slug: str = ""
    # The language of the reference list this record is in: its prescribed words and the volume's
    # title. '' is the article's own language (a reference on its own).
    list_language: str = ""

    @property
    def words(self) -> Words:
        """The prescribed words of the list's language."""
        return words_for(self.list_language or self.language)

    def volume_title(self, language: str | None = None) -> str:
        """The volume's title in `language` (the list's by default), else in the article's
        language, else another, else the conference name."""
        order = dict.fromkeys([language or self.list_language or self.language, self.language, *LANGUAGES])
        return next((self.volume_titles[c] for c in order if self.volume_titles.get(c)), self.conference_name)

    @property
    def pages(self) -> str:
        return page_range(self.first_page, self.last_page)

    @property
    def all_keywords(self) -> list[str]:
        """Keywords of the article's language first, then the others, without repeats."""
        order = [self.language, *[code for code in LANGUAGES if code != self.language]]
        seen: dict[str, None] = {}
        for code in order:
            for term in self.keywords.get(code, ()):
                seen.setdefault(term, None)
        return list(seen)


def citation_title(record: CitationRecord) -> str:
    """The title a reference shows: as printed, or the first words of the text standing in for it.

    GOST 7.1-2003 and R 7.0.100-2018 describe a work without a title under a title the describer
    formulates, in square brackets; APA 7 (9.22) likewise puts a bracketed description in the
    title's place. Here that is '[Без названия: first words…]' — the list language's word for
    'untitled', then the text's opening cut where a reader would (`opening_words`), so a reader sees
    it is a stand-in and not a printed title. With no text either, '[Без названия]' alone.
    """
    if record.title:
        return record.title
    opening = opening_words(record.display_title)
    if opening:
        return f"[{record.words.untitled_opening}: {opening}]"
    return record.words.untitled


# A sentence ends with . ! ? (not an initial or an abbreviation: the next word starts a new one).
_SENTENCE_END = re.compile(r"[^\W\d_]{2,}[.!?]$|\)[.!?]$")
# Words a phrase does not end on: conjunctions and prepositions of the three languages.
_DANGLING = frozenset(
    "и в во на с со к о об от до по за из у а но или для при про "
    "мен және да де пен бен үшін туралы "
    "and or of in on at to for with by from the a an".split()
)
OPENING_MIN_WORDS = 3
# A section heading a text without a title often starts with ('КІРІСПЕ', '1. Introduction'); it
# says nothing about the paper.
_OPENING_HEADINGS = frozenset({"кіріспе", "введение", "introduction", "аңдатпа", "аннотация", "abstract"})
_SECTION_NUMBER = re.compile(r"(?:\d{1,2}|[IVX]{1,4})[.)]")


def _is_heading(word: str) -> bool:
    return word.casefold().rstrip(".:") in _OPENING_HEADINGS


def opening_words(text: str) -> str:
    """The opening of an untitled article's text as a stand-in title: its first sentence when
    that ends within the words given (at least OPENING_MIN_WORDS), else the words given without
    a conjunction or preposition left hanging at the end; '…' marks a cut inside a sentence. A
    leading 'Кіріспе' / 'Введение' / 'Introduction' heading is left out.

    `text` is the site's stand-in (Article.untitled_fallback: twelve words, '…' when the text
    goes on), which can stop on the first word of a second sentence ('… Tik-tok. А…').
    """
    words = text.removesuffix("…").split()
    cut_inside = text.endswith("…")
    numbered = 1 if words and _SECTION_NUMBER.fullmatch(words[0]) else 0  # '1. Introduction'
    if len(words) > OPENING_MIN_WORDS + numbered and _is_heading(words[numbered]):
        words = words[numbered + 1 :]
    for index, word in enumerate(words[OPENING_MIN_WORDS - 1 :], start=OPENING_MIN_WORDS - 1):
        following = words[index + 1] if index + 1 < len(words) else ""
        if _SENTENCE_END.search(word) and (not following or following[:1].isupper()):
            return " ".join(words[: index + 1]).rstrip(".!?")
    while len(words) > OPENING_MIN_WORDS and words[-1].casefold().strip(",;:") in _DANGLING:
        words.pop()
        cut_inside = True
    opening = " ".join(words).rstrip(".,;:–—- ")
    return opening + "…" if opening and cut_inside else opening


def one_line(text: str) -> str:
    """A reference is one line: a line break or tab typed into a title (the admin's title field
    is a text area) or a run of spaces is one space in every format, as a page shows it."""
    return " ".join(text.split())


def in_list_language(records: Iterable[CitationRecord], language: str | None) -> list[CitationRecord]:
    """The records as entries of a list in `language` (each keeps its own with None)."""
    if not language:
        return list(records)
    return [replace(record, list_language=language) for record in records]


def citation_record(article: Article, *, url: str | None, language: str | None = None) -> CitationRecord:
    """The record of a saved article, as an entry of a list in `language` (None: the article's
    own): the volume's conference, place and publisher in that language where an editor gave
    them (Proceedings.localized), its titles all kept for `CitationRecord.volume_title`. Fetch it
    with people and volume prefetched (`articles.selectors.article_list_items`) to keep a list
    to a few queries."""
    volume = article.proceedings
    abstracts = article.abstracts()
    facts = {
        name: one_line(volume.localized(name, language or article.language))
        for name in ("conference_name", "place", "publisher")
    }
    return CitationRecord(
        title=one_line(article.title_display or article.title) if article.title else None,
        display_title=one_line(article.display_title),
        language=article.language,
        year=volume.year,
        authors=tuple(CitedPerson.from_name(a.person.display_name) for a in article.authors),
        supervisors=tuple(CitedPerson.from_name(a.person.display_name) for a in article.supervisors),
        volume_titles={
            code: one_line(title) for code in LANGUAGES if (title := getattr(volume, f"title_{code}"))
        },
        conference_name=facts["conference_name"],
        date_start=volume.date_start,
        date_end=volume.date_end,
        place=facts["place"],
        publisher=facts["publisher"],
        isbn=volume.isbn,
        editors=tuple(CitedPerson.from_name(line) for line in volume.editors.splitlines() if line.strip()),
        first_page=article.first_page,
        last_page=article.last_page,
        keywords={code: tuple(terms) for code, terms in article.keywords().items()},
        abstract=abstracts.get(article.language) or next(iter(abstracts.values()), ""),
        url=url,
        slug=article.slug,
        list_language=language or "",
    )

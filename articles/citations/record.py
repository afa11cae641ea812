"""What every citation format takes: a plain `CitationRecord` built once from an Article.

Formatters never touch the database, so each is tested on records written by hand. The record
keeps the printed facts only: `title` is None when none was printed, and `citation_title`
decides, per language, what a reference shows instead (never an invented title).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from articles.citations.words import page_range, words_for
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

    def volume_title(self, language: str | None = None) -> str:
        """The volume's title in `language` (the article's by default), else another, else the
        conference name."""
        language = language or self.language
        order = [language, *[code for code in LANGUAGES if code != language]]
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


def citation_title(record: CitationRecord, *, language: str | None = None) -> str:
    """The title a reference shows: as printed, or the first words of the text in square brackets.

    GOST 7.1-2003 and R 7.0.100-2018 describe a work without a title under a title taken from the
    work itself and bracketed as not found in the title position; the first words of the text are
    that (as the first line is for an untitled poem). With no text either, the bracketed
    '[Без названия]' / '[Атауы жоқ]' / '[Untitled]' of the list's language.
    """
    if record.title:
        return record.title
    if record.display_title:
        return f"[{record.display_title}]"
    return words_for(language or record.language).untitled


def one_line(text: str) -> str:
    """A reference is one line: a line break or tab typed into a title (the admin's title field
    is a text area) or a run of spaces is one space in every format, as a page shows it."""
    return " ".join(text.split())


def citation_record(article: Article, *, url: str | None) -> CitationRecord:
    """The record of a saved article; fetch it with people and volume prefetched
    (`articles.selectors.article_list_items`) to keep a list to a few queries."""
    volume = article.proceedings
    abstracts = article.abstracts()
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
        conference_name=one_line(volume.conference_name),
        date_start=volume.date_start,
        date_end=volume.date_end,
        place=one_line(volume.place),
        publisher=one_line(volume.publisher),
        isbn=volume.isbn,
        editors=tuple(CitedPerson.from_name(line) for line in volume.editors.splitlines() if line.strip()),
        first_page=article.first_page,
        last_page=article.last_page,
        keywords={code: tuple(terms) for code, terms in article.keywords().items()},
        abstract=abstracts.get(article.language) or next(iter(abstracts.values()), ""),
        url=url,
        slug=article.slug,
    )

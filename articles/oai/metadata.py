"""An article as an `oai_dc` record: the fifteen Dublin Core elements, nothing else.

What a record says is built here once, for both the response and the hash that decides whether a
record changed (proceedings.oai_records): anything a harvester reads, its sets included, goes into
`RecordData`, and nothing that depends on the request (the site's address is added when written).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch

from articles.models import Article, Language
from authors.models import Authorship, Role
from proceedings.models import Proceedings, ProceedingsStatus

# info:eu-repo vocabulary, as the OpenAIRE and DRIVER guidelines ask: a paper of a conference's proceedings.
DC_TYPE = "info:eu-repo/semantics/conferenceObject"
DC_RIGHTS = "info:eu-repo/semantics/openAccess"
# dc:language in ISO 639-3, as those guidelines ask; xml:lang attributes stay in BCP 47 (kk, ru, en).
ISO_639_3 = {"kk": "kaz", "ru": "rus", "en": "eng"}
SET_VOLUME = "volume"
SET_LANGUAGE = "language"


@dataclass(frozen=True)
class Element:
    name: str  # one of the fifteen: title, creator, subject, ...
    value: str
    lang: str = ""  # xml:lang, where the text is in a known language
    is_path: bool = False  # a path on this site: written as an absolute address


@dataclass
class RecordData:
    """One live record: its sets and its Dublin Core elements, in the order they are written."""

    article_id: int
    proceedings_id: int
    language: str
    volume_slug: str
    elements: list[Element] = field(default_factory=list)

    @property
    def set_specs(self) -> list[str]:
        return [f"{SET_VOLUME}:{self.volume_slug}", f"{SET_LANGUAGE}:{self.language}"]

    def digest(self) -> str:
        """A hash of everything a harvester reads of this record."""
        content = [self.set_specs, [(e.name, e.value, e.lang, e.is_path) for e in self.elements]]
        return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


def article_path(article: Article) -> str:
    """The article page in its own language: the address readers and crawlers know it by (an old
    slug's address redirects to it)."""
    return f"/{article.language}/articles/{article.slug}/"


def pdf_path(article: Article) -> str:
    """The article's own PDF (articles/files.py)."""
    return f"/articles/{article.slug}.pdf"


def volume_path(volume: Proceedings, language: str) -> str:
    return f"/{language}/proceedings/{volume.slug}/"


def volume_date(volume: Proceedings) -> str:
    return volume.date_start.isoformat() if volume.date_start else str(volume.year)


def volume_source(volume: Proceedings, article: Article) -> str:
    """The volume as a bibliographic source, with the article's printed pages when known."""
    parts = [volume.title(article.language)]
    if volume.conference_name and volume.conference_name not in parts:
        parts.append(volume.conference_name)
    parts.append(", ".join(part for part in (volume.place, str(volume.year)) if part))
    if article.first_page:
        last = article.last_page or article.first_page
        parts.append(f"pp. {article.first_page}–{last}" if last != article.first_page else f"p. {last}")
    return ". ".join(part for part in parts if part)


def record_elements(article: Article) -> list[Element]:
    volume = article.proceedings
    elements: list[Element] = []
    # No printed title: none is invented (the page's fallback is the text's first words, not a title).
    if article.title is not None:
        elements.append(Element("title", article.title_display or article.title, article.language))
    elements += [Element("title", text, code) for code, text in article.parallel_title_list()]
    people = sorted(article.authorships.all(), key=lambda a: a.order)
    elements += [Element("creator", a.person.display_name) for a in people if a.role == Role.AUTHOR]
    elements += [
        Element("subject", term, code) for code, terms in article.keywords().items() for term in terms
    ]
    elements += [Element("description", text, code) for code, text in article.abstracts().items()]
    if volume.publisher:
        elements.append(Element("publisher", volume.publisher))
    elements += [Element("contributor", a.person.display_name) for a in people if a.role == Role.SUPERVISOR]
    elements += [
        Element("date", volume_date(volume)),
        Element("type", DC_TYPE),
        Element("identifier", article_path(article), is_path=True),
        *(
            [Element("identifier", pdf_path(article), is_path=True), Element("format", "application/pdf")]
            if article.pdf
            else []
        ),
        Element("source", volume_source(volume, article)),
        Element("language", ISO_639_3.get(article.language, article.language)),
        Element("relation", volume_path(volume, article.language), is_path=True),
        Element("rights", DC_RIGHTS),
    ]
    return elements


def published_records(article_ids: Iterable[int]) -> dict[int, RecordData]:
    """The live records of these articles, by id; an article that is gone or whose volume is not
    published has none. Three queries, whatever the number of articles."""
    authorships = Authorship.objects.select_related("person").only(
        "article_id", "role", "order", "person__display_name"
    )
    articles = (
        Article.objects.filter(pk__in=list(article_ids), proceedings__status=ProceedingsStatus.PUBLISHED)
        .select_related("proceedings")
        .defer("body", "import_warnings")
        .prefetch_related(Prefetch("authorships", queryset=authorships))
    )
    return {
        article.pk: RecordData(
            article_id=article.pk,
            proceedings_id=article.proceedings_id,
            language=article.language,
            volume_slug=article.proceedings.slug,
            elements=record_elements(article),
        )
        for article in articles
    }


LANGUAGE_NAMES = dict(Language.choices)

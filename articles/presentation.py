"""What an article page shows that is not a field: its texts per language and the metadata tags
of its <head> for Google Scholar, Dublin Core and OpenGraph (its text's blocks: articles.body).

Pure functions over an article fetched by `articles.browse.article_page` or `article_get` (no queries).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from articles.addresses import slug_url
from articles.models import Article, Language
from proceedings.importer.display import title_display

# OpenGraph wants a territory with the language.
OG_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_US"}
SITE_NAME = "Jinaq"
DESCRIPTION_WORDS = 40


@dataclass(frozen=True)
class LocalizedText:
    """A text in one language (an abstract, a keyword list) with that language's name."""

    code: str
    name: str
    value: Any


def abstracts(article: Article) -> list[LocalizedText]:
    return [
        LocalizedText(code=code, name=Language(code).label, value=text)
        for code, text in article.abstracts().items()
    ]


def keywords(article: Article) -> list[LocalizedText]:
    return [
        LocalizedText(code=code, name=Language(code).label, value=terms)
        for code, terms in article.keywords().items()
    ]


def parallel_titles(article: Article) -> list[LocalizedText]:
    """The title printed again in other languages, in sentence case when printed in capitals
    (the twin gives them as printed)."""
    return [
        LocalizedText(code=code, name=Language(code).label, value=title_display(text))
        for code, text in article.parallel_title_list()
    ]


def canonical_language(article: Article) -> str:
    """The interface language of the article's one address: its own language (the site's default
    should one ever be none of the interface languages — never the reader's, which would give one
    article three canonical addresses)."""
    return article.language if article.language in Language.values else settings.LANGUAGE_CODE


def canonical_path(article: Article) -> str:
    """The article's one address: its page in canonical_language, whichever interface language it
    is read in (the other two are alternates of it, not copies; the sitemap lists only this one)."""
    with translation.override(canonical_language(article)):
        return slug_url("article_detail", article.slug)


def pdf_url(article: Article) -> str | None:
    """The address of the article's own PDF, when its volume came as a PDF. Never the whole
    volume's: Scholar takes `citation_pdf_url` for the article's full text."""
    return reverse("article_pdf", args=[article.slug]) if article.pdf else None


@dataclass(frozen=True)
class HeadTag:
    """One <meta>: `attribute` is "name" (Scholar, Dublin Core) or "property" (OpenGraph)."""

    attribute: str
    key: str
    content: str


def head_tags(article: Article, *, url: str, pdf: str | None) -> list[HeadTag]:
    """Scholar, Dublin Core and OpenGraph tags; `url` and `pdf` are absolute.

    An article printed without a title gets no `citation_title` or `DC.title`: the first words the
    page shows are not its title, and Scholar would list them as one (README, "Google Scholar").
    OpenGraph, which only previews a link, keeps them. Supervisors are not authors and get no
    `citation_author`.
    """
    volume = article.proceedings
    title = article.display_title
    year = str(volume.year)
    source = volume.title(article.language)
    # Scholar reads the article in its own language: the volume's facts in it where given.
    conference = volume.localized("conference_name", article.language) or source
    publisher = volume.localized("publisher", article.language)
    authors = [authorship.person.display_name for authorship in article.authors]
    terms = article.keyword_terms()
    printed_title = [("citation_title", title)] if article.has_title else []
    tags = [*printed_title]
    tags += [("citation_author", name) for name in authors]
    tags += [
        ("citation_publication_date", year),
        ("citation_conference_title", conference),
        ("citation_inbook_title", source),
        ("citation_language", article.language),
    ]
    if publisher:
        tags.append(("citation_publisher", publisher))
    if volume.isbn:
        tags.append(("citation_isbn", volume.isbn))
    if article.first_page:
        tags.append(("citation_firstpage", str(article.first_page)))
    if article.last_page:
        tags.append(("citation_lastpage", str(article.last_page)))
    if pdf:
        tags.append(("citation_pdf_url", pdf))
    tags += [("citation_keywords", term) for term in terms]  # one tag a keyword, as OJS writes them
    tags.append(("citation_abstract_html_url", url))
    tags += [("DC.title", title)] if article.has_title else []
    tags += [("DC.creator", name) for name in authors]
    tags += [
        ("DC.date", year),
        ("DC.language", article.language),
        ("DC.type", "Text"),
        ("DC.source", source),
        ("DC.identifier", url),
    ]
    if publisher:
        tags.append(("DC.publisher", publisher))
    tags += [("DC.subject", term) for term in terms]
    og = [
        ("og:title", title),
        ("og:type", "article"),
        ("og:url", url),
        ("og:site_name", SITE_NAME),
        ("og:locale", OG_LOCALES.get(article.language, article.language)),
    ]
    return [HeadTag("name", key, content) for key, content in tags] + [
        HeadTag("property", key, content) for key, content in og
    ]


def description(article: Article, *, language: str) -> str:
    """A short description for <meta name="description">: the abstract in the interface language,
    else any abstract, else the opening of the text."""
    texts = article.abstracts()
    text = texts.get(language) or next(iter(texts.values()), "") or article.body
    words = text.split(maxsplit=DESCRIPTION_WORDS)  # a whole text is not split for forty words
    return " ".join(words[:DESCRIPTION_WORDS]) + ("…" if len(words) > DESCRIPTION_WORDS else "")


def volume_titles(volume, *, language: str) -> list[LocalizedText]:
    """The volume's titles, the one in `language` first (then kk, ru, en), each with its language,
    so the page can mark every title with `lang`. Empty when only a conference name exists."""
    order = [language, *[code for code in Language.values if code != language]]
    return [
        LocalizedText(code=code, name=Language(code).label, value=title)
        for code in order
        if (title := getattr(volume, f"title_{code}", ""))
    ]

"""The entry point for views: articles in, a downloadable file out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.urls import reverse

from articles.citations.formats import format_get
from articles.citations.record import CitationRecord, citation_record

if TYPE_CHECKING:
    from articles.models import Article


@dataclass(frozen=True)
class RenderedCitations:
    content: bytes
    content_type: str
    filename: str


def article_absolute_url(article: Article, *, base_url: str) -> str:
    """The article page under `base_url` ('https://host'), in the active language's URL prefix."""
    return base_url.rstrip("/") + reverse("article_detail", args=[article.slug])


def citation_records(
    articles: Iterable[Article], *, base_url: str | None, language: str | None = None
) -> list[CitationRecord]:
    """Records in the given order, as entries of a list in `language` (None: each article's own);
    with `base_url` each carries its page URL (and GOST R 7.0.100 then says 'Текст : электронный'),
    without it the records describe the printed volume."""
    return [
        citation_record(
            a, url=article_absolute_url(a, base_url=base_url) if base_url else None, language=language
        )
        for a in articles
    ]


def render_citations(
    articles: Iterable[Article],
    format_slug: str,
    *,
    base_url: str | None,
    filename_stem: str = "citations",
    language: str | None = None,
    accessed: date | None = None,
    **options,
) -> RenderedCitations:
    """Fetch `articles` with `articles.selectors.article_list_items` (people and volume
    prefetched). `language` ('kk'/'ru'/'en') is the list's: the prescribed words of every entry
    and the volume's title, conference, place and publisher where it has them in that language
    (None: each article's own). `options` go to the formatter: `style` for docx, `numbered=False`
    for one reference to copy. Raises KeyError for an unknown slug."""
    citation_format = format_get(format_slug)
    records = citation_records(articles, base_url=base_url, language=language)
    return RenderedCitations(
        content=citation_format.render(records, language=language, accessed=accessed, **options),
        content_type=citation_format.content_type,
        filename=f"{filename_stem}.{citation_format.extension}",
    )

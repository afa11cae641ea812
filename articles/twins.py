"""The JSON twins of the browse pages: the same data as the HTML, as plain dicts.

Names come in all three languages (a machine reader picks its own); URLs are paths in the
current interface language.
"""

from __future__ import annotations

from typing import Any

from articles.addresses import slug_url
from articles.body import body_blocks
from articles.models import Article, Topic
from authors.models import Authorship
from proceedings.importer.structure import body_paragraphs
from proceedings.models import LOCALIZED_FACTS, Proceedings, Section


def names(obj: Topic | Proceedings | Section, prefix: str) -> dict[str, str]:
    """`<prefix>_kk`, `_ru`, `_en` of a topic, volume or section, by language code."""
    return {code: getattr(obj, f"{prefix}_{code}") for code in ("kk", "ru", "en")}


def topic_json(topic: Topic) -> dict[str, Any]:
    data = {
        "slug": topic.slug,
        "url": slug_url("topic_detail", topic.slug),
        "name": names(topic, "name"),
    }
    if hasattr(topic, "article_count"):
        data["article_count"] = topic.article_count
    return data


def volume_json(volume: Proceedings) -> dict[str, Any]:
    data = {
        "slug": volume.slug,
        "url": slug_url("volume_detail", volume.slug),
        "title": names(volume, "title"),
        "conference": volume.conference_name,
        "year": volume.year,
        "date_start": volume.date_start.isoformat() if volume.date_start else None,
        "date_end": volume.date_end.isoformat() if volume.date_end else None,
        "place": volume.place,
        "publisher": volume.publisher,
        "isbn": volume.isbn,
        "editors": volume.editors.splitlines(),
        # The conference, place and publisher as given in each language ('' where not): the
        # page shows the interface language's, else the printed ones above.
        "in_languages": {fact: names(volume, fact) for fact in LOCALIZED_FACTS},
    }
    if hasattr(volume, "article_count"):
        data["article_count"] = volume.article_count
    if hasattr(volume, "count_kk"):
        data["articles_per_language"] = {
            code: getattr(volume, f"count_{code}") for code in ("kk", "ru", "en")
        }
    return data


def section_json(section: Section) -> dict[str, Any]:
    """A section of a volume: its title as shown, in each language where given ('' where not)."""
    return {
        "position": section.position,
        "title": section.title,
        "language": section.language or None,
        "in_languages": names(section, "title"),
    }


def section_title(section: Section | None) -> str | None:
    return section.title if section else None


def volume_brief_json(volume: Proceedings) -> dict[str, Any]:
    return {
        "slug": volume.slug,
        "url": slug_url("volume_detail", volume.slug),
        "title": names(volume, "title"),
        "year": volume.year,
    }


def person_json(authorship: Authorship, *, details: bool = False) -> dict[str, Any]:
    data = {
        "name": authorship.person.display_name,
        "slug": authorship.person.slug,
        "url": slug_url("author_detail", authorship.person.slug),
    }
    if details:
        data |= {
            "as_printed": authorship.printed_text,
            "position": authorship.position,
            "affiliation": authorship.affiliation,
        }
    return data


def article_item_json(article: Article, *, with_topics: bool = True) -> dict[str, Any]:
    """One article of a list, as `articles/_article_item.html` shows it."""
    data = {
        "slug": article.slug,
        "url": slug_url("article_detail", article.slug),
        "position": article.position,
        "title": article.title,
        "display_title": article.display_title,
        "has_title": article.has_title,
        "language": article.language,
        "first_page": article.first_page,
        "last_page": article.last_page,
        "authors": [person_json(authorship) for authorship in article.authors],
        "supervisors": [person_json(authorship) for authorship in article.supervisors],
        "volume": volume_brief_json(article.proceedings),
    }
    if with_topics:
        data["topics"] = [topic_json(topic) for topic in article.topics.all()]
    return data


def article_link_json(article: Article | None) -> dict[str, Any] | None:
    if article is None:
        return None
    return {
        "slug": article.slug,
        "url": slug_url("article_detail", article.slug),
        "display_title": article.display_title,
        "has_title": article.has_title,
    }


def article_json(article: Article) -> dict[str, Any]:
    """Everything the article page shows about the article itself."""
    return {
        **article_item_json(article),
        "volume": volume_json(article.proceedings),
        "authors": [person_json(authorship, details=True) for authorship in article.authors],
        "supervisors": [person_json(authorship, details=True) for authorship in article.supervisors],
        "parallel_titles": dict(article.parallel_title_list()),
        "abstracts": article.abstracts(),
        "keywords": article.keywords(),
        "paragraphs": body_paragraphs(article.body),
        # The text as the page shows it: paragraphs, headings, tables, preformatted runs.
        "blocks": [block.as_json() for block in body_blocks(article.body, article.body_structure)],
    }

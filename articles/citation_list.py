"""The librarian's citation list, kept in the session as a list of article slugs.

Slugs, not ids, so a list survives a re-import of its volume; an article that has since gone
(unpublished, deleted) simply drops out when the list is read.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from articles.models import Article
from articles.selectors import article_list_items, article_published

SESSION_KEY = "citation_list"
# A bound on what one session can hold; a librarian's reading list is far shorter.
MAX_ITEMS = 500


def citation_list_slugs(session: MutableMapping[str, Any]) -> list[str]:
    return list(session.get(SESSION_KEY, []))


def _store(session: MutableMapping[str, Any], slugs: list[str]) -> None:
    # Assigning (not mutating in place) is what marks a Django session as modified.
    session[SESSION_KEY] = slugs


def citation_list_add(session: MutableMapping[str, Any], *, slug: str) -> None:
    """Append `slug` unless it is already there (adding twice keeps the first place)."""
    slugs = citation_list_slugs(session)
    if slug not in slugs and len(slugs) < MAX_ITEMS:
        _store(session, [*slugs, slug])


def citation_list_remove(session: MutableMapping[str, Any], *, slug: str) -> None:
    _store(session, [item for item in citation_list_slugs(session) if item != slug])


def citation_list_move(session: MutableMapping[str, Any], *, slug: str, offset: int) -> None:
    """Move `slug` by `offset` places (-1 up, +1 down), stopping at either end."""
    slugs = citation_list_slugs(session)
    if slug in slugs:
        citation_list_move_to(session, slug=slug, position=slugs.index(slug) + 1 + offset)


def citation_list_move_to(session: MutableMapping[str, Any], *, slug: str, position: int) -> None:
    """Put `slug` at `position` (1 is the top; beyond either end is that end)."""
    slugs = citation_list_slugs(session)
    if slug not in slugs:
        return
    slugs.remove(slug)
    slugs.insert(min(max(position, 1), len(slugs) + 1) - 1, slug)
    _store(session, slugs)


def citation_list_reorder(session: MutableMapping[str, Any], *, slugs_in_order: list[str]) -> None:
    """The list in the order of `slugs_in_order` (a sorted copy of it); slugs it does not name
    (gone from the archive since) keep their places at the end."""
    current = citation_list_slugs(session)
    ordered = [slug for slug in dict.fromkeys(slugs_in_order) if slug in current]
    _store(session, ordered + [slug for slug in current if slug not in ordered])


def citation_list_clear(session: MutableMapping[str, Any]) -> None:
    _store(session, [])


def articles_in_order(slugs: list[str]) -> list[Article]:
    """Published articles with these slugs, in the order given; unknown slugs are skipped."""
    by_slug = {
        article.slug: article for article in article_list_items(article_published().filter(slug__in=slugs))
    }
    return [by_slug[slug] for slug in dict.fromkeys(slugs) if slug in by_slug]

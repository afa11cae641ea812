"""The JSON twins of the author pages: the same data as the HTML, as plain dicts.

Articles and topics use the shapes of `articles.twins`, so a machine reader sees one article
format across the site. URLs are paths in the current interface language.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page
from django.urls import reverse

from articles.addresses import slug_url
from articles.models import Topic
from articles.twins import article_item_json, topic_json
from authors.models import Person
from authors.selectors import IndexLetter, PersonDetails, person_name_variants
from proceedings.site.http import page_json


def person_link_json(person: Person) -> dict[str, Any]:
    return {
        "name": person.display_name,
        "slug": person.slug,
        "url": slug_url("author_detail", person.slug),
    }


def author_index_json(*, letters: list[IndexLetter], letter: str | None, page: Page) -> dict[str, Any]:
    return {
        "letters": [
            {"letter": item.letter, "count": item.count, "url": letter_url(item.letter)} for item in letters
        ],
        "letter": letter,
        "all_url": letter_url("all"),
        **page_json(page),
        "people": [
            {
                **person_link_json(person),
                "articles_as_author": person.articles_as_author,
                "articles_as_supervisor": person.articles_as_supervisor,
            }
            for person in page
        ],
    }


def letter_url(letter: str) -> str:
    return f"{reverse('author_index')}?{urlencode({'letter': letter})}"


def article_page_json(page: Page) -> dict[str, Any]:
    return {**page_json(page), "items": [article_item_json(article) for article in page]}


def author_detail_json(
    *,
    person: Person,
    details: PersonDetails,
    articles: Page,
    supervised: Page,
    coauthors: Page,
    topics: list[Topic],
) -> dict[str, Any]:
    return {
        **person_link_json(person),
        "name_variants": person_name_variants(person),
        "orcid": person.orcid,
        "positions": details.positions,
        "affiliations": details.affiliations,
        "articles": article_page_json(articles),
        "supervised": article_page_json(supervised),
        "coauthors": {
            **page_json(coauthors),
            "items": [{**person_link_json(other), "shared_articles": other.shared} for other in coauthors],
        },
        "topics": [{**topic_json(topic), "article_count": topic.total} for topic in topics],
    }

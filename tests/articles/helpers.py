"""Builders shared by the browse page tests."""

from __future__ import annotations

import html
import re

from articles.counts import archive_counts_refresh
from articles.models import Article
from authors.services import person_refresh_article_counts
from proceedings.models import Proceedings
from tests.factories import ArticleFactory, AuthorshipFactory, ProceedingsFactory, TopicFactory


def volume_with_articles(count: int, **volume_fields) -> Proceedings:
    """A published volume of `count` articles, each with an author, a supervisor and two topics."""
    volume = ProceedingsFactory(**volume_fields)
    topics = TopicFactory.create_batch(2)
    for position in range(1, count + 1):
        article = ArticleFactory(proceedings=volume, position=position, first_page=position * 10)
        article.topics.set(topics)
        AuthorshipFactory(article=article, role="author", order=1)
        AuthorshipFactory(article=article, role="supervisor", order=1)
    stored_counts_refresh()
    return volume


def stored_counts_refresh() -> None:
    """The counts the services store beside the archive, for data made by factories: the people's,
    the volumes' and the topics' (authors.services, articles.counts)."""
    person_refresh_article_counts()
    archive_counts_refresh()


def article_titles(articles: list[Article]) -> list[str]:
    return [article.display_title for article in articles]


def meta_tags(text: str) -> list[tuple[str, str]]:
    """(name or property, content) of every <meta> with content, in document order."""
    pattern = re.compile(r'<meta (?:name|property)="([^"]+)" content="([^"]*)">')
    return [(key, html.unescape(content)) for key, content in pattern.findall(text)]

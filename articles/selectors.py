"""Reads of articles for the public site."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from articles.models import Article
from authors.models import Person
from proceedings.models import ProceedingsStatus


def article_published() -> QuerySet[Article]:
    return Article.objects.filter(proceedings__status=ProceedingsStatus.PUBLISHED)


@dataclass(frozen=True)
class ArchiveCounts:
    articles: int
    authors: int
    languages: dict[str, int]


def archive_counts() -> ArchiveCounts:
    articles = article_published()
    per_language = dict(
        articles.order_by()
        .values_list("language")
        .annotate(total=Count("id"))
        .values_list("language", "total")
    )
    authors = Person.objects.filter(authorships__article__in=articles).distinct().count()
    return ArchiveCounts(articles=sum(per_language.values()), authors=authors, languages=per_language)

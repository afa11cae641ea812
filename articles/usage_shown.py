"""An article's monthly use on its page: views, PDF downloads and citation exports of the last
twelve months, as articles.usage counted them.

Counts change with every reader while the page itself is cached until an editor changes something
(proceedings/site/page_cache.py), so the counts are a hole in the cached page, filled on each
answer from a short-lived cache entry per article and language: one indexed query per article an
hour at most, and never a query of its own on a page served from the cache.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Sum
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from articles.models import ArticleUsage, UsageMetric
from articles.usage_reports import last_months

logger = logging.getLogger(__name__)

USAGE_HOLE = "article-usage"
SHOWN_SECONDS = 60 * 60  # how stale the page's counts may be


@dataclass(frozen=True)
class MonthUse:
    month: datetime.date  # its first day
    counts: dict[str, int]  # by UsageMetric value, zeros included


@dataclass(frozen=True)
class ArticleUse:
    months: list[MonthUse]  # newest first, only months with any use
    totals: dict[str, int]  # over these months, by metric

    @property
    def any(self) -> bool:
        return bool(self.months)


def article_use(*, article_ids: list[int], today: datetime.date) -> dict[int, ArticleUse]:
    """Each article's use in the last twelve months, in one query."""
    first = last_months(today)[0]
    rows = (
        ArticleUsage.objects.filter(article_id__in=article_ids, month__gte=first)
        .values("article_id", "month", "metric")
        .annotate(total=Sum("count"))
    )
    by_article: dict[int, dict[datetime.date, dict[str, int]]] = {pk: {} for pk in article_ids}
    for row in rows:
        months = by_article[row["article_id"]]
        months.setdefault(row["month"], dict.fromkeys(UsageMetric.values, 0))[row["metric"]] = row["total"]
    return {
        pk: ArticleUse(
            months=[MonthUse(month, counts) for month, counts in sorted(months.items(), reverse=True)],
            totals={metric: sum(c[metric] for c in months.values()) for metric in UsageMetric.values},
        )
        for pk, months in by_article.items()
    }


def article_usage_html(request: HttpRequest, args: list[str]) -> dict[str, str]:
    """The hole's filler: each article's (by id) use, rendered in the request's language. A failure
    shows nothing rather than failing the page."""
    language = translation.get_language() or ""
    keys = {arg: f"usage-shown:{language}:{arg}" for arg in args if arg.isdigit()}
    try:
        shown = cache.get_many(list(keys.values()))
        missing = [int(arg) for arg, key in keys.items() if key not in shown]
        if missing:
            uses = article_use(article_ids=missing, today=timezone.localdate())
            fresh = {
                keys[str(pk)]: render_to_string("articles/_article_usage.html", {"use": use})
                for pk, use in uses.items()
            }
            cache.set_many(fresh, timeout=SHOWN_SECONDS)
            shown |= fresh
    except Exception:
        logger.exception("article usage not shown")
        return dict.fromkeys(args, "")
    return {arg: shown.get(keys.get(arg, ""), "") for arg in args}

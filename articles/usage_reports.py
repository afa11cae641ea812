"""Usage reports for editors: a volume's or a person's articles, month by month, as a page in the
admin and as CSV — laid out as COUNTER item reports are (a row per item and metric, a column per
month, the period's total), so a librarian's tools read them as they read a publisher's.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from django.db.models import QuerySet, Sum

from articles.models import Article, ArticleUsage, UsageMetric
from articles.spreadsheets import SpreadsheetCsvWriter
from authors.models import Authorship

REPORT_MONTHS = 12


@dataclass(frozen=True)
class ReportRow:
    article: Article
    metric: str  # a UsageMetric value
    per_month: list[int]  # in the order of UsageReport.months

    @property
    def total(self) -> int:
        return sum(self.per_month)


@dataclass(frozen=True)
class UsageReport:
    title: str
    months: list[datetime.date]  # first days, oldest first
    rows: list[ReportRow]

    def totals(self) -> dict[str, int]:
        return {
            metric: sum(row.total for row in self.rows if row.metric == metric)
            for metric in UsageMetric.values
        }


def last_months(today: datetime.date, count: int = REPORT_MONTHS) -> list[datetime.date]:
    """The first days of the `count` months up to and including today's, oldest first."""
    year, month = today.year, today.month
    months = []
    for _ in range(count):
        months.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def usage_report(*, title: str, articles: QuerySet[Article], today: datetime.date) -> UsageReport:
    """Every article of `articles` with a row per metric (zeros included: a paper nobody read is
    worth seeing too), over the last REPORT_MONTHS months."""
    months = last_months(today)
    articles = list(
        articles.select_related("proceedings").order_by("proceedings__year", "proceedings_id", "position")
    )
    counts = (
        ArticleUsage.objects.filter(article__in=[article.pk for article in articles], month__gte=months[0])
        .values("article_id", "metric", "month")
        .annotate(total=Sum("count"))
    )
    found = {(row["article_id"], row["metric"], row["month"]): row["total"] for row in counts}
    rows = [
        ReportRow(article, metric, [found.get((article.pk, metric, month), 0) for month in months])
        for article in articles
        for metric in UsageMetric.values
    ]
    return UsageReport(title=title, months=months, rows=rows)


def volume_usage_articles(volume) -> QuerySet[Article]:
    return Article.objects.filter(proceedings=volume)


def person_usage_articles(person) -> QuerySet[Article]:
    """Articles a person wrote or supervised."""
    return Article.objects.filter(pk__in=Authorship.objects.filter(person=person).values("article_id"))


def report_csv(report: UsageReport, *, article_url) -> str:
    """The report as CSV: Title, URL, Metric_Type, Reporting_Period_Total, then one column a month
    (Mmm-YYYY, as COUNTER writes them). A title a spreadsheet would run as a formula starts with an
    apostrophe (articles/spreadsheets.py)."""
    out = io.StringIO()
    writer = SpreadsheetCsvWriter(out)
    writer.writerow(
        ["Title", "URL", "Metric_Type", "Reporting_Period_Total", *(f"{m:%b-%Y}" for m in report.months)]
    )
    for row in report.rows:
        writer.writerow(
            [row.article.display_title, article_url(row.article), row.metric, row.total, *row.per_month]
        )
    return out.getvalue()

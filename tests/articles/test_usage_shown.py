"""An article's monthly use on its page (articles/usage_shown.py): the counts of the last twelve
months, a hole in the cached page, refreshed hourly, never failing the page."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import ArticleUsage
from articles.usage_reports import last_months
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def usage_section(html: str) -> str:
    (section,) = re.findall(r'<section class="usage".*?</section>', html, flags=re.S)
    return section


def rows(section: str) -> list[list[str]]:
    """The table's rows as text, header cells included."""
    return [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", section, flags=re.S)
    ]


def test_the_page_shows_each_months_views_downloads_and_exports_newest_first():
    article = ArticleFactory(slug="paper")
    months = last_months(timezone.localdate())
    this, earlier = months[-1], months[-3]
    for month, metric, count in [
        (this, "view", 12),
        (this, "pdf", 4),
        (earlier, "view", 5),
        (earlier, "export", 1),
    ]:
        ArticleUsage.objects.create(article=article, month=month, metric=metric, count=count)
    too_old = months[0].replace(year=months[0].year - 1)
    ArticleUsage.objects.create(article=article, month=too_old, metric="view", count=1000)

    section = usage_section(Client().get("/en/articles/paper/").content.decode())

    assert rows(section) == [
        ["Month", "Views", "PDF", "Exports"],
        [f"{this:%B %Y}", "12", "4", "0"],
        [f"{earlier:%B %Y}", "5", "0", "1"],
        ["Total", "17", "4", "1"],
    ]


def test_an_article_nobody_used_says_so():
    ArticleFactory(slug="paper")

    section = usage_section(Client().get("/ru/articles/paper/").content.decode())

    assert "Пока не учтено ни одного обращения." in section
    assert "<table" not in section


@pytest.mark.django_db(transaction=True)  # committed content: the page cache serves nothing else
def test_a_cached_page_shows_counts_an_hour_old_at_most_without_a_query_of_its_own(settings):
    settings.JINAQ_PAGE_CACHE = True
    article = ArticleFactory(slug="paper")
    month = timezone.localdate().replace(day=1)
    use = ArticleUsage.objects.create(article=article, month=month, metric="view", count=3)
    Client().get("/en/articles/paper/")  # renders the page and the counts; both kept
    ArticleUsage.objects.filter(pk=use.pk).update(count=9)  # as the usage writer does: no signal

    with CaptureQueriesContext(connection) as queries:
        kept = usage_section(Client().get("/en/articles/paper/").content.decode())
    cache.clear()  # an hour later: the counts' entry has expired, the page has not
    with CaptureQueriesContext(connection) as later_queries:
        fresh = usage_section(Client().get("/en/articles/paper/").content.decode())

    assert rows(kept)[1][1] == "3"
    assert len(queries) == 1  # the page cache's content token only
    assert rows(fresh)[1][1] == "9"
    assert len(later_queries) == 2  # and the counts, read once for the next hour


def test_counts_that_cannot_be_read_leave_the_page_whole(monkeypatch):
    ArticleFactory(slug="paper")

    def broken(**kwargs):
        raise RuntimeError("the statistics table is locked")

    monkeypatch.setattr("articles.usage_shown.article_use", broken)
    response = Client().get("/en/articles/paper/")

    assert response.status_code == 200
    assert '<section class="usage"' not in response.content.decode()
    assert "Related articles" in response.content.decode()


def test_the_counts_follow_the_interface_language():
    article = ArticleFactory(slug="paper")
    ArticleUsage.objects.create(
        article=article, month=timezone.localdate().replace(day=1), metric="view", count=2
    )

    kazakh = usage_section(Client().get("/kk/articles/paper/").content.decode())
    english = usage_section(Client().get("/en/articles/paper/").content.decode())

    assert "Соңғы 12 айдағы пайдаланылуы" in kazakh
    assert "Use in the last 12 months" in english

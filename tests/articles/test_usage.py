"""Usage statistics (articles/usage.py): what counts as a use, what never does, and the editors'
reports. Counts are kept in the process until written (tests write them with usage_flush)."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from articles import usage
from articles.models import ArticleUsage
from articles.usage_reports import last_months
from proceedings.models import ProceedingsStatus
from tests.factories import ArticleFactory, AuthorshipFactory, PersonFactory, ProceedingsFactory, staff_user

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile Safari/604.1"


@pytest.fixture(autouse=True)
def nothing_pending():
    """No counts, and no double-click memory, left by another test."""
    usage.PENDING.take()
    cache.clear()
    yield
    usage.PENDING.take()


def reader(agent: str = BROWSER, address: str = "203.0.113.7") -> Client:
    return Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=address)


def counts(article, metric: str = "view") -> int:
    usage.usage_flush()
    month = timezone.localdate().replace(day=1)
    row = ArticleUsage.objects.filter(article=article, metric=metric, month=month).first()
    return row.count if row else 0


def test_a_readers_view_counts_and_a_double_click_counts_once():
    article = ArticleFactory(slug="paper")
    browser = reader()
    assert browser.get("/kk/articles/paper/").status_code == 200
    assert browser.get("/ru/articles/paper/").status_code == 200  # within 30 s: the same click
    assert counts(article) == 1

    cache.clear()  # 30 seconds later
    browser.get("/kk/articles/paper/")
    reader(PHONE, "198.51.100.2").get("/kk/articles/paper/")  # another reader at once
    assert counts(article) == 3


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "python-requests/2.32.3",
        "curl/8.5.0",
        "",
    ],
)
def test_robots_and_machines_are_not_counted(agent):
    article = ArticleFactory(slug="paper")
    assert reader(agent).get("/kk/articles/paper/").status_code == 200
    assert counts(article) == 0


def test_a_draft_a_missing_page_and_a_json_twin_are_not_counted():
    draft = ArticleFactory(slug="draft", proceedings=ProceedingsFactory(status=ProceedingsStatus.DRAFT))
    published = ArticleFactory(slug="paper")
    browser = reader()
    assert browser.get("/kk/articles/draft/").status_code == 404
    assert browser.get("/kk/articles/no-such-paper/").status_code == 404
    assert browser.get("/kk/articles/paper/?format=json").status_code == 200
    # Even a count that reached the pending ones by its slug never lands on a draft's article.
    usage.PENDING.add([("draft", timezone.localdate().replace(day=1), "view")])
    assert (counts(draft), counts(published)) == (0, 0)
    assert not ArticleUsage.objects.exists()


def test_a_citation_export_of_named_articles_counts_for_each_and_a_volumes_does_not():
    volume = ProceedingsFactory(slug="vol")
    first, second = (
        ArticleFactory(proceedings=volume, slug="one"),
        ArticleFactory(proceedings=volume, slug="two"),
    )
    browser = reader()
    assert browser.get("/kk/cite/bibtex/?article=one&article=two").status_code == 200
    assert browser.get("/kk/cite/ris/?volume=vol").status_code == 200
    assert (counts(first, "export"), counts(second, "export")) == (1, 1)
    assert (counts(first), counts(second)) == (0, 0)


def test_the_reader_is_a_daily_hash_of_no_stored_address():
    request = reader().get("/kk/").wsgi_request
    today = datetime.date(2026, 12, 5)
    first = usage.reader_hash(request, today)
    assert first == usage.reader_hash(request, today)
    assert first != usage.reader_hash(request, today + datetime.timedelta(days=1))
    assert "203.0.113.7" not in first
    assert {field.name for field in ArticleUsage._meta.get_fields()} == {
        "id",
        "article",
        "month",
        "metric",
        "count",
    }


def test_a_failed_write_keeps_the_counts_for_the_next_and_never_fails_the_page(monkeypatch):
    article = ArticleFactory(slug="paper")
    monkeypatch.setattr(usage, "FLUSH_SQL", "SELECT no_such_function()")
    assert reader().get("/kk/articles/paper/").status_code == 200
    assert usage.usage_flush() == 0
    monkeypatch.undo()
    assert counts(article) == 1


def test_counts_gathered_in_many_requests_are_written_in_one_statement():
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    articles = [ArticleFactory(slug=f"paper-{n}") for n in range(3)]
    for n, article in enumerate(articles):
        for visitor in range(n + 1):
            reader(address=f"192.0.2.{visitor}").get(f"/kk/articles/{article.slug}/")
    with CaptureQueriesContext(connection) as written:
        assert usage.usage_flush() == 6
    statements = [query["sql"] for query in written if "SAVEPOINT" not in query["sql"]]
    assert len(statements) == 1
    assert statements[0].lstrip().startswith("INSERT INTO articles_articleusage")
    assert [counts(article) for article in articles] == [1, 2, 3]


@pytest.mark.django_db(transaction=True)  # the page cache stores only what has committed
def test_a_page_served_from_the_page_cache_counts_too(settings):
    settings.JINAQ_PAGE_CACHE = True
    article = ArticleFactory(slug="paper")
    first, second = reader(address="192.0.2.1"), reader(address="192.0.2.2")
    first.get("/kk/articles/paper/")
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    with CaptureQueriesContext(connection) as cached:
        assert second.get("/kk/articles/paper/").status_code == 200
    assert len(cached) == 1  # the content token: the page came from the cache
    assert counts(article) == 2


@pytest.mark.django_db(transaction=True)  # the writer's own connection sees committed rows only
def test_a_server_process_writes_its_counts_behind_the_pages(settings):
    import time  # noqa: PLC0415

    article = ArticleFactory(slug="paper")
    settings.JINAQ_USAGE_FLUSH_SECONDS = 1
    reader().get("/kk/articles/paper/")
    writer = usage.PENDING.writer
    assert writer is not None
    assert writer.is_alive()
    deadline = time.monotonic() + 10
    while not ArticleUsage.objects.filter(article=article).exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert ArticleUsage.objects.get(article=article).count == 1
    settings.JINAQ_USAGE_FLUSH_SECONDS = None
    writer.join(timeout=5)
    assert not writer.is_alive()


def test_editors_read_a_volumes_and_a_persons_report_and_its_csv():
    volume = ProceedingsFactory(slug="vol", title_en="Media 2025")
    article = ArticleFactory(proceedings=volume, slug="paper", title_display="Дипфейктер")
    person = PersonFactory(display_name="Өзбекова Г.")
    AuthorshipFactory(article=article, person=person)
    month = timezone.localdate().replace(day=1)
    ArticleUsage.objects.create(article=article, month=month, metric="view", count=7)
    ArticleUsage.objects.create(article=article, month=month, metric="export", count=2)
    ArticleUsage.objects.create(article=article, month=month, metric="pdf", count=3)
    editor = Client()
    editor.force_login(staff_user("editor", editor=True))

    page = editor.get(f"/admin/articles/articleusage/volume/{volume.pk}/")
    assert page.status_code == 200
    assert page.context["totals"] == {"view": 7, "export": 2, "pdf": 3}
    assert "Дипфейктер" in page.content.decode()

    download = editor.get(f"/admin/articles/articleusage/person/{person.pk}/?format=csv")
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    months = last_months(timezone.localdate())
    assert rows[0] == [
        "Title",
        "URL",
        "Metric_Type",
        "Reporting_Period_Total",
        *(f"{m:%b-%Y}" for m in months),
    ]
    assert rows[1][:4] == ["Дипфейктер", "http://testserver/kk/articles/paper/", "view", "7"]
    assert rows[1][-1] == "7"  # this month
    assert rows[2][2:4] == ["export", "2"]
    assert rows[3][2:4] == ["pdf", "3"]
    assert (
        editor.get("/admin/proceedings/proceedings/")
        .content.decode()
        .count("/admin/articles/articleusage/volume/")
        == 1
    )

    assert (
        Client().get(f"/admin/articles/articleusage/volume/{volume.pk}/").status_code == 302
    )  # to the login


def test_last_months_cross_the_year():
    assert last_months(datetime.date(2026, 2, 17), 3) == [
        datetime.date(2025, 12, 1),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 1),
    ]

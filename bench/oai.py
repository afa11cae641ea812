"""OAI-PMH at 100,000 articles: a page of records (ListRecords, ListIdentifiers), first and later.

    .venv/bin/python bench/oai.py [--articles 100000] [--repeat 20] [--drop]

Runs in a database of its own, `jinaq_bench_oai` (bench/corpus.py builds it when missing; the
shared `jinaq_bench` is left alone). The corpus is written in bulk around the services, so the
records are made here by the real writer, proceedings.oai_records.oai_records_refresh, timed:
that is what a first migration of a full archive would cost on top of its backfill. Then each
page is asked `--repeat` times through Django's test client: p50/p95 wall clock and this
process's CPU, and the page statement's EXPLAIN (ANALYZE, BUFFERS). Goal (issue 14): ≤ 200 ms a
page of records. --drop removes the database afterwards.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
BENCH_DATABASE = "jinaq_bench_oai"
GOAL_MS = 200

import django  # noqa: E402
from corpus import corpus_build  # noqa: E402 - bench/ is the script's folder
from django.conf import settings  # noqa: E402
from pages import percentile  # noqa: E402
from scratch_database import scratch_database  # noqa: E402


def records_fill() -> None:
    from articles.models import Article  # noqa: PLC0415
    from proceedings.models import OaiRecord  # noqa: PLC0415
    from proceedings.oai_records import oai_records_refresh  # noqa: PLC0415

    published = Article.objects.filter(proceedings__status="published")
    missing = published.exclude(
        pk__in=OaiRecord.objects.filter(deleted=False, metadata_hash__gt="").values("pk")
    )
    ids = list(missing.values_list("pk", flat=True))
    if not ids:
        return
    started, cpu = time.perf_counter(), time.process_time()
    written = oai_records_refresh(article_ids=ids)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"records written: {written:,} in {seconds:.0f} s ({cpu:.0f} s CPU in Python)")


def page_addresses() -> dict[str, str]:
    """A first page, and resumption pages at the middle and at the end of the whole archive."""
    from articles.oai.tokens import ListArguments, Resumption, token_encode  # noqa: PLC0415
    from proceedings.models import OaiRecord  # noqa: PLC0415

    ordered = OaiRecord.objects.order_by("datestamp", "article_id")
    total = ordered.count()
    size = settings.JINAQ_OAI_PAGE_SIZE

    def token(verb: str, offset: int, set_spec: str = "", count: int = total) -> str:
        last = ordered.filter(language=set_spec.partition(":")[2]) if set_spec else ordered
        record = last[offset - 1]
        arguments = ListArguments(verb, "oai_dc", set_spec)
        return token_encode(Resumption(arguments, record.datestamp, record.article_id, offset, count))

    middle, end = (total // 2 // size) * size, (total - 1) // size * size
    kk = OaiRecord.objects.filter(language="kk").count()
    return {
        "ListRecords, first page": "/oai?verb=ListRecords&metadataPrefix=oai_dc",
        "ListRecords, middle page": f"/oai?verb=ListRecords&resumptionToken={token('ListRecords', middle)}",
        "ListRecords, last page": f"/oai?verb=ListRecords&resumptionToken={token('ListRecords', end)}",
        "ListIdentifiers, first page": "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc",
        "ListIdentifiers, middle page": (
            f"/oai?verb=ListIdentifiers&resumptionToken={token('ListIdentifiers', middle)}"
        ),
        "ListRecords, set language:kk, first page": (
            "/oai?verb=ListRecords&metadataPrefix=oai_dc&set=language:kk"
        ),
        "ListRecords, set language:kk, middle page": (
            "/oai?verb=ListRecords&resumptionToken="
            + token("ListRecords", (kk // 2 // size) * size, "language:kk", kk)
        ),
        "ListSets": "/oai?verb=ListSets",
        "Identify": "/oai?verb=Identify",
        "GetRecord": "/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier="
        + f"oai:{settings.JINAQ_OAI_REPOSITORY_IDENTIFIER}:article/{ordered[total // 3].article_id}",
    }


def page_plan() -> str:
    """EXPLAIN (ANALYZE, BUFFERS) of a middle page's statement, as records_page sends it."""
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    from articles.oai.selectors import records_matching, records_page  # noqa: PLC0415
    from articles.oai.tokens import ListArguments  # noqa: PLC0415
    from proceedings.models import OaiRecord  # noqa: PLC0415

    record = OaiRecord.objects.order_by("datestamp", "article_id")[OaiRecord.objects.count() // 2]
    records = records_matching(ListArguments("ListRecords", "oai_dc"))
    with CaptureQueriesContext(connection) as captured:
        records_page(records, after=(record.datestamp, record.article_id), size=settings.JINAQ_OAI_PAGE_SIZE)
    (statement,) = captured.captured_queries
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {statement['sql']}")
        return "\n".join(row[0] for row in cursor.fetchall())


def measure(*, repeat: int) -> None:
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    from proceedings.models import OaiRecord  # noqa: PLC0415

    print(f"records: {OaiRecord.objects.count():,}, page size {settings.JINAQ_OAI_PAGE_SIZE}")
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    print("| page | requests | queries | p50 ms | p95 ms | goal p95 ms | | Python CPU p50 ms |")
    print("|---|---|---|---|---|---|---|---|")
    for name, address in page_addresses().items():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(address)
        queries = len(captured.captured_queries)  # now: the next request empties the log it reads
        assert response.status_code == 200, address
        assert b"<error" not in response.content, (address, response.content[:500])
        wall, cpu = [], []
        for _ in range(repeat):
            started, process = time.perf_counter(), time.process_time()
            client.get(address)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - process) * 1000)
        p50, p95 = percentile(wall, 0.5), percentile(wall, 0.95)
        verdict = "ok" if p95 <= GOAL_MS else "OVER"
        cells = [name, repeat, queries, f"{p50:.1f}", f"{p95:.1f}", GOAL_MS, verdict]
        print("| " + " | ".join(str(cell) for cell in [*cells, f"{percentile(cpu, 0.5):.1f}"]) + " |")
    print("\nA middle page's statement:\n" + page_plan())


def database_drop() -> None:
    from django.db import connection, connections  # noqa: PLC0415

    connections.close_all()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}"')
    print(f"dropped {BENCH_DATABASE}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--drop", action="store_true", help="drop the database afterwards")
    arguments = parser.parse_args()
    scratch_database(settings, BENCH_DATABASE)
    django.setup()
    from django.core.management import call_command  # noqa: PLC0415

    from articles.models import Article  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    if Article.objects.count() < arguments.articles:
        build = corpus_build(arguments.articles)
        print(f"built {build.articles:,} articles in {build.seconds:.0f} s ({build.rate:.0f}/s)")
    records_fill()
    measure(repeat=arguments.repeat)
    if arguments.drop:
        database_drop()


if __name__ == "__main__":
    main()

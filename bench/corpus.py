"""The synthetic 100,000-article corpus the benchmarks measure, built in bulk (~10x faster than
one article at a time).

The bundled proceedings are imported for real; every synthetic article then copies a seed
article of the archive — its title, keywords, abstracts, people and topics — with a few
consecutive paragraphs of the seed's body as its own, spread over 200 published volumes and 20
years. Articles, authorships and topic links are written by INSERT … SELECT from a plan table
(ids, seed, volume, position, paragraph range) sent with one COPY.

Search entries: two articles with the same seed and the same paragraphs have the same text, so
the real writer (`articles.search.index.article_search_refresh`) builds the entry of one of them
(a *prototype*) and the others copy its vectors in SQL — equal to what the real refresh gives,
which `corpus_build` checks on a sample. The GIN indexes are dropped during the copy and built
again after it (one sort instead of 100,000 insertions into each).
"""

from __future__ import annotations

import io
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

VOLUMES, FIRST_YEAR, YEARS = 200, 2006, 20
PARAGRAPHS_PER_ARTICLE = (3, 6)
PROTOTYPE_BATCH = 500
VECTOR_SAMPLE = 25


@dataclass(frozen=True)
class CorpusBuild:
    articles: int
    prototypes: int
    seconds: float
    sample_checked: int

    @property
    def rate(self) -> float:
        return self.articles / self.seconds


def corpus_build(total: int, *, seed: int = 20251125, progress: Callable[[str], None] = print) -> CorpusBuild:
    """Empty the database's archive and fill it with the bundled volumes plus `total` synthetic
    articles; returns the build's figures. The database must be migrated."""
    from django.conf import settings  # noqa: PLC0415 - after django.setup()
    from django.db import connection, transaction  # noqa: PLC0415

    from articles.models import Article  # noqa: PLC0415
    from proceedings.services import proceedings_import_bundled  # noqa: PLC0415

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE proceedings_proceedings, authors_person, articles_searchterm, articles_searchword"
            " CASCADE"
        )
    settings.MEDIA_ROOT = Path("/tmp/jinaq-bench-media")
    proceedings_import_bundled()
    seeds = {
        article.pk: len(article.body.split("\n\n"))
        for article in Article.objects.only("pk", "body").order_by("pk")
    }
    plan = corpus_plan(total, seeds=seeds, rng=random.Random(seed))
    progress(f"plan: {total:,} articles, {len({row[-1] for row in plan}):,} distinct texts")
    with transaction.atomic():
        volume_ids = _volumes_create()
        first_id = _ids_reserve(total)
        _plan_copy(plan, first_id=first_id, volume_ids=volume_ids)
        _articles_insert()
        progress(f"articles, authorships, topics: {time.perf_counter() - started:.0f} s")
        prototypes = _prototype_ids()
        _body_structures_build(prototypes)
        progress(f"body structures: {time.perf_counter() - started:.0f} s")
        _search_entries_build(prototypes, progress=progress)
        progress(f"search entries: {time.perf_counter() - started:.0f} s")
        with connection.cursor() as cursor:
            # Planner statistics for the new rows first: the counts below join them (minutes
            # with a new table's default guesses, a second with statistics).
            cursor.execute("ANALYZE")
        _derived_counts_refresh()
        progress(f"stored counts: {time.perf_counter() - started:.0f} s")
    seconds = time.perf_counter() - started
    checked = corpus_vectors_check(sample=VECTOR_SAMPLE, prototypes=set(prototypes))
    return CorpusBuild(articles=total, prototypes=len(prototypes), seconds=seconds, sample_checked=checked)


def corpus_plan(
    total: int, *, seeds: dict[int, int], rng: random.Random
) -> list[tuple[int, int, int, int, int]]:
    """(n, seed id, first paragraph, paragraph count, text key) per synthetic article n (from 1):
    a random seed and a random run of its paragraphs, as the search benchmark always had."""
    seed_ids = list(seeds)
    rows = []
    keys: dict[tuple[int, int, int], int] = {}
    for n in range(1, total + 1):
        seed_id = rng.choice(seed_ids)
        start = rng.randrange(max(1, seeds[seed_id] - 4))
        count = rng.randint(*PARAGRAPHS_PER_ARTICLE)
        key = keys.setdefault((seed_id, start, count), len(keys))
        rows.append((n, seed_id, start, count, key))
    return rows


def _volumes_create() -> list[int]:
    from proceedings.models import Proceedings  # noqa: PLC0415

    volumes = Proceedings.objects.bulk_create(
        Proceedings(
            slug=f"synthetic-{n}",
            year=FIRST_YEAR + n % YEARS,
            title_en=f"Synthetic volume {n}",
            status="published",
        )
        for n in range(VOLUMES)
    )
    return [volume.pk for volume in volumes]


def _ids_reserve(count: int) -> int:
    """The first of `count` consecutive article ids nobody else will be given."""
    from django.db import connection  # noqa: PLC0415

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence('articles_article', 'id')")
        (sequence,) = cursor.fetchone()
        cursor.execute("SELECT coalesce(max(id), 0) + 1 FROM articles_article")
        (first,) = cursor.fetchone()
        cursor.execute("SELECT setval(%s, %s)", [sequence, first + count])
    return first


def _plan_copy(plan: list[tuple[int, int, int, int, int]], *, first_id: int, volume_ids: list[int]) -> None:
    from django.db import connection  # noqa: PLC0415

    lines = io.StringIO()
    for n, seed_id, start, count, key in plan:
        volume = volume_ids[n % len(volume_ids)]
        position = n // len(volume_ids) + 1
        lines.write(f"{first_id + n - 1}\t{n}\t{seed_id}\t{volume}\t{position}\t{start}\t{count}\t{key}\n")
    lines.seek(0)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE corpus_plan (id int PRIMARY KEY, n int, seed_id int, "
            "proceedings_id int, position int, start int, count int, text_key int) ON COMMIT DROP"
        )
        cursor.cursor.copy_expert("COPY corpus_plan FROM STDIN", lines)
        cursor.execute("CREATE INDEX ON corpus_plan (text_key, id)")
        cursor.execute("ANALYZE corpus_plan")


def _articles_insert() -> None:
    """The articles, their people and topics, all copied from their seeds in three statements."""
    from django.db import connection  # noqa: PLC0415

    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO articles_article (
                id, proceedings_id, position, title, title_display, parallel_titles, language,
                abstract_kk, abstract_ru, abstract_en, keywords_kk, keywords_ru, keywords_en,
                body, source_start_line, source_end_line, content_hash, slug, former_slugs,
                import_warnings, pdf, hand_edited, merged_hand_edits, body_structure, created_at,
                updated_at)
            SELECT p.id, p.proceedings_id, p.position, s.title, s.title_display, s.parallel_titles,
                   s.language, s.abstract_kk, s.abstract_ru, s.abstract_en, s.keywords_kk,
                   s.keywords_ru, s.keywords_en,
                   array_to_string(
                       (string_to_array(s.body, E'\\n\\n'))[p.start + 1 : p.start + p.count], E'\\n\\n'),
                   1, 2, lpad(to_hex(p.n), 64, '0'), 'synthetic-' || p.n, '{}', '{}', '', '{}', '{}',
                   '{}', now(), now()
            FROM corpus_plan p JOIN articles_article s ON s.id = p.seed_id
            """
        )
        cursor.execute(
            """
            INSERT INTO authors_authorship (
                article_id, person_id, role, "order", printed_text, position, affiliation)
            SELECT p.id, a.person_id, a.role, a."order", a.printed_text, a.position, a.affiliation
            FROM corpus_plan p JOIN authors_authorship a ON a.article_id = p.seed_id
            """
        )
        cursor.execute(
            """
            INSERT INTO articles_article_topics (article_id, topic_id)
            SELECT p.id, t.topic_id
            FROM corpus_plan p JOIN articles_article_topics t ON t.article_id = p.seed_id
            """
        )


def _prototype_ids() -> list[int]:
    from django.db import connection  # noqa: PLC0415

    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id) FROM corpus_plan GROUP BY text_key ORDER BY 1")
        return [row[0] for row in cursor.fetchall()]


def _body_structures_build(prototypes: list[int]) -> None:
    """Each prototype's body structure as the import stores it, every other article a copy of its
    prototype's (the same text has the same structure)."""
    from django.db import connection  # noqa: PLC0415

    from articles.models import Article  # noqa: PLC0415
    from proceedings.importer.structure import text_structure_json  # noqa: PLC0415

    for start in range(0, len(prototypes), PROTOTYPE_BATCH):
        batch = list(Article.objects.filter(pk__in=prototypes[start : start + PROTOTYPE_BATCH]).only("body"))
        for article in batch:
            article.body_structure = text_structure_json(article.body)
        Article.objects.bulk_update(batch, ["body_structure"])
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE articles_article a SET body_structure = e.body_structure
            FROM corpus_plan p
            JOIN (SELECT text_key, min(id) AS prototype FROM corpus_plan GROUP BY text_key) k
              ON k.text_key = p.text_key AND k.prototype <> p.id
            JOIN articles_article e ON e.id = k.prototype
            WHERE a.id = p.id
            """
        )


def _search_entries_build(prototypes: list[int], *, progress: Callable[[str], None]) -> None:
    """Prototypes through the real writer, every other article a copy of its prototype's entry."""
    from django.db import connection  # noqa: PLC0415

    from articles.models import SearchEntry  # noqa: PLC0415
    from articles.search.index import article_search_refresh  # noqa: PLC0415

    table = SearchEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexdef NOT LIKE %s",
            [table, "CREATE UNIQUE INDEX%"],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    for start in range(0, len(prototypes), PROTOTYPE_BATCH):
        article_search_refresh(article_ids=prototypes[start : start + PROTOTYPE_BATCH])
        progress(f"  prototypes {min(start + PROTOTYPE_BATCH, len(prototypes)):,}/{len(prototypes):,}")
    copied = [
        field.column
        for field in SearchEntry._meta.concrete_fields
        if not field.generated and field.column not in {"article_id", "proceedings_id"}
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {table} (article_id, proceedings_id, {", ".join(copied)})
            SELECT p.id, p.proceedings_id, {", ".join(f"e.{column}" for column in copied)}
            FROM corpus_plan p
            JOIN (SELECT text_key, min(id) AS prototype FROM corpus_plan GROUP BY text_key) k
              ON k.text_key = p.text_key AND k.prototype <> p.id
            JOIN {table} e ON e.article_id = k.prototype
            """
        )
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no index build with deferred checks pending
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            cursor.execute(definition)


def _derived_counts_refresh() -> None:
    """Everything the services keep beside the articles, recounted once for the whole archive."""
    from articles.counts import archive_counts_refresh  # noqa: PLC0415
    from authors.services import person_refresh_article_counts  # noqa: PLC0415

    person_refresh_article_counts()
    archive_counts_refresh()


def corpus_vectors_check(*, sample: int, prototypes: set[int]) -> int:
    """Rebuild the entries of `sample` copied articles with the real writer and require the same
    vectors; returns how many were checked. Raises AssertionError when one differs."""
    from django.db import transaction  # noqa: PLC0415

    from articles.models import SearchEntry  # noqa: PLC0415
    from articles.search.index import article_search_refresh  # noqa: PLC0415

    copies = SearchEntry.objects.exclude(pk__in=prototypes).order_by("?")
    ids = list(copies.values_list("pk", flat=True)[:sample])
    columns = [field.attname for field in SearchEntry._meta.concrete_fields]

    def entries() -> dict[int, tuple]:
        return {row[0]: row for row in SearchEntry.objects.filter(pk__in=ids).values_list(*columns)}

    before = entries()
    with transaction.atomic():
        article_search_refresh(article_ids=ids)
        after = entries()
        transaction.set_rollback(True)  # the check leaves the corpus as built
    different = [pk for pk in ids if before[pk] != after[pk]]
    assert not different, f"copied search vectors differ from the real refresh: articles {different}"
    return len(ids)

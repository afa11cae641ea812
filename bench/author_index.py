"""How fast the author index stays with 100,000 people (OJS dropped its index for being slow).

    .venv/bin/python bench/author_index.py [--people 100000] [--repeat 40]

Builds a scratch database (`jinaq_bench_author_index`, migrated, dropped at the end), fills it
with synthetic Kazakh, Russian and Latin names in one published and one draft volume, then times
the author index through Django's test client (the whole view: queries, template, middleware)
and prints p50/p95 and the EXPLAIN ANALYZE plans of the index's queries. An author page of the
busiest supervisor is timed too. The goal: the index page well under 100 ms.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proceedings.site.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from articles.models import Article  # noqa: E402
from authors import selectors  # noqa: E402
from authors.models import LISTED, Authorship, Person, Role  # noqa: E402
from authors.names import index_letter, sortable_name  # noqa: E402
from authors.services import person_refresh_article_counts  # noqa: E402
from proceedings.models import Proceedings, ProceedingsStatus  # noqa: E402

GOAL_MS = 100.0
SCRATCH_DATABASE = "jinaq_bench_author_index"

KAZAKH_ROOTS = [
    "Әбіл", "Ахмет", "Бек", "Ғабдул", "Дос", "Ержан", "Жақып", "Құсайын", "Нұр", "Өмір", "Ұзақ",
    "Үсен", "Сейіт", "Тоқтар", "Іргебай", "Шәкір", "Қасым", "Серік", "Мұхтар", "Оразбай", "Әлім",
    "Байжан", "Ілияс", "Ермек", "Һади", "Ысқақ", "Айт", "Темір", "Бауыржан", "Қайрат", "Ңұр",
]  # fmt: skip
KAZAKH_ENDINGS = ["ов", "ова", "ев", "ева", "ұлы", "қызы", "бекова", "баев", "ин", "ина", "ұлы"]
RUSSIAN_SURNAMES = [
    "Иванов", "Петрова", "Смирнов", "Кузнецова", "Волков", "Соколова", "Лебедев", "Морозова",
    "Новиков", "Фёдорова", "Егоров", "Павлова", "Юдин", "Яковлева", "Цветков", "Чернова",
    "Щербаков", "Эльдарова", "Григорьев", "Зайцева", "Хохлов", "Шубина",
]  # fmt: skip
LATIN_SURNAMES = [
    "Smith", "Johnson", "Zhang", "Kim", "Brown", "Qasym", "Garcia", "Müller", "Öztürk", "Nguyen",
    "Williams", "Yilmaz", "Lee", "Abenova", "Tan", "Wang", "Ivanova", "Davis", "Ólafsson", "Xu",
]  # fmt: skip
INITIALS = "АӘБВГҒДЕЖЗИКҚЛМНОӨПРСТУҰҮФХШЫІЭЮЯ"


def synthetic_name(rng: random.Random, number: int) -> str:
    kind = rng.random()
    if kind < 0.65:
        surname = rng.choice(KAZAKH_ROOTS) + rng.choice(KAZAKH_ENDINGS)
    elif kind < 0.9:
        surname = rng.choice(RUSSIAN_SURNAMES)
    else:
        initials = f"{rng.choice('ABDEGKMNSTZ')}. {rng.choice('ABDEGKMNSTZ')}."
        return f"{rng.choice(LATIN_SURNAMES)}{number % 97 or ''} {initials}"
    # A numeric-free suffix keeps names distinct without disturbing the letter order.
    return f"{surname} {rng.choice(INITIALS)}. {rng.choice(INITIALS)}."


def fill(people_count: int, seed: int = 4) -> None:
    """people_count people; 10% supervisors with ~5 papers each; 2% only in a draft volume."""
    rng = random.Random(seed)
    published = Proceedings.objects.create(
        title_kk="Синтетикалық жинақ", year=2025, slug="bench-published", status=ProceedingsStatus.PUBLISHED
    )
    draft = Proceedings.objects.create(title_kk="Дайындалып жатқан жинақ", year=2025, slug="bench-draft")
    names = [synthetic_name(rng, number) for number in range(people_count)]
    people = Person.objects.bulk_create(
        [
            Person(
                display_name=name,
                name_variants=[name],
                match_key=f"bench|{number}",
                slug=f"bench-{number}",
                index_letter=index_letter(name),
                sort_name=sortable_name(name),
            )
            for number, name in enumerate(names)
        ],
        batch_size=5000,
    )
    supervisors = people[: people_count // 10]
    drafted = set(range(len(supervisors), len(supervisors) + people_count // 50))
    students = [person for number, person in enumerate(people) if number >= len(supervisors)]
    articles, links = [], []
    for number in range(0, len(students), 2):
        pair = students[number : number + 2]
        in_draft = number + len(supervisors) in drafted
        article = Article(
            proceedings=draft if in_draft else published,
            position=number // 2 + 1,
            title=f"Синтетикалық мақала {number}",
            language=rng.choice(["kk", "ru", "en"]),
            source_start_line=number + 1,
            source_end_line=number + 2,
            content_hash=hashlib.sha256(f"bench {number}".encode()).hexdigest(),
            slug=f"bench-article-{number}",
        )
        articles.append(article)
        supervisor = supervisors[rng.randrange(len(supervisors))]
        links.append((article, pair, supervisor))
    Article.objects.bulk_create(articles, batch_size=5000)
    Authorship.objects.bulk_create(
        [
            Authorship(article=article, person=person, role=Role.AUTHOR, order=order)
            for article, pair, _ in links
            for order, person in enumerate(pair, start=1)
        ]
        + [
            Authorship(article=article, person=supervisor, role=Role.SUPERVISOR)
            for article, _, supervisor in links
        ],
        batch_size=10000,
    )
    started = time.perf_counter()
    person_refresh_article_counts()
    print(f"stored article counts of everyone in {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:
        # What autovacuum does soon after a bulk load: statistics, and the visibility map that
        # lets the letter counts be an index-only scan.
        cursor.execute("VACUUM ANALYZE")


def percentiles(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered) * 1000:6.1f} ms, p95 {p95 * 1000:6.1f} ms"


def timed_get(client: Client, url: str, params: dict, repeat: int) -> list[float]:
    client.get(url, params)  # warm caches and the template loader
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url, params)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, params, response.status_code)
    return times


def explain(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {sql}", params)
        return "\n".join(f"    {row[0]}" for row in cursor.fetchall())


def report(people_count: int, repeat: int) -> float:
    client = Client()
    url = reverse("author_index")
    letters = selectors.author_index_letters()
    busiest = max(letters, key=lambda item: item.count)
    print(f"{Person.objects.count():,} people, {Authorship.objects.count():,} authorships; "
          f"published people: {sum(item.count for item in letters):,}; "
          f"busiest letter {busiest.letter} ({busiest.count:,})")  # fmt: skip
    middle_page = max(1, busiest.count // 50 // 2)
    cases = [
        ("index, no letter", {}),
        (f"index, letter {busiest.letter}", {"letter": busiest.letter}),
        (
            f"index, letter {busiest.letter} page {middle_page}",
            {"letter": busiest.letter, "page": middle_page},
        ),
        ("index, letter Ө", {"letter": "Ө"}),
        ("index JSON, letter Ө", {"letter": "Ө", "format": "json"}),
    ]
    worst_p95 = 0.0
    for label, params in cases:
        times = timed_get(client, url, params, repeat)
        worst_p95 = max(worst_p95, sorted(times)[round(0.95 * (len(times) - 1))])
        print(f"  {label:36} {percentiles(times)}")
    supervisor = (
        Person.objects.filter(authorships__role=Role.SUPERVISOR).annotate(
            n=django.db.models.Count("authorships")
        )
    ).order_by("-n")[0]
    times = timed_get(client, reverse("author_detail", args=[supervisor.slug]), {}, repeat)
    print(f"  {'author page, busiest supervisor':36} {percentiles(times)} ({supervisor.n} papers)")
    print("\nEXPLAIN ANALYZE, letter counts:")
    letter_counts = (
        Person.objects.filter(LISTED)
        .order_by()
        .values_list("index_letter")
        .annotate(n=django.db.models.Count("id"))
    )
    print(explain(letter_counts))
    print(f"\nEXPLAIN ANALYZE, letter {busiest.letter} page {middle_page}:")
    offset = (middle_page - 1) * 50
    print(explain(selectors.author_index_people(letter=busiest.letter)[offset : offset + 50]))
    return worst_p95 * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=40)
    arguments = parser.parse_args()
    setup_test_environment()
    settings.DEBUG = False  # no query log; production behaviour
    connection.settings_dict.setdefault("TEST", {})["NAME"] = SCRATCH_DATABASE
    original = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        started = time.perf_counter()
        fill(arguments.people)
        print(f"filled in {time.perf_counter() - started:.1f} s")
        worst = report(arguments.people, arguments.repeat)
    finally:
        connection.creation.destroy_test_db(original, verbosity=0)
    verdict = "within" if worst < GOAL_MS else "OVER"
    print(f"\ngoal: index page p95 under {GOAL_MS:.0f} ms -> {verdict} (worst p95 {worst:.1f} ms)")


if __name__ == "__main__":
    main()

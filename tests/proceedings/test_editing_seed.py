"""The editing services on the bundled seed volume: its real headers, people and repeated article."""

from itertools import pairwise

import pytest

from articles.models import Article
from authors.models import Authorship, Person
from proceedings.editorial.editing import (
    ArticleEditError,
    article_body_start_set,
    article_lines,
    article_split,
    articles_merge,
    header_from_lines,
    volume_source,
)
from proceedings.editorial.repeats import article_repeat_confirm

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def seed(settings, seed_archive):
    settings.MEDIA_ROOT = seed_archive.media_root  # where the import stored the source file
    return seed_archive.outcome.proceedings


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(username="editor", password="x", is_staff=True)


def covered(volume) -> list[int]:
    source = volume_source(proceedings=volume)
    return [
        line.raw
        for article in volume.articles.order_by("position")
        for line in source.between(article.source_start_line, article.source_end_line)
    ]


def authorships(article_ids) -> dict[int, list[tuple[int, str, int]]]:
    rows = Authorship.objects.filter(article__in=article_ids).order_by("article", "role", "order")
    out: dict[int, list[tuple[int, str, int]]] = {}
    for row in rows:
        out.setdefault(row.article_id, []).append((row.person_id, row.role, row.order))
    return out


def test_seed_articles_match_their_source_and_their_headers_read_the_same_again(seed):
    source = volume_source(proceedings=seed)
    differences = []

    for article in seed.articles.order_by("position"):
        cut = article_lines(article=article, source=source)
        header = header_from_lines(cut.header, source=source)
        printed = [(p.role, p.printed) for p in [*header.authors, *header.supervisors]]
        stored = list(article.authorships.order_by("role", "order").values_list("role", "printed_text"))
        if (header.title, header.keywords, header.abstracts, printed) != (
            article.title,
            article.keywords(),
            article.abstracts(),
            stored,
        ):
            differences.append(article.position)

    assert seed.articles.count() == 58
    assert differences == []


def test_seed_edits_keep_every_line_in_one_article_and_other_peoples_authorships(seed, editor):
    lines, source = covered(seed), volume_source(proceedings=seed)
    ordered = list(seed.articles.order_by("position"))
    before_pos, titled = next(
        (a, b)
        for a, b in pairwise(ordered)
        if b.title
        and b.authorships.exists()
        and not source.between(a.source_end_line + 1, b.source_start_line - 1)
    )
    people = set(titled.authorships.values_list("person", flat=True))
    others = set(
        Authorship.objects.filter(person__in=people)
        .exclude(article__in=[titled.pk, before_pos.pk])
        .values_list("article", flat=True)
    )
    untouched_before = authorships(others)
    cut = article_lines(article=titled, source=source)
    middle = cut.body[len(cut.body) // 2].raw

    top, bottom = article_split(article=titled, at_line=middle, user=editor)
    bare = article_body_start_set(article=top, body_start_line=top.source_start_line, user=editor)
    merged = articles_merge(first=before_pos, second=bare, user=editor)
    restored_top, restored_header = article_split(
        article=merged, at_line=titled.source_start_line, user=editor
    )
    whole = articles_merge(first=restored_header, second=bottom, user=editor)

    assert covered(seed) == lines
    assert list(seed.articles.order_by("position").values_list("position", flat=True)) == list(range(1, 59))
    assert (whole.title, whole.body, whole.source_end_line) == (
        titled.title,
        titled.body,
        titled.source_end_line,
    )
    assert set(whole.authorships.values_list("person", flat=True)) == people
    assert Article.objects.get(pk=restored_top.pk).body == before_pos.body
    assert authorships(others) == untouched_before
    assert [
        (p.articles_as_author, p.articles_as_supervisor)
        for p in Person.objects.filter(pk__in=people).order_by("pk")
    ] == [
        (
            p.authorships.filter(role="author").count(),
            p.authorships.filter(role="supervisor").count(),
        )
        for p in Person.objects.filter(pk__in=people).order_by("pk")
    ]


def test_seed_merge_over_the_removed_repeat_is_refused(seed, editor):
    copy = seed.articles.get(repeat_of__isnull=False)
    article_repeat_confirm(article=copy, user=editor)
    source = volume_source(proceedings=seed)
    ordered = list(seed.articles.order_by("position"))
    first, second = next(
        (a, b) for a, b in pairwise(ordered) if source.between(a.source_end_line + 1, b.source_start_line - 1)
    )

    with pytest.raises(ArticleEditError, match="belong to neither"):
        articles_merge(first=first, second=second, user=editor)

    gap = source.between(first.source_end_line + 1, second.source_start_line - 1)
    assert (gap[0].raw, gap[-1].raw) == (copy.source_start_line, copy.source_end_line)

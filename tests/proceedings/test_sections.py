"""The import stores a volume's sections and puts each article in its own."""

import pytest
from django.conf import settings

from articles.models import Article
from proceedings.editorial.editing import article_split
from proceedings.importer.metadata import volume_metadata_from_mapping
from proceedings.models import Proceedings, Section
from proceedings.services import proceedings_import
from tests.factories import staff_user
from tests.proceedings.furniture_volumes import prose
from tests.proceedings.section_volumes import (
    DISCIPLINE,
    NOMINATION,
    TITLES,
    line_of,
    sectioned_text,
    text_of,
)

pytestmark = pytest.mark.django_db


def imported(data: bytes, *, volume: Proceedings | None = None) -> Proceedings:
    metadata = (
        None
        if volume
        else volume_metadata_from_mapping({"slug": "sections", "year": 2024, "title_ru": "Сборник"})
    )
    return proceedings_import(
        data=data,
        filename="volume.txt",
        max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
        metadata=metadata,
        volume=volume,
    ).proceedings


def sections_of(volume: Proceedings) -> list[tuple[int, str, str, int | None]]:
    return [
        (s.position, s.title, s.printed_title, s.source_line)
        for s in Section.objects.filter(proceedings=volume)
    ]


def article_sections(volume: Proceedings) -> list[tuple[str, str | None]]:
    return [
        (article.title, article.section.title if article.section else None)
        for article in volume.articles.select_related("section").order_by("position")
    ]


def test_import_stores_the_sections_and_each_articles_section():
    data = sectioned_text()

    volume = imported(data)

    assert sections_of(volume) == [
        (1, "Юридические науки", DISCIPLINE, line_of(data, DISCIPLINE)),
        (2, "Номинация «История науки и технологий»", " ".join(NOMINATION), line_of(data, NOMINATION[0])),
    ]
    assert article_sections(volume) == [
        (TITLES[0], None),
        (TITLES[1], "Юридические науки"),
        (TITLES[2], "Юридические науки"),
        (TITLES[3], "Номинация «История науки и технологий»"),
    ]


def test_a_second_file_with_a_heading_the_volume_has_adds_to_that_section():
    volume = imported(sectioned_text())
    more = text_of(
        [DISCIPLINE], ["ЦИФРОВАЯ ЭТИКА РЕДАКЦИЙ", "Орлова К. К.", "студент 4 курса", *prose("extra", 25)]
    )

    imported(more, volume=volume)

    assert [title for _, title, _, _ in sections_of(volume)] == [
        "Юридические науки",
        "Номинация «История науки и технологий»",
    ]
    last = volume.articles.order_by("position").last()
    assert (last.position, last.section.title) == (5, "Юридические науки")


def test_the_seed_has_no_section_headings_so_no_sections(seed_archive):
    volume = seed_archive.outcome.proceedings

    assert list(volume.sections.all()) == []
    assert volume.articles.count() == 58
    assert not Article.objects.filter(proceedings=volume, section__isnull=False).exists()


def test_an_article_split_in_two_keeps_both_halves_in_its_section():
    volume = imported(sectioned_text())
    article = volume.articles.get(title=TITLES[1])
    editor = staff_user("editor", editor=True)

    first, second = article_split(article=article, at_line=article.source_end_line - 10, user=editor)

    assert (first.section.title, second.section.title) == ("Юридические науки", "Юридические науки")

"""The review selectors: what the importer found per article, its warnings, and lookalike people."""

import pytest
from django.utils import translation

from authors.names import person_match_key
from proceedings.editorial.review import (
    importer_warning,
    review_articles,
    review_row_json,
    review_rows,
    review_summary,
    volume_lookalikes,
)
from tests.factories import ArticleFactory, AuthorshipFactory, PersonFactory, ProceedingsFactory


def person(name: str):
    return PersonFactory(display_name=name, name_variants=[name], match_key=person_match_key(name))


def test_importer_warning_names_the_languages_of_a_language_boundary():
    with translation.override("en"):
        warning = importer_warning("boundary decided by a language change kk→ru")

    assert (warning.kind, warning.message) == (
        "language-boundary",
        "Start decided by a change of language (Kazakh → Russian).",
    )


def test_importer_warning_unknown_text_is_shown_as_written():
    warning = importer_warning("something new the importer says")

    assert (warning.kind, warning.message) == ("importer", "something new the importer says")


@pytest.mark.django_db
def test_volume_lookalikes_flags_a_newcomer_spelled_like_an_existing_person():
    existing = person("Абдуллаев А. Б.")
    AuthorshipFactory(person=existing)  # an article in another volume
    other_initial = person("Абдуллаев К.")
    AuthorshipFactory(person=other_initial)
    volume = ProceedingsFactory()
    newcomer = person("Абдулаев А.")
    AuthorshipFactory(person=newcomer, article=ArticleFactory(proceedings=volume))

    found = volume_lookalikes(volume=volume)

    assert {pk: [f.resembles.display_name for f in items] for pk, items in found.items()} == {
        newcomer.pk: ["Абдуллаев А. Б."]
    }


@pytest.mark.django_db
def test_volume_lookalikes_ignores_people_known_from_other_volumes():
    earlier = person("Абдулаев А.")
    AuthorshipFactory(person=earlier)
    person("Абдуллаев А. Б.")
    volume = ProceedingsFactory()
    AuthorshipFactory(person=earlier, article=ArticleFactory(proceedings=volume))

    assert volume_lookalikes(volume=volume) == {}


@pytest.mark.django_db
def test_review_rows_carry_people_and_the_lookalike_warning():
    existing = person("Абдуллаев А. Б.")
    AuthorshipFactory(person=existing)
    volume = ProceedingsFactory()
    article = ArticleFactory(
        proceedings=volume, title=None, import_warnings=["no header found"], keywords_kk=["медиа"]
    )
    AuthorshipFactory(person=person("Абдулаев А."), article=article)
    AuthorshipFactory(person=person("Серікбаев Н."), article=article, role="supervisor")

    with translation.override("en"):
        (row,) = review_rows(
            articles=review_articles(volume=volume), lookalikes=volume_lookalikes(volume=volume)
        )

    assert [a.person.display_name for a in row.authors] == ["Абдулаев А."]
    assert [a.person.display_name for a in row.supervisors] == ["Серікбаев Н."]
    assert row.keywords == [("kk", ["медиа"])]
    assert [w.kind for w in row.warnings] == ["no-header", "lookalike"]
    assert row.warnings[1].message == (
        "Абдулаев А. is new to the archive and looks like Абдуллаев А. Б.: the same person?"
    )
    assert row.warnings[1].people == (row.authors[0].person_id, existing.pk)


@pytest.mark.django_db
def test_review_of_the_seed_lists_every_article_in_order(seed_archive):
    volume = seed_archive.outcome.proceedings

    rows = review_rows(articles=review_articles(volume=volume), lookalikes=volume_lookalikes(volume=volume))
    summary = review_summary(rows=rows, duplicates_skipped=seed_archive.outcome.duplicates_skipped)

    assert [row.article.position for row in rows] == list(range(1, 59))
    assert (summary.articles, summary.suspected_repeats, summary.duplicates_skipped) == (58, 1, 0)
    assert summary.with_warnings == sum(1 for row in rows if row.article.import_warnings)
    assert summary.untitled == volume.articles.filter(title__isnull=True).count()
    assert review_row_json(rows[0])["source_lines"] == [
        rows[0].article.source_start_line,
        rows[0].article.source_end_line,
    ]

"""Suspected repeats are imported, never dropped; the editor removes the copy or keeps it.

The volume of editing_texts.VOLUME_WITH_REPEAT: lines 1–15 (Kazakh, no header), 17–31
(Russian), 33–47 (the first article printed again, word for word), 49–71 (titled, Russian).
"""

import pytest
from django.conf import settings
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.urls import reverse

from articles.models import Article
from proceedings.editorial.editing import (
    ArticleEditError,
    article_body_start_set,
    article_split,
    articles_merge,
    volume_source,
)
from proceedings.editorial.repeats import article_repeat_confirm, article_repeat_dismiss
from proceedings.importer.metadata import volume_metadata_from_mapping
from proceedings.models import Proceedings
from proceedings.services import ImportOutcome, SuspectedRepeat, proceedings_import
from tests.proceedings.editing_texts import (
    KK_A,
    KK_B,
    RU_A,
    RU_B,
    RU_C,
    RU_D,
    RU_HEADER,
    VOLUME_WITH_NEAR_COPY,
    VOLUME_WITH_REPEAT,
    dumped,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def imported(blocks: list[list[str]], slug: str = "repeats-test") -> ImportOutcome:
    return proceedings_import(
        data=dumped(blocks),
        filename="volume.txt",
        max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
        metadata=volume_metadata_from_mapping({"slug": slug, "year": 2025, "title_kk": "Сынақ жинағы"}),
        publish=True,
    )


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(username="editor", password="x", is_staff=True)


def layout(volume: Proceedings) -> list[tuple[int, int, int | None]]:
    """(position, first line, first line of the article it seems to repeat) in order."""
    return [
        (a.position, a.source_start_line, a.repeat_of.source_start_line if a.repeat_of else None)
        for a in volume.articles.order_by("position").select_related("repeat_of")
    ]


def covered(volume: Proceedings) -> list[int]:
    source = volume_source(proceedings=volume)
    return [
        line.raw
        for article in volume.articles.order_by("position")
        for line in source.between(article.source_start_line, article.source_end_line)
    ]


def copy_of(volume: Proceedings) -> Article:
    return volume.articles.get(repeat_of__isnull=False)


def test_import_stores_a_suspected_repeat_pointing_at_its_original(client):
    outcome = imported(VOLUME_WITH_REPEAT)
    volume = outcome.proceedings
    copy = copy_of(volume)

    assert layout(volume) == [(1, 1, None), (2, 17, None), (3, 33, 1), (4, 49, None)]
    assert (outcome.created, outcome.suspected_repeats) == (4, [SuspectedRepeat(line=33, repeat_of=1)])
    assert copy.import_warnings[-1] == "looks like a repeat of the article at line 1"
    # Word for word the same text as its original, and still stored.
    assert copy.content_hash == volume.articles.get(position=1).content_hash
    assert covered(volume) == list(range(1, 72, 2))
    # Until an editor decides, readers see it as an ordinary article.
    page = client.get(reverse("article_detail", args=[copy.slug]), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200


def test_importing_the_same_text_again_changes_nothing():
    volume = imported(VOLUME_WITH_REPEAT).proceedings

    again = proceedings_import(
        data=dumped(VOLUME_WITH_REPEAT) + b"\n",  # another file, the same articles
        filename="volume.txt",
        max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
        volume=volume,
    )

    assert (again.created, again.already_present, again.suspected_repeats) == (0, 4, [])
    assert layout(volume) == [(1, 1, None), (2, 17, None), (3, 33, 1), (4, 49, None)]


def test_it_is_a_repeat_removes_the_copy_records_it_and_leads_its_address_to_the_original(editor):
    volume = imported(VOLUME_WITH_REPEAT).proceedings
    copy, original = copy_of(volume), volume.articles.get(position=1)

    kept = article_repeat_confirm(article=copy, user=editor)

    assert kept == original
    assert layout(volume) == [(1, 1, None), (2, 17, None), (3, 49, None)]
    assert covered(volume) == [*range(1, 32, 2), *range(49, 72, 2)]
    assert not Article.objects.filter(pk=copy.pk).exists()
    assert copy.slug in Article.objects.get(pk=original.pk).former_slugs
    history = LogEntry.objects.order_by("pk")
    assert [(e.object_id, e.action_flag, e.user_id) for e in history] == [
        (str(copy.pk), DELETION, editor.pk),
        (str(original.pk), CHANGE, editor.pk),
    ]
    assert history[0].change_message == (
        f"Removed as a repeat of “{original}” (lines 1–15); its lines 33–47 are listed under the "
        "repeats left out, where it can be restored."
    )
    left_out = volume.non_article_parts.get()
    assert (left_out.kind, left_out.source_start_line, left_out.source_end_line) == ("repeat", 33, 47)
    assert (left_out.repeat_of, left_out.repeat_reason, left_out.slug) == (original, "editor", copy.slug)
    assert history[1].change_message == "Its repeat at lines 33–47 was removed."


def test_not_a_repeat_clears_the_pointer_and_the_warning_and_keeps_the_article(editor):
    volume = imported(VOLUME_WITH_NEAR_COPY).proceedings
    copy, original = copy_of(volume), volume.articles.get(position=1)

    kept = article_repeat_dismiss(article=copy, user=editor)

    stored = Article.objects.get(pk=copy.pk)
    assert (kept.pk, stored.repeat_of, stored.import_warnings) == (copy.pk, None, copy.import_warnings[:-1])
    assert layout(volume) == [(1, 1, None), (2, 17, None), (3, 33, None), (4, 49, None)]
    entry = LogEntry.objects.get()
    assert (entry.object_id, entry.action_flag, entry.change_message) == (
        str(copy.pk),
        CHANGE,
        f"Not a repeat of “{original}” (lines 1–15): kept as an article of its own.",
    )


def test_not_a_repeat_is_refused_for_a_word_for_word_copy(editor):
    volume = imported(VOLUME_WITH_REPEAT).proceedings
    copy = copy_of(volume)

    with pytest.raises(ArticleEditError, match="word for word"):
        article_repeat_dismiss(article=copy, user=editor)

    assert layout(volume)[2] == (3, 33, 1)
    assert not LogEntry.objects.exists()


def test_decisions_on_an_article_that_is_no_suspected_repeat_are_refused(editor):
    volume = imported(VOLUME_WITH_REPEAT).proceedings
    original = volume.articles.get(position=1)

    with pytest.raises(ArticleEditError, match="not marked as a repeat"):
        article_repeat_confirm(article=original, user=editor)
    with pytest.raises(ArticleEditError, match="not marked as a repeat"):
        article_repeat_dismiss(article=original, user=editor)

    assert volume.articles.count() == 4


def test_editing_next_to_a_removed_copy_still_works(editor):
    volume = imported(VOLUME_WITH_REPEAT).proceedings
    article_repeat_confirm(article=copy_of(volume), user=editor)
    lines = covered(volume)
    _, second, third = volume.articles.order_by("position")

    with pytest.raises(ArticleEditError, match="Lines 33–47 lie between these articles"):
        articles_merge(first=second, second=third, user=editor)
    article_split(article=third, at_line=63, user=editor)
    article_body_start_set(article=second, body_start_line=21, user=editor)

    assert [
        (a.position, a.source_start_line, a.source_end_line) for a in volume.articles.order_by("position")
    ] == [
        (1, 1, 15),
        (2, 17, 31),
        (3, 49, 61),
        (4, 63, 71),
    ]
    assert covered(volume) == lines


def test_merging_an_original_into_the_article_before_moves_its_repeats_pointer(editor):
    volume = imported([RU_A, RU_B, KK_A, KK_B, RU_HEADER, RU_C, RU_D, KK_A, KK_B]).proceedings
    first, original = volume.articles.order_by("position")[:2]
    assert layout(volume) == [(1, 1, None), (2, 17, None), (3, 33, None), (4, 57, 17)]

    articles_merge(first=first, second=original, user=editor)

    assert layout(volume) == [(1, 1, None), (2, 33, None), (3, 57, 1)]

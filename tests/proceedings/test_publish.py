"""Publishing and unpublishing a volume: what readers see, the author index's counts, the
volume's admin history, and who may do it (Editors only, by POST)."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from authors.models import Person
from proceedings.editorial.publishing import PublishError, proceedings_publish, proceedings_unpublish
from proceedings.models import ImportJobStatus, Proceedings, ProceedingsStatus
from tests.factories import (
    ArticleFactory,
    AuthorshipFactory,
    ImportJobFactory,
    ProceedingsFactory,
    staff_user,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def editor():
    return staff_user("editor", editor=True)


@pytest.fixture
def draft_article():
    volume = ProceedingsFactory(slug="draft-2026", status=ProceedingsStatus.DRAFT)
    article = ArticleFactory(proceedings=volume, slug="draft-article")
    AuthorshipFactory(article=article, person__slug="author-of-a-draft")
    return article


def history(volume: Proceedings) -> list[tuple[str, int, str]]:
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Proceedings), object_id=str(volume.pk)
    ).order_by("action_time", "pk")
    return [(entry.user.username, entry.action_flag, entry.get_change_message()) for entry in entries]


def reader_sees(slug: str) -> tuple[int, bool]:
    reader = Client()
    article = reader.get(reverse("article_detail", args=[slug])).status_code
    listed = "draft-2026" in reader.get(reverse("volume_list"), {"format": "json"}).content.decode()
    return article, listed


def test_publish_makes_the_articles_public_counts_them_and_records_who(editor, draft_article):
    volume = draft_article.proceedings
    before = reader_sees("draft-article")

    changed = proceedings_publish(volume=volume, user=editor)

    volume.refresh_from_db()
    assert (changed, volume.status) == (True, ProceedingsStatus.PUBLISHED)
    assert (before, reader_sees("draft-article")) == ((404, False), (200, True))
    assert Person.objects.get(slug="author-of-a-draft").articles_as_author == 1
    assert history(volume) == [("editor", CHANGE, "Published the volume.")]


def test_unpublish_hides_the_articles_again_and_counts_follow(editor, draft_article):
    volume = draft_article.proceedings
    proceedings_publish(volume=volume, user=editor)

    changed = proceedings_unpublish(volume=volume, user=editor)

    assert changed is True
    assert reader_sees("draft-article") == (404, False)
    assert Person.objects.get(slug="author-of-a-draft").articles_as_author == 0
    assert [message for _, _, message in history(volume)] == [
        "Published the volume.",
        "Unpublished the volume (back to draft).",
    ]


def test_publishing_a_published_volume_changes_and_records_nothing(editor):
    volume = ProceedingsFactory(status=ProceedingsStatus.PUBLISHED)

    assert proceedings_publish(volume=volume, user=editor) is False
    assert history(volume) == []


def test_publish_button_posts_and_returns_to_the_page_it_came_from(client, editor, draft_article):
    volume = draft_article.proceedings
    client.force_login(editor)
    back_to = reverse("admin:proceedings_proceedings_review", args=[volume.pk])

    by_get = client.get(reverse("admin:proceedings_proceedings_publish", args=[volume.pk]))
    published = client.post(
        reverse("admin:proceedings_proceedings_publish", args=[volume.pk]), {"next": back_to}
    )
    elsewhere = client.post(
        reverse("admin:proceedings_proceedings_unpublish", args=[volume.pk]),
        {"next": "https://evil.example/"},
    )

    volume.refresh_from_db()
    assert by_get.status_code == 405
    assert (published.status_code, published["Location"]) == (302, back_to)
    assert (elsewhere.status_code, elsewhere["Location"]) == (302, back_to)  # never off the site
    assert volume.status == ProceedingsStatus.DRAFT


def test_only_editors_publish_and_anonymous_visitors_log_in(client, draft_article):
    url = reverse("admin:proceedings_proceedings_publish", args=[draft_article.proceedings.pk])
    anonymous = client.post(url)
    client.force_login(staff_user("clerk", editor=False))
    clerk = client.post(url)
    status_url = reverse("admin:proceedings_proceedings_import_status", args=[draft_article.proceedings.pk])
    clerk_status = client.get(status_url).status_code

    assert (anonymous.status_code, anonymous["Location"].split("?")[0]) == (302, reverse("admin:login"))
    assert (clerk.status_code, clerk_status) == (403, 403)
    assert Proceedings.objects.get().status == ProceedingsStatus.DRAFT


def test_changelist_actions_publish_and_unpublish_the_selected_volumes(client, editor, draft_article):
    other = ProceedingsFactory(slug="other-draft", status=ProceedingsStatus.DRAFT)
    client.force_login(editor)
    changelist = reverse("admin:proceedings_proceedings_changelist")
    selected = [draft_article.proceedings.pk, other.pk]

    client.post(changelist, {"action": "publish_selected", "_selected_action": selected})
    after_publish = sorted(Proceedings.objects.values_list("status", flat=True))
    client.post(changelist, {"action": "unpublish_selected", "_selected_action": [other.pk]})

    assert after_publish == ["published", "published"]
    assert dict(Proceedings.objects.values_list("slug", "status")) == {
        "draft-2026": "published",
        "other-draft": "draft",
    }
    assert Person.objects.get(slug="author-of-a-draft").articles_as_author == 1


def test_import_status_of_a_volume_without_an_upload(client, editor):
    volume = ProceedingsFactory()
    client.force_login(editor)

    status = client.get(reverse("admin:proceedings_proceedings_import_status", args=[volume.pk])).json()

    assert (status["status"], status["finished"]) == ("none", True)


def test_publishing_waits_for_a_running_import(editor, draft_article, client):
    volume = draft_article.proceedings
    ImportJobFactory(volume=volume, status=ImportJobStatus.RUNNING)

    with pytest.raises(PublishError, match="still being imported"):
        proceedings_publish(volume=volume, user=editor)
    client.force_login(editor)
    response = client.post(
        reverse("admin:proceedings_proceedings_publish", args=[volume.pk]),
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    volume.refresh_from_db()
    assert volume.status == ProceedingsStatus.DRAFT
    assert "still being imported" in response.content.decode()
    assert reader_sees("draft-article") == (404, False)
    assert history(volume) == []

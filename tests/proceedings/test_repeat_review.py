"""Suspected repeats in the editors' review and on the command line: shown, then decided."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.admin.models import DELETION, LogEntry
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article
from proceedings.importer.metadata import volume_metadata_from_mapping
from proceedings.models import Proceedings
from proceedings.services import proceedings_import
from tests.factories import staff_user
from tests.proceedings.editing_texts import VOLUME_WITH_NEAR_COPY, VOLUME_WITH_REPEAT, dumped

pytestmark = pytest.mark.django_db

WARNING = "Looks like a repeat of article 1 (lines 1–15); it stays an article until you decide."
REPORT_LINE = (
    "article at line 33 looks like a repeat of the one at line 1: kept; confirm or undo it in the review"
)


def imported(blocks: list[list[str]]) -> Proceedings:
    return proceedings_import(
        data=dumped(blocks),
        filename="volume.txt",
        max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
        metadata=volume_metadata_from_mapping({"slug": "repeat-review", "year": 2025, "title_en": "Repeats"}),
    ).proceedings


def review_url(volume: Proceedings) -> str:
    return reverse("admin:proceedings_proceedings_review", args=[volume.pk])


def action_url(article: Article, action: str) -> str:
    return reverse(
        f"admin:proceedings_proceedings_review_repeat_{action}", args=[article.proceedings_id, article.pk]
    )


def article_url(article: Article) -> str:
    return reverse("admin:proceedings_proceedings_review_article", args=[article.proceedings_id, article.pk])


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_review_shows_the_suspected_repeat_its_original_and_both_answers(editor_client):
    volume = imported(VOLUME_WITH_REPEAT)
    original, copy = volume.articles.get(position=1), volume.articles.get(position=3)

    html = editor_client.get(review_url(volume)).content.decode()
    page = editor_client.get(article_url(copy)).content.decode()

    assert "Suspected repeats: <strong>1</strong>" in html
    for shown in (html, page):
        assert shown.count(WARNING) == 1
        assert f'href="{article_url(original)}">Open article 1, the original</a>' in shown
        assert f'action="{action_url(copy, "confirm")}"' in shown
        assert f'action="{action_url(copy, "dismiss")}"' in shown
        assert ">It is a repeat: remove this copy</button>" in shown
        assert ">Not a repeat</button>" in shown
    # From the list, each answer comes back to the list.
    assert f'name="next" value="{review_url(volume)}#article-{original.pk}"' in html
    assert 'name="next"' not in page.split('class="review-fields"')[1]


def test_review_json_points_the_repeat_at_its_original(editor_client):
    volume = imported(VOLUME_WITH_REPEAT)
    original = volume.articles.get(position=1)

    data = editor_client.get(review_url(volume), {"format": "json"}).json()

    assert data["summary"]["suspected_repeats"] == 1
    assert [a["repeat_of"] for a in data["articles"]] == [
        None,
        None,
        {"id": original.pk, "position": 1, "source_lines": [1, 15]},
        None,
    ]
    assert {"kind": "repeat", "message": WARNING} in data["articles"][2]["warnings"]


def test_it_is_a_repeat_removes_the_copy_and_comes_back_to_the_original(editor_client):
    volume = imported(VOLUME_WITH_REPEAT)
    original, copy = volume.articles.get(position=1), volume.articles.get(position=3)

    response = editor_client.post(action_url(copy, "confirm"), follow=True)

    assert response.redirect_chain == [(f"{review_url(volume)}#article-{original.pk}", 302)]
    assert messages_of(response) == ["The repeat at lines 33–47 was removed; article 1 is the one kept."]
    assert list(volume.articles.order_by("position").values_list("source_start_line", flat=True)) == [
        1,
        17,
        49,
    ]
    assert "Suspected repeats: <strong>0</strong>" in response.content.decode()
    entry = LogEntry.objects.get(object_id=str(copy.pk))
    assert (entry.action_flag, entry.user.username) == (DELETION, "editor")


def test_not_a_repeat_keeps_the_article_without_its_warning(editor_client):
    volume = imported(VOLUME_WITH_NEAR_COPY)
    copy = volume.articles.get(position=3)

    response = editor_client.post(action_url(copy, "dismiss"), follow=True)

    assert response.redirect_chain == [(article_url(copy), 302)]
    assert messages_of(response) == ["Article 3 is kept as an article of its own."]
    assert Article.objects.get(pk=copy.pk).repeat_of is None
    assert WARNING not in response.content.decode()
    assert LogEntry.objects.filter(object_id=str(copy.pk)).count() == 1


def test_not_a_repeat_of_a_word_for_word_copy_is_refused_with_a_message(editor_client):
    volume = imported(VOLUME_WITH_REPEAT)
    copy = volume.articles.get(position=3)

    response = editor_client.post(action_url(copy, "dismiss"), follow=True)

    assert messages_of(response) == [
        f"The text of “{copy}” is word for word that of “{volume.articles.get(position=1)}”: it is a "
        "repeat. Remove this copy, or edit its text first."
    ]
    assert Article.objects.get(pk=copy.pk).repeat_of_id == volume.articles.get(position=1).pk


@pytest.mark.parametrize("action", ["confirm", "dismiss"])
def test_repeat_answers_are_for_editors_only_and_by_post(client, action):
    volume = imported(VOLUME_WITH_NEAR_COPY)
    copy = volume.articles.get(position=3)
    url = action_url(copy, action)

    anonymous = client.post(url)
    client.force_login(staff_user("clerk", editor=False))
    clerk = client.post(url)
    client.force_login(staff_user("editor", editor=True))
    by_get = client.get(url)

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("admin:login"))
    assert (clerk.status_code, by_get.status_code) == (403, 405)
    assert Article.objects.get(pk=copy.pk).repeat_of.position == 1
    assert not LogEntry.objects.exists()


def run(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("import_proceedings", str(path), *args, stdout=out)
    return out.getvalue()


def test_the_command_reports_each_suspected_repeat_as_kept(tmp_path):
    source = tmp_path / "volume.txt"
    source.write_bytes(dumped(VOLUME_WITH_REPEAT))

    dry_text = run(source, "--dry-run")
    dry_json = json.loads(run(source, "--dry-run", "--format", "json"))
    stored = run(source, "--title-en", "Repeats", "--year", "2025", "--slug", "repeats-2025")

    assert dry_text.splitlines()[0] == "articles found: 4 (all kept; suspected repeats among them: 1)"
    assert dry_text.splitlines()[-1] == REPORT_LINE
    assert [a["duplicate_of"] for a in dry_json["articles"]] == [None, None, 1, None]
    assert dry_json["suspected_repeats"] == [{"start_line": 33, "duplicate_of": 1, "kept": True}]
    assert "4 articles stored, 0 already there; suspected repeats kept: 1" in stored.splitlines()[0]
    assert stored.splitlines()[-1] == REPORT_LINE
    assert "skipped" not in dry_text + stored
    assert Article.objects.filter(repeat_of__isnull=False).count() == 1

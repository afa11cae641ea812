"""Deleting articles in the admin keeps their source lines with the volume, restorable.

The volume of editing_texts.VOLUME: lines 1–15, 17–45, 47–61, 63–85 are articles 1–4.
"""

import html

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from articles.models import Article
from articles.search.selectors import article_search
from proceedings.editorial.non_articles import non_article_restore
from proceedings.models import NonArticlePart, OaiRecord
from tests.factories import staff_user
from tests.proceedings.editing_texts import VOLUME
from tests.proceedings.test_non_articles import assert_stored_counts_right, imported, owners, shape

pytestmark = pytest.mark.django_db


def page(response) -> str:
    return html.unescape(response.content.decode())


def test_deleting_an_article_on_its_page_keeps_its_lines_and_restore_brings_it_back(editor_client, client):
    volume = imported(VOLUME).proceedings
    second = volume.articles.get(position=2)
    before, held = shape(second), owners(volume)
    delete_url = reverse("admin:articles_article_delete", args=[second.pk])

    asked = page(editor_client.get(delete_url))
    done = editor_client.post(delete_url, {"post": "yes"})

    assert "Its source lines stay with the volume: the volume’s review page lists them" in asked
    assert done.status_code == 302
    assert not Article.objects.filter(pk=second.pk).exists()
    part = volume.non_article_parts.get()
    assert (part.kind, part.source_start_line, part.body_start_line, part.source_end_line) == (
        "removed",
        17,
        29,
        45,
    )
    assert owners(volume) == {**held, **dict.fromkeys(range(17, 46, 2), "removed from line 17")}
    assert list(volume.articles.order_by("position").values_list("position", "source_start_line")) == [
        (1, 1),
        (2, 47),
        (3, 63),
    ]
    assert_stored_counts_right()
    assert OaiRecord.objects.get(article_id=second.pk).deleted is True
    assert list(article_search(query="алгоритмдік").articles) == []  # a word of its text only
    review = page(editor_client.get(reverse("admin:proceedings_proceedings_review", args=[volume.pk])))
    assert '<a href="#deleted-articles">Deleted articles</a>: <strong>1</strong>' in review
    restore = reverse("admin:proceedings_proceedings_review_non_article_restore", args=[volume.pk, part.pk])
    assert f'action="{restore}"' in review

    editor_client.post(restore)

    article = volume.articles.get(position=2)
    assert shape(article) == before
    assert owners(volume) == held
    assert not NonArticlePart.objects.exists()
    assert_stored_counts_right()
    assert client.get(reverse("article_detail", args=[article.slug])).status_code == 200


def test_deleting_articles_from_the_list_keeps_the_lines_of_each(editor_client):
    volume = imported(VOLUME).proceedings
    chosen = list(volume.articles.filter(position__in=[1, 3]).order_by("position"))
    before, held = [shape(article) for article in chosen], owners(volume)
    changelist = reverse("admin:articles_article_changelist")
    selected = {"action": "delete_selected", ACTION_CHECKBOX_NAME: [article.pk for article in chosen]}

    asked = page(editor_client.post(changelist, selected))
    editor_client.post(changelist, {**selected, "post": "yes"})

    assert "Their source lines stay with their volumes: each volume’s review page lists them" in asked
    assert list(volume.articles.values_list("position", "source_start_line")) == [(1, 17), (2, 63)]
    parts = volume.non_article_parts.order_by("source_start_line")
    assert [(part.kind, part.source_start_line, part.source_end_line) for part in parts] == [
        ("removed", 1, 15),
        ("removed", 47, 61),
    ]
    assert owners(volume) == {
        **held,
        **dict.fromkeys(range(1, 16, 2), "removed from line 1"),
        **dict.fromkeys(range(47, 62, 2), "removed from line 47"),
    }
    assert_stored_counts_right()

    editor = staff_user("restorer", editor=True)
    restored = [non_article_restore(part=part, user=editor) for part in list(parts)]

    assert [shape(article) for article in restored] == before
    assert owners(volume) == held
    assert_stored_counts_right()


def test_a_volumes_articles_inline_offers_no_delete_box(editor_client):
    volume = imported(VOLUME).proceedings

    form = page(editor_client.get(reverse("admin:proceedings_proceedings_change", args=[volume.pk])))

    assert 'name="articles-0-DELETE"' not in form
    assert 'name="articles-0-id"' in form  # the inline is there, its rows without a delete box


def test_deleting_a_volume_says_first_that_all_of_it_goes_for_good(editor_client):
    volume = imported(VOLUME).proceedings

    asked = page(editor_client.get(reverse("admin:proceedings_proceedings_delete", args=[volume.pk])))
    editor_client.post(reverse("admin:proceedings_proceedings_delete", args=[volume.pk]), {"post": "yes"})

    assert (
        "This deletes the volume with all its 4 articles and every line kept out of its articles: none of it"
        " can be restored" in asked
    )
    assert "delete them on their own pages instead: their lines stay with the volume" in asked
    assert (Article.objects.count(), NonArticlePart.objects.count()) == (0, 0)

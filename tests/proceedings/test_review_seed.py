"""The review pages over the bundled 58-article volume (all stored, one a suspected repeat)."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_review_page_lists_every_seed_article_with_its_warnings(editor_client, seed_archive):
    volume = seed_archive.outcome.proceedings

    response = editor_client.get(reverse("admin:proceedings_proceedings_review", args=[volume.pk]))
    html = response.content.decode()

    rows = re.findall(r'<tr id="article-(\d+)"', html)
    assert rows == [str(pk) for pk in volume.articles.order_by("position").values_list("pk", flat=True)]
    assert html.count('class="review-row--warned"') == volume.articles.exclude(import_warnings=[]).count()
    assert (
        html.count("No header found: title and authors may be missing.")
        == volume.articles.filter(import_warnings__contains=["no header found"]).count()
    )
    assert html.count('class="review-untitled"') == volume.articles.filter(title__isnull=True).count()
    # The seed repeats one article: kept, and counted as a suspected repeat (nothing skipped).
    summary = response.context["summary"]
    assert (summary.suspected_repeats, summary.duplicates_skipped, volume.duplicates_skipped) == (1, 0, 0)
    assert "Suspected repeats: <strong>1</strong>" in html


def test_review_page_filters_the_articles_with_warnings(editor_client, seed_archive):
    volume = seed_archive.outcome.proceedings

    response = editor_client.get(
        reverse("admin:proceedings_proceedings_review", args=[volume.pk]), {"warnings": "1", "format": "json"}
    )

    positions = [row["position"] for row in response.json()["articles"]]
    assert positions == list(
        volume.articles.exclude(import_warnings=[]).order_by("position").values_list("position", flat=True)
    )


def test_seed_article_source_sits_beside_its_fields(editor_client, seed_archive, settings):
    settings.MEDIA_ROOT = seed_archive.media_root
    volume = seed_archive.outcome.proceedings
    # Past line 999: numbers in forms and anchors must not be localised ('1,015').
    article = (
        volume.articles.exclude(title=None).filter(source_start_line__gt=999).order_by("position").first()
    )

    response = editor_client.get(
        reverse("admin:proceedings_proceedings_review_article", args=[volume.pk, article.pk])
    )

    lines = response.context["source_lines"]
    assert (lines[0].number, lines[-1].number) == (article.source_start_line, article.source_end_line)
    assert [line.header for line in lines] == [line.number < article.body_start_line for line in lines]
    html = response.content.decode()
    assert article.display_title in html
    assert f'<tr id="line-{lines[1].number}"' in html
    assert f'name="line" value="{lines[1].number}"' in html

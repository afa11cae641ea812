"""The review pages in the admin: who may see them, what they list, and the fixes they post."""

import pytest
from django.conf import settings
from django.urls import reverse

from articles.models import Article
from authors.names import person_match_key
from proceedings.importer.metadata import volume_metadata_from_mapping
from proceedings.models import ImportJob, ImportJobStatus
from proceedings.services import proceedings_import
from tests.builders import FIRST_ARTICLE, SECOND_ARTICLE, build_pdf
from tests.factories import (
    ArticleFactory,
    AuthorshipFactory,
    ImportJobFactory,
    PersonFactory,
    ProceedingsFactory,
    staff_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_articles():
    """A draft volume of two articles imported from a PDF, its source file stored (per-test media)."""
    outcome = proceedings_import(
        data=build_pdf([FIRST_ARTICLE, SECOND_ARTICLE]),
        filename="volume.pdf",
        max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
        metadata=volume_metadata_from_mapping(
            {"slug": "review-test", "year": 2025, "title_en": "Review test"}
        ),
    )
    return outcome.proceedings


def review_url(volume) -> str:
    return reverse("admin:proceedings_proceedings_review", args=[volume.pk])


def article_url(article: Article) -> str:
    return reverse("admin:proceedings_proceedings_review_article", args=[article.proceedings_id, article.pk])


def titles(volume) -> list:
    return list(volume.articles.order_by("position").values_list("position", "title"))


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_review_page_is_for_editors_only(client, two_articles):
    url = review_url(two_articles)
    anonymous = client.get(url)
    client.force_login(staff_user("clerk", editor=False))
    clerk = client.get(url)
    client.force_login(staff_user("editor", editor=True))
    editor = client.get(url)

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("admin:login"))
    assert (clerk.status_code, editor.status_code) == (403, 200)


def test_fixes_are_refused_to_staff_outside_the_editors_group(client, two_articles):
    client.force_login(staff_user("clerk", editor=False))
    first = two_articles.articles.get(position=1)

    response = client.post(
        reverse("admin:proceedings_proceedings_review_merge", args=[two_articles.pk, first.pk])
    )

    assert response.status_code == 403
    assert two_articles.articles.count() == 2


def test_review_json_twin_gives_rows_in_order(editor_client, two_articles):
    response = editor_client.get(review_url(two_articles), {"format": "json"})
    data = response.json()

    assert [(row["position"], row["title"], row["authors"]) for row in data["articles"]] == [
        (1, "ЖАСАНДЫ ИНТЕЛЛЕКТ ЖӘНЕ СПОРТ ЖУРНАЛИСТИКАСЫ", ["Сейітов А. Б."]),
        (2, "МЕДИАГРАМОТНОСТЬ СТУДЕНТОВ В ЭПОХУ СОЦИАЛЬНЫХ СЕТЕЙ", ["Петрова Е. В."]),
    ]
    assert data["articles"][0]["supervisors"] == ["Г. С. Өзбекова"]
    assert (data["status"], data["summary"]["articles"]) == ("draft", 2)


def test_article_review_page_shows_numbered_source_lines_with_the_header_marked(editor_client, two_articles):
    article = two_articles.articles.get(position=1)

    response = editor_client.get(article_url(article))

    lines = response.context["source_lines"]
    assert [line.text for line in lines] == FIRST_ARTICLE
    assert [line.number for line in lines if line.header] == [
        line.number for line in lines[: len(lines)] if line.number < article.body_start_line
    ]
    assert response.content.decode().count('class="line--header') == sum(1 for line in lines if line.header)


def test_merge_with_next_joins_the_two_articles(editor_client, two_articles):
    first = two_articles.articles.get(position=1)

    response = editor_client.post(
        reverse("admin:proceedings_proceedings_review_merge", args=[two_articles.pk, first.pk]), follow=True
    )

    assert titles(two_articles) == [(1, "ЖАСАНДЫ ИНТЕЛЛЕКТ ЖӘНЕ СПОРТ ЖУРНАЛИСТИКАСЫ")]
    assert "медиаграмотности" in Article.objects.get(pk=first.pk).body
    assert response.redirect_chain[-1][0] == article_url(first)


def test_merge_of_the_last_article_is_reported_not_done(editor_client, two_articles):
    last = two_articles.articles.get(position=2)

    response = editor_client.post(
        reverse("admin:proceedings_proceedings_review_merge", args=[two_articles.pk, last.pk]), follow=True
    )

    assert messages_of(response) == [
        "This is the volume's last article: there is no next one to merge it with."
    ]
    assert len(titles(two_articles)) == 2


def test_split_at_a_line_makes_a_new_article_there(editor_client, two_articles):
    first = two_articles.articles.get(position=1)
    editor_client.post(
        reverse("admin:proceedings_proceedings_review_merge", args=[two_articles.pk, first.pk])
    )
    merged = Article.objects.get(pk=first.pk)
    second_start = next(
        line.number
        for line in editor_client.get(article_url(merged)).context["source_lines"]
        if line.text == SECOND_ARTICLE[0]
    )

    editor_client.post(
        reverse("admin:proceedings_proceedings_review_split", args=[two_articles.pk, merged.pk]),
        {"line": second_start},
    )

    assert titles(two_articles) == [
        (1, "ЖАСАНДЫ ИНТЕЛЛЕКТ ЖӘНЕ СПОРТ ЖУРНАЛИСТИКАСЫ"),
        (2, "МЕДИАГРАМОТНОСТЬ СТУДЕНТОВ В ЭПОХУ СОЦИАЛЬНЫХ СЕТЕЙ"),
    ]


def test_split_outside_the_article_shows_the_service_message(editor_client, two_articles):
    first = two_articles.articles.get(position=1)

    response = editor_client.post(
        reverse("admin:proceedings_proceedings_review_split", args=[two_articles.pk, first.pk]),
        {"line": first.source_end_line + 50},
        follow=True,
    )

    (message,) = messages_of(response)
    assert message.startswith(f"Line {first.source_end_line + 50} is not inside")
    assert len(titles(two_articles)) == 2


def test_split_without_a_line_number_asks_for_one(editor_client, two_articles):
    first = two_articles.articles.get(position=1)

    response = editor_client.post(
        reverse("admin:proceedings_proceedings_review_split", args=[two_articles.pk, first.pk]),
        {"line": "x"},
        follow=True,
    )

    assert messages_of(response) == ["Choose the line where the new article starts."]


def test_text_starts_at_the_first_line_removes_the_header(editor_client, two_articles):
    first = two_articles.articles.get(position=1)

    editor_client.post(
        reverse("admin:proceedings_proceedings_review_body_start", args=[two_articles.pk, first.pk]),
        {"line": first.source_start_line},
    )

    first.refresh_from_db()
    assert (first.title, first.body_start_line, first.authorships.count()) == (
        None,
        first.source_start_line,
        0,
    )
    assert first.body.startswith("ЖАСАНДЫ ИНТЕЛЛЕКТ")


def test_review_of_a_volume_whose_import_failed_says_why(editor_client):
    ImportJob.objects.create(
        volume=None,
        volume_key=987654,
        filename="broken.pdf",
        sha256="0" * 64,
        status=ImportJobStatus.FAILED,
        message="No articles were found in broken.pdf.",
    )

    response = editor_client.get(reverse("admin:proceedings_proceedings_review", args=[987654]))

    assert response.status_code == 404
    assert "No articles were found in broken.pdf." in response.content.decode()


def test_article_review_without_a_stored_source_explains_and_still_shows_the_fields(
    editor_client, two_articles
):
    two_articles.source_file.delete(save=True)
    article = two_articles.articles.get(position=1)

    response = editor_client.get(article_url(article))

    assert response.context["source_lines"] == []
    assert response.context["source_error"].startswith("The source file of this volume is not stored")
    assert "Сейітов А. Б." in response.content.decode()


def test_volume_change_form_links_to_its_review(editor_client, two_articles):
    response = editor_client.get(reverse("admin:proceedings_proceedings_change", args=[two_articles.pk]))

    assert f'href="{review_url(two_articles)}"' in response.content.decode()


def test_volume_list_links_every_volume_to_its_review(editor_client, two_articles):
    response = editor_client.get(reverse("admin:proceedings_proceedings_changelist"))

    assert f'<a href="{review_url(two_articles)}">Review</a>' in response.content.decode()


def test_review_during_the_import_shows_progress_and_holds_publishing(editor_client):
    volume = ProceedingsFactory(status="draft")
    ImportJobFactory(volume=volume, status=ImportJobStatus.RUNNING, done=3, total=10)

    html = editor_client.get(review_url(volume)).content.decode()

    status_url = reverse("admin:proceedings_proceedings_import_status", args=[volume.pk])
    assert f'data-import-status-url="{status_url}" max="10" value="3"' in html
    assert "Publishing is possible once the import has finished." in html
    assert reverse("admin:proceedings_proceedings_publish", args=[volume.pk]) not in html


def test_review_after_the_import_offers_publishing_and_counts_no_duplicates(editor_client, two_articles):
    ImportJobFactory(volume=two_articles, status=ImportJobStatus.DONE, done=3, total=3, duplicates_skipped=1)

    response = editor_client.get(review_url(two_articles))

    assert response.context["summary"].duplicates_skipped == 0  # counted by the import: none
    assert (
        reverse("admin:proceedings_proceedings_publish", args=[two_articles.pk]) in response.content.decode()
    )


def test_lookalike_warning_links_to_both_people_in_the_people_admin(editor_client):
    existing = PersonFactory(
        display_name="Абдуллаев А. Б.", name_variants=[], match_key=person_match_key("Абдуллаев А. Б.")
    )
    AuthorshipFactory(person=existing)
    volume = ProceedingsFactory(status="draft")
    newcomer = PersonFactory(
        display_name="Абдулаев А.", name_variants=[], match_key=person_match_key("Абдулаев А.")
    )
    AuthorshipFactory(person=newcomer, article=ArticleFactory(proceedings=volume))

    html = editor_client.get(review_url(volume)).content.decode()
    compare = f"{reverse('admin:authors_person_changelist')}?id__in={newcomer.pk},{existing.pk}"
    people = editor_client.get(compare).context["cl"].result_list

    assert "Абдулаев А. is new to the archive and looks like Абдуллаев А. Б.: the same person?" in html
    assert f'href="{compare}"' in html
    assert sorted(person.pk for person in people) == sorted([newcomer.pk, existing.pk])


def test_review_of_a_long_volume_comes_in_pages_of_a_hundred(editor_client):
    volume = ProceedingsFactory(status="draft")
    ArticleFactory.create_batch(101, proceedings=volume)

    first = editor_client.get(review_url(volume)).content.decode()
    second = editor_client.get(review_url(volume), {"page": 2}).content.decode()

    assert (first.count('<tr id="article-'), second.count('<tr id="article-')) == (100, 1)
    assert 'href="?page=2#review-articles"' in first
    assert "Merge with next" not in second  # the volume's last article has no next one

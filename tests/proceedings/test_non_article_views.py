"""'Not an article' and 'make it an article again' in the admin: where they are offered, what they
post, where they come back to, and what the review page lists."""

import html

import pytest
from django.conf import settings
from django.urls import reverse

from articles.hand_edits import article_hand_edits_record
from articles.models import Article
from proceedings.importer.metadata import volume_metadata_from_mapping
from proceedings.models import NonArticlePart, Proceedings
from proceedings.services import proceedings_import
from tests.builders import FIRST_ARTICLE, SECOND_ARTICLE, build_pdf
from tests.factories import staff_user
from tests.proceedings.editing_texts import KK_A, VOLUME, VOLUME_WITH_NEAR_COPY, dumped

pytestmark = pytest.mark.django_db


def imported(data: bytes, filename: str = "volume.txt") -> Proceedings:
    return proceedings_import(
        data=data,
        filename=filename,
        max_bytes=settings.JINAQ_IMPORT_MAX_BYTES,
        metadata=volume_metadata_from_mapping({"slug": "front-views", "year": 2025, "title_en": "Front"}),
        publish=True,
    ).proceedings


def review_url(volume: Proceedings) -> str:
    return reverse("admin:proceedings_proceedings_review", args=[volume.pk])


def not_an_article_url(article: Article) -> str:
    return reverse(
        "admin:proceedings_proceedings_review_not_an_article", args=[article.proceedings_id, article.pk]
    )


def restore_url(part: NonArticlePart) -> str:
    return reverse(
        "admin:proceedings_proceedings_review_non_article_restore", args=[part.proceedings_id, part.pk]
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def page(response) -> str:
    return html.unescape(response.content.decode())


def test_the_review_list_and_the_article_page_offer_not_an_article(editor_client):
    volume = imported(dumped(VOLUME))
    first = volume.articles.get(position=1)

    listed = page(editor_client.get(review_url(volume)))
    single = page(
        editor_client.get(reverse("admin:proceedings_proceedings_review_article", args=[volume.pk, first.pk]))
    )

    question = (
        "Article 1 is not an article? Its lines 1–15 become the volume’s front matter (not shown on the "
        "site); you can make it an article again."
    )
    for shown in (listed, single):
        assert f'action="{not_an_article_url(first)}"' in shown
        assert f'data-confirm="{question}">Not an article</button>' in shown
    assert listed.count(">Not an article</button>") == 4


def test_not_an_article_from_the_list_comes_back_to_the_review_with_the_lines_as_front_matter(editor_client):
    volume = imported(dumped(VOLUME))
    first = volume.articles.get(position=1)

    response = editor_client.post(not_an_article_url(first), follow=True)

    part = volume.non_article_parts.get()
    assert response.redirect_chain == [(f"{review_url(volume)}#non-article-{part.pk}", 302)]
    assert messages_of(response) == ["Lines 1–15 are the volume’s front matter now, no longer article 1."]
    shown = page(response)
    assert "Front matter</a>: <strong>1</strong>" in shown
    row = shown.split(f'<tr id="non-article-{part.pk}">')[1].split("</tr>")[0]
    assert '<td class="line-number" data-label="Lines">1–15</td>' in row
    assert '<td class="line-page" data-label="Pages">—</td>' in row  # a text file has no printed pages
    assert " ".join(KK_A[0].split()[:12]) + "…" in row
    assert f'action="{restore_url(part)}"' in row
    assert ">Make it an article again</button>" in row
    assert "Articles found: <strong>3</strong>" in shown
    assert "Nothing else: every other line of the file is in an article." in shown


def test_the_articles_admin_page_asks_on_a_page_of_its_own_and_comes_back_to_the_review(editor_client):
    volume = imported(dumped(VOLUME))
    second = volume.articles.get(position=2)

    change = page(editor_client.get(reverse("admin:articles_article_change", args=[second.pk])))
    asked = editor_client.get(not_an_article_url(second))
    response = editor_client.post(not_an_article_url(second), follow=True)

    assert f'<a href="{not_an_article_url(second)}">Not an article</a>' in change
    assert ">Yes, it is not an article</button>" in page(asked)
    assert f"Article 2, lines 17–45: <strong>{second}</strong>" in page(asked)
    assert volume.articles.filter(pk=second.pk).exists() is False
    part = volume.non_article_parts.get()
    assert response.redirect_chain == [(f"{review_url(volume)}#non-article-{part.pk}", 302)]


def test_make_it_an_article_again_comes_back_to_the_article_in_the_review(editor_client):
    volume = imported(dumped(VOLUME))
    editor_client.post(not_an_article_url(volume.articles.get(position=2)), follow=True)
    part = volume.non_article_parts.get()

    response = editor_client.post(restore_url(part), follow=True)

    article = volume.articles.get(position=2)
    assert response.redirect_chain == [(f"{review_url(volume)}#article-{article.pk}", 302)]
    assert messages_of(response) == ["Lines 17–45 are article 2 again."]
    assert "None: no article was taken out as front matter." in page(response)


def test_a_restore_the_source_no_longer_allows_comes_back_with_the_reason(editor_client):
    volume = imported(dumped(VOLUME))
    editor_client.post(not_an_article_url(volume.articles.get(position=1)), follow=True)
    part = volume.non_article_parts.get()
    NonArticlePart.objects.filter(pk=part.pk).update(source_start_line=2)  # an empty line

    response = editor_client.post(restore_url(part), follow=True)

    assert response.redirect_chain == [(f"{review_url(volume)}#non-article-{part.pk}", 302)]
    assert messages_of(response) == [
        "The stored source file has no text at lines 2–15: it is probably not the file these lines came from."
    ]
    assert volume.articles.count() == 3


def test_repeats_left_out_are_listed_with_the_article_they_repeat_and_why(editor_client):
    volume = imported(dumped(VOLUME_WITH_NEAR_COPY))
    original, copy = volume.articles.get(position=1), volume.articles.get(position=3)
    editor_client.post(
        reverse("admin:proceedings_proceedings_review_repeat_confirm", args=[volume.pk, copy.pk])
    )
    part = volume.non_article_parts.get()

    shown = page(editor_client.get(review_url(volume)))
    data = editor_client.get(review_url(volume), {"format": "json"}).json()

    row = shown.split(f'<tr id="non-article-{part.pk}">')[1].split("</tr>")[0]
    assert '<td class="line-number" data-label="Lines">33–47</td>' in row
    original_url = reverse("admin:proceedings_proceedings_review_article", args=[volume.pk, original.pk])
    assert f'<a href="{original_url}">article 1 (lines 1–15)</a>' in row
    assert '<span class="review-meta">an editor removed it as a repeat</span>' in row
    assert ">Restore as an article</button>" in row
    assert "Repeats left out</a>: <strong>1</strong>" in shown
    assert data["summary"]["repeats_left_out"] == 1
    assert data["non_articles"] == [
        {
            "id": part.pk,
            "kind": "repeat",
            "source_lines": [33, 47],
            "pages": [None, None],
            "title": "",
            "first_words": part.first_words,
            "repeat_of": {"id": original.pk, "position": 1, "source_lines": [1, 15]},
            "repeat_reason": "editor",
        }
    ]


def test_a_pdf_volumes_article_becomes_front_matter_and_comes_back_with_its_pages(editor_client):
    volume = imported(build_pdf([FIRST_ARTICLE, SECOND_ARTICLE]), filename="volume.pdf")
    second = volume.articles.get(position=2)

    editor_client.post(not_an_article_url(second))
    part = volume.non_article_parts.get()
    NonArticlePart.objects.filter(pk=part.pk).update(first_page=3, last_page=4)  # as a printed volume's
    row = page(editor_client.get(review_url(volume))).split(f'<tr id="non-article-{part.pk}">')[1]
    restored = editor_client.post(restore_url(part))

    assert '<td class="line-page" data-label="Pages">3–4</td>' in row
    assert restored.status_code == 302
    article = volume.articles.get(position=2)
    assert (article.title, article.pdf_pages) == (second.title, second.pdf_pages)


@pytest.mark.parametrize(
    ("recorded", "note"),
    [
        (None, "Imports of this volume before repeats were counted kept no record of the ones they left out"),
        (2, "An earlier import left out 2 repeats without recording which: their lines belong to no article"),
    ],
)
def test_repeats_an_old_import_left_out_unlisted_are_said_so(editor_client, recorded, note):
    volume = imported(dumped(VOLUME))
    Proceedings.objects.filter(pk=volume.pk).update(duplicates_skipped=recorded)

    shown = page(editor_client.get(review_url(volume)))

    assert note in shown
    assert "None listed." in shown


def test_the_review_speaks_russian_about_front_matter(client):
    volume = imported(dumped(VOLUME))
    client.force_login(staff_user("editor", editor=True))
    client.post(not_an_article_url(volume.articles.get(position=1)))

    shown = page(client.get(review_url(volume), HTTP_ACCEPT_LANGUAGE="ru"))

    assert "Вступительная часть</a>: <strong>1</strong>" in shown
    assert ">Снова сделать статьёй</button>" in shown
    assert ">Не статья</button>" in shown


def test_not_an_article_and_restore_are_for_editors_only(client):
    volume = imported(dumped(VOLUME))
    first = volume.articles.get(position=1)
    client.force_login(staff_user("clerk", editor=False))

    refused = [
        client.get(not_an_article_url(first)).status_code,
        client.post(not_an_article_url(first)).status_code,
    ]
    client.force_login(staff_user("editor", editor=True))
    client.post(not_an_article_url(first))
    part = volume.non_article_parts.get()
    by_get = client.get(restore_url(part))

    assert refused == [403, 403]
    assert by_get.status_code == 405
    assert volume.non_article_parts.count() == 1


def test_only_a_body_edited_by_hand_is_named_and_asked_for_before_it_goes(editor_client):
    volume = imported(dumped(VOLUME))
    second = volume.articles.get(position=2)
    Article.objects.filter(pk=second.pk).update(title="A title fixed by hand", body=second.body + " Fixed.")
    fields = ["title", "title_display", "body"]
    article_hand_edits_record(article=Article.objects.get(pk=second.pk), fields=fields)

    asked = editor_client.post(not_an_article_url(second))
    page_asked = editor_client.get(not_an_article_url(second))
    done = editor_client.post(not_an_article_url(second), {"confirm": page_asked.context["token"]})

    assert asked.status_code == 200
    assert asked.templates[0].name == "admin/proceedings/review_confirm_loss.html"
    lost = [(item.field, item.value[-6:]) for item in asked.context["lost"]]
    assert lost == [("body text", "Fixed.")]
    assert "Making article 2 front matter cannot keep these values" in page(asked)
    assert "are kept with them and given back" in page(page_asked)
    assert "<li><strong>Body text</strong>: " in page(page_asked)
    assert done.status_code == 302
    part = volume.non_article_parts.get()
    assert (part.title, part.hand_edits["marks"]) == ("A title fixed by hand", ["title", "title_display"])
    assert not Article.objects.filter(pk=second.pk).exists()


def test_the_admins_delete_page_points_front_matter_to_not_an_article(editor_client):
    volume = imported(dumped(VOLUME))
    first = volume.articles.get(position=1)

    shown = page(editor_client.get(reverse("admin:articles_article_delete", args=[first.pk])))

    assert "rather than an article? Then do not delete it:" in shown
    assert f'<a href="{not_an_article_url(first)}">Not an article</a>' in shown

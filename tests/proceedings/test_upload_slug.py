"""The upload form's slug: made from the title (Kazakh and Russian spelled in Latin), free, and the
editor's own when they type one."""

import pytest
from django.urls import reverse

from proceedings.models import Proceedings
from tests.factories import ProceedingsFactory, staff_user
from tests.proceedings.upload_samples import proceedings_text, upload

pytestmark = pytest.mark.django_db

KAZAKH_ONLY = {"title_kk": "Жас ғалымдар әлемі", "year": "2025", "place": "Алматы"}


def post_upload(client, fields: dict):
    return client.post(
        reverse("admin:proceedings_proceedings_upload"),
        {**fields, "source": upload("v.txt", proceedings_text())},
    )


def slug_for(client, *titles: str, year: str = "2025") -> str:
    url = reverse("admin:proceedings_proceedings_upload_slug")
    return client.get(url, {"title": list(titles), "year": year}).json()["slug"]


def test_upload_without_a_slug_makes_one_from_the_kazakh_title(editor_client):
    response = post_upload(editor_client, KAZAKH_ONLY)

    assert response.status_code == 302
    assert list(Proceedings.objects.values_list("slug", flat=True)) == ["zhas-ghalymdar-alemi-2025"]


def test_upload_slug_made_from_the_title_is_never_one_taken(editor_client):
    ProceedingsFactory(slug="zhas-ghalymdar-alemi-2025")
    ProceedingsFactory(slug="zhas-ghalymdar-alemi-2025-2")

    post_upload(editor_client, KAZAKH_ONLY)

    assert Proceedings.objects.filter(slug="zhas-ghalymdar-alemi-2025-3").exists()


def test_upload_keeps_the_slug_the_editor_typed(editor_client):
    post_upload(editor_client, {**KAZAKH_ONLY, "slug": "my-own-slug"})

    assert list(Proceedings.objects.values_list("slug", flat=True)) == ["my-own-slug"]


def test_slug_suggestion_follows_the_first_title_given_latin_first(editor_client):
    kazakh, russian = "Жас ғалымдар әлемі", "Мир молодых учёных"

    assert slug_for(editor_client, "", kazakh, russian) == "zhas-ghalymdar-alemi-2025"
    assert slug_for(editor_client, "Young scientists", kazakh) == "young-scientists-2025"
    assert slug_for(editor_client, "", "", russian, year="") == "mir-molodykh-uchyonykh"
    assert slug_for(editor_client, "", "…") == ""


def test_upload_form_says_how_the_slug_is_filled_and_wires_the_script(editor_client):
    response = editor_client.get(reverse("admin:proceedings_proceedings_upload"))
    html = response.content.decode()

    assert f'data-slug-url="{reverse("admin:proceedings_proceedings_upload_slug")}"' in html
    assert "js/upload-slug.js" in html
    assert "Left empty, it is made from the title." in html
    assert response.context["form"].fields["slug"].required is False


def test_slug_suggestion_is_for_those_who_may_upload(client):
    url = reverse("admin:proceedings_proceedings_upload_slug")
    anonymous = client.get(url, {"title": "Жинақ"}).status_code
    client.force_login(staff_user("clerk", editor=False))

    assert (anonymous, client.get(url, {"title": "Жинақ"}).status_code) == (302, 403)

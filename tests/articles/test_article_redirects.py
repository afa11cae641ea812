"""Old article addresses (after a merge or a new slug) keep leading to the text."""

import pytest
from django.urls import reverse

from articles.services import article_redirect_add, article_redirects_move
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_an_old_address_redirects_permanently_keeping_the_query(client):
    article = ArticleFactory(slug="new-address")
    article_redirect_add(old_slug="old-address", article=article)

    response = client.get(reverse("article_detail", args=["old-address"]) + "?format=json")

    assert response.status_code == 301
    assert response["Location"] == reverse("article_detail", args=["new-address"]) + "?format=json"


def test_addresses_follow_an_article_into_the_one_it_joined(client):
    first, second, third = (
        ArticleFactory(slug="first"),
        ArticleFactory(slug="second"),
        ArticleFactory(slug="third"),
    )
    article_redirects_move(source=first, target=second)
    first.delete()
    article_redirects_move(source=second, target=third)
    second.delete()

    for old in ("first", "second"):
        assert client.get(reverse("article_detail", args=[old]))["Location"] == reverse(
            "article_detail", args=["third"]
        )


def test_a_draft_or_unknown_address_is_still_not_found(client):
    draft = ArticleFactory(slug="draft-article", proceedings__status="draft")
    article_redirect_add(old_slug="old-draft", article=draft)

    assert client.get(reverse("article_detail", args=["old-draft"])).status_code == 404
    assert client.get(reverse("article_detail", args=["never-was"])).status_code == 404


def test_changing_the_slug_in_the_admin_keeps_the_old_address(admin_client, client):
    article = ArticleFactory(slug="before")
    change = reverse("admin:articles_article_change", args=[article.pk])
    form = admin_client.get(change).context["adminform"].form
    data = {
        key: value
        for key, value in {**form.initial, "slug": "after"}.items()
        if value is not None and key not in {"topics"}
    }
    data |= {"authorships-TOTAL_FORMS": 0, "authorships-INITIAL_FORMS": 0}

    response = admin_client.post(change, data)

    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    assert client.get(reverse("article_detail", args=["before"]))["Location"] == reverse(
        "article_detail", args=["after"]
    )

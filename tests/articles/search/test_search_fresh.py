"""Editors' changes in the admin reach the search at once: the index is never stale."""

import pytest
from django.urls import reverse

from articles.search.index import article_search_refresh
from tests.admin_forms import article_change_data
from tests.factories import ArticleFactory, AuthorshipFactory

pytestmark = pytest.mark.django_db


def found(client, query: str) -> list[str]:
    return [hit["slug"] for hit in client.get("/api/search", {"q": query}).json()["results"]]


def test_title_edited_in_admin_is_searchable_at_once(admin_client, client):
    article = ArticleFactory(title="ЕСКІ АТАУ", body="Мәтін.")
    article_search_refresh(article_ids=[article.pk])
    data = article_change_data(admin_client, article, title="МЕДИАСАУАТТЫЛЫҚ ЖӘНЕ ФАКТЧЕКИНГ")

    response = admin_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    assert response.status_code == 302
    assert found(client, "фактчекинг") == [article.slug]
    assert found(client, "ескі") == []


def test_person_renamed_in_admin_is_found_under_the_new_name(admin_client, client):
    authorship = AuthorshipFactory(person__display_name="Сейітов А. Б.", person__match_key="seitov|a.b")
    article_search_refresh(article_ids=[authorship.article.pk])
    person = authorship.person
    assert found(client, "Жаңабаев") == []

    response = admin_client.post(
        reverse("admin:authors_person_change", args=[person.pk]),
        {
            "display_name": "Жаңабаев Т. Қ.",
            "name_variants": "Сейітов А. Б.",
            "position": "",
            "affiliation": "",
            "orcid": "",
            "slug": person.slug,
            "authorships-TOTAL_FORMS": "0",
            "authorships-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    assert found(client, "Жаңабаев") == [authorship.article.slug]

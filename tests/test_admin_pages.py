"""Every admin change list, search, filter and form opens for a superuser."""

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, AuthorshipFactory, TopicFactory

pytestmark = pytest.mark.django_db

MODELS = [
    ("proceedings", "proceedings"),
    ("articles", "article"),
    ("articles", "topic"),
    ("authors", "person"),
    ("authors", "authorship"),
]


@pytest.fixture
def archive_rows():
    article = ArticleFactory(title="ЖАСАНДЫ ИНТЕЛЛЕКТ", title_display="Жасанды интеллект")
    article.topics.add(TopicFactory(name_en="Artificial intelligence in media"))
    authorship = AuthorshipFactory(article=article, printed_text="Андреева М. М.")
    return {
        "proceedings": article.proceedings,
        "article": article,
        "topic": article.topics.get(),
        "person": authorship.person,
        "authorship": authorship,
    }


@pytest.mark.parametrize(("app", "model"), MODELS)
def test_admin_changelist_lists_the_row(admin_client, archive_rows, app, model):
    row = archive_rows[model]
    response = admin_client.get(reverse(f"admin:{app}_{model}_changelist"))
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [row]


@pytest.mark.parametrize(("app", "model"), MODELS)
def test_admin_change_and_add_forms_load(admin_client, archive_rows, app, model):
    row = archive_rows[model]
    change = admin_client.get(reverse(f"admin:{app}_{model}_change", args=[row.pk]))
    add = admin_client.get(reverse(f"admin:{app}_{model}_add"))
    assert (change.status_code, add.status_code) == (200, 200)
    assert change.context["original"] == row


def test_admin_article_search_finds_by_author_name(admin_client, archive_rows):
    response = admin_client.get(reverse("admin:articles_article_changelist"), {"q": "Узбекова"})
    assert list(response.context["cl"].result_list) == [archive_rows["article"]]


def test_admin_article_filter_by_language(admin_client, archive_rows):
    ArticleFactory(language="ru", title="СМИ")
    response = admin_client.get(reverse("admin:articles_article_changelist"), {"language__exact": "kk"})
    assert list(response.context["cl"].result_list) == [archive_rows["article"]]


def test_admin_article_form_has_authorship_inline(admin_client, archive_rows):
    response = admin_client.get(reverse("admin:articles_article_change", args=[archive_rows["article"].pk]))
    inline_people = [form.instance.person for form in response.context["inline_admin_formsets"][0].formset]
    assert inline_people == [archive_rows["person"]]


def test_admin_requires_login(client):
    response = client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_volume_list_prints_years_without_a_thousands_separator(admin_client, archive_rows):
    volume = archive_rows["proceedings"]

    html = admin_client.get(reverse("admin:proceedings_proceedings_changelist"), HTTP_ACCEPT_LANGUAGE="ru")

    assert f'<td class="field-year_plain">{volume.year}</td>' in html.content.decode()

"""The article's change form: people stacked right under the title, the import's own fields
read-only and folded away, its warnings in the editor's language."""

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, AuthorshipFactory

pytestmark = pytest.mark.django_db


WARNINGS = ["no header found", "boundary decided by a language change kk→ru"]


@pytest.fixture
def article():
    article = ArticleFactory(import_warnings=WARNINGS)
    AuthorshipFactory(article=article, printed_text="Андреева М. М.", affiliation="ҚазҰУ")
    return article


def change_form(client, article, language: str = "en") -> str:
    url = reverse("admin:articles_article_change", args=[article.pk])
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_article_form_stacks_the_people_under_the_title(admin_client, article):
    html = change_form(admin_client, article)

    assert 'class="tabular' not in html
    markers = ['name="title"', 'id="authorships-group"', "Abstracts and keywords"]
    order = [html.index(marker) for marker in markers]
    assert order == sorted(order)
    assert html.count('class="inline-related') == 2  # the person's block and the empty template


def test_article_form_fieldsets_in_reading_order(admin_client, article):
    html = change_form(admin_client, article)

    headings = ["Abstracts and keywords", "Language and topics", "Pages", "Text", "Technical"]
    positions = [html.index(f'class="fieldset-heading">{heading}</h2>') for heading in headings]
    assert positions == sorted(positions)


def test_article_form_keeps_internal_fields_read_only_in_a_folded_fieldset(admin_client, article):
    html = change_form(admin_client, article)

    technical = html[html.index('class="fieldset-heading">Technical') :]
    technical = technical[: technical.index("</fieldset>")]
    assert "</details>" in technical  # folded: Django's "collapse" fieldsets are <details>
    assert article.content_hash in technical
    for name in ("content_hash", "import_warnings", "source_start_line", "former_slugs"):
        assert f'name="{name}"' not in html


def test_article_form_shows_the_import_warnings_in_the_editors_language(admin_client, article):
    english = change_form(admin_client, article, "en")
    russian = change_form(admin_client, article, "ru")

    assert "No header found: title and authors may be missing." in english
    assert "no header found" not in english  # the stored code is never shown as it is
    assert "Заголовочная часть не найдена" in russian
    assert "Технические сведения" in russian


def test_article_form_saves_with_stacked_people(admin_client, article):
    authorship = article.authorships.get()
    url = reverse("admin:articles_article_change", args=[article.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {key: value for key, value in form.initial.items() if value is not None and key != "topics"}
    data |= {"keywords_kk": "", "keywords_ru": "", "keywords_en": "", "title_display": "Жаңа атау"}
    data |= {
        "authorships-TOTAL_FORMS": "1",
        "authorships-INITIAL_FORMS": "1",
        "authorships-0-id": authorship.pk,
        "authorships-0-article": article.pk,
        "authorships-0-role": "author",
        "authorships-0-order": "1",
        "authorships-0-person": authorship.person_id,
        "authorships-0-printed_text": "Андреева М. М.",
        "authorships-0-position": "магистрант",
        "authorships-0-affiliation": "ҚазҰУ",
    }

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    authorship.refresh_from_db()
    assert (article.title_display, authorship.position) == ("Жаңа атау", "магистрант")
    assert article.import_warnings == WARNINGS

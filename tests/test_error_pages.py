"""Friendly error pages in the reader's language, never Django's debug or bare pages."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from proceedings.site.views import server_error

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading"),
    [("kk", "Бет табылмады"), ("ru", "Страница не найдена"), ("en", "Page not found")],
)
def test_404_page_speaks_the_language_of_the_address(client, language, heading):
    response = client.get(f"/{language}/proceedings/no-such-volume/")

    html = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html


@pytest.mark.parametrize(
    ("language", "heading"),
    [("kk", "Қате орын алды"), ("ru", "Что-то пошло не так"), ("en", "Something went wrong")],
)
def test_500_page_is_translated_and_self_contained(language, heading):
    request = RequestFactory().get(f"/{language}/")
    with translation.override(language):
        response = server_error(request)

    html = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert "<script" not in html

"""articles.addresses: reverse()'s answers, the address's shape taken once."""

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from articles.addresses import slug_url

VIEWS = ("article_detail", "author_detail", "topic_detail", "volume_detail")


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_slug_url_is_reverse_in_each_language(language):
    with translation.override(language):
        urls = [slug_url(name, "media-2025_x") for name in VIEWS]

        assert urls == [reverse(name, args=["media-2025_x"]) for name in VIEWS]
    assert urls[0] == f"/{language}/articles/media-2025_x/"


def test_slug_url_refuses_what_the_converter_refuses():
    with pytest.raises(NoReverseMatch):
        slug_url("article_detail", "медиа 2025")

import pytest
from django.utils import translation


@pytest.fixture
def in_english():
    """Messages are matched in English; the archive's default language is Kazakh."""
    with translation.override("en"):
        yield

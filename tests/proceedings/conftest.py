import pytest
from django.utils import translation

from tests.factories import staff_user


@pytest.fixture
def in_english():
    """Messages are matched in English; the archive's default language is Kazakh."""
    with translation.override("en"):
        yield


@pytest.fixture
def editor_client(client):
    """An editor's browser asking for English pages, so messages can be compared as written."""
    client.force_login(staff_user("editor", editor=True))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client

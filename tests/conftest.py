from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import transaction

from proceedings.services import ImportOutcome, proceedings_import_bundled


@dataclass(frozen=True)
class SeedArchive:
    outcome: ImportOutcome
    media_root: Path


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded and imported files go to a per-test folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def page_cache_empty():
    """Every test starts with no cached public pages (proceedings/site/page_cache.py): a rolled-back
    test leaves the content token as it found it, so an earlier test's page would still match."""
    caches["pages"].clear()


@pytest.fixture(scope="module")
def seed_archive(django_db_setup, django_db_blocker, tmp_path_factory):
    """The bundled proceedings imported once per test module, rolled back afterwards.

    Importing takes seconds; tests that only read share one import through this fixture.
    """
    from django.conf import settings  # noqa: PLC0415 - the settings fixture is function-scoped

    media = settings.MEDIA_ROOT
    settings.MEDIA_ROOT = seed_media = tmp_path_factory.mktemp("seed-media")
    with django_db_blocker.unblock(), transaction.atomic():
        (outcome,) = proceedings_import_bundled()
        settings.MEDIA_ROOT = media
        yield SeedArchive(outcome=outcome, media_root=seed_media)
        transaction.set_rollback(True)

"""Importing is idempotent, from the service and from `manage.py start`."""

import pytest
from django.core.management import call_command

from articles.models import Article
from authors.models import Authorship, Person
from proceedings.services import proceedings_import_bundled

pytestmark = pytest.mark.django_db


def test_import_bundled_seed_twice_changes_nothing():
    proceedings_import_bundled()
    before = (Article.objects.count(), Person.objects.count(), Authorship.objects.count())
    first_slugs = list(Article.objects.values_list("slug", flat=True))

    (again,) = proceedings_import_bundled()

    assert again.same_file_already_imported is True
    assert (Article.objects.count(), Person.objects.count(), Authorship.objects.count()) == before
    assert list(Article.objects.values_list("slug", flat=True)) == first_slugs


def test_start_prepares_the_database_without_serving(capsys):
    call_command("start", "--no-serve")
    call_command("start", "--no-serve")

    output = capsys.readouterr().out
    assert output.count("Imported 58 articles into 'journalism-masters-2025'.") == 1
    assert output.count("Database ready.") == 2
    assert Article.objects.count() == 58

"""The importer's topic vocabulary: stored topics, or the bundled ones before there are any."""

import pytest
from django.db import connection

from articles.selectors import bundled_topic_entries, topic_vocabulary

pytestmark = pytest.mark.django_db


def test_a_database_not_yet_migrated_gets_the_bundled_vocabulary():
    # A dry run on a fresh machine (`import_proceedings --dry-run` before `start`) writes nothing
    # and needs no tables; it crashed with 'relation "articles_topic" does not exist'.
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE articles_topic RENAME TO articles_topic_elsewhere")

    slugs = [topic.slug for topic in topic_vocabulary()]

    assert slugs == [entry["slug"] for entry in bundled_topic_entries()]

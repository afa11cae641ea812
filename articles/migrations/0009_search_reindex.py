"""Rebuild every search entry and the 'did you mean' vocabulary.

The words that go into an entry changed (people's names also through the Russian stemmer and
with their initials as skeletons; 'ng' and 'gh' in skeletons; hyphenated words also joined; title
and frequent body words as suggestions), so entries built before would not meet today's queries.
This runs the current indexing code (articles.search.index), not a frozen copy: it is the same
rebuild `manage.py search_reindex` does.
"""

from django.db import migrations


def reindex(apps, schema_editor):
    from articles.search.index import search_reindex  # noqa: PLC0415 - the live indexing code, on purpose

    search_reindex()


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_article_former_slugs")]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop, elidable=True)]

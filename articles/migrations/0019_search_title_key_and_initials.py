"""SearchEntry.title_key, for search results sorted by title; every entry rebuilt.

The key is the displayed title in a form that sorts in the Kazakh alphabet under the "C"
collation (articles.search.ordering). The rebuild also takes people's one-letter initials out
of the plain words of the documents (their skeletons keep them): the Russian stemmer reads 'ИИ'
as 'и', which met every «И.» (articles.search.document.without_initials). This runs the current
indexing code, as `manage.py search_reindex` does.
"""

from django.db import migrations, models


def reindex(apps, schema_editor):
    from articles.search.index import search_reindex  # noqa: PLC0415 - the live indexing code, on purpose

    search_reindex()


class Migration(migrations.Migration):
    dependencies = [("articles", "0018_article_pdf")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="title_key",
            field=models.CharField(db_collation="C", default="", editable=False, max_length=100),
        ),
        migrations.RunPython(reindex, migrations.RunPython.noop, elidable=True),
    ]

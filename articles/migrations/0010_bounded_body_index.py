"""Rebuild the search entries of articles longer than the indexed part of a body.

From now on only the first articles.search.document.MAX_INDEXED_BODY_CHARS characters of a body
are indexed and highlighted; entries built before hold all of a very long body. Only those are
rebuilt, with the live indexing code as in 0009.
"""

from django.db import migrations
from django.db.models.functions import Length


def reindex_long_articles(apps, schema_editor):
    from articles.search.document import MAX_INDEXED_BODY_CHARS  # noqa: PLC0415 - the live code
    from articles.search.index import article_search_refresh  # noqa: PLC0415

    Article = apps.get_model("articles", "Article")
    long_ones = Article.objects.annotate(chars=Length("body")).filter(chars__gt=MAX_INDEXED_BODY_CHARS)
    article_search_refresh(article_ids=list(long_ones.values_list("pk", flat=True)))


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_search_reindex")]

    operations = [migrations.RunPython(reindex_long_articles, migrations.RunPython.noop, elidable=True)]

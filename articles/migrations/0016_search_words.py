"""Skeletons move from every document into one shared vocabulary (issue 13, storage).

Each document held its words again as Latin/Cyrillic skeletons ('xqzhurnalistikanin'), the body's
one per distinct word: ~45 % of the search table at 100,000 articles. Now the documents keep
skeletons for people's names only, and SearchWord maps every other word's skeleton to the lexemes
the documents hold for it: a typed word's skeleton (a prefix of it, or it whole) is looked up
there and its lexemes join the word's alternatives (articles.search.vocabulary). Every entry is
rebuilt with the live indexing code (as in 0009), which also fills the vocabulary. Not atomic:
VACUUM FULL, which gives the old vectors' space back to the system, cannot run inside a
transaction; it rebuilds the GIN indexes with the memory the benchmark corpus builds them with
(with the default 64 MB the words' index comes out 8 % larger).
"""

from django.db import migrations, models


def reindex(apps, schema_editor):
    from articles.search.index import search_reindex  # noqa: PLC0415 - the live indexing code, on purpose

    search_reindex()


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("articles", "0015_article_volume_order")]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "skeleton", "lexeme", blank=True, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("skeleton", models.TextField(db_collation="C", verbose_name="skeleton")),
                ("lexeme", models.TextField(verbose_name="lexeme")),
            ],
            options={"verbose_name": "search word", "verbose_name_plural": "search words"},
        ),
        migrations.RunPython(reindex, migrations.RunPython.noop, elidable=True),
        migrations.RunSQL(sql="SET maintenance_work_mem = '256MB'", reverse_sql=migrations.RunSQL.noop),
        migrations.RunSQL(
            sql="VACUUM (FULL, ANALYZE) articles_searchentry", reverse_sql=migrations.RunSQL.noop
        ),
        migrations.RunSQL(sql="RESET maintenance_work_mem", reverse_sql=migrations.RunSQL.noop),
    ]

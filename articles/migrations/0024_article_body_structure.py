"""Article.body_structure: the body's headings, tables and preformatted runs over its paragraphs.

Articles stored before get theirs from their text (a PDF's ruled tables need its layout, which
only an import reads: they show as preformatted runs until re-imported). About 2.7 ms an article
(the seed's), so some four and a half minutes at 100,000 articles, once.
"""

from django.db import migrations, models

BATCH = 500


def structure_from_text(apps, schema_editor):
    from proceedings.importer.structure import structure_for  # noqa: PLC0415 - pure, no Django

    Article = apps.get_model("articles", "Article")
    articles = Article.objects.using(schema_editor.connection.alias).only("pk", "body").order_by("pk")
    batch = []
    for article in articles.iterator(chunk_size=BATCH):
        article.body_structure = structure_for(None, article.body).as_json(article.body)
        batch.append(article)
        if len(batch) == BATCH:
            Article.objects.using(schema_editor.connection.alias).bulk_update(batch, ["body_structure"])
            batch = []
    Article.objects.using(schema_editor.connection.alias).bulk_update(batch, ["body_structure"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0023_article_section"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="body_structure",
            field=models.JSONField(
                blank=True, default=dict, editable=False, verbose_name="structure of the body text"
            ),
        ),
        migrations.RunPython(structure_from_text, migrations.RunPython.noop, elidable=True),
    ]

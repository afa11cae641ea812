"""An index on SearchEntry's volume: a search within a volume or a year, and a page of results
sorted by date, read only those volumes' rows (articles.search.ranking)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0020_topic_description_per_language")]

    operations = [
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["proceedings"], name="searchentry_volume"),
        ),
    ]

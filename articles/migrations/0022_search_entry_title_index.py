"""An index on SearchEntry's title key: a results page sorted by title, for a word found in much
of the archive, walks it in order instead of sorting every hit (articles.search.ranking)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0021_search_entry_volume_index")]

    operations = [
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["title_key", "article"], name="searchentry_title"),
        ),
    ]

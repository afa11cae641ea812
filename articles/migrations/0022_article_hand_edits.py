"""Which fields an editor changed by hand, and the hand edits of articles merged into one, so that
merge, split and re-cut keep them (proceedings.editorial.hand_edits)."""

import django.contrib.postgres.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0021_search_entry_volume_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="hand_edited",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.CharField(max_length=30),
                blank=True,
                default=list,
                editable=False,
                size=None,
                verbose_name="edited by hand",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="merged_hand_edits",
            field=models.JSONField(
                blank=True, default=dict, editable=False, verbose_name="hand edits of merged articles"
            ),
        ),
    ]

import django.contrib.postgres.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0007_word_pairs'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='former_slugs',
            field=django.contrib.postgres.fields.ArrayField(base_field=models.SlugField(max_length=200), blank=True, default=list, size=None, verbose_name='former slugs'),
        ),
    ]

"""A volume's sections (proceedings.models.Section), which the Editors group edits in the admin."""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

# Added to the Editors group of migration 0002 (tests.factories.editors_group reads it too).
EDITOR_PERMISSIONS = {("proceedings", "section"): ("add", "change", "delete", "view")}


def editors_edit_sections(apps, schema_editor):
    """Permissions exist only after all migrations ran (see 0002): made here first."""
    app_config = apps.get_app_config("proceedings")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if group is None:
        return
    permission_model = apps.get_model("auth", "Permission")
    group.permissions.add(
        *(
            permission_model.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
            for (app_label, model), actions in EDITOR_PERMISSIONS.items()
            for action in actions
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("proceedings", "0009_non_article_part"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="Section",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("position", models.PositiveIntegerField(default=1, verbose_name="position in the volume")),
                ("title", models.CharField(max_length=500, verbose_name="title")),
                ("title_kk", models.CharField(blank=True, max_length=500, verbose_name="title (Kazakh)")),
                ("title_ru", models.CharField(blank=True, max_length=500, verbose_name="title (Russian)")),
                ("title_en", models.CharField(blank=True, max_length=500, verbose_name="title (English)")),
                (
                    "printed_title",
                    models.CharField(
                        blank=True, editable=False, max_length=500, verbose_name="title as printed"
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        blank=True,
                        choices=[("kk", "Kazakh"), ("ru", "Russian"), ("en", "English")],
                        max_length=2,
                        verbose_name="language",
                    ),
                ),
                (
                    "source_line",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="line in the source file"
                    ),
                ),
                (
                    "proceedings",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sections",
                        to="proceedings.proceedings",
                        verbose_name="volume",
                    ),
                ),
            ],
            options={
                "verbose_name": "section",
                "verbose_name_plural": "sections",
                "ordering": ["proceedings", "position", "id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("title", ""), _negated=True), name="section_has_a_title"
                    )
                ],
            },
        ),
        migrations.RunPython(editors_edit_sections, migrations.RunPython.noop),
    ]

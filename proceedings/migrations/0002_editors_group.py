"""The "Editors" group: staff in it may put volumes online and fix what the importer found.

Permissions are created here first because Django only creates them after all migrations ran,
and a fresh database migrates this one before that.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
# (app label, model) -> actions; people and articles are edited, never silently lost (no delete
# of people: a person with papers is merged, see authors.models.Authorship.person).
EDITOR_PERMISSIONS = {
    ("proceedings", "proceedings"): ("add", "change", "delete", "view"),
    ("articles", "article"): ("add", "change", "delete", "view"),
    ("articles", "topic"): ("add", "change", "view"),
    ("authors", "person"): ("add", "change", "view"),
    ("authors", "authorship"): ("add", "change", "delete", "view"),
}


def create_editors_group(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group, _ = group_model.objects.get_or_create(name=EDITORS)
    codenames = [
        (app_label, f"{action}_{model}")
        for (app_label, model), actions in EDITOR_PERMISSIONS.items()
        for action in actions
    ]
    permissions = [
        permission_model.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in codenames
    ]
    group.permissions.set(permissions)


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("proceedings", "0001_initial"),
        ("articles", "0003_search_term"),
        ("authors", "0005_person_search_vector"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]

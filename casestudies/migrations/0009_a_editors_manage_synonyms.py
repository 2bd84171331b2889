"""Editors manage the synonym list: the Editors group gets add, change, delete and view on synonym groups."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SYNONYM_PERMISSIONS = ["add_synonymgroup", "change_synonymgroup", "delete_synonymgroup", "view_synonymgroup"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("casestudies")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="casestudies", codename__in=SYNONYM_PERMISSIONS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Editors").first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="casestudies", codename__in=SYNONYM_PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [("casestudies", "0009_search_vocabulary_and_synonyms")]

    operations = [migrations.RunPython(grant, revoke)]

"""Editors may see, retitle and delete a case study's files (the admin's "image and documents")."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADDED = [
    ("casestudies", "view_attachment"),
    ("casestudies", "change_attachment"),
    ("casestudies", "delete_attachment"),
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("casestudies")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Editors").first()
    if group is not None:
        group.permissions.add(
            *[Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in ADDED]
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Editors").first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="casestudies", codename__in=[c for _, c in ADDED])
        )


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0010_files_drafts_scheduling_changes"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

"""The Editors group with exactly the permissions editors need. Re-running the migration (or a later one
that changes EDITOR_PERMISSIONS) sets the group's permissions to this list."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = [
    ("casestudies", "view_casestudy"),
    ("casestudies", "change_casestudy"),
    ("casestudies", "publish_casestudy"),
    ("casestudies", "reject_casestudy"),
    ("casestudies", "view_moderationevent"),
    ("casestudies", "view_council"),
    ("casestudies", "add_topic"),
    ("casestudies", "change_topic"),
    ("casestudies", "delete_topic"),
    ("casestudies", "view_topic"),
    ("casestudies", "add_supporttype"),
    ("casestudies", "change_supporttype"),
    ("casestudies", "delete_supporttype"),
    ("casestudies", "view_supporttype"),
]


def create_editors_group(apps, schema_editor):
    app_config = apps.get_app_config("casestudies")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editors")
    permissions = [
        Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in EDITOR_PERMISSIONS
    ]
    group.permissions.set(permissions)


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0003_moderation"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]

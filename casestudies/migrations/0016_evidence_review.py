"""Issue 20: when a review reminder was last sent, the moderation history's new lines (evidence confirmed,
confirmed still accurate, the contact asked for changes), and the editors may edit measured outcomes."""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

ADDED = [
    ("casestudies", "view_outcome"),
    ("casestudies", "add_outcome"),
    ("casestudies", "change_outcome"),
    ("casestudies", "delete_outcome"),
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
        ("casestudies", "0015_impact_cost_evidence"),
    ]

    operations = [
        migrations.AddField(
            model_name="casestudy",
            name="review_reminder_sent_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="moderationevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("submitted", "Submitted"),
                    ("published", "Published"),
                    ("rejected", "Rejected"),
                    ("returned_to_draft", "Returned to draft"),
                    ("archived", "Archived"),
                    ("imported", "Imported"),
                    ("changes_requested", "Changes requested"),
                    ("resubmitted", "Resubmitted"),
                    ("scheduled", "Scheduled"),
                    ("evidence_confirmed", "Evidence level confirmed"),
                    ("reviewed", "Confirmed still accurate"),
                    ("changes_offered", "Contact asked for changes"),
                ],
                max_length=30,
            ),
        ),
        migrations.RunPython(grant, revoke),
    ]

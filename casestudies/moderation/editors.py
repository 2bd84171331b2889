"""The Editors group and exactly the permissions editors need.

Migration 0004 creates the group with this list as it stood then; ``ensure_editors_group()`` brings it up to date
idempotently (``manage.py create_editor`` calls it), so the list here is the one in force.
"""

from django.contrib.auth.models import Group, Permission

from casestudies.models import EDITORS_GROUP

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
    ("casestudies", "add_synonymgroup"),
    ("casestudies", "change_synonymgroup"),
    ("casestudies", "delete_synonymgroup"),
    ("casestudies", "view_synonymgroup"),
    ("casestudies", "add_bestbet"),
    ("casestudies", "change_bestbet"),
    ("casestudies", "delete_bestbet"),
    ("casestudies", "view_bestbet"),
    ("casestudies", "add_bestbetpick"),
    ("casestudies", "change_bestbetpick"),
    ("casestudies", "delete_bestbetpick"),
    ("casestudies", "view_bestbetpick"),
    ("casestudies", "view_searchcount"),
    ("casestudies", "view_attachment"),
    ("casestudies", "change_attachment"),
    ("casestudies", "delete_attachment"),
    ("casestudies", "view_outcome"),
    ("casestudies", "add_outcome"),
    ("casestudies", "change_outcome"),
    ("casestudies", "delete_outcome"),
]


def ensure_editors_group() -> Group:
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    permissions = [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in EDITOR_PERMISSIONS
    ]
    group.permissions.set(permissions)
    return group

"""Issue 23: the language a person used, so that the emails they get later are in it: the submitter's (a case
study, a saved draft) and a search alert's subscriber's."""

from django.db import migrations, models

# SQLite rebuilds a table to add a NOT NULL column: the triggers and views that name the case study table stop the
# rename. As in 0015: keep them, drop them for the rebuild and create them again afterwards, exactly as they were.
_kept_triggers: dict[str, list[tuple[str, str, str]]] = {}
_TRIGGERS = (
    "SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'view') "
    "AND (tbl_name = 'casestudies_casestudy' OR sql LIKE '%casestudies_casestudy%') "
    "ORDER BY type = 'view', name"
)


def set_triggers_aside(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(_TRIGGERS)
        triggers = cursor.fetchall()
        for kind, name, _sql in triggers:
            cursor.execute(f'DROP {kind.upper()} "{name}"')
    _kept_triggers[connection.alias] = triggers


def put_triggers_back(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for _kind, _name, sql in reversed(_kept_triggers.pop(connection.alias, [])):
            cursor.execute(sql)


LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0020_reference_welsh_names"),
    ]

    operations = [
        migrations.RunPython(set_triggers_aside, put_triggers_back),
        migrations.AddField(
            model_name="casestudy",
            name="contact_language",
            field=models.CharField(
                choices=LANGUAGES,
                default="en-gb",
                help_text="The language the submitter used: the emails about this case study are written in it.",
                max_length=8,
            ),
        ),
        migrations.RunPython(put_triggers_back, set_triggers_aside),
        migrations.AddField(
            model_name="searchalert",
            name="contact_language",
            field=models.CharField(
                choices=LANGUAGES,
                default="en-gb",
                help_text="The language the subscriber used: the confirmation and digests are written in it.",
                max_length=8,
            ),
        ),
        migrations.AddField(
            model_name="submissiondraft",
            name="contact_language",
            field=models.CharField(
                choices=LANGUAGES,
                default="en-gb",
                help_text="The language the answers were saved in: the link email is written in it and leads back to it.",
                max_length=8,
            ),
        ),
    ]

"""A case study's Welsh version (issue 23): the title, summary and template sections in Welsh, beside the English.

Plain columns on the case study rather than a translation table: the page, the cards and the exports read them in the
row they already read (no join, no extra query), a revision keeps them with the rest of the content, and the admin
edits them on the same form.

SQLite rebuilds the table to add a NOT NULL column, which drops the triggers on it and trips over the views that name
it (see 0015): they are set aside for the rebuild and created again exactly as they were.
"""

from django.db import migrations, models

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


def welsh(name: str, label: str) -> migrations.AddField:
    field = (
        models.CharField(blank=True, max_length=200, verbose_name=label)
        if name == "title_cy"
        else models.TextField(blank=True, verbose_name=label)
    )
    return migrations.AddField(model_name="casestudy", name=name, field=field)


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0019_outcome_catalogue_triggers"),
    ]

    operations = [
        migrations.RunPython(set_triggers_aside, put_triggers_back),
        welsh("title_cy", "title (Welsh)"),
        welsh("summary_cy", "summary (Welsh)"),
        welsh("challenge_cy", "the challenge (Welsh)"),
        welsh("solution_cy", "the solution (Welsh)"),
        welsh("impact_cy", "the impact (Welsh)"),
        welsh("sustainability_cy", "how the approach is being sustained (Welsh)"),
        welsh("lessons_cy", "lessons learned (Welsh)"),
        migrations.RunPython(put_triggers_back, set_triggers_aside),
    ]

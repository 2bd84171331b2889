"""The Welsh names of topics, support types and councils and the Welsh descriptions of topics and support types
(issue 23), filled by ``manage.py load_reference``."""

from django.db import migrations, models

# SQLite rebuilds a table to add a NOT NULL column: dropping the old table drops its own triggers (the catalogue and
# page version triggers, the search vocabulary's), and the triggers and views that name it stop the rename. Keep every
# trigger and view that mentions one of the three tables, drop them for the rebuild and create them again afterwards,
# exactly as they were (as migration 0015 does for the case study table).
_TABLES = ("casestudies_topic", "casestudies_supporttype", "casestudies_council")
_kept_triggers: dict[str, list[tuple[str, str, str]]] = {}
_TRIGGERS = (
    "SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'view') AND sql IS NOT NULL AND ("
    + " OR ".join(f"tbl_name = '{table}' OR sql LIKE '%{table}%'" for table in _TABLES)
    + ") ORDER BY type = 'view', name"
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


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0019_outcome_catalogue_triggers"),
    ]

    operations = [
        migrations.RunPython(set_triggers_aside, put_triggers_back),
        migrations.AddField(
            model_name="council",
            name="name_cy",
            field=models.CharField(blank=True, max_length=150, verbose_name="Welsh name"),
        ),
        migrations.AddField(
            model_name="council",
            name="official_name_cy",
            field=models.CharField(blank=True, max_length=200, verbose_name="Welsh official name"),
        ),
        migrations.AddField(
            model_name="supporttype",
            name="name_cy",
            field=models.CharField(
                blank=True,
                help_text="Shown on the Welsh pages; empty: the English name.",
                max_length=100,
                verbose_name="Welsh name",
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="name_cy",
            field=models.CharField(
                blank=True,
                help_text="Shown on the Welsh pages; empty: the English name.",
                max_length=100,
                verbose_name="Welsh name",
            ),
        ),
        migrations.AddField(
            model_name="supporttype",
            name="description_cy",
            field=models.TextField(
                blank=True,
                help_text="Shown on the Welsh pages; empty: the English description.",
                verbose_name="Welsh description",
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="description_cy",
            field=models.TextField(
                blank=True,
                help_text="Shown on the Welsh pages; empty: the English description.",
                verbose_name="Welsh description",
            ),
        ),
        migrations.RunPython(put_triggers_back, set_triggers_aside),
    ]

"""The search log (counts per query per day, nothing personal) and best bets (case studies editors pin for a query).

Best bets show on public pages, so a change to them gives the page cache a new version token (row 2, as synonym
groups do: migration 0014), whoever makes it. Editors may manage best bets and see the searches.
"""

from django.contrib.auth.management import create_permissions
import django.db.models.deletion
from django.db import migrations, models

TABLES = ("casestudies_bestbet", "casestudies_bestbetpick")
POSTGRES_FORWARD = """
CREATE TRIGGER casestudies_pages_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
  FOR EACH STATEMENT EXECUTE FUNCTION casestudies_new_page_token();
"""
SQLITE_TRIGGER = """
CREATE TRIGGER IF NOT EXISTS {table}_pages_{event} AFTER {event} ON {table}
BEGIN
  UPDATE casestudies_catalogueversion SET token = random() WHERE id = 2;
  INSERT OR IGNORE INTO casestudies_catalogueversion (id, token) VALUES (2, random());
END;
"""
EVENTS = ("insert", "update", "delete")
ADDED = [
    ("casestudies", "add_bestbet"),
    ("casestudies", "change_bestbet"),
    ("casestudies", "delete_bestbet"),
    ("casestudies", "view_bestbet"),
    ("casestudies", "add_bestbetpick"),
    ("casestudies", "change_bestbetpick"),
    ("casestudies", "delete_bestbetpick"),
    ("casestudies", "view_bestbetpick"),
    ("casestudies", "view_searchcount"),
]


def triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(POSTGRES_FORWARD.format(table=table))
        elif vendor == "sqlite":
            for event in EVENTS:
                schema_editor.execute(SQLITE_TRIGGER.format(table=table, event=event.upper()))


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS casestudies_pages_changed ON {table}")
        elif vendor == "sqlite":
            for event in EVENTS:
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_pages_{event}")


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
        ("casestudies", "0016_evidence_review"),
    ]

    operations = [
        migrations.CreateModel(
            name='BestBet',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('query', models.CharField(help_text='The search, as people type it. Capitals and extra spaces do not matter.', max_length=200, unique=True)),
                ('include_synonyms', models.BooleanField(default=False, help_text='Also show these case studies when someone searches for a synonym of the query.', verbose_name='also for its synonyms')),
                ('note', models.CharField(blank=True, help_text='Optional: why these case studies.', max_length=200)),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name': 'best bet',
                'ordering': ['query'],
            },
        ),
        migrations.CreateModel(
            name='SearchCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField()),
                ('query', models.CharField(max_length=200)),
                ('language', models.CharField(default='en', max_length=8)),
                ('filtered', models.BooleanField(default=False, help_text='Filters were used with the keyword.')),
                ('results', models.PositiveIntegerField(help_text='How many case studies the search found.')),
                ('corrected', models.BooleanField(default=False, help_text='A spelling correction was searched instead.')),
                ('synonym', models.BooleanField(default=False, help_text='A synonym group applied.')),
                ('searches', models.PositiveIntegerField(default=0)),
            ],
            options={
                'verbose_name': 'search',
                'verbose_name_plural': 'searches',
                'constraints': [models.UniqueConstraint(fields=('day', 'query', 'language', 'filtered', 'results', 'corrected', 'synonym'), name='casestudies_searchcount_one_row_per_kind')],
            },
        ),
        migrations.CreateModel(
            name='BestBetPick',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('best_bet', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='picks', to='casestudies.bestbet')),
                ('case_study', models.ForeignKey(help_text='A published case study.', limit_choices_to={'status': 'published'}, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='casestudies.casestudy')),
            ],
            options={
                'verbose_name': 'pinned case study',
                'verbose_name_plural': 'pinned case studies',
                'ordering': ['order', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('best_bet', 'case_study'), name='casestudies_bestbetpick_once')],
            },
        ),
        migrations.RunPython(triggers, drop_triggers),
        migrations.RunPython(grant, revoke),
    ]

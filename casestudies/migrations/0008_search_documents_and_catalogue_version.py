"""A narrow search table and a catalogue version token, both kept up to date by database triggers.

PostgreSQL: ``casestudies_searchdocument`` replaces the ``search_vector`` column of the wide case study table (a
keyword matching nearly every row made PostgreSQL read the whole wide table; bench/RESULTS.md). A row trigger
writes each case study's vectors: ``rank_vector`` (title A; summary and lead council B) and ``full_vector`` (the
same plus the sections and partners, C), with a GIN index on the latter.

Both databases: statement triggers (row triggers on SQLite, which has no others) give
``casestudies_catalogueversion`` a new random token whenever a change reaches the public catalogue (a published
case study, its topic or support-type links, councils, topics, support types), so every app server can tell that
its in-memory catalogue index is stale (casestudies/catalogue.py).
"""

import random

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

DROP_OLD_SEARCH = """
DROP INDEX IF EXISTS casestudy_search_gin;
DROP TRIGGER IF EXISTS casestudies_casestudy_search_trigger ON casestudies_casestudy;
DROP FUNCTION IF EXISTS casestudies_casestudy_search_update();
"""

BODY = """setweight(to_tsvector('english',
      coalesce({row}.challenge, '') || ' ' || coalesce({row}.solution, '') || ' ' ||
      coalesce({row}.impact, '') || ' ' || coalesce({row}.sustainability, '') || ' ' ||
      coalesce({row}.lessons, '') || ' ' || coalesce({row}.partners, '')), 'C')"""
RANK = """setweight(to_tsvector('english', coalesce({row}.title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce({row}.summary, '')), 'B') ||
    setweight(to_tsvector('english', coalesce({council}, '')), 'B')"""

POSTGRES_SEARCH = f"""
CREATE OR REPLACE FUNCTION casestudies_searchdocument_update() RETURNS trigger AS $$
DECLARE
  council_name text;
  ranked tsvector;
BEGIN
  SELECT name INTO council_name FROM casestudies_council WHERE id = NEW.lead_council_id;
  ranked := {RANK.format(row="NEW", council="council_name")};
  INSERT INTO casestudies_searchdocument (case_study_id, published_at, rank_vector, full_vector)
  VALUES (NEW.id, NEW.published_at, ranked, ranked || {BODY.format(row="NEW")})
  ON CONFLICT (case_study_id) DO UPDATE
    SET published_at = EXCLUDED.published_at,
        rank_vector = EXCLUDED.rank_vector,
        full_vector = EXCLUDED.full_vector;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER casestudies_searchdocument_trigger
  AFTER INSERT OR UPDATE OF title, summary, challenge, solution, impact, sustainability, lessons,
    partners, lead_council_id, published_at
  ON casestudies_casestudy
  FOR EACH ROW EXECUTE FUNCTION casestudies_searchdocument_update();

INSERT INTO casestudies_searchdocument (case_study_id, published_at, rank_vector, full_vector)
SELECT cs.id, cs.published_at, ranked.v, ranked.v || {BODY.format(row="cs")}
FROM casestudies_casestudy cs
JOIN casestudies_council council ON council.id = cs.lead_council_id
CROSS JOIN LATERAL (SELECT {RANK.format(row="cs", council="council.name")} AS v) ranked
ON CONFLICT (case_study_id) DO NOTHING;

CREATE INDEX IF NOT EXISTS searchdocument_full_gin ON casestudies_searchdocument USING gin (full_vector);
ANALYZE casestudies_searchdocument;
"""

DROP_POSTGRES_SEARCH = """
DROP TRIGGER IF EXISTS casestudies_searchdocument_trigger ON casestudies_casestudy;
DROP FUNCTION IF EXISTS casestudies_searchdocument_update();
"""

# Reference tables change the token on any write. Case studies and their topic and support-type links change it
# only when a published case study is involved, so a submission, or an edit of a draft, leaves every app server's
# index in place.
REFERENCE_TABLES = ("casestudies_council", "casestudies_topic", "casestudies_supporttype")
LINK_TABLES = ("casestudies_casestudy_topics", "casestudies_casestudy_support_types")
CASE_STUDIES = "casestudies_casestudy"
PUBLISHED = "'published'"

POSTGRES_VERSION_FUNCTIONS = """
CREATE OR REPLACE FUNCTION casestudies_new_catalogue_token() RETURNS void AS $$
  INSERT INTO casestudies_catalogueversion (id, token) VALUES (1, floor(random() * 9e15)::bigint)
  ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
$$ LANGUAGE sql;

CREATE OR REPLACE FUNCTION casestudies_catalogue_changed() RETURNS trigger AS $$
BEGIN
  PERFORM casestudies_new_catalogue_token();
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
"""
# One trigger function per kind of table: a new token only when a published case study is among the rows.
POSTGRES_ROW_SET_FUNCTION = """
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    IF EXISTS ({new_rows}) THEN
      PERFORM casestudies_new_catalogue_token();
      RETURN NULL;
    END IF;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    IF EXISTS ({old_rows}) THEN
      PERFORM casestudies_new_catalogue_token();
    END IF;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
"""
PUBLISHED_AMONG = {
    CASE_STUDIES: ("casestudies_case_studies_changed", f"SELECT 1 FROM {{rows}} WHERE status = {PUBLISHED}"),
    **{
        table: (
            "casestudies_case_study_links_changed",
            f"SELECT 1 FROM {{rows}} r JOIN {CASE_STUDIES} c ON c.id = r.casestudy_id WHERE c.status = {PUBLISHED}",
        )
        for table in LINK_TABLES
    },
}
POSTGRES_REFERENCE_TRIGGER = """
CREATE TRIGGER casestudies_catalogue_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
  FOR EACH STATEMENT EXECUTE FUNCTION casestudies_catalogue_changed();
"""
# Transition tables need one trigger per event.
POSTGRES_ROW_SET_TRIGGERS = """
CREATE TRIGGER casestudies_catalogue_insert AFTER INSERT ON {table}
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}();
CREATE TRIGGER casestudies_catalogue_update AFTER UPDATE ON {table}
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}();
CREATE TRIGGER casestudies_catalogue_delete AFTER DELETE ON {table}
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}();
CREATE TRIGGER casestudies_catalogue_changed AFTER TRUNCATE ON {table}
  FOR EACH STATEMENT EXECUTE FUNCTION casestudies_catalogue_changed();
"""
POSTGRES_TRIGGER_NAMES = (
    "casestudies_catalogue_changed",
    "casestudies_catalogue_insert",
    "casestudies_catalogue_update",
    "casestudies_catalogue_delete",
)

# A trigger's statements take the conflict policy of the statement that fired it (Django's m2m add() is an
# INSERT OR IGNORE), so the token is changed by an UPDATE, and the row only inserted when it is missing.
SQLITE_VERSION_TRIGGER = """
CREATE TRIGGER IF NOT EXISTS {table}_catalogue_{event} AFTER {event} ON {table}
{when}
BEGIN
  UPDATE casestudies_catalogueversion SET token = random() WHERE id = 1;
  INSERT OR IGNORE INTO casestudies_catalogueversion (id, token) VALUES (1, random());
END;
"""
EVENTS = ("insert", "update", "delete")


def sqlite_condition(table: str, event: str) -> str:
    rows = {"insert": ("NEW",), "update": ("OLD", "NEW"), "delete": ("OLD",)}[event]
    if table == CASE_STUDIES:
        tests = [f"{row}.status = {PUBLISHED}" for row in rows]
    elif table in LINK_TABLES:
        tests = [f"(SELECT status FROM {CASE_STUDIES} WHERE id = {row}.casestudy_id) = {PUBLISHED}" for row in rows]
    else:
        return ""
    return "WHEN " + " OR ".join(tests)


def forward_before(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_OLD_SEARCH)


def forward_after(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    apps.get_model("casestudies", "CatalogueVersion").objects.using(schema_editor.connection.alias).update_or_create(
        pk=1, defaults={"token": random.randrange(1, 2**53)}
    )
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_SEARCH)
        schema_editor.execute(POSTGRES_VERSION_FUNCTIONS)
        for table in REFERENCE_TABLES:
            schema_editor.execute(POSTGRES_REFERENCE_TRIGGER.format(table=table))
        for table, (function, published) in PUBLISHED_AMONG.items():
            schema_editor.execute(
                POSTGRES_ROW_SET_FUNCTION.format(
                    name=function,
                    new_rows=published.format(rows="new_rows"),
                    old_rows=published.format(rows="old_rows"),
                )
            )
            schema_editor.execute(POSTGRES_ROW_SET_TRIGGERS.format(table=table, function=function))
    elif vendor == "sqlite":
        for table in (*REFERENCE_TABLES, *LINK_TABLES, CASE_STUDIES):
            for event in EVENTS:
                schema_editor.execute(
                    SQLITE_VERSION_TRIGGER.format(table=table, event=event, when=sqlite_condition(table, event))
                )


def backward_after(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    tables = (*REFERENCE_TABLES, *LINK_TABLES, CASE_STUDIES)
    if vendor == "postgresql":
        schema_editor.execute(DROP_POSTGRES_SEARCH)
        for table in tables:
            for name in POSTGRES_TRIGGER_NAMES:
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table};")
        for function in (
            "casestudies_case_studies_changed",
            "casestudies_case_study_links_changed",
            "casestudies_catalogue_changed",
            "casestudies_new_catalogue_token",
        ):
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}();")
    elif vendor == "sqlite":
        for table in tables:
            for event in EVENTS:
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_catalogue_{event};")


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0007_postgres_covering_index"),
    ]

    operations = [
        migrations.RunPython(forward_before, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="casestudy",
            name="search_vector",
        ),
        migrations.CreateModel(
            name="CatalogueVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "case_study",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="casestudies.casestudy",
                    ),
                ),
                ("published_at", models.DateTimeField(null=True)),
                ("rank_vector", django.contrib.postgres.search.SearchVectorField(null=True)),
                ("full_vector", django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
        ),
        migrations.RunPython(forward_after, backward_after),
    ]

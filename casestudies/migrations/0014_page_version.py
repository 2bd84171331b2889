"""The page cache's second version token (``CatalogueVersion`` row 2, ``PAGES``), kept by database triggers for what
public pages show beyond the catalogue: synonym groups (they change search results) and the files of published case
studies. Every way of changing them (admin, import, shell) is seen by every app process at once
(casestudies/ops/pagecache.py); the catalogue's own token (row 1) is left alone, so no catalogue index is rebuilt.
"""

import random

from django.db import migrations

POSTGRES_SYNONYMS = """
CREATE OR REPLACE FUNCTION casestudies_new_page_token_now() RETURNS void AS $$
  INSERT INTO casestudies_catalogueversion (id, token) VALUES (2, floor(random() * 9e15)::bigint)
  ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
$$ LANGUAGE sql;
CREATE OR REPLACE FUNCTION casestudies_new_page_token() RETURNS trigger AS $$
BEGIN
  PERFORM casestudies_new_page_token_now();
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS casestudies_pages_changed ON casestudies_synonymgroup;
CREATE TRIGGER casestudies_pages_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON casestudies_synonymgroup
  FOR EACH STATEMENT EXECUTE FUNCTION casestudies_new_page_token();
"""
# Files: one trigger per event (transition tables), a new token when a published case study's file is among the rows.
POSTGRES_FILES = """
CREATE OR REPLACE FUNCTION casestudies_published_files_changed() RETURNS trigger AS $$
BEGIN
  -- Separate statements: a DELETE has no new_rows and an INSERT no old_rows to name.
  IF TG_OP <> 'DELETE' THEN
    IF EXISTS (SELECT 1 FROM new_rows r JOIN casestudies_casestudy c ON c.id = r.case_study_id
               WHERE c.status = 'published') THEN
      PERFORM casestudies_new_page_token_now();
      RETURN NULL;
    END IF;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    IF EXISTS (SELECT 1 FROM old_rows r JOIN casestudies_casestudy c ON c.id = r.case_study_id
               WHERE c.status = 'published') THEN
      PERFORM casestudies_new_page_token_now();
    END IF;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS casestudies_files_insert ON casestudies_attachment;
DROP TRIGGER IF EXISTS casestudies_files_update ON casestudies_attachment;
DROP TRIGGER IF EXISTS casestudies_files_delete ON casestudies_attachment;
CREATE TRIGGER casestudies_files_insert AFTER INSERT ON casestudies_attachment
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casestudies_published_files_changed();
CREATE TRIGGER casestudies_files_update AFTER UPDATE ON casestudies_attachment
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casestudies_published_files_changed();
CREATE TRIGGER casestudies_files_delete AFTER DELETE ON casestudies_attachment
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION casestudies_published_files_changed();
"""
POSTGRES_BACKWARD = """
DROP TRIGGER IF EXISTS casestudies_pages_changed ON casestudies_synonymgroup;
DROP TRIGGER IF EXISTS casestudies_files_insert ON casestudies_attachment;
DROP TRIGGER IF EXISTS casestudies_files_update ON casestudies_attachment;
DROP TRIGGER IF EXISTS casestudies_files_delete ON casestudies_attachment;
DROP FUNCTION IF EXISTS casestudies_new_page_token();
DROP FUNCTION IF EXISTS casestudies_published_files_changed();
DROP FUNCTION IF EXISTS casestudies_new_page_token_now();
"""
# A trigger's statements take the conflict policy of the statement that fired it: an UPDATE, then the row inserted
# only when it is missing (as in migration 0008).
SQLITE_TRIGGER = """
CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON {table}
{when}
BEGIN
  UPDATE casestudies_catalogueversion SET token = random() WHERE id = 2;
  INSERT OR IGNORE INTO casestudies_catalogueversion (id, token) VALUES (2, random());
END;
"""
EVENTS = {"insert": ("NEW",), "update": ("OLD", "NEW"), "delete": ("OLD",)}


def sqlite_statements() -> list[str]:
    statements = []
    for event, rows in EVENTS.items():
        statements.append(
            SQLITE_TRIGGER.format(
                name=f"casestudies_synonymgroup_pages_{event}", event=event.upper(), table="casestudies_synonymgroup", when=""
            )
        )
        published = " OR ".join(
            f"(SELECT status FROM casestudies_casestudy WHERE id = {row}.case_study_id) = 'published'" for row in rows
        )
        statements.append(
            SQLITE_TRIGGER.format(
                name=f"casestudies_attachment_pages_{event}",
                event=event.upper(),
                table="casestudies_attachment",
                when=f"WHEN {published}",
            )
        )
    return statements


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_SYNONYMS)
        schema_editor.execute(POSTGRES_FILES)
    elif vendor == "sqlite":
        for statement in sqlite_statements():
            schema_editor.execute(statement)
    apps.get_model("casestudies", "CatalogueVersion").objects.using(schema_editor.connection.alias).get_or_create(
        pk=2, defaults={"token": random.randrange(1, 2**53)}
    )


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_BACKWARD)
    elif vendor == "sqlite":
        for event in EVENTS:
            for table in ("synonymgroup", "attachment"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS casestudies_{table}_pages_{event}")


class Migration(migrations.Migration):
    dependencies = [("casestudies", "0013_search_postings")]

    operations = [migrations.RunPython(forward, backward)]

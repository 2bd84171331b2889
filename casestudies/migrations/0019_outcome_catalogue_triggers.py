"""Measured outcomes reach the catalogue index (issue 20): the list's "Results reported: measured outcomes" filter
and its counts are built from whether a published case study has outcome rows, so a change to the outcomes of a
published case study gives the catalogue a new version token (row 1, as migration 0008 does for the case study and
its links), and every app server rebuilds its index. Outcomes of drafts and submissions leave it alone.
"""

from django.db import migrations

POSTGRES_FORWARD = """
CREATE OR REPLACE FUNCTION casestudies_published_outcomes_changed() RETURNS trigger AS $$
BEGIN
  -- Separate statements: a DELETE has no new_rows and an INSERT no old_rows to name.
  IF TG_OP <> 'DELETE' THEN
    IF EXISTS (SELECT 1 FROM new_rows r JOIN casestudies_casestudy c ON c.id = r.case_study_id
               WHERE c.status = 'published') THEN
      PERFORM casestudies_new_catalogue_token();
      RETURN NULL;
    END IF;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    IF EXISTS (SELECT 1 FROM old_rows r JOIN casestudies_casestudy c ON c.id = r.case_study_id
               WHERE c.status = 'published') THEN
      PERFORM casestudies_new_catalogue_token();
    END IF;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS casestudies_catalogue_insert ON casestudies_outcome;
DROP TRIGGER IF EXISTS casestudies_catalogue_update ON casestudies_outcome;
DROP TRIGGER IF EXISTS casestudies_catalogue_delete ON casestudies_outcome;
DROP TRIGGER IF EXISTS casestudies_catalogue_changed ON casestudies_outcome;
CREATE TRIGGER casestudies_catalogue_insert AFTER INSERT ON casestudies_outcome
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casestudies_published_outcomes_changed();
CREATE TRIGGER casestudies_catalogue_update AFTER UPDATE ON casestudies_outcome
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casestudies_published_outcomes_changed();
CREATE TRIGGER casestudies_catalogue_delete AFTER DELETE ON casestudies_outcome
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION casestudies_published_outcomes_changed();
CREATE TRIGGER casestudies_catalogue_changed AFTER TRUNCATE ON casestudies_outcome
  FOR EACH STATEMENT EXECUTE FUNCTION casestudies_catalogue_changed();
"""
POSTGRES_BACKWARD = """
DROP TRIGGER IF EXISTS casestudies_catalogue_insert ON casestudies_outcome;
DROP TRIGGER IF EXISTS casestudies_catalogue_update ON casestudies_outcome;
DROP TRIGGER IF EXISTS casestudies_catalogue_delete ON casestudies_outcome;
DROP TRIGGER IF EXISTS casestudies_catalogue_changed ON casestudies_outcome;
DROP FUNCTION IF EXISTS casestudies_published_outcomes_changed();
"""
# A trigger's statements take the conflict policy of the statement that fired it: an UPDATE, then the row inserted
# only when it is missing (as in migration 0008).
SQLITE_TRIGGER = """
CREATE TRIGGER IF NOT EXISTS casestudies_outcome_catalogue_{name} AFTER {event} ON casestudies_outcome
WHEN {published}
BEGIN
  UPDATE casestudies_catalogueversion SET token = random() WHERE id = 1;
  INSERT OR IGNORE INTO casestudies_catalogueversion (id, token) VALUES (1, random());
END;
"""
EVENTS = {"insert": ("NEW",), "update": ("OLD", "NEW"), "delete": ("OLD",)}


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FORWARD)
    elif vendor == "sqlite":
        for event, rows in EVENTS.items():
            published = " OR ".join(
                f"(SELECT status FROM casestudies_casestudy WHERE id = {row}.case_study_id) = 'published'"
                for row in rows
            )
            schema_editor.execute(SQLITE_TRIGGER.format(name=event, event=event.upper(), published=published))


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_BACKWARD)
    elif vendor == "sqlite":
        for event in EVENTS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS casestudies_outcome_catalogue_{event}")


class Migration(migrations.Migration):
    dependencies = [("casestudies", "0018_evaluation_report")]

    operations = [migrations.RunPython(forward, backward)]

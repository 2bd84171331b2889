"""PostgreSQL only: keep ``search_vector`` up to date with a trigger and index it with GIN.

Weights: title A; summary and council name B; the template sections and partners C. On SQLite nothing is
created and search falls back to a word-by-word match (see casestudies/search.py).
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION casestudies_casestudy_search_update() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B') ||
    setweight(to_tsvector('english', coalesce(
      (SELECT name FROM casestudies_council WHERE id = NEW.lead_council_id), '')), 'B') ||
    setweight(to_tsvector('english',
      coalesce(NEW.challenge, '') || ' ' || coalesce(NEW.solution, '') || ' ' ||
      coalesce(NEW.impact, '') || ' ' || coalesce(NEW.sustainability, '') || ' ' ||
      coalesce(NEW.lessons, '') || ' ' || coalesce(NEW.partners, '')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER casestudies_casestudy_search_trigger
  BEFORE INSERT OR UPDATE OF title, summary, challenge, solution, impact, sustainability, lessons,
    partners, lead_council_id
  ON casestudies_casestudy
  FOR EACH ROW EXECUTE FUNCTION casestudies_casestudy_search_update();

UPDATE casestudies_casestudy SET title = title;

CREATE INDEX IF NOT EXISTS casestudy_search_gin ON casestudies_casestudy USING gin (search_vector);
"""

BACKWARD = """
DROP INDEX IF EXISTS casestudy_search_gin;
DROP TRIGGER IF EXISTS casestudies_casestudy_search_trigger ON casestudies_casestudy;
DROP FUNCTION IF EXISTS casestudies_casestudy_search_update();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("casestudies", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]

"""Search that finds everything relevant (issue 19), PostgreSQL only: a function that matches a list of terms in one
statement, and a GIN index on the short rank vector (title, summary, lead council).

``casestudies_postings(queries, rank_only, with_tf)`` returns every match of every term, packed as (2-byte term number
× 4 + field flags, 4-byte float, 8-byte case study id): flag 1 when the term is in the title, 2 when it is in the
summary or the lead council's name; the float is ``ts_rank`` of the full vector, normalised by the document's
length (how much the case study says it), for the terms marked ``with_tf`` only: it reads the full vector, so it is
asked for rare terms only. Ranking is done in Python (``search.scoring``), the same way on both databases.

The function pins its plans to the GIN indexes (``SET enable_seqscan = off``, ``enable_indexscan = off`` for the
function only, so no transaction is needed around it): left to itself the planner prices a sequential scan of the
search table below the GIN bitmap because it does not count the detoasting of every full vector the scan needs;
at 100,000 case studies the scan is several times slower for a term that matches nearly everything
(bench/RESULTS.md). A term marked ``rank_only`` is matched in the rank vector only, through its own GIN index.
"""

from django.db import migrations

MATCH = """
      SELECT string_agg(int2send((i * 4
               + (CASE WHEN ts_rank('{{0,0,0,1}}', doc.rank_vector, queries[i]) > 0 THEN 1 ELSE 0 END)
               + (CASE WHEN ts_rank('{{0,0,1,0}}', doc.rank_vector, queries[i]) > 0 THEN 2 ELSE 0 END))::int2)
             || float4send(CASE WHEN with_tf[i] THEN ts_rank(doc.full_vector, queries[i], 1) ELSE 0 END)
             || int8send(doc.case_study_id), ''::bytea)
        INTO part FROM casestudies_searchdocument doc WHERE doc.{vector} @@ queries[i];"""

FORWARD = f"""
CREATE INDEX IF NOT EXISTS searchdocument_rank_gin ON casestudies_searchdocument USING gin (rank_vector);

CREATE OR REPLACE FUNCTION casestudies_postings(queries tsquery[], rank_only boolean[], with_tf boolean[])
RETURNS bytea
LANGUAGE plpgsql STABLE
SET enable_seqscan = off
SET enable_indexscan = off
AS $$
DECLARE
  packed bytea := ''::bytea;
  part bytea;
BEGIN
  FOR i IN 1 .. coalesce(array_length(queries, 1), 0) LOOP
    IF rank_only[i] THEN{MATCH.format(vector="rank_vector")}
    ELSE{MATCH.format(vector="full_vector")}
    END IF;
    packed := packed || coalesce(part, ''::bytea);
  END LOOP;
  RETURN packed;
END
$$;
"""

BACKWARD = """
DROP FUNCTION IF EXISTS casestudies_postings(tsquery[], boolean[], boolean[]);
DROP INDEX IF EXISTS searchdocument_rank_gin;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("casestudies", "0012_council_location")]

    operations = [migrations.RunPython(forward, backward)]

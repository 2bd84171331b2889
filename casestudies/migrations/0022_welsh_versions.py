"""A case study's Welsh version (issue 23): the title, summary and template sections in Welsh, beside the English.

Plain columns on the case study rather than a translation table: the page, the cards and the exports read them in the
row they already read (no join, no extra query), a revision keeps them with the rest of the content, and the admin
edits them on the same form.

SQLite rebuilds the table to add a NOT NULL column, which drops the triggers on it and trips over the views that name
it (see 0015): they are set aside for the rebuild and created again exactly as they were.

Welsh search: there is no Welsh stemmer in PostgreSQL or FTS5, so the Welsh text is indexed without stemming, with
diacritics folded (â, ŵ, ŷ … match a, w, y). SQLite: ``casestudies_fts_cy`` (title, summary, the sections as one
body; ``unicode61 remove_diacritics 2``) over the published case studies with a Welsh version, its vocabulary
``casestudies_fts_cy_vocab``, and triggers that keep it in step. PostgreSQL: ``welsh_vector`` on the narrow search
table (the ``simple`` configuration over ``casestudies_fold()``d text: title A, summary B, sections C) written by the
same row trigger, with a GIN index; the vocabulary trigger counts the Welsh words too. Every Welsh field is empty
when this runs, so nothing needs filling.
"""

import importlib

from django.db import migrations, models

WELSH_BODY = (
    "{row}.challenge_cy || ' ' || {row}.solution_cy || ' ' || {row}.impact_cy || ' ' || {row}.sustainability_cy"
    " || ' ' || {row}.lessons_cy"
)
SQLITE_COLUMNS = "rowid, title, summary, body"


def _sqlite_values(row: str) -> str:
    return f"{row}.id, {row}.title_cy, {row}.summary_cy, {WELSH_BODY.format(row=row)}"


def _sqlite_indexed(row: str) -> str:
    return f"{row}.status = 'published' AND {row}.title_cy <> ''"


SQLITE_SEARCH = [
    f"""CREATE VIEW IF NOT EXISTS casestudies_search_source_cy AS
    SELECT cs.id AS id, cs.title_cy AS title, cs.summary_cy AS summary, {WELSH_BODY.format(row="cs")} AS body
    FROM casestudies_casestudy cs WHERE {_sqlite_indexed("cs")}""",
    """CREATE VIRTUAL TABLE IF NOT EXISTS casestudies_fts_cy USING fts5(
    title, summary, body, content='casestudies_search_source_cy', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2')""",
    "CREATE VIRTUAL TABLE IF NOT EXISTS casestudies_fts_cy_vocab USING fts5vocab(casestudies_fts_cy, 'row')",
    f"""CREATE TRIGGER IF NOT EXISTS casestudies_fts_cy_insert AFTER INSERT ON casestudies_casestudy
WHEN {_sqlite_indexed("NEW")}
BEGIN
  INSERT INTO casestudies_fts_cy({SQLITE_COLUMNS}) VALUES ({_sqlite_values("NEW")});
END""",
    f"""CREATE TRIGGER IF NOT EXISTS casestudies_fts_cy_delete AFTER DELETE ON casestudies_casestudy
WHEN {_sqlite_indexed("OLD")}
BEGIN
  INSERT INTO casestudies_fts_cy(casestudies_fts_cy, {SQLITE_COLUMNS}) VALUES ('delete', {_sqlite_values("OLD")});
END""",
    f"""CREATE TRIGGER IF NOT EXISTS casestudies_fts_cy_update
AFTER UPDATE OF status, title_cy, summary_cy, challenge_cy, solution_cy, impact_cy, sustainability_cy, lessons_cy
  ON casestudies_casestudy
WHEN ({_sqlite_indexed("OLD")}) OR ({_sqlite_indexed("NEW")})
BEGIN
  INSERT INTO casestudies_fts_cy(casestudies_fts_cy, {SQLITE_COLUMNS})
    SELECT 'delete', {_sqlite_values("OLD")} WHERE {_sqlite_indexed("OLD")};
  INSERT INTO casestudies_fts_cy({SQLITE_COLUMNS}) SELECT {_sqlite_values("NEW")} WHERE {_sqlite_indexed("NEW")};
END""",
]
SQLITE_SEARCH_BACKWARD = [
    "DROP TRIGGER IF EXISTS casestudies_fts_cy_insert",
    "DROP TRIGGER IF EXISTS casestudies_fts_cy_delete",
    "DROP TRIGGER IF EXISTS casestudies_fts_cy_update",
    "DROP TABLE IF EXISTS casestudies_fts_cy_vocab",
    "DROP TABLE IF EXISTS casestudies_fts_cy",
    "DROP VIEW IF EXISTS casestudies_search_source_cy",
]

# Diacritics folded the way FTS5's remove_diacritics does for Welsh letters (lower case first).
FOLDED_FROM, FOLDED_TO = "âêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿ", "aeiouwyaeiouwyaeiouwyaeiouwy"
WELSH_VECTOR = """CASE WHEN {row}.title_cy <> '' THEN
    setweight(to_tsvector('simple', casestudies_fold({row}.title_cy)), 'A') ||
    setweight(to_tsvector('simple', casestudies_fold({row}.summary_cy)), 'B') ||
    setweight(to_tsvector('simple', casestudies_fold({body})), 'C')
  END"""


def _postgres_search() -> str:
    searching = importlib.import_module("casestudies.migrations.0008_search_documents_and_catalogue_version")
    rank = searching.RANK.format(row="NEW", council="council_name")
    welsh = WELSH_VECTOR.format(row="NEW", body=WELSH_BODY.format(row="NEW"))
    return f"""
CREATE OR REPLACE FUNCTION casestudies_fold(body text) RETURNS text AS $$
  SELECT translate(lower(body), '{FOLDED_FROM}', '{FOLDED_TO}')
$$ LANGUAGE sql IMMUTABLE;

ALTER TABLE casestudies_searchdocument ADD COLUMN IF NOT EXISTS welsh_vector tsvector;
CREATE INDEX IF NOT EXISTS searchdocument_welsh_gin ON casestudies_searchdocument USING gin (welsh_vector);

CREATE OR REPLACE FUNCTION casestudies_searchdocument_update() RETURNS trigger AS $$
DECLARE
  council_name text;
  ranked tsvector;
BEGIN
  SELECT name INTO council_name FROM casestudies_council WHERE id = NEW.lead_council_id;
  ranked := {rank};
  INSERT INTO casestudies_searchdocument (case_study_id, published_at, rank_vector, full_vector, welsh_vector)
  VALUES (NEW.id, NEW.published_at, ranked, ranked || {searching.BODY.format(row="NEW")}, {welsh})
  ON CONFLICT (case_study_id) DO UPDATE
    SET published_at = EXCLUDED.published_at,
        rank_vector = EXCLUDED.rank_vector,
        full_vector = EXCLUDED.full_vector,
        welsh_vector = EXCLUDED.welsh_vector;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS casestudies_searchdocument_trigger ON casestudies_casestudy;
CREATE TRIGGER casestudies_searchdocument_trigger
  AFTER INSERT OR UPDATE OF title, summary, challenge, solution, impact, sustainability, lessons,
    partners, lead_council_id, published_at,
    title_cy, summary_cy, challenge_cy, solution_cy, impact_cy, sustainability_cy, lessons_cy
  ON casestudies_casestudy
  FOR EACH ROW EXECUTE FUNCTION casestudies_searchdocument_update();
"""


def _postgres_vocabulary(with_welsh: bool) -> str:
    """The vocabulary trigger's function (migration 0009), counting the Welsh text's words too when asked."""
    vocabulary = importlib.import_module("casestudies.migrations.0009_search_vocabulary_and_synonyms")
    text, compared = vocabulary.PG_TEXT, vocabulary.PG_COMPARED
    if with_welsh:
        welsh = " || ".join(f"' ' || coalesce({{row}}.{name}, '')" for name in WELSH_FIELDS)
        text = f"{text} || {welsh}"
        compared = compared[:-1] + ", " + ", ".join(f"{{row}}.{name}" for name in WELSH_FIELDS) + ")"
    body = vocabulary.PG_FORWARD
    start = body.index("CREATE OR REPLACE FUNCTION casestudies_searchword_documents()")
    end = body.index("CREATE TRIGGER casestudies_words_insert")
    function = body[start:end]
    return (
        function.replace(vocabulary.PG_TEXT.format(row="r"), text.format(row="r"))
        .replace(vocabulary.PG_TEXT.format(row="n"), text.format(row="n"))
        .replace(vocabulary.PG_TEXT.format(row="o"), text.format(row="o"))
        .replace(vocabulary.PG_COMPARED.format(row="o"), compared.format(row="o"))
        .replace(vocabulary.PG_COMPARED.format(row="n"), compared.format(row="n"))
    )


WELSH_FIELDS = (
    "title_cy",
    "summary_cy",
    "challenge_cy",
    "solution_cy",
    "impact_cy",
    "sustainability_cy",
    "lessons_cy",
)


def search_forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in SQLITE_SEARCH:
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        schema_editor.execute(_postgres_search())
        schema_editor.execute(_postgres_vocabulary(with_welsh=True))


def search_backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in SQLITE_SEARCH_BACKWARD:
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        searching = importlib.import_module(
            "casestudies.migrations.0008_search_documents_and_catalogue_version"
        )
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS casestudies_searchdocument_trigger ON casestudies_casestudy;"
        )
        schema_editor.execute(
            searching.POSTGRES_SEARCH.split(
                "INSERT INTO casestudies_searchdocument (case_study_id, published_at, rank_vector, full_vector)\nSELECT"
            )[0]
        )
        schema_editor.execute(_postgres_vocabulary(with_welsh=False))
        schema_editor.execute(
            "DROP INDEX IF EXISTS searchdocument_welsh_gin; "
            "ALTER TABLE casestudies_searchdocument DROP COLUMN IF EXISTS welsh_vector; "
            "DROP FUNCTION IF EXISTS casestudies_fold(text);"
        )


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
        ("casestudies", "0021_contact_language"),
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
        migrations.RunPython(search_forward, search_backward),
    ]

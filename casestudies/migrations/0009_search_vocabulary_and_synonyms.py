"""Search that forgives people: real full-text search on SQLite, a vocabulary for spelling on both databases,
and the synonym list editors manage.

SQLite: ``casestudies_fts``, an external-content FTS5 table over the published case studies (the view
``casestudies_search_source``: title, summary, lead council, the template sections as one body, partners), with the
``porter unicode61 remove_diacritics 2`` tokenizer; ``casestudies_fts_words``, the same text without stemming, whose
``fts5vocab`` table ``casestudies_fts_vocab`` is the vocabulary of words as written. Triggers keep both in step
with every change to a published case study and to a council's name.

PostgreSQL: ``casestudies_searchword`` (word, documents, names, stem) kept by statement triggers on case studies
(the words of published ones, counted per document) and on councils and topics (the words of their names), with a
``pg_trgm`` index to find the words close to a misspelling. A renamed council now refreshes its case studies'
search entries.
"""

from django.db import migrations, models

BODY = "{row}.challenge || ' ' || {row}.solution || ' ' || {row}.impact || ' ' || {row}.sustainability || ' ' || {row}.lessons"
COUNCIL = "(SELECT name FROM casestudies_council WHERE id = {row}.lead_council_id)"

SQLITE_FORWARD = [
    f"""CREATE VIEW IF NOT EXISTS casestudies_search_source AS
    SELECT cs.id AS id, cs.title AS title, cs.summary AS summary, council.name AS council,
           {BODY.format(row="cs")} AS body, cs.partners AS partners
    FROM casestudies_casestudy cs JOIN casestudies_council council ON council.id = cs.lead_council_id
    WHERE cs.status = 'published'""",
    """CREATE VIRTUAL TABLE IF NOT EXISTS casestudies_fts USING fts5(
    title, summary, council, body, partners,
    content='casestudies_search_source', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2', prefix='2 3')""",
    """CREATE VIRTUAL TABLE IF NOT EXISTS casestudies_fts_words USING fts5(
    title, summary, body, partners,
    content='casestudies_search_source', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', detail='none')""",
    "CREATE VIRTUAL TABLE IF NOT EXISTS casestudies_fts_vocab USING fts5vocab(casestudies_fts_words, 'row')",
    "INSERT INTO casestudies_fts(casestudies_fts) VALUES ('rebuild')",
    "INSERT INTO casestudies_fts_words(casestudies_fts_words) VALUES ('rebuild')",
]
FTS_COLUMNS = "rowid, title, summary, council, body, partners"
WORDS_COLUMNS = "rowid, title, summary, body, partners"


def fts_values(row: str, council: str) -> str:
    return f"{row}.id, {row}.title, {row}.summary, {council}, {BODY.format(row=row)}, {row}.partners"


def words_values(row: str) -> str:
    return f"{row}.id, {row}.title, {row}.summary, {BODY.format(row=row)}, {row}.partners"


def fts_insert(row: str, council: str, where: str = "") -> str:
    return (
        f"INSERT INTO casestudies_fts({FTS_COLUMNS}) SELECT {fts_values(row, council)} {where};\n"
        f"  INSERT INTO casestudies_fts_words({WORDS_COLUMNS}) SELECT {words_values(row)} {where};"
    )


def fts_delete(row: str, council: str, where: str = "") -> str:
    return (
        f"INSERT INTO casestudies_fts(casestudies_fts, {FTS_COLUMNS}) SELECT 'delete', {fts_values(row, council)} {where};\n"
        f"  INSERT INTO casestudies_fts_words(casestudies_fts_words, {WORDS_COLUMNS}) SELECT 'delete', {words_values(row)} {where};"
    )


SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER IF NOT EXISTS casestudies_fts_insert AFTER INSERT ON casestudies_casestudy
WHEN NEW.status = 'published'
BEGIN
  {fts_insert("NEW", COUNCIL.format(row="NEW"))}
END""",
    f"""CREATE TRIGGER IF NOT EXISTS casestudies_fts_delete AFTER DELETE ON casestudies_casestudy
WHEN OLD.status = 'published'
BEGIN
  {fts_delete("OLD", COUNCIL.format(row="OLD"))}
END""",
    f"""CREATE TRIGGER IF NOT EXISTS casestudies_fts_update
AFTER UPDATE OF status, title, summary, challenge, solution, impact, sustainability, lessons, partners,
  lead_council_id ON casestudies_casestudy
WHEN OLD.status = 'published' OR NEW.status = 'published'
BEGIN
  {fts_delete("OLD", COUNCIL.format(row="OLD"), "WHERE OLD.status = 'published'")}
  {fts_insert("NEW", COUNCIL.format(row="NEW"), "WHERE NEW.status = 'published'")}
END""",
    # Only the stemmed table holds the council's name.
    f"""CREATE TRIGGER IF NOT EXISTS casestudies_fts_council AFTER UPDATE OF name ON casestudies_council
BEGIN
  INSERT INTO casestudies_fts(casestudies_fts, {FTS_COLUMNS})
    SELECT 'delete', {fts_values("cs", "OLD.name")} FROM casestudies_casestudy cs
    WHERE cs.lead_council_id = OLD.id AND cs.status = 'published';
  INSERT INTO casestudies_fts({FTS_COLUMNS})
    SELECT {fts_values("cs", "NEW.name")} FROM casestudies_casestudy cs
    WHERE cs.lead_council_id = NEW.id AND cs.status = 'published';
END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS casestudies_fts_insert",
    "DROP TRIGGER IF EXISTS casestudies_fts_delete",
    "DROP TRIGGER IF EXISTS casestudies_fts_update",
    "DROP TRIGGER IF EXISTS casestudies_fts_council",
    "DROP TABLE IF EXISTS casestudies_fts_vocab",
    "DROP TABLE IF EXISTS casestudies_fts_words",
    "DROP TABLE IF EXISTS casestudies_fts",
    "DROP VIEW IF EXISTS casestudies_search_source",
]

PG_TEXT = (
    "coalesce({row}.title, '') || ' ' || coalesce({row}.summary, '') || ' ' || coalesce({row}.challenge, '') || ' ' || "
    "coalesce({row}.solution, '') || ' ' || coalesce({row}.impact, '') || ' ' || coalesce({row}.sustainability, '') || ' ' || "
    "coalesce({row}.lessons, '') || ' ' || coalesce({row}.partners, '')"
)
PG_COMPARED = "ROW({row}.status, {row}.title, {row}.summary, {row}.challenge, {row}.solution, {row}.impact, {row}.sustainability, {row}.lessons, {row}.partners)"
# Each (sign, text) of ``changes`` adds its words to the counts (sign 1) or takes them away (sign -1).
PG_COUNT_WORDS = """
  WITH changes(sign, body) AS ({changes}),
  delta AS (
    SELECT w AS word, sum(changes.sign)::int AS n
    FROM changes, casestudies_words(changes.body) w
    GROUP BY w HAVING sum(changes.sign) <> 0
  )
  INSERT INTO casestudies_searchword AS sw (word, documents, names, stem)
  SELECT word, n, 0, coalesce((ts_lexize('english_stem', word))[1], word) FROM delta
  ON CONFLICT (word) DO UPDATE SET documents = sw.documents + EXCLUDED.documents;
"""
PG_FORWARD = f"""
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS searchword_trgm ON casestudies_searchword USING gin (word gin_trgm_ops);
CREATE INDEX IF NOT EXISTS searchword_stem ON casestudies_searchword (stem);

-- The distinct words of a text as the vocabulary keeps them: lower case, letters only, 2 to 60 of them.
CREATE OR REPLACE FUNCTION casestudies_words(body text) RETURNS SETOF text AS $$
  SELECT DISTINCT w FROM unnest(tsvector_to_array(to_tsvector('simple', body))) w
  WHERE w ~ '^[[:alpha:]]{{2,60}}$'
$$ LANGUAGE sql IMMUTABLE;

CREATE OR REPLACE FUNCTION casestudies_searchword_documents() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    {PG_COUNT_WORDS.format(changes=f"SELECT 1, {PG_TEXT.format(row='r')} FROM new_rows r WHERE r.status = 'published'")}
  ELSIF TG_OP = 'DELETE' THEN
    {PG_COUNT_WORDS.format(changes=f"SELECT -1, {PG_TEXT.format(row='r')} FROM old_rows r WHERE r.status = 'published'")}
  ELSE
    {PG_COUNT_WORDS.format(changes=f'''
      SELECT s.sign, s.body FROM old_rows o JOIN new_rows n ON n.id = o.id
      CROSS JOIN LATERAL (
        SELECT 1, {PG_TEXT.format(row='n')} WHERE n.status = 'published'
        UNION ALL SELECT -1, {PG_TEXT.format(row='o')} WHERE o.status = 'published'
      ) s(sign, body)
      WHERE (o.status = 'published' OR n.status = 'published')
        AND {PG_COMPARED.format(row='o')} IS DISTINCT FROM {PG_COMPARED.format(row='n')}''')}
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER casestudies_words_insert AFTER INSERT ON casestudies_casestudy
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casestudies_searchword_documents();
CREATE TRIGGER casestudies_words_update AFTER UPDATE ON casestudies_casestudy
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION casestudies_searchword_documents();
CREATE TRIGGER casestudies_words_delete AFTER DELETE ON casestudies_casestudy
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION casestudies_searchword_documents();

-- Names are few: any change to councils or topics counts their words again.
CREATE OR REPLACE FUNCTION casestudies_searchword_names() RETURNS trigger AS $$
BEGIN
  UPDATE casestudies_searchword SET names = 0 WHERE names <> 0;
  INSERT INTO casestudies_searchword AS sw (word, documents, names, stem)
  SELECT w, 0, count(*), coalesce((ts_lexize('english_stem', w))[1], w)
  FROM (SELECT name FROM casestudies_council WHERE is_current UNION ALL SELECT name FROM casestudies_topic) n,
       casestudies_words(n.name) w
  GROUP BY w
  ON CONFLICT (word) DO UPDATE SET names = EXCLUDED.names;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER casestudies_words_names AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON casestudies_council
  FOR EACH STATEMENT EXECUTE FUNCTION casestudies_searchword_names();
CREATE TRIGGER casestudies_words_names AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON casestudies_topic
  FOR EACH STATEMENT EXECUTE FUNCTION casestudies_searchword_names();

-- A renamed council: its case studies' search entries take the new name (the search table's row trigger fires on
-- lead_council_id; migration 0008 missed renames).
CREATE OR REPLACE FUNCTION casestudies_council_renamed() RETURNS trigger AS $$
BEGIN
  UPDATE casestudies_casestudy SET lead_council_id = lead_council_id WHERE lead_council_id = NEW.id;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER casestudies_council_renamed AFTER UPDATE OF name ON casestudies_council
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION casestudies_council_renamed();

-- Fill from what is there.
{PG_COUNT_WORDS.format(changes=f"SELECT 1, {PG_TEXT.format(row='r')} FROM casestudies_casestudy r WHERE r.status = 'published'")}
UPDATE casestudies_topic SET name = name WHERE false;
"""
PG_BACKWARD = """
DROP TRIGGER IF EXISTS casestudies_words_insert ON casestudies_casestudy;
DROP TRIGGER IF EXISTS casestudies_words_update ON casestudies_casestudy;
DROP TRIGGER IF EXISTS casestudies_words_delete ON casestudies_casestudy;
DROP TRIGGER IF EXISTS casestudies_words_names ON casestudies_council;
DROP TRIGGER IF EXISTS casestudies_words_names ON casestudies_topic;
DROP TRIGGER IF EXISTS casestudies_council_renamed ON casestudies_council;
DROP FUNCTION IF EXISTS casestudies_council_renamed();
DROP FUNCTION IF EXISTS casestudies_searchword_documents();
DROP FUNCTION IF EXISTS casestudies_searchword_names();
DROP FUNCTION IF EXISTS casestudies_words(text);
"""


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD)
    elif vendor == "sqlite":
        for statement in [*SQLITE_FORWARD, *SQLITE_TRIGGERS]:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD)
    elif vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0008_search_documents_and_catalogue_version"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("word", models.CharField(max_length=60, primary_key=True, serialize=False)),
                ("documents", models.IntegerField(default=0)),
                ("names", models.IntegerField(default=0)),
                ("stem", models.CharField(default="", max_length=60)),
            ],
        ),
        migrations.CreateModel(
            name="SynonymGroup",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "terms",
                    models.TextField(
                        help_text="One term per line, at least two: an abbreviation, a word or a phrase, e.g. “EV” and “electric vehicle”. Capitals and plurals do not matter."
                    ),
                ),
                ("note", models.CharField(blank=True, help_text="Optional: why these belong together.", max_length=200)),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "synonym group",
                "ordering": ["terms"],
            },
        ),
        migrations.CreateModel(
            name="SynonymSeed",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=100, unique=True)),
                ("loaded_at", models.DateTimeField(auto_now_add=True)),
            ],
        ),
        migrations.RunPython(forward, backward),
    ]

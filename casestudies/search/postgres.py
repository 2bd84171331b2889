"""PostgreSQL full-text search over the narrow ``casestudies_searchdocument`` table (migrations 0008 and 0013), and
the vocabulary in ``casestudies_searchword`` (migration 0009).

Each term is compiled to a ``phraseto_tsquery`` call (Django's ``SearchQuery``), its words passed as parameters:
the user's text is never parsed as tsquery syntax. ``casestudies_postings()`` (migration 0013) matches a list of
terms in one statement and returns, packed, each match with the fields it is in: ranking is ``scoring``'s, the same
on both databases.
"""

from functools import reduce

import numpy as np
from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.db import connections
from django.db.models import F, Func, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat, Replace
from django.db.models.sql import Query as SQLQuery

from casestudies.models import CaseStudy, SearchDocument

from .common import MARK_END, MARK_START, SEARCH_CONFIG, fold, searching_welsh
from .query import ADJACENT, SYNONYM, Term
from .scoring import Posting
from .words import STOP_WORDS

# Every match of every term, packed as (2-byte term number * 4 + field flags, 4-byte score, 8-byte id); see migration
# 0013 for why the plan is pinned to the GIN indexes inside the function.
POSTINGS_SQL = "SELECT casestudies_postings(ARRAY[{queries}]::tsquery[], %s::boolean[], %s::boolean[])"
PACKED = np.dtype([("term", ">i2"), ("score", ">f4"), ("id", ">i8")])
# A phrase of common words makes the GIN index recheck the full vector of every case study with all its words
# (measured at 100,000: "town centre" 350 ms). A synonym phrase whose rarest word is in more case studies than
# this is matched in the title, summary and lead council only (the short vector, under a GIN index of its own).
PHRASE_FULL_LIMIT = 5000
# ts_headline takes "<b>" in the text for markup and drops it; hide "<" from it and put it back after.
LT_PLACEHOLDER = "\ue000"

FREQUENCIES_SQL = """
SELECT q.w, coalesce(max(sw.documents), 0), coalesce(max(sw.names), 0) FROM unnest(%s::text[]) q(w)
LEFT JOIN casestudies_searchword sw
  ON sw.word = q.w OR sw.stem = coalesce((ts_lexize('english_stem', q.w))[1], q.w)
GROUP BY q.w
"""
# ``%%`` is pg_trgm's similarity operator (``%`` escaped for the driver): served by the trigram index.
CANDIDATES_SQL = """
SELECT q.w, c.word, c.frequency FROM unnest(%s::text[]) q(w)
CROSS JOIN LATERAL (
  SELECT sw.word, sw.documents + sw.names AS frequency FROM casestudies_searchword sw
  WHERE sw.word %% q.w AND length(sw.word) BETWEEN length(q.w) - 2 AND length(q.w) + 2
    AND (sw.documents > 0 OR sw.names > 0)
  ORDER BY similarity(sw.word, q.w) DESC, sw.word LIMIT 40
) c
"""
PUBLISHED_SQL = "SELECT id FROM casestudies_casestudy WHERE status = 'published'"
# The words of the case studies that start with a given word, most frequent first (the LIKE uses the
# varchar_pattern_ops index; "%" and "_" in the word are escaped).
COMPLETIONS_SQL = """
SELECT q.w, c.word, c.documents FROM unnest(%s::text[]) q(w)
CROSS JOIN LATERAL (
  SELECT sw.word, sw.documents FROM casestudies_searchword sw
  WHERE sw.word LIKE replace(replace(q.w, '%%', '\\%%'), '_', '\\_') || '%%' AND sw.word <> q.w AND sw.documents > 0
  ORDER BY sw.documents DESC, sw.word LIMIT 3
) c
"""


def searchable(term: Term) -> bool:
    """A term with a word the ``english`` configuration keeps (stop words alone match nothing)."""
    return bool(set(term.words) - STOP_WORDS)


def _tsquery(term: Term) -> SearchQuery:
    if term.phrase or len(term.words) == 1:
        return SearchQuery(" ".join(term.words), search_type="phrase", config=SEARCH_CONFIG)
    return reduce(
        lambda a, b: a & b, (SearchQuery(w, search_type="phrase", config=SEARCH_CONFIG) for w in term.words)
    )


def _sql(expression, using: str) -> tuple[str, list]:
    sql_query = SQLQuery(SearchDocument)
    compiler = sql_query.get_compiler(using=using)
    sql, params = compiler.compile(expression.resolve_expression(sql_query))
    return sql, list(params)


def postings_sql(using: str, terms: list[tuple[Term, bool, bool]]) -> tuple[str, list]:
    """The statement for ``terms``: (term, matched in the rank vector only, with scores)."""
    parts = [_sql(_tsquery(term), using) for term, _, _ in terms]
    sql = POSTINGS_SQL.format(queries=", ".join(part for part, _ in parts))
    flags = [[rank_only for _, rank_only, _ in terms], [scored for _, _, scored in terms]]
    return sql, [p for _, params in parts for p in params] + flags


def postings(
    using: str, terms: list[Term], frequencies: dict[str, int], with_scores: list[bool]
) -> list[Posting]:
    """Each term's matches, with the fields each is in and (where asked) how much each says it
    (``ts_rank`` of the full vector, normalised by its length), from one statement."""
    wanted = [
        (term, _rank_only(term, frequencies), scored)
        for term, scored in zip(terms, with_scores, strict=True)
        if searchable(term)
    ]
    found = {id(term): Posting.empty() for term in terms}
    if wanted:
        sql, params = postings_sql(using, wanted)
        welsh = searching_welsh()
        if welsh:  # the Welsh versions' matches, in the same statement (issue 23)
            welsh_sql, welsh_params = welsh_postings_sql(wanted)
            sql, params = f"{sql}, {welsh_sql}", [*params, *welsh_params]
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            packed, *in_welsh = cursor.fetchone()
        rows = np.frombuffer(packed or b"", dtype=PACKED)
        numbers = rows["term"].astype(np.int64)
        extra = np.array(in_welsh[0] if in_welsh and in_welsh[0] else [], dtype=np.float64).reshape(-1, 5)
        for n, (term, _, scored) in enumerate(wanted, start=1):
            mine = (numbers >> 2) == n
            ids, fields = rows["id"][mine].astype(np.int64), (numbers[mine] & 3).astype(np.uint8)
            scores = rows["score"][mine].astype(np.float64)
            cy = extra[extra[:, 0] == n]
            english = None
            if len(cy):
                english = np.concatenate([np.ones(len(ids), dtype=bool), np.zeros(len(cy), dtype=bool)])
                ids = np.concatenate([ids, cy[:, 1].astype(np.int64)])
                fields = np.concatenate([fields, (cy[:, 2] + 2 * cy[:, 3]).astype(np.uint8)])
                scores = np.concatenate([scores, cy[:, 4]])
                order = np.argsort(ids, kind="stable")
                ids, first = np.unique(ids[order], return_index=True)
                fields = np.bitwise_or.reduceat(fields[order], first)
                scores = np.maximum.reduceat(scores[order], first)
                english = np.logical_or.reduceat(english[order], first)
            found[id(term)] = Posting(
                ids=ids, fields=fields, scores=scores if scored else None, english=english
            )
    return [found[id(term)] for term in terms]


# A Welsh term: its words folded as the index folds them (migration 0020), matched without stemming.
WELSH_WORDS = "phraseto_tsquery('simple', casestudies_fold(%s))"
WELSH_MATCH = (
    "SELECT {n}::float8 AS n, d.case_study_id::float8 AS id, "
    "(ts_rank('{{0,0,0,1}}', d.welsh_vector, q) > 0)::int::float8 AS title, "
    "(ts_rank('{{0,0,1,0}}', d.welsh_vector, q) > 0)::int::float8 AS summary, {score}::float8 AS score "
    "FROM casestudies_searchdocument d CROSS JOIN (SELECT {query}) x(q) WHERE d.welsh_vector @@ q"
)


def welsh_postings_sql(terms: list[tuple[Term, bool, bool]]) -> tuple[str, list]:
    """Every term's matches in the Welsh versions as rows (term number, id, in the title, in the summary, score),
    gathered into one array."""
    arms, params = [], []
    for n, (term, _, scored) in enumerate(terms, start=1):
        parts = [" ".join(term.words)] if term.phrase or len(term.words) == 1 else list(term.words)
        query = " && ".join(WELSH_WORDS for _ in parts)
        score = "ts_rank(d.welsh_vector, q, 1)" if scored else "0"
        arms.append(WELSH_MATCH.format(n=n, score=score, query=query))
        params += parts
    rows = " UNION ALL ".join(arms)
    return f"ARRAY(SELECT ARRAY[w.n, w.id, w.title, w.summary, w.score] FROM ({rows}) w)", params


def _rank_only(term: Term, frequencies: dict[str, int]) -> bool:
    if term.kind == ADJACENT:
        return True
    if not (term.phrase and term.kind == SYNONYM and len(term.words) > 1):
        return False
    kept = [w for w in term.words if w not in STOP_WORDS]
    return bool(kept) and min(frequencies.get(w, 0) for w in kept) > PHRASE_FULL_LIMIT


def published_ids(using: str) -> np.ndarray:
    with connections[using].cursor() as cursor:
        cursor.execute(PUBLISHED_SQL)
        return np.array([row[0] for row in cursor.fetchall()], dtype=np.int64)


def restrict(queryset: QuerySet, ids: list[int], *, rank: bool) -> QuerySet:
    """``queryset`` narrowed to ``ids`` (one array parameter), with ``rank`` (earlier in ``ids`` is higher)."""
    table = queryset.model._meta.db_table
    queryset = queryset.filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", [ids]))
    if rank:
        position = RawSQL(f'-array_position(%s::bigint[], "{table}"."id")', [ids])
        queryset = queryset.annotate(rank=position)
    return queryset


HEADLINE = {
    "start_sel": MARK_START,
    "stop_sel": MARK_END,
    "max_words": 35,
    "min_words": 15,
    "short_word": 3,
    "max_fragments": 2,
    "fragment_delimiter": " … ",
}


def excerpts(
    using: str, ids: list[int], terms: list[Term], *, welsh: bool = False
) -> dict[int, tuple[str, str]]:
    """For each case study, ``ts_headline`` of its sections when they have a matched word, else of its summary:
    (``"sections"`` or ``"summary"``, text with the marks, not escaped). ``welsh``: of the Welsh versions, for the
    case studies that have one (``welsh_excerpts``)."""
    if welsh:
        return welsh_excerpts(using, ids, terms)
    kept = [term for term in terms if searchable(term)]
    if not kept:
        return {}
    expression = reduce(lambda a, b: a | b, (_tsquery(term) for term in kept))
    options = HEADLINE
    summary = SearchHeadline(
        _hide_lt(F("summary")), expression, config=SEARCH_CONFIG, highlight_all=True, **_only_marks()
    )
    body = SearchHeadline(
        Concat(
            *[part for field in CaseStudy.SECTION_FIELDS for part in (_hide_lt(F(field)), Value(" "))],
            output_field=TextField(),
        ),
        expression,
        config=SEARCH_CONFIG,
        **options,
    )
    rows = CaseStudy.objects.using(using).filter(pk__in=ids).annotate(summary_hl=summary, body_hl=body)
    found = {}
    for pk, summary_hl, body_hl in rows.values_list("pk", "summary_hl", "body_hl"):
        chosen = ("sections", body_hl) if MARK_START in body_hl else ("summary", summary_hl)
        found[pk] = (chosen[0], chosen[1].replace(LT_PLACEHOLDER, "<"))
    return found


# A fragment delimiter no text has: the Welsh fragments are found again in the text one by one.
WELSH_FRAGMENTS = "\x04"


def welsh_excerpts(using: str, ids: list[int], terms: list[Term]) -> dict[int, tuple[str, str]]:
    """``excerpts`` of the Welsh versions. The Welsh index folds diacritics (``casestudies_fold()``, migration 0022),
    and ``ts_headline`` with ``simple`` only marks what its query matches as written, so it reads the folded text,
    and each fragment it gives, marks taken out, is found in the folded text and shown from the text as written,
    marks put back at the same places (folding keeps every character's place): "Mon" marks "Môn"."""
    kept = [term for term in terms if any(term.words)]
    if not kept or not ids:
        return {}
    expression = reduce(lambda a, b: a | b, (_welsh_tsquery(term) for term in kept))

    def folded(expression):
        return Func(_hide_lt(expression), function="casestudies_fold", output_field=TextField())

    body = Concat(
        *[part for field in CaseStudy.WELSH_SECTIONS for part in (F(field), Value(" "))],
        output_field=TextField(),
    )
    options = HEADLINE | {"fragment_delimiter": WELSH_FRAGMENTS}
    rows = (
        CaseStudy.objects.using(using)
        .filter(pk__in=ids)
        .exclude(title_cy="")
        .annotate(
            summary_hl=SearchHeadline(
                folded(F("summary_cy")), expression, config="simple", highlight_all=True, **_only_marks()
            ),
            body_hl=SearchHeadline(folded(body), expression, config="simple", **options),
        )
        .values_list("pk", "summary_cy", *CaseStudy.WELSH_SECTIONS, "summary_hl", "body_hl")
    )
    found = {}
    for pk, summary, *sections, summary_hl, body_hl in rows:
        if MARK_START in body_hl:
            text = "".join(f"{section} " for section in sections)
            fragments = [_as_written(fragment, text) for fragment in body_hl.split(WELSH_FRAGMENTS)]
            where, shown = "sections", None if None in fragments else " … ".join(fragments)
        else:
            where, shown = "summary", _as_written(summary_hl, summary)
        if shown is not None:
            found[pk] = (where, shown)
    return found


def _welsh_tsquery(term: Term) -> SearchQuery:
    """The term as the Welsh postings match it (``WELSH_WORDS``): folded, not stemmed."""
    parts = [" ".join(term.words)] if term.phrase or len(term.words) == 1 else list(term.words)
    return reduce(
        lambda a, b: a & b, (SearchQuery(fold(p), search_type="phrase", config="simple") for p in parts)
    )


def _as_written(marked: str, text: str) -> str | None:
    """``marked`` (a piece of the folded ``text`` with marks) in ``text`` as written, or None when it is not there
    (a character PostgreSQL's ``lower()`` folds differently)."""
    plain = marked.replace(MARK_START, "").replace(MARK_END, "")
    written = text.replace("<", LT_PLACEHOLDER)
    folded = fold(written)
    at = folded.find(plain)
    if at < 0 or len(folded) != len(written):
        return None
    shown, position = [], at
    for character in marked:
        if character in (MARK_START, MARK_END):
            shown.append(character)
        else:
            shown.append(written[position])
            position += 1
    return "".join(shown).replace(LT_PLACEHOLDER, "<")


def _only_marks() -> dict:
    return {"start_sel": MARK_START, "stop_sel": MARK_END}


def _hide_lt(expression):
    return Replace(expression, Value("<"), Value(LT_PLACEHOLDER), output_field=TextField())


# The vocabulary


def frequencies(
    using: str, words: list[str], *, version: int | None = None, stems: set[str] | None = None
) -> dict[str, tuple[int, int]]:
    """For each word: (case studies with it or a word of the same stem, council and topic names with it). Every word
    is looked up by its stem too (``stems`` is for SQLite, where that costs a lookup a word)."""
    if not words:
        return {}
    known = _known_frequencies(using, version)
    found = {word: known[word] for word in words if word in known}
    missing = [word for word in words if word not in found]
    if missing:
        with connections[using].cursor() as cursor:
            cursor.execute(FREQUENCIES_SQL, [missing])
            looked_up = {word: (documents, names) for word, documents, names in cursor.fetchall()}
        found |= looked_up
        if version is not None and len(known) + len(looked_up) <= KNOWN_FREQUENCIES:
            known |= looked_up
    return found


# Words already looked up, per database and catalogue version token: a search and the related terms of its first
# results ask for the same words again and again, and the vocabulary changes only with the catalogue.
KNOWN_FREQUENCIES = 50_000
_frequencies: dict[str, tuple[int | None, dict[str, tuple[int, int]]]] = {}


def _known_frequencies(using: str, version: int | None) -> dict[str, tuple[int, int]]:
    if version is None:
        return {}
    held = _frequencies.get(using)
    if held is None or held[0] != version:
        held = (version, {})
        _frequencies[using] = held
    return held[1]


def completions(using: str, words: list[str], *, version: int | None = None) -> dict[str, dict[str, int]]:
    """For each word, the most frequent words of the case studies that start with it (at most three)."""
    found: dict[str, dict[str, int]] = {word: {} for word in words}
    with connections[using].cursor() as cursor:
        cursor.execute(COMPLETIONS_SQL, [words])
        for word, completion, documents in cursor.fetchall():
            found[word][completion] = documents
    return found


def candidates(
    using: str, words: list[str], *, version: int | None = None
) -> dict[str, list[tuple[str, int]]]:
    """Vocabulary words close to each of ``words`` (trigram similarity), with their frequencies."""
    found: dict[str, list[tuple[str, int]]] = {}
    with connections[using].cursor() as cursor:
        cursor.execute(CANDIDATES_SQL, [words])
        for word, candidate, frequency in cursor.fetchall():
            found.setdefault(word, []).append((candidate, frequency))
    return found

"""The embedded default's search: SQLite FTS5 (migrations/0009).

``casestudies_fts`` indexes the published case studies (title, summary, council, body, partners) with the
``porter unicode61 remove_diacritics 2`` tokenizer; ``bm25()`` ranks with PostgreSQL's field weights and
``snippet()`` makes the excerpts. A parsed query is compiled to FTS5 syntax with every word in double quotes, so
nothing a person types is read as an FTS5 operator. The vocabulary for spelling is ``casestudies_fts_vocab`` (the
words as written) with the council and topic names, held per process until the catalogue changes.
"""

import numpy as np
from django.db import connections
from django.db.models import FloatField, QuerySet, Value
from django.db.models.expressions import RawSQL
from rapidfuzz import process
from rapidfuzz.distance import OSA

from casestudies.models import CatalogueVersion, Council, Topic
from casestudies.ops.versioned import PerVersion

from .common import MARK_END, MARK_START, PACKED, WEIGHT_A, WEIGHT_B, WEIGHT_C, tiered
from .query import STOP_WORDS, Clause, Query, Term, words_of

BM25 = f"bm25(casestudies_fts, {WEIGHT_A}, {WEIGHT_B}, {WEIGHT_B}, {WEIGHT_C}, {WEIGHT_C})"
MATCH = "SELECT rowid FROM casestudies_fts WHERE casestudies_fts MATCH %s"
PUBLISHED = "SELECT id FROM casestudies_casestudy WHERE status = 'published'"
SNIPPET = "snippet(casestudies_fts, {column}, %s, %s, '…', 35)"
SUMMARY_COLUMN, BODY_COLUMN = 1, 3
RANK_COLUMNS = ("title", "summary", "council")
MATCH_SCORED = f"SELECT rowid, -{BM25} FROM casestudies_fts WHERE casestudies_fts MATCH %s"


def _quoted(words: tuple[str, ...]) -> str:
    return '"' + " ".join(words).replace('"', '""') + '"'


def _term(term: Term) -> str | None:
    if term.phrase:
        return _quoted(term.words) if set(term.words) - STOP_WORDS else None
    words = [w for w in term.words if w not in STOP_WORDS]
    if not words:
        return None
    parts = [_quoted((w,)) for w in words]
    return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"


def _clause(clause: Clause) -> str | None:
    parts = list(dict.fromkeys(p for p in (_term(t) for t in clause.alternatives) if p))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def fts_query(query: Query) -> tuple[str | None, str | None]:
    """(what must match, what must not) in FTS5 syntax; either may be None."""

    def joined(clauses, operator):
        parts = [p for p in (_clause(c) for c in clauses) if p]
        return f" {operator} ".join(parts) or None

    return joined(query.positive, "AND"), joined(query.negative, "OR")


def _match_sql(query: Query) -> tuple[str, list] | None:
    """SQL selecting the matching rowids, with its parameters; None when nothing can match."""
    positive, negative = fts_query(query)
    if positive and negative:
        return MATCH, [f"({positive}) NOT ({negative})"]
    if positive:
        return MATCH, [positive]
    if negative and not query.positive:  # only exclusions: every published case study without them
        return f"{PUBLISHED} AND id NOT IN ({MATCH})", [negative]
    return None


def _rank_match(positive: str) -> str:
    """What is ranked: matches in the title, summary and lead council, as PostgreSQL ranks on its rank vector.
    A case study matching in the other sections only ranks 0 (newest first among those), and bm25 is not
    computed for it, which saves most of the time of a keyword matching nearly everything."""
    return f"{{{' '.join(RANK_COLUMNS)}}} : ({positive})"


def _exact_flag(query: Query, column: str = "rowid") -> tuple[str, list]:
    """1 for an exact match, 0 for a match through a synonym only."""
    if not query.has_synonyms:
        return "1", []
    exact_sql, exact_params = _match_sql(query.exact())
    return f"{column} IN ({exact_sql})", exact_params


def ranked_pairs(using: str, query: Query) -> np.ndarray:
    match = _match_sql(query)
    if match is None:
        return np.zeros(0, dtype=PACKED)
    positive, _ = fts_query(query)
    with connections[using].cursor() as cursor:
        if positive is None:
            cursor.execute(match[0], match[1])
            rows = [(row[0], 1) for row in cursor.fetchall()]
        else:
            exact_sql, exact_params = _exact_flag(query)
            cursor.execute(f"SELECT rowid, {exact_sql} FROM ({match[0]})", [*exact_params, *match[1]])
            rows = cursor.fetchall()
        ids = np.array([row[0] for row in rows], dtype=np.int64)
        exact = np.array([row[1] for row in rows], dtype=np.float64)
        scores = np.zeros(len(ids))
        if positive is not None and len(ids):
            cursor.execute(MATCH_SCORED, [_rank_match(positive)])
            scored = dict(cursor.fetchall())
            if scored:
                scores = np.array([scored.get(pk, 0.0) for pk in ids.tolist()], dtype=np.float64)
    pairs = np.zeros(len(ids), dtype=PACKED)
    pairs["id"] = ids
    pairs["rank"] = tiered(scores, exact) if len(ids) else []
    return pairs


def filter_queryset(queryset: QuerySet, query: Query, *, rank: bool) -> QuerySet:
    match = _match_sql(query)
    if match is None:
        queryset = queryset.none()
        return queryset.annotate(rank=Value(0.0, output_field=FloatField())) if rank else queryset
    queryset = queryset.filter(pk__in=RawSQL(*match))
    if rank:
        positive, _ = fts_query(query)
        if positive is None:
            return queryset.annotate(rank=Value(1.0, output_field=FloatField()))
        exact_sql, exact_params = _exact_flag(query, '"casestudies_casestudy"."id"')
        score = (
            f"coalesce((SELECT -{BM25} FROM casestudies_fts WHERE casestudies_fts MATCH %s "
            'AND rowid = "casestudies_casestudy"."id"), 0)'
        )
        sql = f"({exact_sql}) + {score} / (1 + {score})"
        params = [*exact_params, _rank_match(positive), _rank_match(positive)]
        queryset = queryset.annotate(rank=RawSQL(sql, params, output_field=FloatField()))
    return queryset


def excerpts(using: str, ids: list[int], query: Query) -> dict[int, str]:
    """FTS5's ``snippet()`` of the summary, or of the sections when the summary has no match; marks not escaped."""
    positive, _ = fts_query(query)
    if positive is None:
        return {}
    placeholders = ", ".join("%s" for _ in ids)
    sql = (
        f"SELECT rowid, {SNIPPET.format(column=SUMMARY_COLUMN)}, {SNIPPET.format(column=BODY_COLUMN)} "
        f"FROM casestudies_fts WHERE casestudies_fts MATCH %s AND rowid IN ({placeholders})"
    )
    marks = [MARK_START, MARK_END]
    with connections[using].cursor() as cursor:
        cursor.execute(sql, [*marks, *marks, positive, *ids])
        rows = cursor.fetchall()
    return {pk: summary if MARK_START in summary else body for pk, summary, body in rows}


# The vocabulary


class Vocabulary:
    """Words as written in the published case studies and in council and topic names, with their frequencies."""

    def __init__(self, frequencies: dict[str, int]):
        self.frequencies = frequencies
        self.words = list(frequencies)


def _build_vocabulary(using: str, version: int | None) -> Vocabulary:
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT term, doc FROM casestudies_fts_vocab")
        frequencies = {term: doc for term, doc in cursor.fetchall() if term.isalpha()}
    names = [*Council.objects.using(using).filter(is_current=True).values_list("name", flat=True)]
    names += Topic.objects.using(using).values_list("name", flat=True)
    for name in names:
        for word in set(words_of(name)):
            if word.isalpha():
                frequencies[word] = frequencies.get(word, 0) + 1
    return Vocabulary(frequencies)


_vocabularies = PerVersion(_build_vocabulary)


def vocabulary(using: str, version: int | None) -> Vocabulary:
    """The vocabulary for the catalogue version ``version`` (read when it changes; one per process and database)."""
    if version is None:
        version = CatalogueVersion.objects.using(using).filter(pk=1).values_list("token", flat=True).first()
    return _vocabularies.get(using, version)


def known(using: str, words: list[str], *, version: int | None = None) -> set[str]:
    """The words the vocabulary holds as written, or whose stem some published case study has."""
    held = vocabulary(using, version).frequencies
    found = {w for w in words if w in held}
    with connections[using].cursor() as cursor:
        for word in (w for w in words if w not in found):
            cursor.execute(f"{MATCH} LIMIT 1", [_quoted((word,))])
            if cursor.fetchone():
                found.add(word)
    return found


def candidates(
    using: str, words: list[str], *, version: int | None = None
) -> dict[str, list[tuple[str, int]]]:
    held = vocabulary(using, version)
    found = {}
    for word in words:
        close = process.extract(word, held.words, scorer=OSA.distance, score_cutoff=2, limit=None)
        found[word] = [(candidate, held.frequencies[candidate]) for candidate, _, _ in close]
    return found

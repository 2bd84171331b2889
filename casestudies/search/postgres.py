"""PostgreSQL full-text search over the narrow ``casestudies_searchdocument`` table (migrations/0008), and the
vocabulary in ``casestudies_searchword`` (migrations/0009).

A parsed query is compiled to ``phraseto_tsquery`` calls joined with ``&&``, ``||`` and ``!!`` (Django's
``SearchQuery`` expressions), each word a parameter: the user's text is never parsed as tsquery syntax. It is
matched against ``full_vector`` and ranked on the short ``rank_vector`` (title, summary, council).
"""

from dataclasses import replace
from functools import reduce

import numpy as np
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connections, transaction
from django.db.models import Case, Exists, F, FloatField, OuterRef, QuerySet, TextField, Value, When
from django.db.models.functions import Concat, Replace
from django.db.models.sql import Query as SQLQuery

from casestudies.models import CaseStudy, SearchDocument

from .common import MARK_END, MARK_START, PACKED, SEARCH_CONFIG
from .query import Clause, Query, Term

# Every match with its rank, packed as (4-byte float rank, 8-byte id) pairs in one value: no sort, no grouping and
# no text to parse; the catalogue index orders them (casestudies/catalogue/index.py). The planner prices a
# sequential scan of the search table below the GIN bitmap because it does not count the detoasting of every full
# vector the scan needs; at 100,000 case studies the scan is several times slower for a keyword that matches nearly
# everything (bench/RESULTS.md), so it is turned off for this transaction (tests/casestudies/search checks the plan).
RANKED_MATCHES_SQL = """
{exact_cte}
SELECT string_agg(float4send(({rank})::float4) || int8send(doc.case_study_id), ''::bytea)
FROM casestudies_searchdocument doc {exact_join}
WHERE doc.full_vector @@ {query}
"""
# Without synonyms the rank is ts_rank itself; with them, 1 + ts_rank for an exact match and ts_rank for a match
# through a synonym only (ts_rank is below 1; least() makes sure), so every exact match ranks above the others.
RANK = "ts_rank(doc.rank_vector, {rank_query})"
TIERED_RANK = "(CASE WHEN exact.case_study_id IS NULL THEN 0 ELSE 1 END) + least(ts_rank(doc.rank_vector, {rank_query}), 0.999)"
# The exact matches, found once through the GIN index (materialised, so they are not rechecked row by row).
EXACT_CTE = """WITH exact AS MATERIALIZED (
  SELECT case_study_id FROM casestudies_searchdocument WHERE full_vector @@ {exact}
)"""
EXACT_JOIN = "LEFT JOIN exact ON exact.case_study_id = doc.case_study_id"
# Plain index scans are turned off too: a phrase or a synonym makes the planner price a walk of the primary key
# (checking every row's vector) below the bitmap on small tables, and it is the same detoasting at any size.
PIN_PLAN_SQL = "SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)"
# ts_headline takes "<b>" in the text for markup and drops it; hide "<" from it and put it back after.
LT_PLACEHOLDER = "\ue000"

KNOWN_SQL = """
SELECT q.w FROM unnest(%s::text[]) q(w)
WHERE EXISTS (
  SELECT 1 FROM casestudies_searchword sw
  WHERE (sw.word = q.w OR sw.stem = coalesce((ts_lexize('english_stem', q.w))[1], q.w))
    AND (sw.documents > 0 OR sw.names > 0)
)
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


def _term(term: Term) -> SearchQuery:
    if term.phrase or len(term.words) == 1:
        return SearchQuery(" ".join(term.words), search_type="phrase", config=SEARCH_CONFIG)
    return reduce(
        lambda a, b: a & b, (SearchQuery(w, search_type="phrase", config=SEARCH_CONFIG) for w in term.words)
    )


def _clause(clause: Clause):
    if clause.negated:  # not (a or b) = not a and not b
        return reduce(lambda a, b: a & b, (~_term(t) for t in clause.alternatives))
    return reduce(lambda a, b: a | b, (_term(t) for t in clause.alternatives))


def search_query(query: Query):
    """The query as one tsquery expression, or None when it has no terms."""
    if not query.clauses:
        return None
    return reduce(lambda a, b: a & b, (_clause(c) for c in query.clauses))


def _sql(expression, using: str) -> tuple[str, list]:
    sql_query = SQLQuery(SearchDocument)
    compiler = sql_query.get_compiler(using=using)
    sql, params = compiler.compile(expression.resolve_expression(sql_query))
    return sql, list(params)


def _rank_query(query: Query, using: str) -> tuple[str, list]:
    """What ranks: the query without its exclusions (ts_rank would count an excluded word as a term)."""
    positive = search_query(replace(query, clauses=query.positive))
    return _sql(positive, using) if positive is not None else ("''::tsquery", [])


def ranked_sql(using: str, query: Query) -> tuple[str, list]:
    """The ranked search's SQL and parameters (see RANKED_MATCHES_SQL)."""
    expanded_sql, expanded_params = _sql(search_query(query), using)
    rank_sql, rank_params = _rank_query(query, using)
    exact_cte, exact_join, exact_params, rank = "", "", [], RANK
    if query.has_synonyms:
        exact_sql, exact_params = _sql(search_query(query.exact()), using)
        exact_cte, exact_join, rank = EXACT_CTE.format(exact=exact_sql), EXACT_JOIN, TIERED_RANK
    sql = RANKED_MATCHES_SQL.format(
        rank=rank.format(rank_query=rank_sql), exact_cte=exact_cte, exact_join=exact_join, query=expanded_sql
    )
    return sql, [*exact_params, *rank_params, *expanded_params]


def ranked_pairs(using: str, query: Query) -> np.ndarray:
    """(rank, id) pairs of every match, from one query with the plan pinned to the GIN index.

    The pin is local to the transaction; requests run in autocommit, so it ends with the search (inside an outer
    transaction it would last until that one ends).
    """
    if not query.clauses:
        return np.zeros(0, dtype=PACKED)
    sql, params = ranked_sql(using, query)
    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute(PIN_PLAN_SQL)
        cursor.execute(sql, params)
        (packed,) = cursor.fetchone()
    return np.frombuffer(packed or b"", dtype=PACKED)


def filter_queryset(queryset: QuerySet, query: Query, *, rank: bool) -> QuerySet:
    if not query.clauses:
        queryset = queryset.none()
        return queryset.annotate(rank=Value(0.0, output_field=FloatField())) if rank else queryset
    expression = search_query(query)
    queryset = queryset.filter(search_document__full_vector=expression)
    if rank:
        positive = search_query(replace(query, clauses=query.positive))
        score = (
            SearchRank(F("search_document__rank_vector"), positive)
            if positive is not None
            else Value(0.0, output_field=FloatField())
        )
        tier = Value(1.0, output_field=FloatField())
        if query.has_synonyms:
            exact = SearchDocument.objects.filter(
                case_study=OuterRef("pk"), full_vector=search_query(query.exact())
            )
            queryset = queryset.annotate(exact_match=Exists(exact))
            tier = Case(
                When(exact_match=True, then=Value(1.0)), default=Value(0.0), output_field=FloatField()
            )
        queryset = queryset.annotate(rank=tier + score / (Value(1.0) + score))
    return queryset


def excerpts(using: str, ids: list[int], query: Query) -> dict[int, str]:
    """``ts_headline`` of the summary, or of the sections when the summary has no match; marks not escaped."""
    expression = search_query(query)
    if expression is None:
        return {}
    options = {
        "start_sel": MARK_START,
        "stop_sel": MARK_END,
        "max_words": 35,
        "min_words": 15,
        "short_word": 3,
        "max_fragments": 2,
        "fragment_delimiter": " … ",
    }
    summary = SearchHeadline(_hide_lt(F("summary")), expression, config=SEARCH_CONFIG, **options)
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
        chosen = summary_hl if MARK_START in summary_hl else body_hl
        found[pk] = chosen.replace(LT_PLACEHOLDER, "<")
    return found


def _hide_lt(expression):
    return Replace(expression, Value("<"), Value(LT_PLACEHOLDER), output_field=TextField())


# The vocabulary


def known(using: str, words: list[str], *, version: int | None = None) -> set[str]:
    """The words the vocabulary holds, as written or by their stem."""
    if not words:
        return set()
    with connections[using].cursor() as cursor:
        cursor.execute(KNOWN_SQL, [words])
        return {row[0] for row in cursor.fetchall()}


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

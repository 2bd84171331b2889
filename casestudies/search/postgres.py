"""PostgreSQL full-text search over the narrow ``casestudies_searchdocument`` table (migrations/0008).

A keyword is matched against ``full_vector`` and ranked on the short ``rank_vector`` (title, summary, council).
"""

import numpy as np
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connections, transaction
from django.db.models import F, QuerySet, TextField, Value
from django.db.models.functions import Concat, Replace

from casestudies.models import CaseStudy

from .common import MARK_END, MARK_START, PACKED, SEARCH_CONFIG

# Every match with its rank, packed as (4-byte float rank, 8-byte id) pairs in one value: no sort, no grouping and
# no text to parse; the catalogue index orders them (casestudies/catalogue/index.py). The planner prices a
# sequential scan of the search table below the GIN bitmap because it does not count the detoasting of every full
# vector the scan needs; at 100,000 case studies the scan is several times slower for a keyword that matches nearly
# everything (bench/RESULTS.md), so it is turned off for this transaction (tests/casestudies/search checks the plan).
RANKED_MATCHES_SQL = """
SELECT string_agg(float4send(ts_rank(doc.rank_vector, query)) || int8send(doc.case_study_id), ''::bytea)
FROM casestudies_searchdocument doc, websearch_to_tsquery(%s::regconfig, %s) query
WHERE doc.full_vector @@ query
"""
PIN_PLAN_SQL = "SET LOCAL enable_seqscan = off"
# ts_headline takes "<b>" in the text for markup and drops it; hide "<" from it and put it back after.
LT_PLACEHOLDER = "\ue000"


def ranked_pairs(using: str, keyword: str) -> np.ndarray:
    """(rank, id) pairs of every match, from one query with the plan pinned to the GIN index.

    The pin is local to the transaction; requests run in autocommit, so it ends with the search (inside an outer
    transaction it would last until that one ends).
    """
    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute(PIN_PLAN_SQL)
        cursor.execute(RANKED_MATCHES_SQL, [SEARCH_CONFIG, keyword])
        (packed,) = cursor.fetchone()
    return np.frombuffer(packed or b"", dtype=PACKED)


def filter_queryset(queryset: QuerySet, keyword: str, *, rank: bool) -> QuerySet:
    query = SearchQuery(keyword, search_type="websearch", config=SEARCH_CONFIG)
    queryset = queryset.filter(search_document__full_vector=query)
    if rank:
        queryset = queryset.annotate(rank=SearchRank(F("search_document__rank_vector"), query))
    return queryset


def excerpts(ids: list[int], keyword: str) -> dict[int, str]:
    """``ts_headline`` of the summary, or of the sections when the summary has no match; marks not escaped."""
    query = SearchQuery(keyword, search_type="websearch", config=SEARCH_CONFIG)
    options = {
        "start_sel": MARK_START,
        "stop_sel": MARK_END,
        "max_words": 35,
        "min_words": 15,
        "short_word": 3,
        "max_fragments": 2,
        "fragment_delimiter": " … ",
    }
    summary = SearchHeadline(_hide_lt(F("summary")), query, config=SEARCH_CONFIG, **options)
    body = SearchHeadline(
        Concat(
            *[part for field in CaseStudy.SECTION_FIELDS for part in (_hide_lt(F(field)), Value(" "))],
            output_field=TextField(),
        ),
        query,
        config=SEARCH_CONFIG,
        **options,
    )
    rows = CaseStudy.objects.filter(pk__in=ids).annotate(summary_hl=summary, body_hl=body)
    found = {}
    for pk, summary_hl, body_hl in rows.values_list("pk", "summary_hl", "body_hl"):
        chosen = summary_hl if MARK_START in summary_hl else body_hl
        found[pk] = chosen.replace(LT_PLACEHOLDER, "<")
    return found


def _hide_lt(expression):
    return Replace(expression, Value("<"), Value(LT_PLACEHOLDER), output_field=TextField())

"""Keyword search: PostgreSQL full-text search, or a word-by-word match on SQLite.

On PostgreSQL the vectors live in the narrow ``casestudies_searchdocument`` table (migrations/0008). A keyword is
matched against ``full_vector`` and ranked on the short ``rank_vector`` (title, summary, council), newest first
among equals.
"""

import re
from dataclasses import dataclass

import numpy as np
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections, router, transaction
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When

from .models import CaseStudy

SEARCH_CONFIG = "english"
MAX_WORDS = 12
TEXT_FIELDS = ("title", "summary", *CaseStudy.SECTION_FIELDS, "partners")

# Every match with its rank, packed as (4-byte float rank, 8-byte id) pairs in one value: no sort, no grouping and
# no text to parse; the catalogue index orders them (casestudies/catalogue.py). The planner prices a sequential scan
# of the search table below the GIN bitmap because it does not count the detoasting of every full vector the scan
# needs; at 100,000 case studies the scan is several times slower for a keyword that matches nearly everything
# (bench/RESULTS.md), so it is turned off for this transaction (tests/casestudies/test_search.py checks the plan).
RANKED_MATCHES_SQL = """
SELECT string_agg(float4send(ts_rank(doc.rank_vector, query)) || int8send(doc.case_study_id), ''::bytea)
FROM casestudies_searchdocument doc, websearch_to_tsquery(%s::regconfig, %s) query
WHERE doc.full_vector @@ query
"""
PIN_PLAN_SQL = "SET LOCAL enable_seqscan = off"
PACKED = np.dtype([("rank", ">f4"), ("id", ">i8")])


@dataclass(frozen=True)
class Matches:
    """Every case study (any status) matching a keyword, with its rank (higher is better), in no order."""

    ids: np.ndarray
    ranks: np.ndarray


def keyword_words(keyword: str) -> list[str]:
    return re.findall(r"\w+", keyword.lower())[:MAX_WORDS]


def ranked_matches(keyword: str) -> Matches:
    """The case studies (any status) matching ``keyword``, with their ranks.

    On PostgreSQL the plan pin is local to the transaction; requests run in autocommit, so it ends with the search
    (inside an outer transaction it would last until that one ends).
    """
    keyword = keyword.strip()
    using = router.db_for_read(CaseStudy)
    connection = connections[using]
    if not keyword:
        pairs = np.zeros(0, dtype=PACKED)
    elif connection.vendor == "postgresql":
        with transaction.atomic(using=using), connection.cursor() as cursor:
            cursor.execute(PIN_PLAN_SQL)
            cursor.execute(RANKED_MATCHES_SQL, [SEARCH_CONFIG, keyword])
            (packed,) = cursor.fetchone()
        pairs = np.frombuffer(packed or b"", dtype=PACKED)
    else:
        queryset = _fallback(CaseStudy.objects.using(using).all(), keyword, rank=True)
        pairs = np.array(list(queryset.values_list("rank", "id")), dtype=PACKED)
    return Matches(ids=pairs["id"].astype(np.int64), ranks=pairs["rank"].astype(np.float32))


def apply_keyword(queryset: QuerySet, keyword: str, *, rank: bool = False) -> QuerySet:
    """Keep the case studies matching ``keyword``; annotate ``rank`` when asked (higher is better)."""
    keyword = keyword.strip()
    if not keyword:
        return queryset
    if connections[queryset.db].vendor == "postgresql":
        return _postgres(queryset, keyword, rank=rank)
    return _fallback(queryset, keyword, rank=rank)


def _postgres(queryset: QuerySet, keyword: str, *, rank: bool) -> QuerySet:
    query = SearchQuery(keyword, search_type="websearch", config=SEARCH_CONFIG)
    queryset = queryset.filter(search_document__full_vector=query)
    if rank:
        queryset = queryset.annotate(rank=SearchRank(F("search_document__rank_vector"), query))
    return queryset


def _fallback(queryset: QuerySet, keyword: str, *, rank: bool) -> QuerySet:
    words = keyword_words(keyword)
    if not words:
        # Punctuation alone (``!!!``) matches nothing; keep ``rank`` so ordering by relevance still works.
        queryset = queryset.none()
        return queryset.annotate(rank=Value(0.0, output_field=FloatField())) if rank else queryset
    for word in words:
        condition = Q(lead_council__name__icontains=word)
        for field in TEXT_FIELDS:
            condition |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(condition)
    if rank:
        title_hits = [When(title__icontains=word, then=Value(1.0)) for word in words]
        summary_hits = [When(summary__icontains=word, then=Value(0.5)) for word in words]
        queryset = queryset.annotate(
            rank=Case(*title_hits, default=Value(0.0), output_field=FloatField())
            + Case(*summary_hits, default=Value(0.0), output_field=FloatField())
        )
    return queryset

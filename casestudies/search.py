"""Keyword search: PostgreSQL full-text search, or a word-by-word match on SQLite.

On PostgreSQL the vectors live in the narrow ``casestudies_searchdocument`` table (migrations/0008). A keyword is
matched against ``full_vector`` and ranked on the short ``rank_vector`` (title, summary, council), newest first
among equals.
"""

import re
from collections.abc import Sequence

import numpy as np
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections, router, transaction
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When

from .models import CaseStudy

SEARCH_CONFIG = "english"
MAX_WORDS = 12
TEXT_FIELDS = ("title", "summary", "challenge", "solution", "impact", "sustainability", "lessons", "partners")

# The matching ids grouped by rank, best first, each group as big-endian 8-byte integers (no text to parse). Grouping costs a hash aggregate where ordering every match would
# cost a sort; within a group the catalogue index orders by date for free. The planner prices a sequential scan of
# the search table below the GIN bitmap because it does not count the detoasting of every full vector the scan
# needs; at 100,000 case studies the scan is several times slower for a keyword that matches nearly everything
# (bench/RESULTS.md), so it is turned off for this transaction (tests/casestudies/test_search.py checks the plan).
RANKED_MATCHES_SQL = """
SELECT ts_rank(doc.rank_vector, query) AS rank, string_agg(int8send(doc.case_study_id), ''::bytea)
FROM casestudies_searchdocument doc, websearch_to_tsquery(%s::regconfig, %s) query
WHERE doc.full_vector @@ query
GROUP BY 1
ORDER BY 1 DESC
"""
PIN_PLAN_SQL = "SET LOCAL enable_seqscan = off"


def keyword_words(keyword: str) -> list[str]:
    return re.findall(r"\w+", keyword.lower())[:MAX_WORDS]


def ranked_matches(keyword: str) -> list[Sequence[int]]:
    """Ids of the case studies (any status) matching ``keyword``, in groups of equal rank, best first."""
    keyword = keyword.strip()
    if not keyword:
        return []
    using = router.db_for_read(CaseStudy)
    connection = connections[using]
    if connection.vendor == "postgresql":
        with transaction.atomic(using=using), connection.cursor() as cursor:
            cursor.execute(PIN_PLAN_SQL)
            cursor.execute(RANKED_MATCHES_SQL, [SEARCH_CONFIG, keyword])
            rows = cursor.fetchall()
        return [np.frombuffer(ids, dtype=">i8") for _, ids in rows]
    queryset = _fallback(CaseStudy.objects.using(using).all(), keyword, rank=True)
    groups: dict[float, list[int]] = {}
    for rank, pk in queryset.values_list("rank", "id"):
        groups.setdefault(rank, []).append(pk)
    return [groups[rank] for rank in sorted(groups, reverse=True)]


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

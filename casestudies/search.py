"""Keyword search: PostgreSQL full-text search, or a word-by-word match on SQLite."""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When

SEARCH_CONFIG = "english"
MAX_WORDS = 12
TEXT_FIELDS = ("title", "summary", "challenge", "solution", "impact", "sustainability", "lessons", "partners")


def keyword_words(keyword: str) -> list[str]:
    return re.findall(r"\w+", keyword.lower())[:MAX_WORDS]


def apply_keyword(queryset: QuerySet, keyword: str, *, rank: bool = False) -> QuerySet:
    """Keep the case studies matching ``keyword``; annotate ``rank`` when asked (higher is better)."""
    keyword = keyword.strip()
    if not keyword:
        return queryset
    if connection.vendor == "postgresql":
        return _postgres(queryset, keyword, rank=rank)
    return _fallback(queryset, keyword, rank=rank)


def _postgres(queryset: QuerySet, keyword: str, *, rank: bool) -> QuerySet:
    query = SearchQuery(keyword, search_type="websearch", config=SEARCH_CONFIG)
    queryset = queryset.filter(search_vector=query)
    if rank:
        queryset = queryset.annotate(rank=SearchRank(F("search_vector"), query))
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

"""Keyword search, whichever database holds the catalogue: the backend is chosen by the connection's vendor."""

import numpy as np
from django.db import connections, router
from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import mark_safe

from casestudies.models import CaseStudy

from . import postgres, sqlite
from .common import MARK_END, MARK_START, PACKED, Matches


def _backend(using: str):
    return postgres if connections[using].vendor == "postgresql" else sqlite


def ranked_matches(keyword: str) -> Matches:
    """The case studies (any status) matching ``keyword``, with their ranks, from the database public reads use."""
    keyword = keyword.strip()
    using = router.db_for_read(CaseStudy)
    pairs = _backend(using).ranked_pairs(using, keyword) if keyword else np.zeros(0, dtype=PACKED)
    return Matches(ids=pairs["id"].astype(np.int64), ranks=pairs["rank"].astype(np.float32))


def apply_keyword(queryset: QuerySet, keyword: str, *, rank: bool = False) -> QuerySet:
    """Keep the case studies matching ``keyword``; annotate ``rank`` when asked (higher is better)."""
    keyword = keyword.strip()
    if not keyword:
        return queryset
    return _backend(queryset.db).filter_queryset(queryset, keyword, rank=rank)


def excerpts(case_studies: list[CaseStudy], keyword: str) -> dict[int, str]:
    """A short passage of each case study around the matched words, with them in ``<mark>``; HTML-escaped."""
    ids = [case_study.pk for case_study in case_studies]
    if not ids or not keyword.strip():
        return {}
    using = router.db_for_read(CaseStudy)
    raw = _backend(using).excerpts(ids, keyword)
    return {pk: _mark(text) for pk, text in raw.items() if MARK_START in text}


def _mark(text: str) -> str:
    escaped = escape(" ".join(text.split()))
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))

"""Keyword search, whichever database holds the catalogue: the one interface the catalogue calls.

``plan()`` reads what a person typed (``query.parse``), adds British/US spellings and synonyms, and finds the words
the vocabulary does not know with what they were probably meant to be (``spelling``). The backend (``postgres``
or ``sqlite``, chosen by the connection's vendor) then matches, ranks and highlights the planned query.
"""

from dataclasses import dataclass

import numpy as np
from django.db import connections, router
from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import mark_safe

from casestudies.models import CaseStudy

from . import postgres, spelling, sqlite
from .common import MARK_END, MARK_START, PACKED, Matches
from .query import Query, parse, spelling_variants
from .synonyms import add_variants, expand_synonyms, synonym_index


def _backend(using: str):
    return postgres if connections[using].vendor == "postgresql" else sqlite


@dataclass(frozen=True)
class Plan:
    """A keyword as it will be searched, and the spelling it was probably meant to have (None if none)."""

    text: str
    query: Query
    suggestion: str | None = None

    @property
    def empty(self) -> bool:
        return not self.query.clauses


def plan(
    text: str, *, version: int | None = None, check_spelling: bool = True, using: str | None = None
) -> Plan:
    """``text`` parsed, with its spelling variants and synonyms, and a corrected text when a word is unknown.

    ``version`` is the catalogue version token the caller already has (it keys SQLite's vocabulary).
    """
    text = text.strip()
    using = using or router.db_for_read(CaseStudy)
    query = parse(text)
    if not query.clauses:
        return Plan(text=text, query=query)
    backend = _backend(using)
    typed = query.typed_words()
    variant_candidates = {t.words[0]: spelling_variants(t.words[0]) for t in typed}
    to_check = {w for w in variant_candidates if spelling.checkable(w)}
    to_check |= {v for found in variant_candidates.values() for v in found}
    known = backend.known(using, sorted(to_check), version=version) if to_check else set()
    variants = {w: sorted(v & known) for w, v in variant_candidates.items() if v & known}
    query, recognised = expand_synonyms(query, synonym_index(using))
    query = add_variants(query, variants)
    suggestion = None
    if check_spelling:
        positive_typed = [t for c in query.positive for t in c.alternatives if t.span is not None]
        found = spelling.corrections(
            positive_typed,
            known=known,
            variants=variants,
            recognised=recognised,
            find_candidates=lambda words: backend.candidates(using, words, version=version),
        )
        suggestion = spelling.corrected_text(text, found) if found else None
    return Plan(text=text, query=query, suggestion=suggestion)


def _plan_of(keyword: "str | Plan", using: str) -> Plan:
    return keyword if isinstance(keyword, Plan) else plan(keyword, check_spelling=False, using=using)


def ranked_matches(keyword: "str | Plan") -> Matches:
    """The case studies matching ``keyword``, with their ranks, from the database public reads use.

    PostgreSQL matches every status (the catalogue index keeps the published ones); FTS5 holds only published ones.
    """
    using = router.db_for_read(CaseStudy)
    planned = _plan_of(keyword, using)
    pairs = np.zeros(0, dtype=PACKED) if planned.empty else _backend(using).ranked_pairs(using, planned.query)
    return Matches(ids=pairs["id"].astype(np.int64), ranks=pairs["rank"].astype(np.float32))


def apply_keyword(queryset: QuerySet, keyword: "str | Plan", *, rank: bool = False) -> QuerySet:
    """Keep the case studies matching ``keyword``; annotate ``rank`` when asked (higher is better)."""
    if isinstance(keyword, str) and not keyword.strip():
        return queryset
    planned = _plan_of(keyword, queryset.db)
    if not planned.text:
        return queryset
    return _backend(queryset.db).filter_queryset(queryset, planned.query, rank=rank)


def excerpts(case_studies: list[CaseStudy], keyword: "str | Plan") -> dict[int, str]:
    """A short passage of each case study around the matched words, with them in ``<mark>``; HTML-escaped."""
    ids = [case_study.pk for case_study in case_studies]
    if not ids or (isinstance(keyword, str) and not keyword.strip()):
        return {}
    using = router.db_for_read(CaseStudy)
    planned = _plan_of(keyword, using)
    if planned.empty:
        return {}
    raw = _backend(using).excerpts(using, ids, planned.query)
    return {pk: _mark(text) for pk, text in raw.items() if MARK_START in text}


def _mark(text: str) -> str:
    escaped = escape(" ".join(text.split()))
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))

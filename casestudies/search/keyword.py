"""Keyword search, whichever database holds the catalogue: the one interface the catalogue calls.

``plan()`` reads and plans what a person typed (``planning``). ``ranked_matches()`` finds and ranks the case
studies (``retrieval``, ``scoring``, ``feedback``) on the database public reads use, through its backend
(``postgres`` or ``sqlite``, by the connection's vendor). ``excerpts()`` shows each result's matched words.
"""

from functools import lru_cache
from typing import NamedTuple

import numpy as np
from django.db import router
from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import mark_safe

from casestudies.models import CaseStudy

from . import retrieval
from .common import MARK_END, MARK_START, searching_welsh
from .planning import Plan, backend, plan, plan_of
from .query import RELATED, Term, parse
from .retrieval import Matches

__all__ = [
    "Excerpt",
    "Matches",
    "Plan",
    "apply_keyword",
    "excerpts",
    "has_words",
    "plan",
    "ranked_matches",
    "restrict",
]


@lru_cache(maxsize=256)
def has_words(text: str) -> bool:
    """Whether ``text`` has anything to search for: ``OR``, a lone ``"`` or ``-`` has not (the parser drops them)."""
    return bool(parse(text).clauses)


def ranked_matches(
    keyword: "str | Plan", *, size: int | None = None, live: np.ndarray | None = None
) -> Matches:
    """The case studies matching ``keyword``, best first. ``size`` is the number of published case studies (how
    rare a word is depends on it), counted when not given; ``live`` maps ids to their position among the public
    case studies (-1: not public), as the catalogue index has it.

    PostgreSQL's search table holds every status and FTS5 every published case study, scheduled ones included:
    without ``live`` the caller keeps the public ones (the catalogue index does).
    """
    using = router.db_for_read(CaseStudy)
    planned = plan_of(keyword, using)
    if size is None:
        size = CaseStudy.objects.using(using).published().count()
    return retrieval.ranked(planned, using, size, live)


def restrict(queryset: QuerySet, ids: list[int], *, rank: bool = False) -> QuerySet:
    """``queryset`` narrowed to the case studies ``ids``; ``rank`` annotated when asked (earlier is higher)."""
    return backend(queryset.db).restrict(queryset, ids, rank=rank)


def apply_keyword(queryset: QuerySet, keyword: "str | Plan", *, rank: bool = False) -> QuerySet:
    """Keep the case studies matching ``keyword``; annotate ``rank`` when asked (higher is better)."""
    if isinstance(keyword, str) and not keyword.strip():
        return queryset
    planned = plan_of(keyword, queryset.db)
    if not planned.text:
        return queryset
    return restrict(queryset, ranked_matches(planned).ids.tolist(), rank=rank)


class Excerpt(NamedTuple):
    where: str  # "sections" or "summary"
    html: str  # HTML-escaped text with the matched words in <mark>
    language: str = "en"  # the text's: "en", or "cy" for a Welsh version's


def excerpts(
    case_studies: list[CaseStudy], keyword: "str | Plan", related: tuple[str, ...] = ()
) -> dict[int, Excerpt]:
    """For each case study, the passage of its sections with the most matched words, or else its summary with the
    matched words marked (the card prints the summary, so an excerpt never repeats it). A case study found through
    related terms only has those marked. On a Welsh page (issue 23) a case study's Welsh version is tried first, so
    a card showing it shows its words, and a match in the Welsh text alone has an excerpt too."""
    ids = [case_study.pk for case_study in case_studies]
    if not ids or (isinstance(keyword, str) and not keyword.strip()):
        return {}
    using = router.db_for_read(CaseStudy)
    planned = plan_of(keyword, using)
    found: dict[int, Excerpt] = {}
    in_welsh = {case_study.pk for case_study in case_studies if case_study.has_welsh}
    for terms in (
        [t for c in planned.query.positive for t in c.alternatives],
        [Term((word,), kind=RELATED) for word in related],
    ):
        for welsh in (True, False) if searching_welsh() else (False,):
            left = [pk for pk in ids if pk not in found and (pk in in_welsh or not welsh)]
            if terms and left:
                raw = backend(using).excerpts(using, left, terms, welsh=welsh)
                found |= {
                    pk: Excerpt(where, _mark(text), "cy" if welsh else "en")
                    for pk, (where, text) in raw.items()
                    if MARK_START in text
                }
    return found


def _mark(text: str) -> str:
    escaped = escape(" ".join(text.split()))
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))

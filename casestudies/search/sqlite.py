"""The embedded default's search: every word must appear in some field (a substring match)."""

import re

import numpy as np
from django.db.models import Case, FloatField, Q, QuerySet, Value, When

from casestudies.models import CaseStudy

from .common import MARK_END, MARK_START, PACKED, TEXT_FIELDS, keyword_words


def ranked_pairs(using: str, keyword: str) -> np.ndarray:
    queryset = filter_queryset(CaseStudy.objects.using(using).all(), keyword, rank=True)
    return np.array(list(queryset.values_list("rank", "id")), dtype=PACKED)


def filter_queryset(queryset: QuerySet, keyword: str, *, rank: bool) -> QuerySet:
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


def excerpts(ids: list[int], keyword: str) -> dict[int, str]:
    """A window of words around the first match in the summary or a section; marks not escaped."""
    words = keyword_words(keyword)
    if not words:
        return {}
    pattern = re.compile(
        "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)), re.IGNORECASE
    )
    fields = ("summary", *CaseStudy.SECTION_FIELDS)
    found = {}
    for row in CaseStudy.objects.filter(pk__in=ids).values("pk", *fields):
        for field in fields:
            text = row[field]
            match = pattern.search(text)
            if match:
                found[row["pk"]] = _window(text, match.start(), pattern)
                break
    return found


def _window(text: str, position: int, pattern: re.Pattern, words_around: int = 15) -> str:
    while position > 0 and not text[position - 1].isspace():  # start at the beginning of the word
        position -= 1
    before = text[:position].split()[-words_around:]
    after = text[position:].split()[: words_around * 2]
    passage = " ".join(before + after)
    prefix = "… " if len(before) == words_around else ""
    suffix = " …" if len(after) == words_around * 2 else ""
    return prefix + pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", passage) + suffix

"""Read-side helpers used by the public views."""

import difflib
import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, F, Q, QuerySet, TextField, Value
from django.db.models.functions import Concat, Replace
from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import catalogue
from .models import CaseStudy, Council, Topic
from .search import SEARCH_CONFIG, keyword_words


def public_case_studies() -> QuerySet[CaseStudy]:
    """The starting point of every public view."""
    return CaseStudy.objects.published()


def can_preview(user) -> bool:
    """Editors (staff with the view permission) may open any case study's page, whatever its status."""
    return bool(user.is_active and user.is_staff and user.has_perm("casestudies.view_casestudy"))


def case_study_for_page(*, slug: str, preview: bool = False) -> CaseStudy | None:
    base = CaseStudy.objects.all() if preview else public_case_studies()
    return (
        base.select_related("lead_council")
        .prefetch_related("topics", "support_types")
        .filter(slug=slug)
        .first()
    )


def paginate(queryset: QuerySet, *, page: str | None, per_page: int) -> Page:
    """Non-numeric pages give the first page; pages past the end give the last."""
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(page)


def related_case_studies(case_study: CaseStudy, *, limit: int = 3) -> list[CaseStudy]:
    """Published case studies sharing most topics with this one, newest first among equals."""
    topic_ids = [topic.pk for topic in case_study.topics.all()]
    ids = catalogue.current().related(case_study.pk, topic_ids, limit=limit) if topic_ids else []
    rows = (
        public_case_studies()
        .select_related("lead_council")
        .defer(*CaseStudy.SECTION_FIELDS, "partners")
        .in_bulk(ids)
    )
    return [rows[pk] for pk in ids if pk in rows]


def topic_by_slug(slug: str) -> Topic | None:
    return Topic.objects.filter(slug=slug).first()


def council_by_code(code: str) -> Council | None:
    if "\x00" in code:  # PostgreSQL text cannot hold NUL: no council has such a code
        return None
    return Council.objects.filter(code=code).first()


def councils_with_case_studies() -> QuerySet[Council]:
    """Councils leading at least one published case study, with ``num_case_studies``, by region then name."""
    published = Q(case_studies__status=CaseStudy.Status.PUBLISHED, case_studies__published_at__isnull=False)
    return (
        Council.objects.annotate(num_case_studies=Count("case_studies", filter=published))
        .filter(num_case_studies__gt=0)
        .order_by("region", "name")
    )


def suggestions(keyword: str, *, topics: list[Topic]) -> dict[str, list]:
    """Topics and councils whose names are close to the keyword, for a search with no results."""
    words = [w for w in re.findall(r"\w+", keyword.lower()) if len(w) > 2]
    if not words:
        return {"topics": [], "councils": []}
    phrase = " ".join(words)

    def close(name: str) -> bool:
        name = name.lower()
        if phrase in name:
            return True
        name_words = re.findall(r"\w+", name)
        return any(difflib.get_close_matches(word, name_words, n=1, cutoff=0.8) for word in words) or (
            difflib.SequenceMatcher(None, phrase, name).ratio() >= 0.75
        )

    councils = Council.objects.filter(is_current=True).only("code", "name")
    return {
        "topics": [topic for topic in topics if close(topic.name)][:5],
        "councils": [council for council in councils if close(council.name)][:5],
    }


MARK_START, MARK_END = "\x02", "\x03"
# ts_headline takes "<b>" in the text for markup and drops it; hide "<" from it and put it back after.
LT_PLACEHOLDER = "\ue000"


def excerpts(case_studies: list[CaseStudy], keyword: str) -> dict[int, str]:
    """A short passage of each case study around the matched words, with them in ``<mark>``; HTML-escaped."""
    ids = [case_study.pk for case_study in case_studies]
    if not ids or not keyword.strip():
        return {}
    if connection.vendor == "postgresql":
        raw = _postgres_excerpts(ids, keyword)
    else:
        raw = _fallback_excerpts(ids, keyword)
    return {pk: _mark(text) for pk, text in raw.items() if MARK_START in text}


def _mark(text: str) -> str:
    escaped = escape(" ".join(text.split()))
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def _postgres_excerpts(ids: list[int], keyword: str) -> dict[int, str]:
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


def _fallback_excerpts(ids: list[int], keyword: str) -> dict[int, str]:
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

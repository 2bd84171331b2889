"""Result cards: what a list page shows of each case study, read for a whole page in one narrow query.

A card is a plain value, not a model instance: the page's rows come back as tuples of five columns, and the
council's code and name and the first topic come from the catalogue index, which holds them for every published
case study. That costs a fraction of building twenty ``CaseStudy`` objects with a join and prefetching their topics.
The impact, cost and evidence a card shows at a glance (issue 20) come in the same query: the band, the level the
page shows, the stage, and the first outcome's figures as correlated subqueries (``public.glance`` words them).
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import connection
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import translation

from casestudies.models import CaseStudy, Outcome, Topic

from .index import Catalogue
from .labels import labels


@dataclass(frozen=True, slots=True)
class Headline:
    """A case study's first outcome (in the outcomes' order), as its card shows it."""

    measure: str
    before: Decimal | None
    after: Decimal
    unit: str


@dataclass(frozen=True, slots=True)
class Card:
    pk: int
    title: str
    slug: str
    summary: str
    published_at: datetime
    council_code: str
    council_name: str
    # The first topic (in the topics' display order), for the card's "View all … case studies" link.
    topic: Topic | None
    cost_band: str = ""
    evidence_level: int | None = None  # the confirmed level, else the self-assessed one
    stage: str = ""
    headline: Headline | None = None
    # On a Welsh page: "en" when the title and summary are the English (the case study has no Welsh version).
    lang: str = ""


def _first_outcome(field: str) -> RawSQL:
    """The first outcome's ``field``, as a correlated subquery written once: the ORM's ``Subquery`` would be
    compiled again for every page of cards, four times, which cost more than running it."""
    return _FIRST_OUTCOME[field]


def _first_outcome_sql(field: str) -> RawSQL:
    q = connection.ops.quote_name
    outcome, case_study = Outcome._meta.db_table, CaseStudy._meta.db_table
    sql = (
        f"SELECT {q(field)} FROM {q(outcome)} WHERE {q('case_study_id')} = {q(case_study)}.{q('id')} "
        f"ORDER BY {q('position')}, {q('id')} LIMIT 1"
    )
    return RawSQL(sql, (), output_field=Outcome._meta.get_field(field).clone())


class _FirstOutcome(dict):
    def __missing__(self, field: str) -> RawSQL:
        value = self[field] = _first_outcome_sql(field)
        return value


_FIRST_OUTCOME = _FirstOutcome()


def cards(ids: list[int], *, catalogue: Catalogue) -> list[Card]:
    """The published case studies of ``ids`` as cards, in the order of ``ids`` (one query)."""
    if not ids:
        return []
    # A Welsh page reads the Welsh title and summary too, in the same query (issue 23).
    welsh = ("title_cy", "summary_cy") if translation.get_language() == "cy" else ()
    rows = (
        CaseStudy.objects.published()
        .filter(pk__in=ids)
        .order_by()
        .annotate(
            level=Coalesce("evidence_level_confirmed", "evidence_level_claimed"),
            first_measure=_first_outcome("measure"),
            first_before=_first_outcome("before"),
            first_after=_first_outcome("after"),
            first_unit=_first_outcome("unit"),
        )
        .values_list(
            "pk",
            "title",
            "slug",
            "summary",
            "published_at",
            "lead_council_id",
            "cost_band",
            "level",
            "stage",
            "first_measure",
            "first_before",
            "first_after",
            "first_unit",
            *welsh,
        )
    )
    councils = labels(catalogue).councils  # code and name, the name in the page's language
    found = {}
    for pk, title, slug, summary, published_at, council_id, band, level, stage, *first in rows:
        code, name = councils.get(council_id, ("", ""))
        measure, before, after, unit, *cy = first
        lang = ""
        if cy and cy[0].strip():
            title, summary = cy
        elif cy:
            lang = "en"
        headline = Headline(measure, before, after, unit) if measure is not None else None
        found[pk] = Card(
            pk,
            title,
            slug,
            summary,
            published_at,
            code,
            name,
            catalogue.first_topic_of(pk),
            band,
            level,
            stage,
            headline,
            lang,
        )
    return [found[pk] for pk in ids if pk in found]

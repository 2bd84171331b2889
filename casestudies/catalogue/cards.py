"""Result cards: what a list page shows of each case study, read for a whole page in one narrow query.

A card is a plain value, not a model instance: the page's rows come back as tuples of five columns, and the
council's code and name and the first topic come from the catalogue index, which holds them for every published
case study. That costs a fraction of building twenty ``CaseStudy`` objects with a join and prefetching their topics.
The impact, cost and evidence a card shows at a glance (issue 20): the band, the level the page shows and the stage
come from the index too; the first outcome's figures come in the same query as correlated subqueries, asked for
only when one of the page's case studies reports outcomes (``public.glance`` words them).
"""

import functools
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import connection
from django.db.models.expressions import RawSQL

from casestudies.models import CaseStudy, Outcome, Topic

from .index import Catalogue


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


@functools.cache
def _first_outcome(field: str) -> RawSQL:
    """The first outcome's ``field`` as a correlated subquery, written once per process: the ORM's ``Subquery``
    would be compiled again for every page of cards, four times, which cost more than running it."""
    q = connection.ops.quote_name
    outcome, case_study = Outcome._meta.db_table, CaseStudy._meta.db_table
    sql = (
        f"SELECT {q(field)} FROM {q(outcome)} WHERE {q('case_study_id')} = {q(case_study)}.{q('id')} "
        f"ORDER BY {q('position')}, {q('id')} LIMIT 1"
    )
    return RawSQL(sql, (), output_field=Outcome._meta.get_field(field).clone())


_COLUMNS = ("pk", "title", "slug", "summary", "published_at", "lead_council_id")
_FIRST = ("first_measure", "first_before", "first_after", "first_unit")


def cards(ids: list[int], *, catalogue: Catalogue) -> list[Card]:
    """The published case studies of ``ids`` as cards, in the order of ``ids`` (one query)."""
    if not ids:
        return []
    facts = {pk: catalogue.facts_of(pk) for pk in ids}
    rows = CaseStudy.objects.published().filter(pk__in=ids).order_by()
    # Only a page with a case study reporting outcomes asks for the first one's figures.
    with_outcomes = any(outcomes for *_, outcomes in facts.values())
    if with_outcomes:
        rows = rows.annotate(**{name: _first_outcome(name.removeprefix("first_")) for name in _FIRST})
    found = {}
    for pk, title, slug, summary, published_at, council_id, *first in rows.values_list(
        *_COLUMNS, *(_FIRST if with_outcomes else ())
    ):
        code, name = catalogue.councils.get(council_id, ("", ""))
        band, level, stage, _ = facts[pk]
        headline = Headline(*first) if first and first[0] is not None else None
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
        )
    return [found[pk] for pk in ids if pk in found]

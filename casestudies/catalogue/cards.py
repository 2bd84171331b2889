"""Result cards: what a list page shows of each case study, read for a whole page in one narrow query.

A card is a plain value, not a model instance: the page's rows come back as tuples of five columns, and the
council's code and name and the first topic come from the catalogue index, which holds them for every published
case study. That costs a fraction of building twenty ``CaseStudy`` objects with a join and prefetching their topics.
The impact, cost and evidence a card shows at a glance (issue 20): the band, the level the page shows and the stage
come from the index too; the first outcome's figures come in the same query as correlated subqueries, asked for
only when one of the page's case studies reports outcomes (``public.glance`` words them). The query is compiled
once per number of ids (``_Statement``) and run with each page's ids and the time: the rows and the query are
those of ``CaseStudy.objects.published()``, without building and compiling the queryset on every page.
"""

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from django.db import connection, connections, router
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.sql.compiler import SQLCompiler
from django.utils import timezone

from casestudies.models import CaseStudy, Outcome, Topic
from casestudies.ops.languages import is_welsh

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
    # On a Welsh page: "en" when the title and summary are the English (the case study has no Welsh version); on an
    # English page: "cy" when they are the Welsh version (a case study written in Welsh only).
    lang: str = ""
    # Its English fields hold its Welsh version (``CaseStudy.welsh_only``, as far as the title and summary say): an
    # excerpt of them is Welsh on either page.
    english_is_welsh: bool = False
    # It has a Welsh version (``CaseStudy.has_welsh``): only then are Welsh excerpts asked for.
    has_welsh: bool = False


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
# The Welsh version is read in the same query (issue 23): a Welsh page shows it, an English page marks a title and
# summary that are the Welsh version itself (``CaseStudy.welsh_only``) as Welsh.
_WELSH = ("title_cy", "summary_cy")
# Stand-ins compiled into a statement and replaced by each page's values: a time and ids no case study has.
_AT = datetime(2000, 1, 1, tzinfo=UTC)
_NO_ID = -(10**15)


def _queryset(ids: list[int], *, at: datetime | None, with_outcomes: bool, using: str) -> QuerySet:
    rows = CaseStudy.objects.using(using).published(at=at).filter(pk__in=ids).order_by()
    if with_outcomes:
        rows = rows.annotate(**{name: _first_outcome(name.removeprefix("first_")) for name in _FIRST})
    return rows.values_list(*_COLUMNS, *(_FIRST if with_outcomes else ()), *_WELSH)


@dataclass(frozen=True)
class _Statement:
    """The card query for a number of ids, compiled once: building and compiling the queryset cost three times
    what the database takes to run it. ``at`` and ``ids`` say where the time and the ids go among ``params``."""

    sql: str
    params: tuple
    at: int
    ids: tuple[int, ...]
    compiler: SQLCompiler
    converters: dict

    def run(self, ids: list[int], using: str) -> Iterable[tuple]:
        params = list(self.params)
        params[self.at] = CaseStudy._meta.get_field("published_at").get_db_prep_value(
            timezone.now(), connections[using]
        )
        for position, pk in zip(self.ids, ids, strict=True):
            params[position] = pk
        with connections[using].cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        return self.compiler.apply_converters(rows, self.converters) if self.converters else rows


@functools.lru_cache(maxsize=64)
def _statement(using: str, count: int, with_outcomes: bool) -> _Statement | None:
    stand_ins = [_NO_ID - number for number in range(count)]
    queryset = _queryset(stand_ins, at=_AT, with_outcomes=with_outcomes, using=using)
    compiler = queryset.query.get_compiler(using)
    sql, params = compiler.as_sql()
    at = CaseStudy._meta.get_field("published_at").get_db_prep_value(_AT, connections[using])
    where = {value: position for position, value in enumerate(params) if value == at or value in stand_ins}
    if at not in where or any(pk not in where for pk in stand_ins) or len(where) != count + 1:
        return None  # not the statement expected: the queryset is used as it is
    converters = compiler.get_converters([column for column, *_ in compiler.select])
    return _Statement(
        sql, tuple(params), where[at], tuple(where[pk] for pk in stand_ins), compiler, converters
    )


def cards(ids: list[int], *, catalogue: Catalogue) -> list[Card]:
    """The published case studies of ``ids`` as cards, in the order of ``ids`` (one query)."""
    if not ids:
        return []
    facts = {pk: catalogue.facts_of(pk) for pk in ids}
    # Only a page with a case study reporting outcomes asks for the first one's figures.
    with_outcomes = any(outcomes for *_, outcomes in facts.values())
    welsh = is_welsh()
    using = router.db_for_read(CaseStudy)
    statement = _statement(using, len(ids), with_outcomes)
    if statement is not None:
        rows = statement.run(ids, using)
    else:
        rows = _queryset(ids, at=None, with_outcomes=with_outcomes, using=using)
    councils = labels(catalogue).councils  # code and name, the name in the page's language
    found = {}
    for pk, title, slug, summary, published_at, council_id, *rest in rows:
        code, name = councils.get(council_id, ("", ""))
        band, level, stage, _ = facts[pk]
        first = rest[: len(_FIRST)] if with_outcomes else ()
        headline = Headline(*first) if first and first[0] is not None else None
        lang = ""
        has_welsh = bool(rest[-2].strip())
        english_is_welsh = has_welsh and (title.strip(), summary.strip()) == (
            rest[-2].strip(),
            rest[-1].strip(),
        )
        if welsh and has_welsh:
            title, summary = rest[-2], rest[-1]
        elif welsh:
            lang = "en"
        elif english_is_welsh:
            lang = "cy"
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
            english_is_welsh,
            has_welsh,
        )
    return [found[pk] for pk in ids if pk in found]

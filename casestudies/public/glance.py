"""Impact, cost and evidence at a glance (issue 20): the words of a case study page's "At a glance" list, its
outcomes table, a result card's one line and a feed entry's, worded here once so that they all agree.

Everything returned is plain text (templates and ``components`` escape it); a missing answer is "Not stated" on
the page and left out of a card.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.template.defaultfilters import filesizeformat
from django.utils import dateformat
from django.utils.translation import gettext

from casestudies.catalogue.cards import Card, Headline
from casestudies.models import (
    EVIDENCE_LEVEL_HELP,
    Attachment,
    CaseStudy,
    CostBand,
    EvidenceLevel,
    Outcome,
    Stage,
)

NOT_STATED = "Not stated"
CARD_SEPARATOR = " · "


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True, slots=True)
class GlanceItem:
    """One ``<dt>``/``<dd>`` pair: the answer, then any sentences that explain it, then any links."""

    label: str
    text: str
    details: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    # An ISO date for a ``<time datetime>`` around the text, when the text is a date.
    iso_date: str = ""


@dataclass(frozen=True, slots=True)
class OutcomeRow:
    measure: str
    before: str
    after: str
    unit: str
    period: str
    source: str


def pounds(amount: int) -> str:
    return f"£{amount:,}"


def figure(value: Decimal | None) -> str:
    """A measured figure as people write it: thousands separated, no trailing zeros ("1,200", "12.5")."""
    if value is None:
        return NOT_STATED
    normal = value.normalize()
    if normal == normal.to_integral_value():
        return f"{int(normal):,}"
    return f"{normal:,f}"


def with_unit(text: str, unit: str) -> str:
    """A figure with its unit: "£" goes before it, "%" right after it, any other unit after a space."""
    if unit == "£":
        return f"£{text}"
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit}" if unit else text


def years(start: int | None, end: int | None, *, stopped: bool = False) -> str:
    """The years the work ran: "2019 to 2022", "since 2021" ("from 2021" once it has stopped), "until 2022"."""
    if start and end:
        return str(start) if start == end else f"{start} to {end}"
    if start:
        return f"from {start}" if stopped else f"since {start}"
    if end:
        return f"until {end}"
    return ""


def level_name(level: int) -> str:
    """ "Level 2: measured change" """
    return str(EvidenceLevel(level).label)


def evidence_item(case_study: CaseStudy) -> GlanceItem:
    claimed, confirmed = case_study.evidence_level_claimed, case_study.evidence_level_confirmed
    level = confirmed or claimed
    if not level:
        return GlanceItem("Evidence level", NOT_STATED)
    if not confirmed:
        who = "Self-assessed by the council; not yet confirmed by an editor."
    elif claimed and claimed != confirmed:
        who = f"Confirmed by an editor, who changed it from the council's own assessment ({level_name(claimed)})."
    else:
        who = "Confirmed by an editor."
    return GlanceItem("Evidence level", level_name(level), details=(EVIDENCE_LEVEL_HELP[level], who))


def cost_item(case_study: CaseStudy) -> GlanceItem:
    band = band_name(case_study.cost_band)
    amount = case_study.cost_amount
    if band and amount is not None:
        text = f"{band} (exactly {pounds(amount)})"
    elif amount is not None:
        text = pounds(amount)
    else:
        text = band or NOT_STATED
    covers = (f"What it covers: {case_study.cost_covers}",) if case_study.cost_covers else ()
    return GlanceItem("Cost", text, details=covers)


def savings_item(case_study: CaseStudy) -> GlanceItem:
    amount = case_study.savings_per_year
    if amount is None:
        return GlanceItem("Savings or income a year", NOT_STATED)
    method = (f"How it was worked out: {case_study.savings_method}",) if case_study.savings_method else ()
    return GlanceItem(
        "Savings or income a year", pounds(amount), details=(*method, "Reported by the council.")
    )


def stage_item(case_study: CaseStudy) -> GlanceItem:
    stopped = case_study.stage == Stage.STOPPED
    stage = stage_name(case_study.stage) or NOT_STATED
    ran = years(case_study.start_year, case_study.end_year, stopped=stopped)
    text = f"{stage} ({ran})" if ran else stage
    why = (f"Why it stopped: {case_study.stopped_reason}",) if stopped and case_study.stopped_reason else ()
    return GlanceItem("Stage", text, details=why)


def reviewed_item(last_reviewed: date | None) -> GlanceItem:
    if last_reviewed is None:
        return GlanceItem("Last reviewed", NOT_STATED)
    return GlanceItem(
        "Last reviewed",
        dateformat.format(last_reviewed, "j F Y"),
        iso_date=last_reviewed.isoformat(),
    )


def report_item(case_study: CaseStudy, report: Attachment | None) -> GlanceItem | None:
    links = []
    if report is not None:
        links.append(Link(f"Evaluation report ({report.type_label}, {_size(report.size)})", report.url))
    if case_study.evaluation_url:
        links.append(
            Link(
                "Evaluation report (on another website)",
                case_study.evaluation_url,
            )
        )
    if not links:
        return None
    return GlanceItem("Evaluation", "", links=tuple(links))


def _size(size: int) -> str:
    return str(filesizeformat(size)).replace("\xa0", " ")


def at_a_glance(case_study: CaseStudy, *, report: Attachment | None = None) -> list[GlanceItem]:
    """The page's "At a glance" list, in reading order; the evaluation row only when there is a report."""
    items = [
        cost_item(case_study),
        savings_item(case_study),
        evidence_item(case_study),
        stage_item(case_study),
        reviewed_item(case_study.last_reviewed),
    ]
    report_row = report_item(case_study, report)
    return [*items, report_row] if report_row else items


def labelled(items: list[GlanceItem]) -> list[GlanceItem]:
    """The items with their labels in the active language (the answers and details stay as they are, in English)."""
    labels = {
        "Cost": gettext("Cost"),
        "Savings or income a year": gettext("Savings or income a year"),
        "Evidence level": gettext("Evidence level"),
        "Stage": gettext("Stage"),
        "Last reviewed": gettext("Last reviewed"),
        "Evaluation": gettext("Evaluation"),
    }
    return [replace(item, label=labels.get(item.label, item.label)) for item in items]


def outcome_rows(outcomes: Iterable[Outcome]) -> list[OutcomeRow]:
    """The outcomes table's rows; a missing "before", period or source is "Not stated", a missing unit blank."""
    return [
        OutcomeRow(
            measure=outcome.measure,
            before=figure(outcome.before),
            after=figure(outcome.after),
            unit=outcome.unit,
            period=outcome.period or NOT_STATED,
            source=outcome.source or NOT_STATED,
        )
        for outcome in outcomes
    ]


def headline(outcome: Headline) -> str:
    """ "Missed bin complaints: 412 → 96 a month": the unit once, after the second figure ("£" and "%" go with
    both); only "after" when "before" is missing."""
    unit = outcome.unit
    after = with_unit(figure(outcome.after), unit)
    if outcome.before is None:
        return f"{outcome.measure}: {after}"
    before = with_unit(figure(outcome.before), unit) if unit in ("£", "%") else figure(outcome.before)
    return f"{outcome.measure}: {before} → {after}"


def band_name(band: str) -> str:
    """ "Under £10,000"; "" for none stated."""
    return str(CostBand(band).label) if band else ""


def stage_name(stage: str) -> str:
    """ "Rolled out"; "" for none stated."""
    return str(Stage(stage).label) if stage else ""


@functools.cache
def _card_facts(band: str, level: int | None, stage: str) -> tuple[str, ...]:
    """The card line's parts before the outcome: a handful of combinations, worded once per process (the words
    are English whatever the page's language, so they do not depend on it)."""
    parts = []
    if band:
        parts.append(f"Cost: {band_name(band)}")
    if level:
        parts.append(f"Evidence {level_name(level).replace('Level', 'level', 1)}")
    if stage:
        parts.append(f"Stage: {stage_name(stage)}")
    return tuple(parts)


def card_line(card: Card) -> str:
    """A result card's glance line: cost band, evidence level, stage and the first outcome, each only when stated;
    empty when none is."""
    parts = _card_facts(card.cost_band, card.evidence_level, card.stage)
    if card.headline is not None:
        parts = (*parts, headline(card.headline))
    return CARD_SEPARATOR.join(parts)


def feed_line(case_study: CaseStudy) -> str:
    """A feed entry's line: cost band, evidence level (and whose) and stage, "not stated" where missing."""
    cost = band_name(case_study.cost_band) or "not stated"
    if case_study.evidence_level_confirmed:
        evidence = f"{level_name(case_study.evidence_level_confirmed)} (confirmed by an editor)"
    elif case_study.evidence_level_claimed:
        evidence = f"{level_name(case_study.evidence_level_claimed)} (self-assessed)"
    else:
        evidence = "not stated"
    stage = stage_name(case_study.stage) or "not stated"
    return f"Cost: {cost}. Evidence: {evidence}. Stage: {stage}."

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
from django.utils.translation import get_language, gettext, pgettext
from django.utils.translation import gettext_lazy as _

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

NOT_STATED = _("Not stated")
CARD_SEPARATOR = " · "
# A card's evidence level, in one phrase per level (the level's name is not simply put after a word: word order
# and case differ between languages).
CARD_EVIDENCE = {
    1: _("Evidence level 1: described"),
    2: _("Evidence level 2: measured change"),
    3: _("Evidence level 3: compared with no change"),
    4: _("Evidence level 4: independently evaluated"),
    5: _("Evidence level 5: repeated elsewhere"),
}


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


class Said(str):
    """A sentence around the council's own words ("What it covers: …"), equal to the whole sentence; a Welsh page
    marks the words as English (``before``, ``words``, ``after``), the rest being translated (issue 23)."""

    before: str
    words: str
    after: str

    def __new__(cls, sentence: str, words: str) -> Said:
        before, _, after = sentence.partition("%(words)s")
        said = super().__new__(cls, f"{before}{words}{after}")
        said.before, said.words, said.after = before, words, after
        return said


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
        return str(NOT_STATED)
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
        return str(start) if start == end else gettext("%(start)s to %(end)s") % {"start": start, "end": end}
    if start:
        return (gettext("from %(year)s") if stopped else gettext("since %(year)s")) % {"year": start}
    if end:
        return gettext("until %(year)s") % {"year": end}
    return ""


def level_name(level: int) -> str:
    """ "Level 2: measured change" """
    return str(EvidenceLevel(level).label)


def evidence_item(case_study: CaseStudy) -> GlanceItem:
    claimed, confirmed = case_study.evidence_level_claimed, case_study.evidence_level_confirmed
    level = confirmed or claimed
    if not level:
        return GlanceItem("Evidence level", str(NOT_STATED))
    if not confirmed:
        who = gettext("Self-assessed by the council; not yet confirmed by an editor.")
    elif claimed and claimed != confirmed:
        who = gettext(
            "Confirmed by an editor, who changed it from the council's own assessment (%(level)s)."
        ) % {"level": level_name(claimed)}
    else:
        who = gettext("Confirmed by an editor.")
    return GlanceItem("Evidence level", level_name(level), details=(str(EVIDENCE_LEVEL_HELP[level]), who))


def cost_item(case_study: CaseStudy) -> GlanceItem:
    band = band_name(case_study.cost_band)
    amount = case_study.cost_amount
    if band and amount is not None:
        text = gettext("%(band)s (exactly %(amount)s)") % {"band": band, "amount": pounds(amount)}
    elif amount is not None:
        text = pounds(amount)
    else:
        text = band or str(NOT_STATED)
    covers = (
        (Said(gettext("What it covers: %(text)s") % {"text": "%(words)s"}, case_study.cost_covers),)
        if case_study.cost_covers
        else ()
    )
    return GlanceItem("Cost", text, details=covers)


def savings_item(case_study: CaseStudy) -> GlanceItem:
    amount = case_study.savings_per_year
    if amount is None:
        return GlanceItem("Savings or income a year", str(NOT_STATED))
    method = (
        (
            Said(
                gettext("How it was worked out: %(method)s") % {"method": "%(words)s"},
                case_study.savings_method,
            ),
        )
        if case_study.savings_method
        else ()
    )
    return GlanceItem(
        "Savings or income a year", pounds(amount), details=(*method, gettext("Reported by the council."))
    )


def stage_item(case_study: CaseStudy) -> GlanceItem:
    stopped = case_study.stage == Stage.STOPPED
    stage = stage_name(case_study.stage) or str(NOT_STATED)
    ran = years(case_study.start_year, case_study.end_year, stopped=stopped)
    text = f"{stage} ({ran})" if ran else stage
    why = (
        (Said(gettext("Why it stopped: %(reason)s") % {"reason": "%(words)s"}, case_study.stopped_reason),)
        if stopped and case_study.stopped_reason
        else ()
    )
    return GlanceItem("Stage", text, details=why)


def reviewed_item(last_reviewed: date | None) -> GlanceItem:
    if last_reviewed is None:
        return GlanceItem("Last reviewed", str(NOT_STATED))
    return GlanceItem(
        "Last reviewed",
        dateformat.format(last_reviewed, "j F Y"),
        iso_date=last_reviewed.isoformat(),
    )


def report_item(case_study: CaseStudy, report: Attachment | None) -> GlanceItem | None:
    links = []
    if report is not None:
        words = gettext("Evaluation report (%(kind)s, %(size)s)")
        links.append(Link(words % {"kind": report.type_label, "size": _size(report.size)}, report.url))
    if case_study.evaluation_url:
        links.append(
            Link(
                gettext("Evaluation report (on another website)"),
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
    """The items with their labels in the active language (the answers and details are worded in it already)."""
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
    not_stated = str(NOT_STATED)
    return [
        OutcomeRow(
            measure=outcome.measure,
            before=figure(outcome.before),
            after=figure(outcome.after),
            unit=outcome.unit,
            period=outcome.period or not_stated,
            source=outcome.source or not_stated,
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
def _card_facts(language: str | None, band: str, level: int | None, stage: str) -> tuple[str, ...]:
    """The card line's parts before the outcome: a handful of combinations, worded once per language and
    combination in each process."""
    parts = []
    if band:
        parts.append(gettext("Cost: %(band)s") % {"band": band_name(band)})
    if level:
        parts.append(str(CARD_EVIDENCE[level]))
    if stage:
        parts.append(gettext("Stage: %(stage)s") % {"stage": stage_name(stage)})
    return tuple(parts)


def card_parts(card: Card, language: str | None = None) -> tuple[tuple[str, ...], str]:
    """A result card's glance line in two: the cost band, evidence level and stage, each only when stated, in the
    page's language (``language``, the active one when not given); the first outcome (the council's own words, so
    English on a Welsh page), "" when none."""
    facts = _card_facts(language or get_language(), card.cost_band, card.evidence_level, card.stage)
    return facts, headline(card.headline) if card.headline is not None else ""


def feed_line(case_study: CaseStudy) -> str:
    """A feed entry's line: cost band, evidence level (and whose) and stage, "not stated" where missing, in the
    feed's language."""
    not_stated = pgettext("feed entry", "not stated")
    cost = band_name(case_study.cost_band) or not_stated
    if case_study.evidence_level_confirmed:
        evidence = gettext("%(level)s (confirmed by an editor)") % {
            "level": level_name(case_study.evidence_level_confirmed)
        }
    elif case_study.evidence_level_claimed:
        evidence = gettext("%(level)s (self-assessed)") % {
            "level": level_name(case_study.evidence_level_claimed)
        }
    else:
        evidence = not_stated
    stage = stage_name(case_study.stage) or not_stated
    return gettext("Cost: %(cost)s. Evidence: %(evidence)s. Stage: %(stage)s.") % {
        "cost": cost,
        "evidence": evidence,
        "stage": stage,
    }

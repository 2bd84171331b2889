"""The words of impact, cost and evidence at a glance (issue 20): the case study page's list, its outcomes table,
a result card's line and a feed entry's (casestudies/public/glance.py). Unsaved instances: no database."""

from datetime import UTC, date, datetime
from decimal import Decimal

from casestudies.catalogue.cards import Card, Headline
from casestudies.models import Attachment, CaseStudy, Outcome
from casestudies.public.glance import (
    GlanceItem,
    Link,
    OutcomeRow,
    at_a_glance,
    card_parts,
    feed_line,
    figure,
    headline,
    outcome_rows,
    years,
)

LEVEL_2 = (
    "We collected data showing that things changed after we started, but we cannot yet say the change was caused "
    "by what we did."
)
LEVEL_4 = (
    "An evaluation, done or checked by someone independent of the project, found that our work caused the change, "
    "and we can explain why it worked."
)


def everything_stated(**fields) -> CaseStudy:
    values = {
        "cost_band": "10k_50k",
        "cost_amount": 38000,
        "cost_covers": "Two surveyors for a year",
        "savings_per_year": 120000,
        "savings_method": "Fewer hospital admissions at NHS tariff",
        "evidence_level_claimed": 2,
        "evidence_level_confirmed": 2,
        "stage": "rolled_out",
        "start_year": 2021,
        "last_reviewed": date(2025, 3, 5),
        "evaluation_url": "https://example.org/evaluation",
    }
    return CaseStudy(**{**values, **fields})


def card(**fields) -> Card:
    base = Card(1, "Title", "title", "Summary", datetime(2024, 3, 5, tzinfo=UTC), "WGN", "Wigan", None)
    return Card(**{**{name: getattr(base, name) for name in base.__slots__}, **fields})


def test_at_a_glance_with_everything_stated():
    assert at_a_glance(everything_stated()) == [
        GlanceItem(
            "Cost",
            "£10,000 to £50,000 (exactly £38,000)",
            details=("What it covers: Two surveyors for a year",),
        ),
        GlanceItem(
            "Savings or income a year",
            "£120,000",
            details=(
                "How it was worked out: Fewer hospital admissions at NHS tariff",
                "Reported by the council.",
            ),
        ),
        GlanceItem(
            "Evidence level", "Level 2: measured change", details=(LEVEL_2, "Confirmed by an editor.")
        ),
        GlanceItem("Stage", "Rolled out (since 2021)"),
        GlanceItem("Last reviewed", "5 March 2025", iso_date="2025-03-05"),
        GlanceItem(
            "Evaluation",
            "",
            links=(Link("Evaluation report (on another website)", "https://example.org/evaluation"),),
        ),
    ]


def test_at_a_glance_with_nothing_stated():
    assert at_a_glance(CaseStudy()) == [
        GlanceItem("Cost", "Not stated"),
        GlanceItem("Savings or income a year", "Not stated"),
        GlanceItem("Evidence level", "Not stated"),
        GlanceItem("Stage", "Not stated"),
        GlanceItem("Last reviewed", "Not stated"),
    ]


def test_at_a_glance_exact_cost_without_a_band():
    (cost, *_) = at_a_glance(CaseStudy(cost_amount=1250))

    assert cost == GlanceItem("Cost", "£1,250")


def test_at_a_glance_stopped_with_its_years_and_reason():
    case_study = CaseStudy(stage="stopped", start_year=2019, end_year=2022, stopped_reason="The grant ended.")

    assert at_a_glance(case_study)[3] == GlanceItem(
        "Stage", "Stopped (2019 to 2022)", details=("Why it stopped: The grant ended.",)
    )


def test_at_a_glance_stopped_without_an_end_year_or_reason():
    assert at_a_glance(CaseStudy(stage="stopped", start_year=2019))[3] == GlanceItem(
        "Stage", "Stopped (from 2019)"
    )


def test_at_a_glance_reason_ignored_unless_stopped():
    case_study = CaseStudy(stage="pilot", stopped_reason="Left from an earlier answer")

    assert at_a_glance(case_study)[3] == GlanceItem("Stage", "Pilot")


def test_at_a_glance_years_without_a_stage():
    assert at_a_glance(CaseStudy(end_year=2022))[3] == GlanceItem("Stage", "Not stated (until 2022)")


def test_at_a_glance_evidence_self_assessed():
    assert at_a_glance(CaseStudy(evidence_level_claimed=2))[2] == GlanceItem(
        "Evidence level",
        "Level 2: measured change",
        details=(LEVEL_2, "Self-assessed by the council; not yet confirmed by an editor."),
    )


def test_at_a_glance_evidence_confirmed_as_claimed():
    case_study = CaseStudy(evidence_level_claimed=4, evidence_level_confirmed=4)

    assert at_a_glance(case_study)[2] == GlanceItem(
        "Evidence level", "Level 4: independently evaluated", details=(LEVEL_4, "Confirmed by an editor.")
    )


def test_at_a_glance_evidence_changed_by_an_editor():
    case_study = CaseStudy(evidence_level_claimed=4, evidence_level_confirmed=2)

    assert at_a_glance(case_study)[2] == GlanceItem(
        "Evidence level",
        "Level 2: measured change",
        details=(
            LEVEL_2,
            "Confirmed by an editor, who changed it from the council's own assessment "
            "(Level 4: independently evaluated).",
        ),
    )


def test_at_a_glance_evidence_set_by_an_editor_without_a_self_assessment():
    assert at_a_glance(CaseStudy(evidence_level_confirmed=2))[2] == GlanceItem(
        "Evidence level", "Level 2: measured change", details=(LEVEL_2, "Confirmed by an editor.")
    )


def test_at_a_glance_uploaded_report_and_link():
    report = Attachment(key="abc123", name="files/evaluation.pdf", file_type="pdf", size=1_258_291)

    item = at_a_glance(everything_stated(), report=report)[-1]

    assert item == GlanceItem(
        "Evaluation",
        "",
        links=(
            Link("Evaluation report (PDF, 1.2 MB)", "/files/abc123/evaluation.pdf"),
            Link("Evaluation report (on another website)", "https://example.org/evaluation"),
        ),
    )


def test_outcome_rows_format_figures_and_say_what_is_missing():
    outcomes = [
        Outcome(
            measure="Missed bin complaints",
            before=Decimal("1412.00"),
            after=Decimal("96.00"),
            unit="a month",
            period="12 months",
            source="Complaints system",
        ),
        Outcome(measure="Recycling rate", after=Decimal("42.50"), unit="%"),
    ]

    assert outcome_rows(outcomes) == [
        OutcomeRow("Missed bin complaints", "1,412", "96", "a month", "12 months", "Complaints system"),
        OutcomeRow("Recycling rate", "Not stated", "42.5", "%", "Not stated", "Not stated"),
    ]


def test_figure_negative_and_fractional():
    assert [figure(Decimal("-2500.00")), figure(Decimal("0.25")), figure(None)] == [
        "-2,500",
        "0.25",
        "Not stated",
    ]


def test_years_same_start_and_end():
    assert years(2022, 2022) == "2022"


def test_headline_units():
    assert [
        headline(Headline("Missed bin complaints", Decimal("412"), Decimal("96"), "a month")),
        headline(Headline("Recycling rate", Decimal("31.0"), Decimal("42.5"), "%")),
        headline(Headline("Spend on temporary housing", Decimal("90000"), Decimal("61000"), "£")),
        headline(Headline("Homes insulated", None, Decimal("400"), "")),
    ] == [
        "Missed bin complaints: 412 → 96 a month",
        "Recycling rate: 31% → 42.5%",
        "Spend on temporary housing: £90,000 → £61,000",
        "Homes insulated: 400",
    ]


def test_card_parts_with_everything_stated():
    parts = card_parts(
        card(
            cost_band="10k_50k",
            evidence_level=2,
            stage="rolled_out",
            headline=Headline("Missed bin complaints", Decimal("412.00"), Decimal("96.00"), "a month"),
        )
    )

    assert parts == (
        ("Cost: £10,000 to £50,000", "Evidence level 2: measured change", "Stage: Rolled out"),
        "Missed bin complaints: 412 → 96 a month",
    )


def test_card_parts_leave_out_what_is_not_stated():
    assert card_parts(card(evidence_level=5, stage="stopped")) == (
        ("Evidence level 5: repeated elsewhere", "Stage: Stopped"),
        "",
    )


def test_card_parts_with_nothing_stated_are_empty():
    assert card_parts(card()) == ((), "")


def test_feed_line_with_everything_stated():
    assert feed_line(everything_stated()) == (
        "Cost: £10,000 to £50,000. Evidence: Level 2: measured change (confirmed by an editor). Stage: Rolled out."
    )


def test_feed_line_self_assessed_level():
    assert feed_line(everything_stated(evidence_level_confirmed=None, evidence_level_claimed=4)) == (
        "Cost: £10,000 to £50,000. Evidence: Level 4: independently evaluated (self-assessed). Stage: Rolled out."
    )


def test_feed_line_with_nothing_stated():
    assert feed_line(CaseStudy()) == "Cost: not stated. Evidence: not stated. Stage: not stated."

"""The fields of the form's section "Impact, cost and evidence" (issue 20), made for each form so that their labels,
hints and messages are in the language of the request (``evidenceforms`` reads and checks them)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casestudies.models import EVIDENCE_LEVEL_HELP, MAX_OUTCOMES, CostBand, EvidenceLevel, Stage
from casestudies.models.evidence import FIGURE_LIMIT

from .figures import MONEY_LIMIT, NumberField, YearField

NOT_STATED = ("", gettext_lazy("Not stated"))


def outcome_name(number: int, part: str) -> str:
    return f"outcome_{number}_{part}"


def radios(choices, *, label: str, invalid: str, help_text: str = "", hints: dict[str, str] | None = None):
    choice_field = forms.ChoiceField(
        label=label,
        required=False,
        choices=[NOT_STATED, *[(str(value), text) for value, text in choices]],
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"invalid_choice": invalid},
    )
    choice_field.option_hints = hints or {}
    return choice_field


def evidence_fields() -> dict[str, forms.Field]:
    level_hints = {str(level): EVIDENCE_LEVEL_HELP[level] for level in EvidenceLevel.values}
    level_hints[""] = _("You are not sure, or would rather an editor judged it.")
    fields: dict[str, forms.Field] = {
        "cost_band": radios(
            CostBand.choices,
            label=_("What it cost"),
            invalid=_("Choose a cost band from the list"),
            help_text=_(
                "Everything the work cost the council and its partners, including staff time if you "
                "counted it."
            ),
        ),
        "cost_amount": NumberField(
            label=_("Exact cost in pounds (optional)"),
            noun=_("the exact cost"),
            example="45,000",
            maximum=Decimal(MONEY_LIMIT),
            help_text=_(
                "Whole pounds, for example 45,000. If you give a figure we can choose the band for you."
            ),
        ),
        "cost_covers": forms.CharField(
            label=_("What the cost covers (optional)"),
            required=False,
            max_length=300,
            help_text=_("For example: two officers for a year, the software licence and the evaluation."),
        ),
        "savings_per_year": NumberField(
            label=_("Savings or income a year in pounds (optional)"),
            noun=_("the savings or income a year"),
            example="120,000",
            maximum=Decimal(MONEY_LIMIT),
            help_text=_(
                "Money saved or brought in each year once the work was running, for example 120,000."
            ),
        ),
        "savings_method": forms.CharField(
            label=_("How you worked the savings out (optional)"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_(
                "For example: 310 fewer missed collections a month at £32 each, from our service data."
            ),
        ),
        "evidence_level_claimed": radios(
            EvidenceLevel.choices,
            label=_("How strong is your evidence?"),
            invalid=_("Choose an evidence level from the list"),
            help_text=_("Choose the highest level that is true of your work. An editor will check it."),
            hints=level_hints,
        ),
        "stage": radios(
            Stage.choices,
            label=_("What stage is the work at?"),
            invalid=_("Choose a stage from the list"),
            help_text=_(
                "An idea not yet tried, a pilot, rolled out across the service, embedded as the usual "
                "way of working, or stopped."
            ),
        ),
        "stopped_reason": forms.CharField(
            label=_("Why it stopped (needed if it stopped)"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_(
                "What ended it: funding, results, a change of priorities. Other councils learn from this too."
            ),
        ),
        "start_year": YearField(
            label=_("Year it started (optional)"), noun=_("the start year"), help_text=_("For example, 2022.")
        ),
        "end_year": YearField(
            label=_("Year it ended (optional)"),
            noun=_("the end year"),
            help_text=_("Leave empty if it is still running."),
        ),
        "evaluation_url": forms.URLField(
            label=_("Link to an evaluation report (optional)"),
            required=False,
            max_length=500,
            assume_scheme="https",
            help_text=_(
                "A web address, for example https://www.example.gov.uk/evaluation. If you have the "
                "report as a file, add it below instead (or as well)."
            ),
            error_messages={"invalid": _("Enter a web address, like https://www.example.gov.uk/report")},
        ),
    }
    for number in range(1, MAX_OUTCOMES + 1):
        fields |= outcome_fields(number)
    return fields


def outcome_fields(number: int) -> dict[str, forms.Field]:
    def figure(label: str, noun: str) -> NumberField:
        return NumberField(
            label=label,
            noun=noun,
            example="412 or 12.5",
            places=2,
            minimum=-FIGURE_LIMIT,
        )

    return {
        outcome_name(number, "measure"): forms.CharField(
            label=_("What was measured"),
            required=False,
            max_length=200,
            help_text=_("For example: missed bin complaints a month.") if number == 1 else "",
        ),
        outcome_name(number, "before"): figure(
            _("Figure before (optional)"), _("the figure before for outcome %(number)s") % {"number": number}
        ),
        outcome_name(number, "after"): figure(
            _("Figure after"), _("the figure after for outcome %(number)s") % {"number": number}
        ),
        outcome_name(number, "unit"): forms.CharField(
            label=_("Unit (optional)"),
            required=False,
            max_length=60,
            help_text=_("For example: complaints, %, £, days.") if number == 1 else "",
        ),
        outcome_name(number, "period"): forms.CharField(
            label=_("Period (optional)"),
            required=False,
            max_length=80,
            help_text=_("For example: 12 months, 2022 to 2024.") if number == 1 else "",
        ),
        outcome_name(number, "source"): forms.CharField(
            label=_("Where the figures come from (optional)"),
            required=False,
            max_length=200,
            help_text=_("For example: council service data, an independent evaluation.")
            if number == 1
            else "",
        ),
    }

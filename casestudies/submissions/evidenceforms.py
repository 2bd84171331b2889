"""The form's optional section "Impact, cost and evidence" (issue 20).

Cost (a band, an exact figure and what it covers), savings or income a year and how they were worked out, the
submitter's own evidence level (1 to 5, each explained), the stage (with why it stopped), start and end years, a
link to the evaluation report, and up to ``MAX_OUTCOMES`` measured outcomes as rows of fields. Nothing here is
required: a submitter can skip the whole section and the case study says "not stated".

Numbers are typed as text (``inputmode`` brings up the right keyboard) so that whatever was typed, even
"1e309", comes back in the field with its error instead of being dropped by the browser. Only the six outcome
rows are read; a post that carries more gets one error and the six it has are kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casestudies.models import MAX_OUTCOMES, CaseStudy, CostBand, Stage
from casestudies.ops.manyfields import SAMPLE

from .evidencefields import evidence_fields, outcome_name
from .figures import band_of

HEADING = gettext_lazy("Impact, cost and evidence (optional)")
OUTCOME_PARTS = ("measure", "before", "after", "unit", "period", "source")
OUTCOME_ROWS_SHOWN = 3
OUTCOME_NAME = re.compile(r"outcome_(\d+)_(?:measure|before|after|unit|period|source)")


OUTCOME_FIELDS = [outcome_name(n, part) for n in range(1, MAX_OUTCOMES + 1) for part in OUTCOME_PARTS]
FIELDS = [
    "cost_band",
    "cost_amount",
    "cost_covers",
    "savings_per_year",
    "savings_method",
    "evidence_level_claimed",
    "stage",
    "stopped_reason",
    "start_year",
    "end_year",
    "evaluation_url",
    *OUTCOME_FIELDS,
]


@dataclass(frozen=True)
class OutcomeRow:
    measure: str
    after: Decimal
    before: Decimal | None = None
    unit: str = ""
    period: str = ""
    source: str = ""


@dataclass(frozen=True)
class Evidence:
    """The section's answers, ready to store (empty values mean "not stated")."""

    cost_band: str = ""
    cost_amount: int | None = None
    cost_covers: str = ""
    savings_per_year: int | None = None
    savings_method: str = ""
    evidence_level_claimed: int | None = None
    stage: str = ""
    stopped_reason: str = ""
    start_year: int | None = None
    end_year: int | None = None
    evaluation_url: str = ""
    outcomes: list[OutcomeRow] = field(default_factory=list)


@dataclass(frozen=True)
class OutcomeFieldset:
    number: int
    fields: list[forms.BoundField]

    @property
    def has_error(self) -> bool:
        return any(bound.errors for bound in self.fields)

    @property
    def in_use(self) -> bool:
        return any(bound.value() for bound in self.fields)


class EvidenceMixin:
    """The section's fields for ``SubmissionForm``: ``add_evidence_fields()`` in ``__init__`` and
    ``clean_evidence()`` in ``clean()``."""

    EVIDENCE_HEADING = HEADING

    fields: dict[str, forms.Field]
    data: Any
    saving: bool
    dropped: Sequence[str]

    def add_evidence_fields(self) -> None:
        self.fields.update(evidence_fields())

    def outcome_groups(self) -> tuple[list[OutcomeFieldset], list[OutcomeFieldset]]:
        """The outcome rows to show (the first three, and any in use) and the others, behind "Add more
        outcomes"."""
        shown, more = [], []
        for number in range(1, MAX_OUTCOMES + 1):
            row = OutcomeFieldset(number, [self[outcome_name(number, part)] for part in OUTCOME_PARTS])
            (shown if number <= OUTCOME_ROWS_SHOWN or row.in_use or row.has_error else more).append(row)
        return shown, more

    def clean_evidence(self, cleaned: dict[str, Any]) -> None:
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start is not None and end is not None and end < start:
            self.add_error(
                "end_year",
                ValidationError(_("The end year must be the start year or later"), code="before_start"),
            )
        amount, band = cleaned.get("cost_amount"), cleaned.get("cost_band")
        if amount is not None and band and band != band_of(int(amount)):
            self.add_error(
                "cost_amount",
                ValidationError(
                    _("%(amount)s is in the band “%(band)s”: choose that band or correct the figure")
                    % {"amount": f"£{int(amount):,}", "band": CostBand(band_of(int(amount))).label},
                    code="band_mismatch",
                ),
            )
        if not self.saving:  # a saved draft may be unfinished: only the formats are checked
            self._check_requirements(cleaned)
        # Last: an error takes the field's value out of ``cleaned``.
        rows = {
            int(match[1])
            for key in self.data
            if (match := OUTCOME_NAME.fullmatch(str(key))) and str(self.data.get(key) or "").strip()
        }
        # Rows the post carried beyond the form's fields were left out unread (``ops.manyfields``): only the
        # first ``SAMPLE`` names are known, so a longer list is "more than we could read".
        rows |= {int(match[1]) for name in self.dropped if (match := OUTCOME_NAME.fullmatch(name))}
        if len(self.dropped) >= SAMPLE and rows and max(rows) > MAX_OUTCOMES:
            self.add_error(
                outcome_name(1, "measure"),
                ValidationError(
                    _(
                        "You can give at most %(limit)s outcomes, and the form had more than we could read: "
                        "keep the %(limit)s that matter most"
                    )
                    % {"limit": MAX_OUTCOMES},
                    code="too_many_outcomes",
                ),
            )
        elif rows and max(rows) > MAX_OUTCOMES:
            self.add_error(
                outcome_name(1, "measure"),
                ValidationError(
                    _(
                        "You can give up to %(limit)s outcomes, and the form had %(rows)s: "
                        "keep the %(limit)s that matter most"
                    )
                    % {"limit": MAX_OUTCOMES, "rows": f"{len(rows):,}"},
                    code="too_many_outcomes",
                ),
            )

    def _check_requirements(self, cleaned: dict[str, Any]) -> None:
        if cleaned.get("stage") == Stage.STOPPED and not (cleaned.get("stopped_reason") or "").strip():
            self.add_error("stopped_reason", ValidationError(_("Say why the work stopped"), code="required"))
        for number in range(1, MAX_OUTCOMES + 1):
            values = {part: cleaned.get(outcome_name(number, part)) for part in OUTCOME_PARTS}
            if not any(value not in (None, "") for value in values.values()):
                continue
            if not (values["measure"] or "").strip():
                self.add_error(
                    outcome_name(number, "measure"),
                    ValidationError(
                        _("Say what was measured for outcome %(number)s") % {"number": number},
                        code="required",
                    ),
                )
            if values["after"] is None and outcome_name(number, "after") not in self.errors:
                self.add_error(
                    outcome_name(number, "after"),
                    ValidationError(
                        _("Enter the figure after for outcome %(number)s") % {"number": number},
                        code="required",
                    ),
                )

    def to_evidence(self) -> Evidence:
        data = self.cleaned_data

        def whole(name: str) -> int | None:
            return None if data.get(name) is None else int(data[name])

        amount = whole("cost_amount")
        stage = data.get("stage") or ""
        outcomes = []
        for number in range(1, MAX_OUTCOMES + 1):
            values = {part: data.get(outcome_name(number, part)) for part in OUTCOME_PARTS}
            if (values["measure"] or "").strip() and values["after"] is not None:
                outcomes.append(
                    OutcomeRow(
                        measure=values["measure"].strip(),
                        before=values["before"],
                        after=values["after"],
                        unit=(values["unit"] or "").strip(),
                        period=(values["period"] or "").strip(),
                        source=(values["source"] or "").strip(),
                    )
                )
        level = data.get("evidence_level_claimed")
        return Evidence(
            cost_band=data.get("cost_band") or (band_of(amount) if amount is not None else ""),
            cost_amount=amount,
            cost_covers=(data.get("cost_covers") or "").strip(),
            savings_per_year=whole("savings_per_year"),
            savings_method=(data.get("savings_method") or "").strip(),
            evidence_level_claimed=int(level) if level else None,
            stage=stage,
            stopped_reason=(data.get("stopped_reason") or "").strip() if stage == Stage.STOPPED else "",
            start_year=whole("start_year"),
            end_year=whole("end_year"),
            evaluation_url=data.get("evaluation_url") or "",
            outcomes=outcomes,
        )

    @staticmethod
    def evidence_initial(case_study: CaseStudy) -> dict[str, str]:
        """A stored case study's answers as the section's initial values (for requested changes)."""
        initial: dict[str, str] = {}
        for name in FIELDS:
            if name in OUTCOME_FIELDS:
                continue
            value = getattr(case_study, name)
            initial[name] = "" if value is None else str(value)
        for number, outcome in enumerate(case_study.outcomes.all()[:MAX_OUTCOMES], start=1):
            for part in OUTCOME_PARTS:
                value = getattr(outcome, part)
                initial[outcome_name(number, part)] = "" if value is None else _figure_text(value)
        return initial


def _figure_text(value: Any) -> str:
    if isinstance(value, Decimal):
        return f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:f}"
    return str(value)

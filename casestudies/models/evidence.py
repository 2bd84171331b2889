"""Impact, cost and evidence as data (issue 20): the choices, the evidence scale's words, and measured outcomes.

The fields themselves sit on ``CaseStudy``; this module holds what they are chosen from, so forms, the admin,
filters, exports and the page all describe a band or a level with the same words.
"""

from __future__ import annotations

from decimal import Decimal

import reversion
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

MAX_OUTCOMES = 6
# Figures are money or counts people type; anything beyond a trillion is a typing mistake, not a result.
FIGURE_LIMIT = Decimal("1000000000000")


class CostBand(models.TextChoices):
    UNDER_10K = "under_10k", _("Under £10,000")
    FROM_10K = "10k_50k", _("£10,000 to £50,000")
    FROM_50K = "50k_250k", _("£50,000 to £250,000")
    FROM_250K = "250k_1m", _("£250,000 to £1 million")
    OVER_1M = "over_1m", _("Over £1 million")


class Stage(models.TextChoices):
    IDEA = "idea", _("Idea")
    PILOT = "pilot", _("Pilot")
    ROLLED_OUT = "rolled_out", _("Rolled out")
    EMBEDDED = "embedded", _("Embedded")
    STOPPED = "stopped", _("Stopped")


class EvidenceLevel(models.IntegerChoices):
    DESCRIBED = 1, _("Level 1: described")
    DATA = 2, _("Level 2: measured change")
    COMPARED = 3, _("Level 3: compared with no change")
    INDEPENDENT = 4, _("Level 4: independently evaluated")
    REPLICATED = 5, _("Level 5: repeated elsewhere")


def effective_evidence_level() -> Coalesce:
    """The level a case study is filtered and sorted by, as a query expression: the level an editor confirmed, if
    any, else the self-assessed one (null: none stated). ``CaseStudy.evidence_level`` is the same for one row."""
    return Coalesce("evidence_level_confirmed", "evidence_level_claimed")


# Our own plain-words reading of Nesta's Standards of Evidence (levels 1 to 5).
EVIDENCE_LEVEL_HELP: dict[int, str] = {
    1: _("We can say what we did, why, and how we expected it to make a difference."),
    2: _(
        "We collected data showing that things changed after we started, but we cannot yet say the change "
        "was caused by what we did."
    ),
    3: _(
        "We compared people or places that took part with similar ones that did not (or with the time before), "
        "and the difference points to our work as the cause."
    ),
    4: _(
        "An evaluation, done or checked by someone independent of the project, found that our work caused the "
        "change, and we can explain why it worked."
    ),
    5: _(
        "The approach has been repeated in at least one other place with similar results, and there is a "
        "manual, training or a service that lets others do it again."
    ),
}


class Outcome(models.Model):
    """One measured result of a case study: what was measured, before and after, over what period, from where."""

    case_study = models.ForeignKey("casestudies.CaseStudy", on_delete=models.CASCADE, related_name="outcomes")
    position = models.PositiveSmallIntegerField(default=0)
    measure = models.CharField("what was measured", max_length=200)
    before = models.DecimalField(
        "figure before",
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(-FIGURE_LIMIT), MaxValueValidator(FIGURE_LIMIT)],
    )
    after = models.DecimalField(
        "figure after",
        max_digits=16,
        decimal_places=2,
        validators=[MinValueValidator(-FIGURE_LIMIT), MaxValueValidator(FIGURE_LIMIT)],
    )
    unit = models.CharField(
        max_length=60, blank=True, help_text="For example: complaints a month, %, £, days."
    )
    period = models.CharField(max_length=80, blank=True, help_text="For example: 12 months, 2022 to 2024.")
    source = models.CharField("where the figure comes from", max_length=200, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.measure


reversion.register(Outcome)

"""Figures as people type them into the submission form: pounds, outcome figures and years (issue 20).

Typed as text, so that whatever was typed comes back with its error; only plain decimals are numbers here (no
exponent, "NaN" or "inf"), with pound signs, thousands separators, spaces and a percent sign left out.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from casestudies.models import CostBand
from casestudies.models.evidence import FIGURE_LIMIT

MONEY_LIMIT = 10**12
# The upper bound of each cost band in pounds (the next band starts there).
BAND_LIMITS = [
    (CostBand.UNDER_10K, 10_000),
    (CostBand.FROM_10K, 50_000),
    (CostBand.FROM_50K, 250_000),
    (CostBand.FROM_250K, 1_000_000),
    (CostBand.OVER_1M, None),
]
NUMBER = re.compile(r"-?\d{1,13}(?:\.\d+)?")


def band_of(amount: int) -> str:
    """The cost band a figure in pounds falls in (a band includes its lower bound)."""
    for band, limit in BAND_LIMITS:
        if limit is None or amount < limit:
            return band
    return CostBand.OVER_1M  # pragma: no cover - the last band has no limit


def _plain_number(text: str) -> str:
    """A figure as people type it, without pound signs, thousands separators, spaces or a percent sign."""
    return re.sub(r"[£,\s%]", "", text)


class NumberField(forms.Field):
    """A number typed as text. Refuses what is not plainly a number (exponents, "NaN", "inf", words) and what
    is out of range, naming the field; gives a ``Decimal`` rounded to ``places``, or None when empty."""

    def __init__(
        self,
        *,
        noun: str,
        example: str,
        places: int = 0,
        minimum: Decimal = Decimal(0),
        maximum: Decimal = FIGURE_LIMIT,
        **kwargs,
    ):
        self.noun, self.example, self.places = noun, example, places
        self.minimum, self.maximum = minimum, maximum
        kwargs.setdefault("required", False)
        inputmode = "numeric" if places == 0 and minimum >= 0 else "decimal"
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": inputmode, "autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:
        text = str(value or "").strip()[:100]
        if not text:
            return None
        plain = _plain_number(text)
        if plain.startswith("-") and self.minimum >= 0 and NUMBER.fullmatch(plain):
            raise ValidationError(
                _("%(noun)s cannot be less than zero") % {"noun": capfirst(self.noun)}, code="negative"
            )
        if not NUMBER.fullmatch(plain):
            raise ValidationError(self._not_a_number(), code="invalid")
        try:
            number = Decimal(plain).quantize(Decimal(1).scaleb(-self.places), rounding=ROUND_HALF_UP)
        except InvalidOperation:  # pragma: no cover - the pattern only lets plain decimals through
            raise ValidationError(self._not_a_number(), code="invalid") from None
        if number < self.minimum:
            raise ValidationError(
                _("%(noun)s must be %(limit)s or more")
                % {"noun": capfirst(self.noun), "limit": _shown(self.minimum)},
                code="min_value",
            )
        if number > self.maximum:
            raise ValidationError(
                _("%(noun)s must be %(limit)s or less")
                % {"noun": capfirst(self.noun), "limit": _shown(self.maximum)},
                code="max_value",
            )
        return number

    def _not_a_number(self) -> str:
        return _("Enter %(noun)s as a number, like %(example)s") % {
            "noun": self.noun,
            "example": self.example,
        }


class YearField(NumberField):
    def __init__(self, *, noun: str, **kwargs):
        super().__init__(noun=noun, example="2022", minimum=Decimal(1900), maximum=Decimal(2100), **kwargs)

    def to_python(self, value: Any) -> Decimal | None:
        number = super().to_python(value)
        if number is not None and not re.fullmatch(r"\d{4}", _plain_number(str(value).strip())):
            raise ValidationError(
                _("Enter %(noun)s as four digits, like 2022") % {"noun": self.noun}, code="invalid"
            )
        return number


def _shown(number: Decimal) -> str:
    """A limit as a person reads it: thousands separated, but a year as a year."""
    return f"{number:,}" if abs(number) >= 10_000 else str(number)

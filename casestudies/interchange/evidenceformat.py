"""Impact, cost and evidence in the import/export format (``casestudies/2``, docs/data-format.md; issue 20).

``evidence_record()`` gives a case study's fields and outcomes for a record; ``validate_evidence()`` checks a
record's, naming every problem (a ``casestudies/1`` record has none of these keys, and a key left out leaves an
existing case study's value as it is); ``outcomes_by_case_study()`` and ``replace_outcomes()`` compare and write
the outcomes in bulk for the import.
"""

import math
from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from casestudies.models import MAX_OUTCOMES, Attachment, CaseStudy, CostBand, Outcome, Stage
from casestudies.models.evidence import FIGURE_LIMIT
from casestudies.models.files import TYPE_LABELS

from .bulk import chunks

MONEY_FIELDS = ("cost_amount", "savings_per_year")
YEAR_FIELDS = ("start_year", "end_year")
LEVEL_FIELDS = ("evidence_level_claimed", "evidence_level_confirmed")
TEXT_LIMITS = {"cost_covers": 300, "savings_method": None, "stopped_reason": None}
CHOICES = {"cost_band": CostBand.values, "stage": Stage.values}
OUTCOME_TEXT = {"measure": 200, "unit": 60, "period": 80, "source": 200}
FIELDS = (
    *CaseStudy.EVIDENCE_FIELDS,
    "evidence_level_confirmed",
    "evidence_confirmed_at",
    "last_reviewed",
)
OutcomeRow = dict[str, Any]


def _figure(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def outcome_row(outcome: Outcome) -> OutcomeRow:
    return {
        "measure": outcome.measure,
        "before": _figure(outcome.before),
        "after": _figure(outcome.after),
        "unit": outcome.unit,
        "period": outcome.period,
        "source": outcome.source,
    }


def evidence_record(case_study: CaseStudy) -> dict[str, Any]:
    """The fields, outcomes and evaluation report as a record carries them (outcomes and attachments must be
    prefetched, in order)."""
    record = {name: getattr(case_study, name) for name in FIELDS}
    record["evidence_confirmed_at"] = (
        case_study.evidence_confirmed_at.isoformat() if case_study.evidence_confirmed_at else None
    )
    record["last_reviewed"] = case_study.last_reviewed.isoformat() if case_study.last_reviewed else None
    record["outcomes"] = [outcome_row(outcome) for outcome in case_study.outcomes.all()]
    record["evaluation_report"] = next(
        (
            report_row(attachment)
            for attachment in case_study.attachments.all()
            if attachment.kind == Attachment.Kind.EVALUATION
        ),
        None,
    )
    return record


def report_row(attachment: Attachment) -> dict[str, Any]:
    """The uploaded evaluation report as a record describes it (its bytes stay with the site, like ``files``)."""
    return {
        "title": attachment.title,
        "type": attachment.file_type,
        "size": attachment.size,
        "url": f"{settings.SITE_URL}{attachment.url}",
    }


def _number(value: Any, name: str, problems: list[str], *, whole: bool, low, high) -> Any:
    """A JSON number within [low, high] (whole when asked); None for null. Text, true/false, NaN and infinity
    (Python's JSON reads "1e309" as infinity) are problems."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        problems.append(f"{name} must be a number: {value!r}")
        return None
    if whole and value != int(value):
        problems.append(f"{name} must be a whole number: {value!r}")
        return None
    if not low <= value <= high:
        problems.append(f"{name} must be from {low:,} to {high:,}: {value!r}")
        return None
    return int(value) if whole else Decimal(repr(value)).quantize(Decimal("0.01"))


def _text(value: Any, name: str, problems: list[str], limit: int | None) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.append(f"{name} must be text")
        return ""
    if limit and len(value) > limit:
        problems.append(f"{name} is longer than {limit} characters")
    return value


def validate_evidence(record: dict, problems: list[str]) -> tuple[dict[str, Any], list[OutcomeRow] | None]:
    """The record's evidence values (only the keys it has) and outcomes (None when it has no ``outcomes``)."""
    values: dict[str, Any] = {}
    present = [name for name in FIELDS if name in record]
    for name in present:
        value = record[name]
        if name in MONEY_FIELDS:
            values[name] = _number(value, name, problems, whole=True, low=0, high=10**12)
        elif name in YEAR_FIELDS:
            values[name] = _number(value, name, problems, whole=True, low=1900, high=2100)
        elif name in LEVEL_FIELDS:
            values[name] = _number(value, name, problems, whole=True, low=1, high=5)
        elif name in CHOICES:
            if value not in (None, "", *CHOICES[name]):
                problems.append(f"{name} must be one of {', '.join(CHOICES[name])}: {value!r}")
            values[name] = value or ""
        elif name == "evaluation_url":
            values[name] = _text(value, name, problems, 500)
            try:
                if values[name]:
                    URLValidator(schemes=["http", "https"])(values[name])
            except ValidationError:
                problems.append(f"evaluation_url is not a web address: {value!r}")
        elif name == "evidence_confirmed_at":
            parsed = parse_datetime(value) if isinstance(value, str) else None
            if value is not None and parsed is None:
                problems.append(f"evidence_confirmed_at is not an ISO 8601 date and time: {value!r}")
            values[name] = timezone.make_aware(parsed) if parsed and timezone.is_naive(parsed) else parsed
        elif name == "last_reviewed":
            values[name] = _date(value, problems)
        else:
            values[name] = _text(value, name, problems, TEXT_LIMITS[name])
    start, end = values.get("start_year"), values.get("end_year")
    if start and end and end < start:
        problems.append(f"end_year {end} is before start_year {start}")
    if (
        values.get("stage") == Stage.STOPPED
        and "stopped_reason" in values
        and not values["stopped_reason"].strip()
    ):
        problems.append("a stopped case study needs stopped_reason")
    _check_report(record.get("evaluation_report"), problems)
    if "outcomes" not in record:
        return values, None
    return values, _outcomes(record["outcomes"], problems)


def _check_report(report: Any, problems: list[str]) -> None:
    """``evaluation_report`` is written on export and only checked on import: the file is not fetched."""
    if report is None:
        return
    if not isinstance(report, dict):
        problems.append("evaluation_report must be a JSON object or null")
        return
    if report.get("type") not in TYPE_LABELS:
        problems.append(
            f"evaluation_report type must be one of {', '.join(TYPE_LABELS)}: {report.get('type')!r}"
        )
    size = report.get("size")
    if isinstance(size, bool) or not isinstance(size, int) or size < 0:
        problems.append(f"evaluation_report size must be a whole number of bytes: {size!r}")
    url = urlsplit(report["url"]) if isinstance(report.get("url"), str) else None
    if url is None or url.scheme not in ("http", "https") or not url.netloc:
        problems.append(f"evaluation_report url is not a web address: {report.get('url')!r}")


def _date(value: Any, problems: list[str]) -> date | None:
    if value is None:
        return None
    try:
        parsed = parse_date(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None:
        problems.append(f"last_reviewed is not an ISO 8601 date: {value!r}")
    return parsed


def _outcomes(rows: Any, problems: list[str]) -> list[OutcomeRow]:
    if rows is None:
        return []
    if not isinstance(rows, list):
        problems.append("outcomes must be a list")
        return []
    if len(rows) > MAX_OUTCOMES:
        problems.append(f"outcomes has {len(rows):,} rows; at most {MAX_OUTCOMES}")
        return []
    checked = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            problems.append(f"outcome {number} is not a JSON object")
            continue
        name = f"outcome {number}"
        limit = float(FIGURE_LIMIT)
        clean = {
            part: _text(row.get(part), f"{name} {part}", problems, size)
            for part, size in OUTCOME_TEXT.items()
        }
        if not clean["measure"].strip():
            problems.append(f"{name} measure is required")
        clean["before"] = _number(
            row.get("before"), f"{name} before", problems, whole=False, low=-limit, high=limit
        )
        clean["after"] = _number(
            row.get("after"), f"{name} after", problems, whole=False, low=-limit, high=limit
        )
        if row.get("after") is None:
            problems.append(f"{name} after is required")
        checked.append(clean)
    return checked


def outcomes_by_case_study(pks: list[int]) -> dict[int, list[OutcomeRow]]:
    """The stored outcomes of these case studies, as rows in their order (to see whether an import changes them)."""
    found: dict[int, list[OutcomeRow]] = {}
    for chunk in chunks(pks, 500):
        for outcome in Outcome.objects.filter(case_study_id__in=chunk).order_by("position", "id"):
            row = outcome_row(outcome)
            row["before"] = outcome.before
            row["after"] = outcome.after
            found.setdefault(outcome.case_study_id, []).append(row)
    return found


def replace_outcomes(rows_by_case_study: dict[int, list[OutcomeRow]]) -> None:
    """Each case study's outcomes become exactly these rows, in order."""
    for chunk in chunks(list(rows_by_case_study), 500):
        Outcome.objects.filter(case_study_id__in=chunk).delete()
    Outcome.objects.bulk_create(
        [
            Outcome(case_study_id=pk, position=position, **row)
            for pk, rows in rows_by_case_study.items()
            for position, row in enumerate(rows, start=1)
        ],
        batch_size=2000,
    )

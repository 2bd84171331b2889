"""A case study's revisions: listing them, a side-by-side diff of two, and reverting to one (itself a revision)."""

import difflib
import re
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from reversion.models import Version

from casestudies.models import CaseStudy, CostBand, Council, EvidenceLevel, Outcome, Stage, SupportType, Topic
from casestudies.models.revisions import save_revision, text_changed, text_of
from casestudies.ops import pagecache

LABELS = {
    "title": "Title",
    "partners": "Partner organisations",
    "summary": "Summary",
    "challenge": "The challenge",
    "solution": "The solution",
    "impact": "The impact",
    "sustainability": "How the approach is being sustained",
    "lessons": "Lessons learned",
    "title_cy": "Title (Welsh)",
    "summary_cy": "Summary (Welsh)",
    "challenge_cy": "The challenge (Welsh)",
    "solution_cy": "The solution (Welsh)",
    "impact_cy": "The impact (Welsh)",
    "sustainability_cy": "How the approach is being sustained (Welsh)",
    "lessons_cy": "Lessons learned (Welsh)",
    "contact_name": "Contact name",
    "contact_role": "Contact job title",
    "contact_email": "Contact email",
    "lead_council_id": "Lead council",
    "topics": "Topics",
    "support_types": "Support received",
    "cost_band": "Cost band",
    "cost_amount": "Exact cost (£)",
    "cost_covers": "What the cost covers",
    "savings_per_year": "Savings or income a year (£)",
    "savings_method": "How the savings were worked out",
    "evidence_level_claimed": "Evidence level (self-assessed)",
    "evidence_level_confirmed": "Evidence level (confirmed by an editor)",
    "evaluation_url": "Evaluation report (link)",
    "stage": "Stage",
    "stopped_reason": "Why it stopped",
    "start_year": "Start year",
    "end_year": "End year",
    "last_reviewed": "Last reviewed",
    "outcomes": "Measured outcomes",
}
# Impact, cost and evidence as a revision keeps them (issue 20); versions from before have none of them.
EVIDENCE_VALUES = (*CaseStudy.EVIDENCE_FIELDS, "evidence_level_confirmed", "last_reviewed")
CHOICE_LABELS = {
    "cost_band": dict(CostBand.choices),
    "stage": dict(Stage.choices),
    "evidence_level_claimed": dict(EvidenceLevel.choices),
    "evidence_level_confirmed": dict(EvidenceLevel.choices),
}
TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class FieldDiff:
    label: str
    old: SafeString
    new: SafeString
    changed: bool


def readable(version: Version) -> dict[str, str]:
    """A version's content as text, field by field (names for the council, topics and support types)."""
    data = version.field_dict
    values = {name: data.get(name) or "" for name in (*CaseStudy.TEXT_FIELDS, *CaseStudy.WELSH_FIELDS)}
    council = Council.objects.filter(pk=data.get("lead_council_id")).values_list("name", flat=True).first()
    values["lead_council_id"] = council or "(a council no longer listed)"
    for name, model in (("topics", Topic), ("support_types", SupportType)):
        names = model.objects.filter(pk__in=data.get(name) or []).values_list("name", flat=True)
        values[name] = ", ".join(sorted(names))
    for name in EVIDENCE_VALUES:
        value = data.get(name)
        value = "" if value is None else CHOICE_LABELS.get(name, {}).get(value, value)
        values[name] = (
            f"{value:,}" if name in ("cost_amount", "savings_per_year") and value != "" else str(value)
        )
    values["outcomes"] = "\n".join(outcome_line(row) for row in outcomes_of(version))
    return values


def outcomes_of(version: Version) -> list[dict]:
    """The outcomes a case study's version was recorded with, in their order (as field dictionaries)."""
    rows = [
        other.field_dict
        for other in version.revision.version_set.all()
        if other.content_type.model_class() is Outcome
        and str(other.field_dict.get("case_study_id")) == str(version.object_id)
    ]
    return sorted(rows, key=lambda row: (row.get("position") or 0, row.get("id") or 0))


def outcome_line(row: dict) -> str:
    before = "" if row.get("before") is None else f"{row['before']} → "
    details = "; ".join(part for part in (row.get("period"), row.get("source")) if part)
    line = f"{row.get('measure')}: {before}{row.get('after')} {row.get('unit') or ''}".rstrip()
    return f"{line} ({details})" if details else line


def _marked(old: str, new: str) -> tuple[SafeString, SafeString]:
    """Both texts escaped, words only in the old one in <del>, words only in the new one in <ins>."""
    a, b = TOKENS.findall(old), TOKENS.findall(new)
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        removed, added = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if op == "equal":
            left.append(removed)
            right.append(added)
            continue
        if removed:
            left.append(f"<del>{removed}</del>")
        if added:
            right.append(f"<ins>{added}</ins>")
    # Every piece was escaped above.
    return mark_safe("".join(left)), mark_safe("".join(right))


def compare(older: Version, newer: Version) -> list[FieldDiff]:
    old, new = readable(older), readable(newer)
    diffs = []
    for name, label in LABELS.items():
        changed = old[name] != new[name]
        left, right = _marked(old[name], new[name]) if changed else (escape(old[name]), escape(new[name]))
        diffs.append(FieldDiff(label=label, old=left, new=right, changed=changed))
    return diffs


@transaction.atomic
def revert_to_version(
    *, case_study: CaseStudy, version: Version, actor: AbstractBaseUser | None
) -> CaseStudy:
    """Put a version's content back (text, council, topics, support types), as a new revision saying so.
    The moderation state (status, dates, slug) is left as it is."""
    if version.object_id != str(case_study.pk) or version.content_type.model_class() is not CaseStudy:
        raise ValidationError("That version belongs to another case study.", code="wrong_case_study")
    data = version.field_dict
    locked = CaseStudy.objects.select_for_update().get(pk=case_study.pk)
    if not Council.objects.filter(pk=data.get("lead_council_id")).exists():
        raise ValidationError("That version's lead council is no longer listed.", code="council_gone")
    before = text_of(locked)
    for name in CaseStudy.TEXT_FIELDS:
        setattr(locked, name, data.get(name) or "")
    for name in CaseStudy.WELSH_FIELDS if "title_cy" in data else ():  # recorded since the Welsh versions
        setattr(locked, name, data.get(name) or "")
    locked.lead_council_id = data["lead_council_id"]
    with_evidence = "cost_band" in data  # recorded since issue 20: put its impact, cost and evidence back too
    for name in EVIDENCE_VALUES if with_evidence else ():
        setattr(locked, name, data.get(name))
    if text_changed(before, locked):
        locked.text_updated_at = timezone.now()
    locked.save()
    locked.topics.set(Topic.objects.filter(pk__in=data.get("topics") or []))
    locked.support_types.set(SupportType.objects.filter(pk__in=data.get("support_types") or []))
    if with_evidence:
        locked.outcomes.all().delete()
        fields = ("position", "measure", "before", "after", "unit", "period", "source")
        Outcome.objects.bulk_create(
            Outcome(case_study=locked, **{name: row.get(name) for name in fields})
            for row in outcomes_of(version)
        )
    when = timezone.localtime(version.revision.date_created)
    save_revision(locked, comment=f"Reverted to the version of {when:%d %B %Y, %H:%M}", user=actor)
    pagecache.bump_version()
    case_study.refresh_from_db()
    return locked

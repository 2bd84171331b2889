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

from casestudies.models import CaseStudy, Council, SupportType, Topic
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
    "contact_name": "Contact name",
    "contact_role": "Contact job title",
    "contact_email": "Contact email",
    "lead_council_id": "Lead council",
    "topics": "Topics",
    "support_types": "Support received",
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
    values = {name: data.get(name) or "" for name in CaseStudy.TEXT_FIELDS}
    council = Council.objects.filter(pk=data.get("lead_council_id")).values_list("name", flat=True).first()
    values["lead_council_id"] = council or "(a council no longer listed)"
    for name, model in (("topics", Topic), ("support_types", SupportType)):
        names = model.objects.filter(pk__in=data.get(name) or []).values_list("name", flat=True)
        values[name] = ", ".join(sorted(names))
    return values


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
    locked.lead_council_id = data["lead_council_id"]
    if text_changed(before, locked):
        locked.text_updated_at = timezone.now()
    locked.save()
    locked.topics.set(Topic.objects.filter(pk__in=data.get("topics") or []))
    locked.support_types.set(SupportType.objects.filter(pk__in=data.get("support_types") or []))
    when = timezone.localtime(version.revision.date_created)
    save_revision(locked, comment=f"Reverted to the version of {when:%d %B %Y, %H:%M}", user=actor)
    pagecache.bump_version()
    case_study.refresh_from_db()
    return locked

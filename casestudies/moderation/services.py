"""Every moderation decision on a case study. Keyword-only, typed, atomic; emails go out after the commit.

Lifecycle:
    (form) ──submit──▶ submitted ──publish──▶ published ──archive──▶ archived
                          │  ▲                   │                      │
                       reject │ return_to_draft ◀─┘        publish ◀────┘
                          ▼  │
                       rejected ──return_to_draft──▶ draft ──publish / reject
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casestudies.models import CaseStudy, ModerationEvent, unique_slug
from casestudies.ops import pagecache

from . import emails

Status = CaseStudy.Status
Action = ModerationEvent.Action

ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    Action.PUBLISHED: {Status.SUBMITTED, Status.DRAFT, Status.ARCHIVED},
    Action.REJECTED: {Status.SUBMITTED, Status.DRAFT},
    Action.RETURNED_TO_DRAFT: {Status.SUBMITTED, Status.REJECTED, Status.PUBLISHED, Status.ARCHIVED},
    Action.ARCHIVED: {Status.PUBLISHED},
}
TARGET_STATUS = {
    Action.PUBLISHED: Status.PUBLISHED,
    Action.REJECTED: Status.REJECTED,
    Action.RETURNED_TO_DRAFT: Status.DRAFT,
    Action.ARCHIVED: Status.ARCHIVED,
}


class TransitionNotAllowed(ValidationError):
    pass


def _transition(
    *, case_study: CaseStudy, action: str, actor: AbstractBaseUser | None, note: str = ""
) -> CaseStudy:
    locked = CaseStudy.objects.select_for_update().get(pk=case_study.pk)
    if locked.status not in ALLOWED_TRANSITIONS[action]:
        status = locked.get_status_display().lower()
        article = "An" if status[0] in "aeiou" else "A"
        raise TransitionNotAllowed(
            f"{article} {status} case study cannot be {Action(action).label.lower()}.",
            code="transition_not_allowed",
        )
    from_status = locked.status
    locked.status = TARGET_STATUS[action]
    fields = ["status", "updated_at"]
    if action == Action.PUBLISHED and locked.published_at is None:
        locked.published_at = timezone.now()
        locked.slug = unique_slug(locked.title, exclude_pk=locked.pk)
        fields += ["published_at", "slug"]
    locked.save(update_fields=fields)
    ModerationEvent.objects.create(
        case_study=locked,
        action=action,
        from_status=from_status,
        to_status=locked.status,
        actor=actor,
        note=note,
    )
    case_study.refresh_from_db()
    pagecache.bump_version()
    return locked


@transaction.atomic
def publish_case_study(*, case_study: CaseStudy, actor: AbstractBaseUser | None) -> CaseStudy:
    """Publish; on first publication set the published date and fix the slug from the (edited) title."""
    published = _transition(case_study=case_study, action=Action.PUBLISHED, actor=actor)
    transaction.on_commit(lambda: emails.send_published(published))
    return published


@transaction.atomic
def reject_case_study(*, case_study: CaseStudy, actor: AbstractBaseUser | None, reason: str) -> CaseStudy:
    reason = reason.strip()
    if not reason:
        raise ValidationError("Give a reason: it is sent to the submitter.", code="reason_required")
    rejected = _transition(case_study=case_study, action=Action.REJECTED, actor=actor, note=reason)
    transaction.on_commit(lambda: emails.send_rejected(rejected, reason=reason))
    return rejected


@transaction.atomic
def return_to_draft(*, case_study: CaseStudy, actor: AbstractBaseUser | None, note: str = "") -> CaseStudy:
    returned = _transition(
        case_study=case_study, action=Action.RETURNED_TO_DRAFT, actor=actor, note=note.strip()
    )
    transaction.on_commit(lambda: emails.send_returned_to_draft(returned, note=note.strip()))
    return returned


@transaction.atomic
def archive_case_study(*, case_study: CaseStudy, actor: AbstractBaseUser | None, note: str = "") -> CaseStudy:
    """Withdraw a published case study from the public site without deleting it."""
    return _transition(case_study=case_study, action=Action.ARCHIVED, actor=actor, note=note.strip())

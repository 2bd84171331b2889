"""Every state change of a case study. Keyword-only, typed, atomic; emails go out after the commit.

Lifecycle:
    (form) ──submit──▶ submitted ──publish──▶ published ──archive──▶ archived
                          │  ▲                   │                      │
                       reject │ return_to_draft ◀─┘        publish ◀────┘
                          ▼  │
                       rejected ──return_to_draft──▶ draft ──publish / reject
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from . import emails, pagecache
from .models import CaseStudy, Council, ModerationEvent, SupportType, Topic

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


# Paths under /case-studies/ that a case study's slug must not take.
RESERVED_SLUGS = {"feed", "submit", "topics", "export"}


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title, allow_unicode=False)[:200].strip("-") or "case-study"
    if base in RESERVED_SLUGS:
        base = f"{base}-case-study"
    slug, n = base, 2
    taken = CaseStudy.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def make_reference(case_study: CaseStudy) -> str:
    year = (case_study.submitted_at or case_study.created_at or timezone.now()).year
    return f"CS-{year}-{case_study.pk:05d}"


@dataclass(frozen=True)
class Submission:
    title: str
    lead_council: Council
    partners: str
    summary: str
    challenge: str
    solution: str
    impact: str
    sustainability: str
    lessons: str
    topics: Iterable[Topic]
    support_types: Iterable[SupportType]
    contact_name: str
    contact_role: str
    contact_email: str
    submitter_name: str
    submitter_email: str


@transaction.atomic
def submit_case_study(*, submission: Submission) -> CaseStudy:
    """Store a council's submission as *submitted* with a reference; email the submitter and the editors
    once the transaction has committed."""
    now = timezone.now()
    case_study = CaseStudy(
        title=submission.title,
        slug=unique_slug(submission.title),
        lead_council=submission.lead_council,
        partners=submission.partners,
        summary=submission.summary,
        challenge=submission.challenge,
        solution=submission.solution,
        impact=submission.impact,
        sustainability=submission.sustainability,
        lessons=submission.lessons,
        contact_name=submission.contact_name,
        contact_role=submission.contact_role,
        contact_email=submission.contact_email,
        submitter_name=submission.submitter_name,
        submitter_email=submission.submitter_email,
        publication_consent=True,
        status=Status.SUBMITTED,
        submitted_at=now,
    )
    case_study.full_clean(exclude=["slug", "topics", "support_types"])
    case_study.save()
    case_study.reference = make_reference(case_study)
    case_study.save(update_fields=["reference"])
    case_study.topics.set(submission.topics)
    case_study.support_types.set(submission.support_types)
    ModerationEvent.objects.create(
        case_study=case_study, action=Action.SUBMITTED, from_status="", to_status=Status.SUBMITTED
    )
    transaction.on_commit(lambda: notify_submission(case_study=case_study))
    return case_study


def notify_submission(*, case_study: CaseStudy) -> tuple[bool, bool]:
    """Send whichever of the two submission emails has not gone out yet, and record each one that does.

    Called after the submission commits, and again by ``manage.py resend_notifications`` for any that failed.
    """
    now = timezone.now()
    sent_submitter = sent_editors = False
    if case_study.submitter_notified_at is None and emails.send_submission_received(case_study):
        case_study.submitter_notified_at = now
        sent_submitter = True
    if case_study.editors_notified_at is None and emails.send_editor_notification(case_study):
        case_study.editors_notified_at = now
        sent_editors = True
    if sent_submitter or sent_editors:
        CaseStudy.objects.filter(pk=case_study.pk).update(
            submitter_notified_at=case_study.submitter_notified_at,
            editors_notified_at=case_study.editors_notified_at,
        )
    return sent_submitter, sent_editors


def pending_notifications():
    """Submissions whose confirmation or editor notification has not been sent."""
    return CaseStudy.objects.filter(status=Status.SUBMITTED).filter(
        models.Q(submitter_notified_at__isnull=True) | models.Q(editors_notified_at__isnull=True)
    )


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

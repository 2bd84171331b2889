"""A council's submission: storing it for the editors, and the two emails that confirm it.

Keyword-only, typed and atomic like every state change; the emails go out after the commit.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone

from casestudies.models import CaseStudy, Council, ModerationEvent, SupportType, Topic, unique_slug

from . import emails

Status = CaseStudy.Status
Action = ModerationEvent.Action


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

"""A council's submission: storing it for the editors, and the two emails that confirm it.

Keyword-only, typed and atomic like every state change; the emails go out after the commit.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils import timezone

from casestudies.models import (
    CaseStudy,
    Council,
    ModerationEvent,
    Outcome,
    SubmissionDraft,
    SupportType,
    Topic,
    links,
    unique_slug,
)
from casestudies.models.revisions import save_revision, text_changed, text_of

from . import emails
from .evidenceforms import Evidence
from .fileforms import FileAnswers
from .files import give_files

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
    files: FileAnswers = field(default_factory=FileAnswers)
    evidence: Evidence = field(default_factory=Evidence)
    language: str = "en-gb"  # the language of the form that was sent: its emails are written in it
    # The Welsh version (issue 23): all empty, or all given (``CaseStudy.clean``). A case study written in Welsh
    # only has the same text in its English fields (``CaseStudy.welsh_only``, ``welshforms``).
    title_cy: str = ""
    summary_cy: str = ""
    challenge_cy: str = ""
    solution_cy: str = ""
    impact_cy: str = ""
    sustainability_cy: str = ""
    lessons_cy: str = ""


# What a resubmission changes: the template's text, the council and the submitter's details (and, through
# ``_set_evidence``, the impact, cost and evidence answers with their outcomes).
CONTENT_FIELDS = [
    *CaseStudy.TEXT_FIELDS,
    *CaseStudy.WELSH_FIELDS,
    "lead_council",
    "submitter_name",
    "submitter_email",
]


def _set_evidence(case_study: CaseStudy, evidence: Evidence) -> None:
    """The section's answers on the case study (saved by the caller); an editor's confirmed level is kept."""
    for name in CaseStudy.EVIDENCE_FIELDS:
        setattr(case_study, name, getattr(evidence, name))


def _replace_outcomes(case_study: CaseStudy, evidence: Evidence, *, fresh: bool = False) -> None:
    if not fresh:
        case_study.outcomes.all().delete()
    outcomes = [
        Outcome(
            case_study=case_study,
            position=position,
            measure=row.measure,
            before=row.before,
            after=row.after,
            unit=row.unit,
            period=row.period,
            source=row.source,
        )
        for position, row in enumerate(evidence.outcomes, start=1)
    ]
    for outcome in outcomes:
        outcome.full_clean(exclude=["case_study"])
    Outcome.objects.bulk_create(outcomes)


class ChangesClosed(Exception):
    """The case study is no longer waiting for this round of changes (already sent back, or moved on)."""


@transaction.atomic
def submit_case_study(*, submission: Submission, draft: SubmissionDraft | None = None) -> CaseStudy:
    """Store a council's submission as *submitted* with a reference, with its files and its first revision;
    a draft it was sent from is deleted. Email the submitter and the editors once the transaction has
    committed."""
    case_study = _create(submission)
    give_files(submission.files, case_study=case_study, fresh=True)
    save_revision(case_study, comment=f"Submitted through the form by {submission.submitter_name}")
    if draft is not None:
        SubmissionDraft.objects.filter(pk=draft.pk).delete()
    ModerationEvent.objects.create(
        case_study=case_study, action=Action.SUBMITTED, from_status="", to_status=Status.SUBMITTED
    )
    transaction.on_commit(lambda: notify_submission(case_study=case_study))
    return case_study


def _create(submission: Submission) -> CaseStudy:
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
        **{name: getattr(submission, name) for name in CaseStudy.WELSH_FIELDS},
        contact_name=submission.contact_name,
        contact_role=submission.contact_role,
        contact_email=submission.contact_email,
        submitter_name=submission.submitter_name,
        submitter_email=submission.submitter_email,
        contact_language=submission.language,
        publication_consent=True,
        status=Status.SUBMITTED,
        submitted_at=now,
        text_updated_at=now,
    )
    _set_evidence(case_study, submission.evidence)
    case_study.full_clean(exclude=["slug", "topics", "support_types"])
    case_study.save()
    case_study.reference = make_reference(case_study)
    case_study.save(update_fields=["reference"])
    case_study.topics.set(submission.topics)
    case_study.support_types.set(submission.support_types)
    _replace_outcomes(case_study, submission.evidence, fresh=True)
    return case_study


def changes_round(*, token: str) -> tuple[CaseStudy, ModerationEvent]:
    """The case study and the request for changes an emailed link opens.

    Raises ``links.BadLink``/``links.ExpiredLink`` for a link we did not make or that is too old, and
    ``ChangesClosed`` when the case study is not waiting for this round any more (sent back already, or a newer
    request replaced it)."""
    value = links.read_token(token, salt=links.CHANGES_SALT)
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value)):
        raise links.BadLink
    case_study = CaseStudy.objects.filter(pk=value[0]).select_related("lead_council").first()
    if case_study is None:
        raise links.BadLink
    latest = (
        case_study.moderation_events.filter(action=Action.CHANGES_REQUESTED)
        .order_by("-created_at", "-id")
        .first()
    )
    if case_study.status != Status.CHANGES_REQUESTED or latest is None or latest.pk != value[1]:
        raise ChangesClosed
    return case_study, latest


@transaction.atomic
def resubmit_case_study(*, case_study: CaseStudy, round_id: int, submission: Submission) -> CaseStudy:
    """The submitter's answer to a request for changes: the edited case study (a revision saying why) goes back
    to the *submitted* queue, with a line in the moderation history; the editors are told after the commit."""
    locked = CaseStudy.objects.select_for_update().get(pk=case_study.pk)
    latest = (
        locked.moderation_events.filter(action=Action.CHANGES_REQUESTED)
        .order_by("-created_at", "-id")
        .first()
    )
    if locked.status != Status.CHANGES_REQUESTED or latest is None or latest.pk != round_id:
        raise ChangesClosed
    before = text_of(locked)
    for name in CONTENT_FIELDS:
        value = getattr(submission, name)
        setattr(locked, name, value.strip() if isinstance(value, str) else value)
    _set_evidence(locked, submission.evidence)
    now = timezone.now()
    if text_changed(before, locked):
        locked.text_updated_at = now
    locked.status = Status.SUBMITTED
    locked.submitted_at = now
    locked.full_clean(exclude=["slug", "topics", "support_types"])
    locked.save()
    locked.topics.set(submission.topics)
    locked.support_types.set(submission.support_types)
    _replace_outcomes(locked, submission.evidence)
    files = give_files(submission.files, case_study=locked)
    comment = f"Resubmitted by {submission.submitter_name} after the editors asked for changes"
    save_revision(locked, comment=comment + (f" (files: {'; '.join(files)})" if files else ""))
    ModerationEvent.objects.create(
        case_study=locked,
        action=Action.RESUBMITTED,
        from_status=Status.CHANGES_REQUESTED,
        to_status=Status.SUBMITTED,
    )
    transaction.on_commit(lambda: emails.send_resubmitted(locked))
    return locked


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

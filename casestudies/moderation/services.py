"""Every moderation decision on a case study. Keyword-only, typed, atomic; emails go out after the commit.

Lifecycle:
    (form) ──submit──▶ submitted ──publish──▶ published ──archive──▶ archived
                        │  │  ▲                 │                      │
                        │ reject │ return_to_draft ◀┘        publish ◀────┘
                        │  ▼  │
                        │ rejected ──return_to_draft──▶ draft ──publish / reject / request changes
                        │
                        └─request changes─▶ changes requested ──(the submitter resubmits)──▶ submitted

    schedule: like publish, with a publication time to come. The case study is *published* from then on but
    "scheduled" (``CaseStudy.is_scheduled``) until the time passes: nothing public shows it, and nothing has to
    run at that time (the catalogue index and the page cache know when it is due). A scheduled case study can be
    published now, rescheduled or returned to draft (which clears the time).

Resubmission is the submitter's move, not an editor's: ``submissions.services.resubmit_case_study`` checks it
(changes requested → submitted) and records it as *resubmitted* in the history.
"""

from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from casestudies.models import (
    Attachment,
    CaseStudy,
    EvidenceLevel,
    ModerationEvent,
    Outcome,
    links,
    unique_slug,
)
from casestudies.models.proposals import KEY as PROPOSAL
from casestudies.models.proposals import proposal_of
from casestudies.models.revisions import save_revision, text_changed, text_of
from casestudies.ops import pagecache, uploads

from . import emails

Status = CaseStudy.Status
Action = ModerationEvent.Action

# Published with a publication time to come: a state of its own for moderation, though its status is *published*.
SCHEDULED = "scheduled"
ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    Action.PUBLISHED: {Status.SUBMITTED, Status.DRAFT, Status.ARCHIVED, Status.CHANGES_REQUESTED, SCHEDULED},
    Action.SCHEDULED: {Status.SUBMITTED, Status.DRAFT, Status.CHANGES_REQUESTED, SCHEDULED},
    Action.REJECTED: {Status.SUBMITTED, Status.DRAFT, Status.CHANGES_REQUESTED},
    Action.RETURNED_TO_DRAFT: {
        Status.SUBMITTED,
        Status.REJECTED,
        Status.PUBLISHED,
        Status.ARCHIVED,
        Status.CHANGES_REQUESTED,
        SCHEDULED,
    },
    Action.ARCHIVED: {Status.PUBLISHED},
    Action.CHANGES_REQUESTED: {Status.SUBMITTED, Status.DRAFT, Status.CHANGES_REQUESTED},
}
TARGET_STATUS = {
    Action.PUBLISHED: Status.PUBLISHED,
    Action.SCHEDULED: Status.PUBLISHED,
    Action.REJECTED: Status.REJECTED,
    Action.RETURNED_TO_DRAFT: Status.DRAFT,
    Action.ARCHIVED: Status.ARCHIVED,
    Action.CHANGES_REQUESTED: Status.CHANGES_REQUESTED,
}


def moderation_state(case_study: CaseStudy) -> str:
    """The status, or ``SCHEDULED`` for a published case study whose time has not come."""
    return SCHEDULED if case_study.is_scheduled else case_study.status


def state_label(state: str) -> str:
    """How a refusal names the state: "A <label> case study cannot be …"."""
    return {SCHEDULED: "scheduled", Status.CHANGES_REQUESTED: "sent-back"}.get(state) or Status(
        state
    ).label.lower()


def action_words(action: str) -> str:
    return {Action.CHANGES_REQUESTED: "sent back for changes"}.get(action) or Action(action).label.lower()


class TransitionNotAllowed(ValidationError):
    pass


def _transition(
    *,
    case_study: CaseStudy,
    action: str,
    actor: AbstractBaseUser | None,
    note: str = "",
    publish_at: datetime | None = None,
) -> CaseStudy:
    locked = CaseStudy.objects.select_for_update().get(pk=case_study.pk)
    state = moderation_state(locked)
    if state not in ALLOWED_TRANSITIONS[action]:
        label = state_label(state)
        article = "An" if label[0] in "aeiou" else "A"
        raise TransitionNotAllowed(
            f"{article} {label} case study cannot be {action_words(action)}.",
            code="transition_not_allowed",
        )
    from_status = locked.status
    locked.status = TARGET_STATUS[action]
    fields = ["status", "updated_at"]
    first_time = locked.published_at is None or state == SCHEDULED
    if action == Action.PUBLISHED and first_time:
        locked.published_at = timezone.now()
        fields.append("published_at")
    elif action == Action.SCHEDULED:
        locked.published_at = publish_at
        fields.append("published_at")
    elif action == Action.RETURNED_TO_DRAFT and state == SCHEDULED:
        locked.published_at = None  # it never went live
        fields.append("published_at")
    if action in (Action.PUBLISHED, Action.SCHEDULED) and first_time and state != SCHEDULED:
        locked.slug = unique_slug(locked.title, exclude_pk=locked.pk)
        fields.append("slug")
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
def schedule_publication(
    *, case_study: CaseStudy, actor: AbstractBaseUser | None, publish_at: datetime
) -> CaseStudy:
    """Publish at a time to come. Nothing needs to run then: every public page, feed, sitemap, export and
    alert starts from ``CaseStudy.objects.published()``, which leaves out times still to come, and the catalogue
    index and page cache expire at that time. The submitter is told now, with the date."""
    if publish_at <= timezone.now():
        raise ValidationError("Choose a time in the future, or publish now.", code="not_future")
    scheduled = _transition(
        case_study=case_study,
        action=Action.SCHEDULED,
        actor=actor,
        note=f"To be published at {timezone.localtime(publish_at):%H:%M on %d %B %Y}",
        publish_at=publish_at,
    )
    transaction.on_commit(lambda: emails.send_scheduled(scheduled))
    return scheduled


@transaction.atomic
def request_changes(*, case_study: CaseStudy, actor: AbstractBaseUser | None, note: str) -> CaseStudy:
    """Send a case study back to its submitter with a note and a signed link that opens it in the submission
    form; their resubmission puts it back in the *submitted* queue. Each round is a line in the history."""
    note = note.strip()
    if not note:
        raise ValidationError(
            "Say what needs to change: the note is sent to the submitter.", code="note_required"
        )
    if not case_study.submitter_email:
        raise ValidationError(
            "This case study has no submitter email address to send the request to.", code="no_submitter"
        )
    returned = _transition(case_study=case_study, action=Action.CHANGES_REQUESTED, actor=actor, note=note)
    round_ = returned.moderation_events.order_by("-created_at", "-id").first()
    token = links.changes_token(case_study_id=returned.pk, round_id=round_.pk)
    transaction.on_commit(lambda: emails.send_changes_requested(returned, note=note, token=token))
    return returned


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
    """Back to draft, with the note in the history and the submitter's email. Taking a live case study off the
    public site needs a reason."""
    note = note.strip()
    if not note and CaseStudy.objects.select_for_update().filter(pk=case_study.pk).published().exists():
        raise ValidationError(
            "Give a reason for taking this case study off the site: it is kept in the moderation history and "
            "sent to the submitter.",
            code="reason_required",
        )
    returned = _transition(case_study=case_study, action=Action.RETURNED_TO_DRAFT, actor=actor, note=note)
    transaction.on_commit(lambda: emails.send_returned_to_draft(returned, note=note))
    return returned


@transaction.atomic
def archive_case_study(*, case_study: CaseStudy, actor: AbstractBaseUser | None, note: str = "") -> CaseStudy:
    """Withdraw a published case study from the public site without deleting it."""
    return _transition(case_study=case_study, action=Action.ARCHIVED, actor=actor, note=note.strip())


def _record(case_study: CaseStudy, *, action: str, actor: AbstractBaseUser | None, note: str) -> None:
    """A line in the moderation history for something that does not change the status."""
    ModerationEvent.objects.create(
        case_study=case_study,
        action=action,
        from_status=case_study.status,
        to_status=case_study.status,
        actor=actor if actor is not None and actor.is_authenticated else None,
        note=note,
    )


@transaction.atomic
def confirm_evidence(*, case_study: CaseStudy, level: int | None, user: AbstractBaseUser | None) -> CaseStudy:
    """An editor's judgement of the evidence level (1 to 5), kept beside the submitter's own: the page shows the
    confirmed level and says so. ``None`` withdraws a confirmation. Recorded in the moderation history."""
    if level is not None and level not in EvidenceLevel.values:
        raise ValidationError("Choose an evidence level from 1 to 5.", code="invalid_level")
    locked = CaseStudy.objects.select_for_update().get(pk=case_study.pk)
    claimed = locked.get_evidence_level_claimed_display() if locked.evidence_level_claimed else "not stated"
    locked.evidence_level_confirmed = level
    locked.evidence_confirmed_at = timezone.now() if level is not None else None
    locked.save(update_fields=["evidence_level_confirmed", "evidence_confirmed_at", "updated_at"])
    if level is None:
        note = f"Confirmation withdrawn (self-assessed: {claimed})"
    else:
        note = f"{EvidenceLevel(level).label} (self-assessed: {claimed})"
    _record(locked, action=Action.EVIDENCE_CONFIRMED, actor=user, note=note)
    case_study.refresh_from_db()
    pagecache.bump_version()
    return locked


@transaction.atomic
def mark_reviewed(
    *, case_study: CaseStudy, actor: AbstractBaseUser | None, note: str = "", on: date | None = None
) -> CaseStudy:
    """The case study is still accurate: ``last_reviewed`` becomes today (or ``on``), with a history line."""
    locked = CaseStudy.objects.select_for_update().get(pk=case_study.pk)
    locked.last_reviewed = on or timezone.localdate()
    locked.save(update_fields=["last_reviewed", "updated_at"])
    _record(locked, action=Action.REVIEWED, actor=actor, note=note or "Marked as reviewed by an editor")
    case_study.refresh_from_db()
    pagecache.bump_version()
    return locked


@transaction.atomic
def publish_proposed_changes(*, case_study: CaseStudy, actor: AbstractBaseUser | None) -> CaseStudy:
    """Apply the changes the contact sent from a review reminder (``models.proposals``): the content, council,
    topics, outcomes and files become what they sent, with a revision, and the case study counts as reviewed
    today. Its status and publication date stay as they are."""
    locked = CaseStudy.objects.select_for_update().get(pk=case_study.pk)
    draft = proposal_of(locked)
    if draft is None:
        raise ValidationError("The contact has sent no changes to publish.", code="no_proposal")
    proposal = draft.data[PROPOSAL]
    before = text_of(locked)
    for name, value in proposal["fields"].items():
        setattr(locked, name, value)
    locked.lead_council_id = proposal["lead_council"]
    if text_changed(before, locked):
        locked.text_updated_at = timezone.now()
    locked.last_reviewed = timezone.localdate()
    locked.full_clean(exclude=["slug", "topics", "support_types"])
    locked.save()
    locked.topics.set(proposal["topics"])
    locked.support_types.set(proposal["support_types"])
    locked.outcomes.all().delete()
    Outcome.objects.bulk_create(
        Outcome(
            case_study=locked,
            position=position,
            measure=row["measure"],
            before=None if row["before"] is None else Decimal(row["before"]),
            after=Decimal(row["after"]),
            unit=row["unit"],
            period=row["period"],
            source=row["source"],
        )
        for position, row in enumerate(proposal["outcomes"], start=1)
    )
    _take_files(locked, draft, proposal["files"])
    draft.delete()
    save_revision(
        locked, comment="Changes sent by the contact after a review reminder, published", user=actor
    )
    _record(locked, action=Action.REVIEWED, actor=actor, note="Published the changes the contact sent")
    case_study.refresh_from_db()
    pagecache.bump_version()
    return locked


def _take_files(case_study: CaseStudy, draft, files: list[dict]) -> None:
    """The case study's files become the proposal's: the others go first (one lead image), then the proposal's
    own move over and every kept one takes its title and place."""
    keys = [file["key"] for file in files]
    leaving = list(Attachment.objects.filter(case_study=case_study).exclude(key__in=keys))
    names = [name for attachment in leaving for name in attachment.stored_names]
    Attachment.objects.filter(pk__in=[a.pk for a in leaving]).delete()
    transaction.on_commit(lambda: uploads.delete_stored(names))
    for file in files:
        details = {name: file[name] for name in ("title", "decorative", "position", "kind") if name in file}
        Attachment.objects.filter(Q(case_study=case_study) | Q(draft=draft), key=file["key"]).update(
            case_study=case_study, draft=None, **details
        )


@transaction.atomic
def discard_proposed_changes(*, case_study: CaseStudy, actor: AbstractBaseUser | None) -> CaseStudy:
    """Drop the changes the contact sent (and the files only they had); the case study stays as it is."""
    draft = proposal_of(case_study)
    if draft is None:
        raise ValidationError("The contact has sent no changes to discard.", code="no_proposal")
    draft.attachments.all().delete_with_files()
    draft.delete()
    _record(case_study, action=Action.REVIEWED, actor=actor, note="Discarded the changes the contact sent")
    return case_study

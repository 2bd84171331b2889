"""Review reminders (issue 20): a published case study not reviewed for ``REVIEW_AFTER_MONTHS`` months gets an
email to its contact with a signed link (``models.links.review_token``, valid ``REVIEW_LINK_DAYS`` days) to a page
where they confirm it is still accurate, or tell the editors what has changed.

``manage.py review_reminders`` runs ``send_review_reminders()`` monthly. A case study is due when its
``last_reviewed`` date (or, never reviewed, its publication date) is 24 months old or more, and it is emailed at
most once in ``REMINDER_GAP_DAYS`` (``review_reminder_sent_at``). Confirming sets ``last_reviewed`` with a line in
the moderation history. "Something has changed" opens the submission form prefilled with the published case
study (the journey "Request changes" opens, ``submissions.views.review_edit``); what the contact sends is kept
beside the case study for an editor (``propose_changes``, ``models.proposals``), with a line in the history and
an email to the editors, and the case study stays on the site as it is until an editor publishes the changes.
"""

import calendar
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casestudies.models import Attachment, CaseStudy, ModerationEvent, SubmissionDraft, links
from casestudies.models.proposals import KEY, proposal_of
from casestudies.ops import mail, pagecache

from .emails import editor_addresses
from .files import store_file
from .services import Submission

REVIEW_AFTER_MONTHS = 24
REMINDER_GAP_DAYS = 30
# Sent changes wait this long for an editor before ``purge_drafts`` removes them.
PROPOSAL_DAYS = 180
Action = ModerationEvent.Action


def months_before(day: date, months: int) -> date:
    """The same day ``months`` months earlier (the month's last day when it has no such day)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def due_for_review(*, now: datetime | None = None) -> QuerySet[CaseStudy]:
    """Live case studies with a contact address, not reviewed for 24 months, not reminded in the last month."""
    now = now or timezone.now()
    cutoff = months_before(timezone.localdate(now), REVIEW_AFTER_MONTHS)
    cutoff_time = timezone.make_aware(datetime.combine(cutoff + timedelta(days=1), datetime.min.time()))
    stale = Q(last_reviewed__lte=cutoff) | Q(last_reviewed__isnull=True, published_at__lt=cutoff_time)
    reminded = Q(review_reminder_sent_at__gt=now - timedelta(days=REMINDER_GAP_DAYS))
    return (
        CaseStudy.objects.published(at=now)
        .filter(stale)
        .exclude(reminded)
        .exclude(contact_email="")
        .order_by("published_at", "pk")
    )


def review_url(case_study: CaseStudy) -> str:
    return reverse("casestudies:review", kwargs={"token": links.review_token(case_study_id=case_study.pk)})


def send_review_reminders(*, now: datetime | None = None) -> int:
    """Email each due case study's contact; record the time only when the email went out. Returns how many."""
    now = now or timezone.now()
    sent = 0
    for case_study in due_for_review(now=now).select_related("lead_council"):
        reviewed = case_study.last_reviewed or timezone.localdate(case_study.published_at)
        with mail.in_language(case_study.contact_language):  # the language the council used
            went = mail.send(
                template="review_reminder",
                subject=_("Is your case study still accurate? “%(title)s”")
                % {"title": case_study.local_title},
                to=[case_study.contact_email],
                context={
                    "case_study": case_study,
                    "reviewed": reviewed,
                    "link": mail.absolute(review_url(case_study)),
                    "page": mail.absolute(case_study.get_absolute_url()),
                    "days": links.REVIEW_LINK_DAYS,
                },
            )
        if went:
            CaseStudy.objects.filter(pk=case_study.pk).update(review_reminder_sent_at=now)
            sent += 1
    return sent


def find_for_review(token: str) -> CaseStudy:
    """The live case study a review link opens; ``links.BadLink`` (or ``ExpiredLink``) otherwise."""
    case_study_id = links.read_token(
        token, salt=links.REVIEW_SALT, max_age=links.REVIEW_LINK_DAYS * 24 * 3600
    )
    found = (
        CaseStudy.objects.published().filter(pk=case_study_id).first()
        if isinstance(case_study_id, int)
        else None
    )
    if found is None:
        raise links.BadLink
    return found


def _record(case_study: CaseStudy, *, action: str, note: str) -> None:
    ModerationEvent.objects.create(
        case_study=case_study,
        action=action,
        from_status=case_study.status,
        to_status=case_study.status,
        note=note,
    )


@transaction.atomic
def confirm_still_accurate(*, case_study: CaseStudy) -> CaseStudy:
    """The contact says the case study is still accurate: reviewed today, with a line in the history."""
    locked = CaseStudy.objects.select_for_update().get(pk=case_study.pk)
    locked.last_reviewed = timezone.localdate()
    locked.save(update_fields=["last_reviewed", "updated_at"])
    _record(
        locked,
        action=Action.REVIEWED,
        note=f"Confirmed still accurate by the contact ({locked.contact_email})",
    )
    pagecache.bump_version()
    return locked


@transaction.atomic
def propose_changes(*, case_study: CaseStudy, submission: Submission) -> SubmissionDraft:
    """The contact's edits, from the form the review link opens, kept for an editor (``models.proposals``): the
    live case study does not change until an editor publishes them. A second sending replaces the first."""
    old = proposal_of(case_study)
    if old is not None:
        keep = {c.kept.pk for c in submission.files.choices if c.kept is not None}
        old.attachments.exclude(pk__in=keep).delete_with_files()
        old.delete()
    draft = SubmissionDraft.objects.create(
        case_study=case_study,
        email=case_study.contact_email,
        data={},
        expires_at=timezone.now() + timedelta(days=PROPOSAL_DAYS),
    )
    files = []
    for choice in submission.files.choices:
        details = {"title": choice.title, "decorative": choice.decorative, "position": choice.position}
        if choice.kind:
            details["kind"] = choice.kind
        if choice.new is not None:
            attachment = store_file(choice.new, draft=draft, **details)
        else:
            attachment = choice.kept
            if attachment.case_study_id is None:  # kept from a form with errors: the proposal's own now
                Attachment.objects.filter(pk=attachment.pk).update(draft=draft, **details)
        files.append({"key": attachment.key, **details})
    draft.data = {KEY: _proposal(submission, files)}
    draft.save(update_fields=["data"])
    note = "The contact sent changes through the form; they are not public until an editor publishes them"
    _record(case_study, action=Action.CHANGES_OFFERED, note=note)
    transaction.on_commit(lambda: send_changes_offered(case_study))
    return draft


def _proposal(submission: Submission, files: list[dict]) -> dict:
    evidence = submission.evidence
    fields = {
        name: getattr(submission, name).strip() for name in (*CaseStudy.TEXT_FIELDS, *CaseStudy.WELSH_FIELDS)
    }
    fields |= {"submitter_name": submission.submitter_name, "submitter_email": submission.submitter_email}
    fields |= {name: getattr(evidence, name) for name in CaseStudy.EVIDENCE_FIELDS}
    return {
        "fields": fields,
        "lead_council": submission.lead_council.pk,
        "topics": [topic.pk for topic in submission.topics],
        "support_types": [support.pk for support in submission.support_types],
        "outcomes": [
            {
                "measure": row.measure,
                "before": None if row.before is None else str(row.before),
                "after": str(row.after),
                "unit": row.unit,
                "period": row.period,
                "source": row.source,
            }
            for row in evidence.outcomes
        ],
        "files": files,
    }


def send_changes_offered(case_study: CaseStudy) -> bool:
    return mail.send(
        template="review_changes",
        subject=f"A contact sent changes: {case_study.reference or case_study.title}",
        to=editor_addresses(),
        context={
            "case_study": case_study,
            "admin_url": mail.absolute(reverse("admin:casestudies_casestudy_change", args=[case_study.pk])),
        },
    )

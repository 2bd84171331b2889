"""Review reminders (issue 20): a published case study not reviewed for ``REVIEW_AFTER_MONTHS`` months gets an
email to its contact with a signed link (``models.links.review_token``, valid ``REVIEW_LINK_DAYS`` days) to a page
where they confirm it is still accurate, or tell the editors what has changed.

``manage.py review_reminders`` runs ``send_review_reminders()`` monthly. A case study is due when its
``last_reviewed`` date (or, never reviewed, its publication date) is 24 months old or more, and it is emailed at
most once in ``REMINDER_GAP_DAYS`` (``review_reminder_sent_at``). Confirming sets ``last_reviewed`` with a line in
the moderation history. Asking for changes records the contact's note in the history and emails the editors,
who make the changes in the admin (or return it to draft and send it back with "Request changes", the form
journey that already exists); until then the case study stays on the site as it is.
"""

import calendar
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from casestudies.models import CaseStudy, ModerationEvent, links
from casestudies.ops import mail, pagecache

from .emails import editor_addresses

REVIEW_AFTER_MONTHS = 24
REMINDER_GAP_DAYS = 30
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
        went = mail.send(
            template="review_reminder",
            subject=f"Is your case study still accurate? “{case_study.title}”",
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
def offer_changes(*, case_study: CaseStudy, note: str) -> CaseStudy:
    """The contact says what has changed: their note goes into the history and to the editors."""
    note = note.strip()
    _record(case_study, action=Action.CHANGES_OFFERED, note=note)
    transaction.on_commit(lambda: send_changes_offered(case_study, note=note))
    return case_study


def send_changes_offered(case_study: CaseStudy, *, note: str) -> bool:
    return mail.send(
        template="review_changes",
        subject=f"A contact asks for changes: {case_study.reference or case_study.title}",
        to=editor_addresses(),
        context={
            "case_study": case_study,
            "note": note,
            "admin_url": mail.absolute(reverse("admin:casestudies_casestudy_change", args=[case_study.pk])),
        },
    )

"""The emails that tell a submitter what the editors decided."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from casestudies.models import CaseStudy
from casestudies.ops import mail


def _submitter(case_study: CaseStudy) -> list[str]:
    return [case_study.submitter_email] if case_study.submitter_email else []


def send_published(case_study: CaseStudy) -> bool:
    return mail.send(
        template="published",
        subject=f"Your case study is published ({case_study.reference})",
        to=_submitter(case_study),
        context={"case_study": case_study, "public_url": mail.absolute(case_study.get_absolute_url())},
    )


def send_rejected(case_study: CaseStudy, *, reason: str) -> bool:
    return mail.send(
        template="rejected",
        subject=f"Your case study was not published ({case_study.reference})",
        to=_submitter(case_study),
        context={"case_study": case_study, "reason": reason},
    )


def send_returned_to_draft(case_study: CaseStudy, *, note: str) -> bool:
    return mail.send(
        template="returned_to_draft",
        subject=f"Your case study needs changes ({case_study.reference})",
        to=_submitter(case_study),
        context={"case_study": case_study, "note": note},
    )


def send_changes_requested(case_study: CaseStudy, *, note: str, token: str) -> bool:
    return mail.send(
        template="changes_requested",
        subject=f"Changes needed to your case study ({case_study.reference})",
        to=_submitter(case_study),
        context={
            "case_study": case_study,
            "note": note,
            "link": mail.absolute(reverse("casestudies:changes", kwargs={"token": token})),
            "days": settings.SUBMISSION_LINK_DAYS,
        },
    )


def send_scheduled(case_study: CaseStudy) -> bool:
    return mail.send(
        template="scheduled",
        subject=f"Your case study will be published on {timezone.localtime(case_study.published_at):%d %B %Y} "
        f"({case_study.reference})",
        to=_submitter(case_study),
        context={"case_study": case_study, "public_url": mail.absolute(case_study.get_absolute_url())},
    )

"""The emails that tell a submitter what the editors decided."""

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from casestudies.models import CaseStudy
from casestudies.ops import mail


def _submitter(case_study: CaseStudy) -> list[str]:
    return [case_study.submitter_email] if case_study.submitter_email else []


# Every email here is written in the language the submitter used (``contact_language``), its links included.


def send_published(case_study: CaseStudy) -> bool:
    with mail.in_language(case_study.contact_language):
        return mail.send(
            template="published",
            subject=_("Your case study is published (%(reference)s)") % {"reference": case_study.reference},
            to=_submitter(case_study),
            context={"case_study": case_study, "public_url": mail.absolute(case_study.get_absolute_url())},
        )


def send_rejected(case_study: CaseStudy, *, reason: str) -> bool:
    with mail.in_language(case_study.contact_language):
        return mail.send(
            template="rejected",
            subject=_("Your case study was not published (%(reference)s)")
            % {"reference": case_study.reference},
            to=_submitter(case_study),
            context={"case_study": case_study, "reason": reason},
        )


def send_returned_to_draft(case_study: CaseStudy, *, note: str) -> bool:
    with mail.in_language(case_study.contact_language):
        return mail.send(
            template="returned_to_draft",
            subject=_("Your case study needs changes (%(reference)s)") % {"reference": case_study.reference},
            to=_submitter(case_study),
            context={"case_study": case_study, "note": note},
        )


def send_changes_requested(case_study: CaseStudy, *, note: str, token: str) -> bool:
    with mail.in_language(case_study.contact_language):
        return mail.send(
            template="changes_requested",
            subject=_("Changes needed to your case study (%(reference)s)")
            % {"reference": case_study.reference},
            to=_submitter(case_study),
            context={
                "case_study": case_study,
                "note": note,
                "link": mail.absolute(reverse("casestudies:changes", kwargs={"token": token})),
                "days": settings.SUBMISSION_LINK_DAYS,
            },
        )


def send_scheduled(case_study: CaseStudy) -> bool:
    with mail.in_language(case_study.contact_language):
        when = formats.date_format(timezone.localtime(case_study.published_at), "d F Y")
        return mail.send(
            template="scheduled",
            subject=_("Your case study will be published on %(date)s (%(reference)s)")
            % {"date": when, "reference": case_study.reference},
            to=_submitter(case_study),
            context={"case_study": case_study, "public_url": mail.absolute(case_study.get_absolute_url())},
        )

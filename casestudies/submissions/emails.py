"""The emails about a new submission: the submitter's confirmation and the editors' notification."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _

from casestudies.models import EDITORS_GROUP, CaseStudy
from casestudies.ops import mail

from .welshforms import language_of


def editor_addresses() -> list[str]:
    if settings.EDITOR_EMAILS:
        return list(settings.EDITOR_EMAILS)
    users = get_user_model().objects.filter(groups__name=EDITORS_GROUP, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def send_submission_received(case_study: CaseStudy) -> bool:
    """In the language the submitter used, with the title in that language when the case study has it."""
    with mail.in_language(case_study.contact_language):
        return mail.send(
            template="submission_received",
            subject=_("We have received your case study (%(reference)s)")
            % {"reference": case_study.reference},
            to=[case_study.submitter_email],
            context={
                "case_study": case_study,
                "title": case_study.local_title,
                "languages": language_of(case_study),  # "en", "cy" or "both"
            },
        )


def send_editor_notification(case_study: CaseStudy) -> bool:
    admin_url = mail.absolute(reverse("admin:casestudies_casestudy_change", args=[case_study.pk]))
    return mail.send(
        template="editor_notification",
        subject=f"New case study to review: {case_study.reference}",
        to=editor_addresses(),
        context={"case_study": case_study, "admin_url": admin_url, "languages": _language_names(case_study)},
    )


def _language_names(case_study: CaseStudy) -> str:
    """For the editors (in English): the languages the case study is written in."""
    return " and ".join({"en": "English", "cy": "Welsh"}[code] for code in case_study.languages)


def send_resubmitted(case_study: CaseStudy) -> bool:
    """Tell the editors that the changes they asked for have come back."""
    pk = case_study.pk
    return mail.send(
        template="resubmitted",
        subject=f"Changes received: {case_study.reference}",
        to=editor_addresses(),
        context={
            "case_study": case_study,
            "admin_url": mail.absolute(reverse("admin:casestudies_casestudy_change", args=[pk])),
            "history_url": mail.absolute(reverse("admin:casestudies_casestudy_history", args=[pk])),
        },
    )

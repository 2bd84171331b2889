"""Building and sending the emails. Sending never raises: a failure is logged and the caller carries on."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from .models import CaseStudy

logger = logging.getLogger(__name__)
EDITORS_GROUP = "Editors"


def editor_addresses() -> list[str]:
    if settings.EDITOR_EMAILS:
        return list(settings.EDITOR_EMAILS)
    users = get_user_model().objects.filter(groups__name=EDITORS_GROUP, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def _send(*, template: str, subject: str, to: list[str], context: dict, headers: dict | None = None) -> bool:
    if not to:
        logger.warning("Email %r not sent: no recipients", template)
        return False
    context = {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL, **context}
    body = render_to_string(f"emails/{template}.txt", context)
    message = EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to, headers=headers or {}
    )
    try:
        message.send()
    except Exception:
        logger.exception("Email %r to %s failed", template, ", ".join(to))
        return False
    return True


def _public_url(case_study: CaseStudy) -> str:
    return f"{settings.SITE_URL}{case_study.get_absolute_url()}"


def _admin_url(case_study: CaseStudy) -> str:
    return f"{settings.SITE_URL}{reverse('admin:casestudies_casestudy_change', args=[case_study.pk])}"


def send_submission_received(case_study: CaseStudy) -> bool:
    return _send(
        template="submission_received",
        subject=f"We have received your case study ({case_study.reference})",
        to=[case_study.submitter_email],
        context={"case_study": case_study},
    )


def send_editor_notification(case_study: CaseStudy) -> bool:
    return _send(
        template="editor_notification",
        subject=f"New case study to review: {case_study.reference}",
        to=editor_addresses(),
        context={"case_study": case_study, "admin_url": _admin_url(case_study)},
    )


def send_published(case_study: CaseStudy) -> bool:
    return _send(
        template="published",
        subject=f"Your case study is published ({case_study.reference})",
        to=[case_study.submitter_email] if case_study.submitter_email else [],
        context={"case_study": case_study, "public_url": _public_url(case_study)},
    )


def send_rejected(case_study: CaseStudy, *, reason: str) -> bool:
    return _send(
        template="rejected",
        subject=f"Your case study was not published ({case_study.reference})",
        to=[case_study.submitter_email] if case_study.submitter_email else [],
        context={"case_study": case_study, "reason": reason},
    )


def send_returned_to_draft(case_study: CaseStudy, *, note: str) -> bool:
    return _send(
        template="returned_to_draft",
        subject=f"Your case study needs changes ({case_study.reference})",
        to=[case_study.submitter_email] if case_study.submitter_email else [],
        context={"case_study": case_study, "note": note},
    )


def send_alert_confirmation(alert, *, token: str) -> bool:
    url = f"{settings.SITE_URL}{reverse('casestudies:alert_confirm', kwargs={'token': token})}"
    return _send(
        template="alert_confirm",
        subject="Confirm your email alert",
        to=[alert.email],
        context={"alert": alert, "confirm_url": url, "search_url": _search_url(alert)},
    )


def send_alert_digest(alert, *, search, items: list[CaseStudy], token: str) -> bool:
    unsubscribe_url = (
        f"{settings.SITE_URL}{reverse('casestudies:alert_unsubscribe', kwargs={'token': token})}"
    )
    return _send(
        template="alert_digest",
        subject=f"{len(items)} new case stud{'y' if len(items) == 1 else 'ies'}: {search.heading}",
        to=[alert.email],
        context={
            "alert": alert,
            "items": [(item, _public_url(item)) for item in items],
            "description": search.description,
            "search_url": _search_url(alert),
            "unsubscribe_url": unsubscribe_url,
        },
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def _search_url(alert) -> str:
    path = reverse("casestudies:list")
    return f"{settings.SITE_URL}{path}?{alert.query}" if alert.query else f"{settings.SITE_URL}{path}"

"""Sending email. It never raises: a failure is logged and the caller carries on."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def send(*, template: str, subject: str, to: list[str], context: dict, headers: dict | None = None) -> bool:
    """Render ``templates/emails/<template>.txt`` and send it; True when it went out."""
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


def absolute(path: str) -> str:
    """A site path as a full URL, for links in emails."""
    return f"{settings.SITE_URL}{path}"

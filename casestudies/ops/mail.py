"""Sending email. It never raises: a failure is logged and the caller carries on."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from .languages import is_welsh

logger = logging.getLogger(__name__)


def send(*, template: str, subject: str, to: list[str], context: dict, headers: dict | None = None) -> bool:
    """Render ``templates/emails/<template>.txt`` and send it; True when it went out.

    Written in the active language: a caller writing to someone in their own language wraps the call (and the
    subject) in ``in_language()``."""
    if not to:
        logger.warning("Email %r not sent: no recipients", template)
        return False
    site_name = settings.SITE_NAME_CY if is_welsh() else settings.SITE_NAME
    context = {"site_name": site_name, "site_url": settings.SITE_URL, **context}
    body = render_to_string(f"emails/{template}.txt", context)
    message = EmailMessage(
        subject=str(subject), body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to, headers=headers or {}
    )
    try:
        message.send()
    except Exception:
        logger.exception("Email %r to %s failed", template, ", ".join(to))
        return False
    return True


def in_language(language: str | None):
    """Write an email in ``language`` (a person's remembered language; the site's default when unknown), links
    included: ``reverse()`` gives the pages in that language."""
    return translation.override(language or settings.LANGUAGE_CODE)


def absolute(path: str) -> str:
    """A site path as a full URL, for links in emails."""
    return f"{settings.SITE_URL}{path}"

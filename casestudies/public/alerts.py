"""Email alerts for a saved search: subscribe, confirm (double opt-in), digest, unsubscribe.

State changes are keyword-only and atomic like the other services; emails go out after the commit.
"""

import logging
from dataclasses import dataclass

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casestudies.catalogue.context import SearchContext
from casestudies.models import CaseStudy, SearchAlert
from casestudies.ops import mail

logger = logging.getLogger(__name__)
CONFIRM_SALT = "casestudies.alert.confirm"
UNSUBSCRIBE_SALT = "casestudies.alert.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 3600
DIGEST_SIZE = 50


class BadAlertToken(Exception):
    pass


def confirm_token(alert: SearchAlert) -> str:
    return signing.dumps({"id": alert.pk, "email": alert.email}, salt=CONFIRM_SALT)


def unsubscribe_token(alert: SearchAlert) -> str:
    return signing.dumps({"id": alert.pk, "email": alert.email}, salt=UNSUBSCRIBE_SALT)


def _alert_from_token(token: str, *, salt: str, max_age: int | None) -> SearchAlert:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
        alert = SearchAlert.objects.get(pk=data["id"], email=data["email"])
    except (signing.BadSignature, SearchAlert.DoesNotExist, KeyError, TypeError) as error:
        raise BadAlertToken from error
    return alert


@transaction.atomic
def subscribe(*, email: str, query: str, language: str = "en-gb") -> SearchAlert:
    """Store an unconfirmed alert and email the confirmation link, in ``language`` (the page's), which every
    later email keeps."""
    alert = SearchAlert.objects.create(email=email.strip(), query=query, contact_language=language)
    transaction.on_commit(lambda: send_confirmation(alert, token=confirm_token(alert)))
    return alert


@transaction.atomic
def confirm(*, token: str) -> SearchAlert:
    alert = _alert_from_token(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    if alert.confirmed_at is None:
        alert.confirmed_at = timezone.now()
        alert.unsubscribed_at = None
        alert.save(update_fields=["confirmed_at", "unsubscribed_at"])
    return alert


@transaction.atomic
def unsubscribe(*, token: str) -> SearchAlert:
    alert = _alert_from_token(token, salt=UNSUBSCRIBE_SALT, max_age=None)
    if alert.unsubscribed_at is None:
        alert.unsubscribed_at = timezone.now()
        alert.save(update_fields=["unsubscribed_at"])
    return alert


@dataclass
class DigestReport:
    checked: int = 0
    sent: int = 0
    failed: int = 0


def send_digests() -> DigestReport:
    """Email each confirmed subscriber the case studies published since their last digest (or confirmation)."""
    report = DigestReport()
    active = SearchAlert.objects.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True).order_by(
        "pk"
    )
    for alert in active.iterator():
        report.checked += 1
        since = alert.last_sent_at or alert.confirmed_at
        started = timezone.now()
        with mail.in_language(alert.contact_language):  # the search's description too
            search = SearchContext.from_query(alert.query)
            items = list(search.published_since(since, limit=DIGEST_SIZE))
            went = bool(items) and send_digest(
                alert, search=search, items=items, token=unsubscribe_token(alert)
            )
        if not items:
            continue
        if went:
            SearchAlert.objects.filter(pk=alert.pk).update(last_sent_at=started)
            report.sent += 1
        else:
            report.failed += 1
    return report


def send_confirmation(alert: SearchAlert, *, token: str) -> bool:
    with mail.in_language(alert.contact_language):
        url = mail.absolute(reverse("casestudies:alert_confirm", kwargs={"token": token}))
        return mail.send(
            template="alert_confirm",
            subject=_("Confirm your email alert"),
            to=[alert.email],
            context={"alert": alert, "confirm_url": url, "search_url": _search_url(alert)},
        )


def send_digest(alert: SearchAlert, *, search: SearchContext, items: list[CaseStudy], token: str) -> bool:
    """In the subscriber's language when called by ``send_digests``."""
    unsubscribe_url = mail.absolute(reverse("casestudies:alert_unsubscribe", kwargs={"token": token}))
    return mail.send(
        template="alert_digest",
        subject=ngettext(
            "%(count)s new case study: %(search)s", "%(count)s new case studies: %(search)s", len(items)
        )
        % {"count": len(items), "search": search.heading},
        to=[alert.email],
        context={
            "alert": alert,
            "items": [(item, mail.absolute(item.get_absolute_url())) for item in items],
            "description": search.description,
            "search_url": _search_url(alert),
            "unsubscribe_url": unsubscribe_url,
        },
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def _search_url(alert: SearchAlert) -> str:
    path = reverse("casestudies:list")
    return mail.absolute(f"{path}?{alert.query}" if alert.query else path)

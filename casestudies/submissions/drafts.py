"""Save and come back later: a draft of the form, a signed link to it by email, and deleting expired drafts."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casestudies.models import Attachment, SubmissionDraft, links
from casestudies.ops import mail

from .fileforms import FileAnswers
from .files import give_files

# A good file sent with a form that had errors is kept this long for the person to send the form again.
PENDING_FILE_HOURS = 24


class DraftEmailForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Your email address"),
        max_length=254,
        help_text=gettext_lazy("We will email you a link to your saved answers. Never published."),
        error_messages={
            "required": gettext_lazy("Enter your email address so that we can send you the link"),
            "invalid": gettext_lazy("Enter an email address in the correct format, like name@example.org"),
        },
    )


def draft_url(draft: SubmissionDraft) -> str:
    return reverse("casestudies:draft", kwargs={"token": links.draft_token(draft.pk)})


def find_draft(token: str) -> SubmissionDraft:
    """The draft a link opens; raises ``links.BadLink`` (or ``ExpiredLink``) when there is none to open."""
    draft_id = links.read_token(token, salt=links.DRAFT_SALT)
    draft = SubmissionDraft.objects.filter(pk=draft_id).first() if isinstance(draft_id, str) else None
    if draft is None:
        raise links.BadLink
    if draft.expires_at <= timezone.now():
        raise links.ExpiredLink
    return draft


@transaction.atomic
def save_draft(
    *,
    draft: SubmissionDraft | None,
    data: dict[str, Any],
    files: FileAnswers,
    email: str = "",
    language: str = "en-gb",
) -> SubmissionDraft:
    """Keep the answers as typed (nothing is required) for ``SUBMISSION_LINK_DAYS``; email the link when we have
    an address, in ``language`` (the form's). Saving again from the link updates the same draft and sends a
    fresh link."""
    now = timezone.now()
    draft = draft or SubmissionDraft()
    draft.data = data
    draft.contact_language = language
    draft.email = email.strip() or draft.email
    draft.expires_at = now + timedelta(days=settings.SUBMISSION_LINK_DAYS)
    draft.save()
    give_files(files, draft=draft)
    if draft.email:
        transaction.on_commit(lambda: send_draft_link(draft))
    return draft


@transaction.atomic
def set_draft_email(*, draft: SubmissionDraft, email: str, language: str = "en-gb") -> SubmissionDraft:
    draft.email = email.strip()
    draft.contact_language = language
    draft.save(update_fields=["email", "contact_language", "updated_at"])
    transaction.on_commit(lambda: send_draft_link(draft))
    return draft


def send_draft_link(draft: SubmissionDraft) -> bool:
    """In the language the answers were saved in, with a link back to the form in that language."""
    with mail.in_language(draft.contact_language):
        return mail.send(
            template="draft_link",
            subject=_("Your saved case study: the link to come back to it"),
            to=[draft.email],
            context={
                "draft": draft,
                # A draft written in Welsh only has its title in the Welsh box (issue 23).
                "title": str(draft.data.get("title") or draft.data.get("title_cy") or "").strip(),
                "link": mail.absolute(draft_url(draft)),
                "days": settings.SUBMISSION_LINK_DAYS,
            },
        )


@dataclass
class PurgeReport:
    drafts: int
    files: int


def purge_drafts(*, now: datetime | None = None) -> PurgeReport:
    """Delete expired drafts with their files, and files left by forms that were never sent again."""
    now = now or timezone.now()
    expired = SubmissionDraft.objects.filter(expires_at__lte=now)
    abandoned = Attachment.objects.filter(
        Q(draft__in=expired)
        | Q(case_study=None, draft=None, created_at__lte=now - timedelta(hours=PENDING_FILE_HOURS))
    )
    files = abandoned.delete_with_files()
    _total, deleted = expired.delete()
    return PurgeReport(drafts=deleted.get(SubmissionDraft._meta.label, 0), files=files)

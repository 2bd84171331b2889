"""Saved drafts of the submission form ("Save and come back later")."""

import uuid

from django.conf import settings
from django.db import models


class SubmissionDraft(models.Model):
    """A council's unsent answers, as typed: never public and never in the editors' queue.

    Kept apart from ``CaseStudy`` because a draft may lack anything a case study requires (even the council).
    Opened by a signed link valid for ``SUBMISSION_LINK_DAYS``; ``manage.py purge_drafts`` deletes it after
    ``expires_at``. A draft made from an editor's request for changes points at that case study.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data = models.JSONField(default=dict, help_text="The form's answers by field name, as typed.")
    email = models.EmailField(blank=True, help_text="Where the link was sent.")
    contact_language = models.CharField(
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text="The language the answers were saved in: the link email is written in it and leads back to it.",
    )
    case_study = models.ForeignKey(
        "casestudies.CaseStudy", on_delete=models.CASCADE, null=True, blank=True, related_name="drafts"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"Draft {self.pk} ({self.email or 'no email yet'})"

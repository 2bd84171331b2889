"""The moderation history."""

from django.conf import settings
from django.db import models

from .case_study import CaseStudy

# The group whose members moderate in the admin (casestudies/moderation/editors.py gives its permissions).
EDITORS_GROUP = "Editors"


class ModerationEvent(models.Model):
    """One line of a case study's moderation history: who did what, when, and why."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Rejected"
        RETURNED_TO_DRAFT = "returned_to_draft", "Returned to draft"
        ARCHIVED = "archived", "Archived"
        IMPORTED = "imported", "Imported"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        RESUBMITTED = "resubmitted", "Resubmitted"
        SCHEDULED = "scheduled", "Scheduled"
        EVIDENCE_CONFIRMED = "evidence_confirmed", "Evidence level confirmed"
        REVIEWED = "reviewed", "Confirmed still accurate"
        CHANGES_OFFERED = "changes_offered", "Contact asked for changes"

    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="moderation_events")
    action = models.CharField(max_length=30, choices=Action.choices)
    from_status = models.CharField(max_length=20, choices=CaseStudy.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=CaseStudy.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.actor or 'the submitter'}"

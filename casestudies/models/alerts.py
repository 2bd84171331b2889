"""Email alerts for saved searches."""

from django.conf import settings
from django.db import models


class SearchAlert(models.Model):
    """An email subscription to a saved search. Double opt-in: nothing is sent until it is confirmed."""

    email = models.EmailField()
    contact_language = models.CharField(
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text="The language the subscriber used: the confirmation and digests are written in it.",
    )
    query = models.CharField(
        max_length=2000,
        blank=True,
        help_text="The search's canonical query string (the list page's parameters).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["confirmed_at", "unsubscribed_at"], name="alert_active_idx")]

    def __str__(self) -> str:
        return f"{self.email}: ?{self.query}"

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None

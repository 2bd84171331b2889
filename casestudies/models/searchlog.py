"""What people search for, and the case studies editors pin for a search ("best bets").

``SearchCount`` holds counts, never requests: one row per day and per kind of search of one query, with no IP
address, session, user agent or referrer. A query is normalised (``normalise_query``) and anything in it that looks
personal is masked (``mask_personal``) before it is kept; both guard the column, so they live with it.
"""

import re
import unicodedata

import reversion
from django.core.exceptions import ValidationError
from django.db import models

from .case_study import CaseStudy

MAX_QUERY_LENGTH = 200
MAX_PICKS = 3
RETENTION_MONTHS = 13

# What looks personal in a query, masked in this order (an email address holds digits a phone rule would take).
EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
PHONE = re.compile(r"(?<![\w+])(?:\+\s?\d|\(?0)[\d\s().\-]{8,}\d(?!\w)")
POSTCODE = re.compile(r"\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b", re.IGNORECASE)
LONG_NUMBER = re.compile(r"\d[\d\s.\-]{4,}\d")
MIN_PHONE_DIGITS = 10
MIN_LONG_NUMBER_DIGITS = 6


def _digits(text: str) -> int:
    return sum(character.isdigit() for character in text)


def mask_personal(text: str) -> str:
    """``text`` with email addresses, phone numbers, UK postcodes and long numbers replaced by ``[email]``,
    ``[phone]``, ``[postcode]`` and ``[number]``."""
    text = EMAIL.sub("[email]", text)
    text = PHONE.sub(lambda m: "[phone]" if _digits(m.group()) >= MIN_PHONE_DIGITS else m.group(), text)
    text = POSTCODE.sub("[postcode]", text)
    return LONG_NUMBER.sub(
        lambda m: "[number]" if _digits(m.group()) >= MIN_LONG_NUMBER_DIGITS else m.group(), text
    )


def normalise_query(text: str) -> str:
    """A query as it is counted and as best bets are looked up: compatible Unicode forms, lower case, single
    spaces, personal details masked, at most ``MAX_QUERY_LENGTH`` characters (cut after masking, so no half
    address is kept)."""
    text = " ".join(unicodedata.normalize("NFKC", text).lower().split())
    return mask_personal(text)[:MAX_QUERY_LENGTH].strip()


class SearchCount(models.Model):
    """How many times a query was searched on a day, for one combination of what the search was like."""

    day = models.DateField()
    query = models.CharField(max_length=MAX_QUERY_LENGTH)
    language = models.CharField(max_length=8, default="en")
    filtered = models.BooleanField(default=False, help_text="Filters were used with the keyword.")
    results = models.PositiveIntegerField(help_text="How many case studies the search found.")
    corrected = models.BooleanField(default=False, help_text="A spelling correction was searched instead.")
    synonym = models.BooleanField(default=False, help_text="A synonym group applied.")
    searches = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "search"
        verbose_name_plural = "searches"
        constraints = [
            models.UniqueConstraint(
                fields=["day", "query", "language", "filtered", "results", "corrected", "synonym"],
                name="casestudies_searchcount_one_row_per_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.query} ({self.day}: {self.searches})"


class BestBet(models.Model):
    """Up to three published case studies an editor pins for a query: shown first on the results for it, marked
    "Recommended by our editors", whatever the sort; a pick that is not public is never shown."""

    query = models.CharField(
        max_length=MAX_QUERY_LENGTH,
        unique=True,
        help_text="The search, as people type it. Capitals and extra spaces do not matter.",
    )
    include_synonyms = models.BooleanField(
        default=False,
        verbose_name="also for its synonyms",
        help_text="Also show these case studies when someone searches for a synonym of the query.",
    )
    note = models.CharField(max_length=200, blank=True, help_text="Optional: why these case studies.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["query"]
        verbose_name = "best bet"

    def __str__(self) -> str:
        return self.query

    def clean(self) -> None:
        self.query = normalise_query(self.query or "")
        if not re.search(r"\w", self.query):
            raise ValidationError({"query": "The query needs at least one letter or digit."})
        if "[" in self.query and re.search(r"\[(email|phone|postcode|number)\]", self.query):
            raise ValidationError({"query": "A best bet cannot be for a query with personal details in it."})


class BestBetPick(models.Model):
    best_bet = models.ForeignKey(BestBet, on_delete=models.CASCADE, related_name="picks")
    case_study = models.ForeignKey(
        CaseStudy,
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"status": CaseStudy.Status.PUBLISHED},
        help_text="A published case study.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "pinned case study"
        verbose_name_plural = "pinned case studies"
        constraints = [
            models.UniqueConstraint(fields=["best_bet", "case_study"], name="casestudies_bestbetpick_once")
        ]

    def __str__(self) -> str:
        return f"{self.best_bet}: {self.case_study_id}"


reversion.register(BestBetPick)
reversion.register(BestBet, follow=["picks"])

"""The synonym list editors manage in the admin: groups of terms that mean the same thing to a reader."""

import re

import reversion
from django.core.exceptions import ValidationError
from django.db import models

MAX_TERMS = 12
MAX_TERM_LENGTH = 100


class SynonymGroup(models.Model):
    """Terms searched as one: a keyword matching any of them also finds the others (casestudies/search/).

    Applied when a search runs, so an edit takes effect at once; matches through a synonym rank below exact ones.
    """

    terms = models.TextField(
        help_text=(
            "One term per line, at least two: an abbreviation, a word or a phrase, e.g. “EV” and "
            "“electric vehicle”. Capitals and plurals do not matter."
        )
    )
    note = models.CharField(max_length=200, blank=True, help_text="Optional: why these belong together.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["terms"]
        verbose_name = "synonym group"

    def __str__(self) -> str:
        return " / ".join(self.term_list())

    def term_list(self) -> list[str]:
        return [line.strip() for line in self.terms.splitlines() if line.strip()]

    def clean(self) -> None:
        """Tidy the terms (one per line, no blanks or repeats) and check there are at least two."""
        unique: dict[str, str] = {}
        for term in (" ".join(term.split()) for term in self.term_list()):
            unique.setdefault(term.lower(), term)
        terms = list(unique.values())
        if any(not re.search(r"\w", term) for term in terms):
            raise ValidationError({"terms": "Each term needs at least one letter or digit."})
        if any(len(term) > MAX_TERM_LENGTH for term in terms):
            raise ValidationError({"terms": f"Keep each term under {MAX_TERM_LENGTH} characters."})
        if len(terms) < 2:
            raise ValidationError({"terms": "A group needs at least two different terms, one per line."})
        if len(terms) > MAX_TERMS:
            raise ValidationError({"terms": f"A group can have at most {MAX_TERMS} terms."})
        self.terms = "\n".join(terms)


reversion.register(SynonymGroup)


class SynonymSeed(models.Model):
    """A starter group from fixtures/synonyms.json that has been loaded once: never loaded again, so an editor's
    later change or deletion stands."""

    key = models.CharField(max_length=100, unique=True)
    loaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.key

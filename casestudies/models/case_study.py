"""Case studies, their statuses and the queryset every public view starts from."""

from datetime import datetime

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from casestudies.ops.languages import ENGLISH, WELSH, is_welsh

from .evidence import CostBand, EvidenceLevel, Stage
from .reference import Council, SupportType, Topic


class CaseStudyQuerySet(models.QuerySet):
    def published(self, *, at: datetime | None = None) -> "CaseStudyQuerySet":
        """Published and live: a publication time in the future (scheduled) is not public until it passes."""
        return self.filter(status=CaseStudy.Status.PUBLISHED, published_at__lte=at or timezone.now())

    def scheduled(self, *, at: datetime | None = None) -> "CaseStudyQuerySet":
        """Published with a publication time still to come."""
        return self.filter(status=CaseStudy.Status.PUBLISHED, published_at__gt=at or timezone.now())

    def next_publication(self, *, at: datetime | None = None) -> datetime | None:
        """When the next scheduled case study goes live (the public catalogue changes then), or None."""
        return self.scheduled(at=at).order_by("published_at").values_list("published_at", flat=True).first()


class CaseStudy(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Rejected"
        ARCHIVED = "archived", "Archived"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"

    SECTION_FIELDS = ("challenge", "solution", "impact", "sustainability", "lessons")
    # Every plain-text field of the case-study template, as loaded, imported and exported.
    TEXT_FIELDS = (
        "title",
        "partners",
        "summary",
        *SECTION_FIELDS,
        "contact_name",
        "contact_role",
        "contact_email",
    )
    # The Welsh version (issue 23): each translated field's Welsh column, in the template's order. A case study has a
    # Welsh version when its Welsh title is filled in (``has_welsh``); the admin asks for all of it or none.
    WELSH = {field: f"{field}_cy" for field in ("title", "summary", *SECTION_FIELDS)}
    WELSH_FIELDS = tuple(WELSH.values())
    WELSH_SECTIONS = tuple(f"{field}_cy" for field in SECTION_FIELDS)
    # What a revision keeps and a revert restores: the content, never the moderation state (status, dates).
    REVISION_FIELDS = (*TEXT_FIELDS, *WELSH_FIELDS, "lead_council", "topics", "support_types")
    EVIDENCE_FIELDS = (
        "cost_band",
        "cost_amount",
        "cost_covers",
        "savings_per_year",
        "savings_method",
        "evidence_level_claimed",
        "evaluation_url",
        "stage",
        "stopped_reason",
        "start_year",
        "end_year",
    )

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    lead_council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="case_studies")
    partners = models.TextField("partner organisations", blank=True)
    summary = models.TextField(help_text="A short paragraph: what was done and what it achieved.")
    challenge = models.TextField("the challenge")
    solution = models.TextField("the solution")
    impact = models.TextField("the impact")
    sustainability = models.TextField("how the approach is being sustained")
    lessons = models.TextField("lessons learned")
    title_cy = models.CharField("title (Welsh)", max_length=200, blank=True)
    summary_cy = models.TextField("summary (Welsh)", blank=True)
    challenge_cy = models.TextField("the challenge (Welsh)", blank=True)
    solution_cy = models.TextField("the solution (Welsh)", blank=True)
    impact_cy = models.TextField("the impact (Welsh)", blank=True)
    sustainability_cy = models.TextField("how the approach is being sustained (Welsh)", blank=True)
    lessons_cy = models.TextField("lessons learned (Welsh)", blank=True)
    contact_name = models.CharField(max_length=150)
    contact_role = models.CharField("contact job title", max_length=150)
    contact_email = models.EmailField()
    topics = models.ManyToManyField(Topic, related_name="case_studies")
    support_types = models.ManyToManyField(SupportType, related_name="case_studies", blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField("published", null=True, blank=True)
    reference = models.CharField(max_length=20, unique=True, null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField("submitted", null=True, blank=True)
    submitter_name = models.CharField(max_length=150, blank=True, help_text="Never published.")
    submitter_email = models.EmailField(blank=True, help_text="Never published; editors reply here.")
    contact_language = models.CharField(
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text="The language the submitter used: the emails about this case study are written in it.",
    )
    publication_consent = models.BooleanField(
        default=False, help_text="The submitter confirmed that the council agrees to publication."
    )
    # When the emails about a new submission went out; empty means not (yet): manage.py resend_notifications.
    submitter_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    editors_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Impact, cost and evidence (issue 20). Blank or null means "not stated".
    cost_band = models.CharField(max_length=10, choices=CostBand.choices, blank=True)
    cost_amount = models.PositiveBigIntegerField(
        "exact cost (£)", null=True, blank=True, validators=[MaxValueValidator(10**12)]
    )
    cost_covers = models.CharField("what the cost covers", max_length=300, blank=True)
    savings_per_year = models.PositiveBigIntegerField(
        "savings or income a year (£)", null=True, blank=True, validators=[MaxValueValidator(10**12)]
    )
    savings_method = models.TextField("how the savings were worked out", blank=True)
    evidence_level_claimed = models.PositiveSmallIntegerField(
        "evidence level (self-assessed)", choices=EvidenceLevel.choices, null=True, blank=True
    )
    evidence_level_confirmed = models.PositiveSmallIntegerField(
        "evidence level (confirmed by an editor)", choices=EvidenceLevel.choices, null=True, blank=True
    )
    evidence_confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    evaluation_url = models.URLField("evaluation report (link)", max_length=500, blank=True)
    stage = models.CharField(max_length=12, choices=Stage.choices, blank=True)
    stopped_reason = models.TextField("why it stopped", blank=True)
    start_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    end_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When an editor last confirmed the case study is still accurate."
    )
    # When ``manage.py review_reminders`` last emailed the contact (at most once a month per case study).
    review_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    # When the text last changed (any revision that changed a text field); the public page shows "Last updated"
    # when this is after publication.
    text_updated_at = models.DateTimeField("text last changed", null=True, blank=True, editable=False)

    objects = CaseStudyQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name_plural = "case studies"
        permissions = [
            ("publish_casestudy", "Can publish, archive or return case studies to draft"),
            ("reject_casestudy", "Can reject case studies"),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="casestudy_status_pub_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("casestudies:detail", kwargs={"slug": self.slug})

    @property
    def evidence_level(self) -> int | None:
        """The level the page shows: an editor's confirmation wins over the submitter's own assessment."""
        return self.evidence_level_confirmed or self.evidence_level_claimed

    @property
    def has_welsh(self) -> bool:
        """Whether the case study has a Welsh version (its Welsh title is filled in)."""
        return bool(self.title_cy.strip())

    @property
    def welsh_only(self) -> bool:
        """Whether the case study is written in Welsh only (issue 23): its English fields hold the Welsh version
        itself, as a Welsh-only submission stores it, so that the slug, search, cards, feeds and exports have the
        text while English pages mark it ``lang="cy"``. Adding an English version is typing it over them."""
        return self.has_welsh and all(
            getattr(self, english).strip() == getattr(self, welsh).strip()
            for english, welsh in self.WELSH.items()
        )

    def text_language(self, language: str | None = None) -> str:
        """The language the case study's text is shown in on a page in ``language`` (the active one when None):
        its Welsh version on a Welsh page when it has one, and on any page when it is written in Welsh only;
        otherwise English. The one rule for pages, feeds and emails (issue 23)."""
        if is_welsh(language):
            return WELSH if self.has_welsh else ENGLISH
        return WELSH if self.welsh_only else ENGLISH

    def text_lang(self, language: str | None = None) -> str:
        """``lang`` for the shown text where it is not in the page's language: "en" for English on a Welsh page,
        "cy" for a case study written in Welsh only on an English page; "" when it is."""
        text = self.text_language(language)
        if (text == WELSH) == is_welsh(language):
            return ""
        return "cy" if text == WELSH else "en"

    @property
    def local_title(self) -> str:
        """The title in the active language (pages and emails): the Welsh title on Welsh pages when there is one."""
        return self.title_cy if self.text_language() == WELSH else self.title

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the case study is written in: ``("en",)``, ``("en", "cy")`` or ``("cy",)``."""
        if not self.has_welsh:
            return ("en",)
        return ("cy",) if self.welsh_only else ("en", "cy")

    def clean(self) -> None:
        """A Welsh version is whole or absent: a page never mixes a Welsh title with English sections."""
        super().clean()
        given = [name for name in self.WELSH_FIELDS if getattr(self, name).strip()]
        if given and len(given) < len(self.WELSH_FIELDS):
            raise ValidationError(
                {
                    name: "Fill in every Welsh field, or leave them all empty."
                    for name in self.WELSH_FIELDS
                    if not getattr(self, name).strip()
                }
            )

    @property
    def is_scheduled(self) -> bool:
        """Published with a publication time still to come: public from that time, without anything running."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def is_live(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def last_updated(self) -> datetime | None:
        """The date to show as "Last updated": when the text changed after publication, else None."""
        if self.published_at and self.text_updated_at and self.text_updated_at > self.published_at:
            return self.text_updated_at
        return None

    @property
    def sections(self) -> list[tuple[str, str]]:
        """The template sections in reading order, as (heading, text)."""
        headings = {
            "challenge": "The challenge",
            "solution": "The solution",
            "impact": "The impact",
            "sustainability": "How the approach is being sustained",
            "lessons": "Lessons learned",
        }
        return [(headings[field], getattr(self, field)) for field in self.SECTION_FIELDS]


# A revision also keeps the impact, cost and evidence answers, the editor's confirmed level, the review date and
# the outcomes (followed, so history and compare show them).
VERSIONED_FIELDS = (
    *CaseStudy.REVISION_FIELDS,
    *CaseStudy.EVIDENCE_FIELDS,
    "evidence_level_confirmed",
    "last_reviewed",
)
reversion.register(CaseStudy, fields=VERSIONED_FIELDS, follow=("outcomes",))

# Paths under /case-studies/ that a case study's slug must not take.
RESERVED_SLUGS = {"feed", "submit", "topics", "export", "map", "suggest"}


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    """A slug from the title that no other case study has and no page under /case-studies/ uses."""
    base = slugify(title, allow_unicode=False)[:200].strip("-") or "case-study"
    if base in RESERVED_SLUGS:
        base = f"{base}-case-study"
    slug, n = base, 2
    taken = CaseStudy.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse


class OrderedReference(models.Model):
    """A named, ordered item of reference data (topics, support types)."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True, help_text="One or two sentences shown on the topic page.")
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers are listed first.")

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Topic(OrderedReference):
    class Meta(OrderedReference.Meta):
        pass

    def get_absolute_url(self) -> str:
        return reverse("casestudies:topic", kwargs={"slug": self.slug})


class SupportType(OrderedReference):
    class Meta(OrderedReference.Meta):
        verbose_name = "support type"


class Council(models.Model):
    """A UK local authority from mySociety's list (CC BY 4.0)."""

    code = models.CharField("registry code", max_length=10, unique=True)
    name = models.CharField(max_length=150)
    official_name = models.CharField(max_length=200)
    gss_code = models.CharField("GSS code", max_length=9, blank=True, db_index=True)
    nation = models.CharField(max_length=30)
    region = models.CharField(max_length=50, blank=True)
    authority_type = models.CharField(max_length=60)
    is_current = models.BooleanField("current", default=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CaseStudyQuerySet(models.QuerySet):
    def published(self) -> "CaseStudyQuerySet":
        return self.filter(status=CaseStudy.Status.PUBLISHED, published_at__isnull=False)

    def for_cards(self) -> "CaseStudyQuerySet":
        """What a result card needs, without the long template sections."""
        return (
            self.select_related("lead_council")
            .prefetch_related(models.Prefetch("topics", queryset=Topic.objects.order_by("order", "name")))
            .defer(*CaseStudy.SECTION_FIELDS, "partners")
        )


class CaseStudy(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Rejected"
        ARCHIVED = "archived", "Archived"

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
    publication_consent = models.BooleanField(
        default=False, help_text="The submitter confirmed that the council agrees to publication."
    )
    # When the emails about a new submission went out; empty means not (yet): manage.py resend_notifications.
    submitter_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    editors_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

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


class SearchDocument(models.Model):
    """A case study's full-text index entry on PostgreSQL, in a narrow table of its own.

    A database trigger keeps it up to date (migrations/0008); on SQLite it stays empty. Kept apart from the wide
    case study rows so that a keyword matching nearly every case study is answered from a small heap, and ranked
    by the short ``rank_vector`` instead of detoasting every full vector.
    """

    case_study = models.OneToOneField(
        CaseStudy, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    published_at = models.DateTimeField(null=True)
    # Title (A), summary and lead council (B): what relevance is ranked on.
    rank_vector = SearchVectorField(null=True)
    # The same plus the template sections and partners (C): what a keyword must match. GIN-indexed.
    full_vector = SearchVectorField(null=True)

    def __str__(self) -> str:
        return f"Search entry for case study {self.pk}"


class CatalogueVersion(models.Model):
    """One row whose ``token`` changes whenever a table the public catalogue is built from changes.

    Database triggers write it (migrations/0008), so every way of changing the data (admin, services, commands,
    the shell, tests) is seen; app servers compare it with the token of their in-memory index
    (casestudies/catalogue.py) at a cost of one primary-key lookup per request.
    """

    token = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.token)


class ModerationEvent(models.Model):
    """One line of a case study's moderation history: who did what, when, and why."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Rejected"
        RETURNED_TO_DRAFT = "returned_to_draft", "Returned to draft"
        ARCHIVED = "archived", "Archived"
        IMPORTED = "imported", "Imported"

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


class SearchAlert(models.Model):
    """An email subscription to a saved search. Double opt-in: nothing is sent until it is confirmed."""

    email = models.EmailField()
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

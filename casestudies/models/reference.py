"""Reference data: topics, support types and councils, each with its Welsh name where it has one (issue 23)."""

from django.db import models
from django.urls import reverse

from casestudies.ops.languages import localised


class OrderedReference(models.Model):
    """A named, ordered item of reference data (topics, support types)."""

    name = models.CharField(max_length=100, unique=True)
    name_cy = models.CharField(
        "Welsh name",
        max_length=100,
        blank=True,
        help_text="Shown on the Welsh pages; empty: the English name.",
    )
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True, help_text="One or two sentences shown on the topic page.")
    description_cy = models.TextField(
        "Welsh description", blank=True, help_text="Shown on the Welsh pages; empty: the English description."
    )
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers are listed first.")

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def local_name(self) -> str:
        """The name in the active language."""
        return localised(self.name, self.name_cy)

    @property
    def local_description(self) -> str:
        """The description in the active language."""
        return localised(self.description, self.description_cy)


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
    # Welsh councils' Welsh names (fixtures/welsh_council_names.json); empty for the others.
    name_cy = models.CharField("Welsh name", max_length=150, blank=True)
    official_name_cy = models.CharField("Welsh official name", max_length=200, blank=True)
    gss_code = models.CharField("GSS code", max_length=9, blank=True, db_index=True)
    nation = models.CharField(max_length=30)
    region = models.CharField(max_length=50, blank=True)
    authority_type = models.CharField(max_length=60)
    is_current = models.BooleanField("current", default=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    # A representative point (WGS84 degrees) from the council data: where the council sits on the map.
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def local_name(self) -> str:
        """The name in the active language."""
        return localised(self.name, self.name_cy)

    @property
    def local_official_name(self) -> str:
        """The official name in the active language."""
        return localised(self.official_name, self.official_name_cy)

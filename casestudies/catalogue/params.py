"""Parsing and validating the list's query string: the vocabularies, lenient fields and the cleaned values.

Nothing here reads request.GET directly: every parameter goes through a form field, so stray values (a NUL byte,
a stale slug, a year out of range) become notes, never errors.
"""

from functools import cache, cached_property

from django import forms
from django.utils.text import format_lazy, slugify
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ChoiceField as FilterChoiceField

from casestudies.models import CostBand, Council, EvidenceLevel, Stage
from casestudies.search.keyword import has_words

SORT_CHOICES = [
    ("relevance", _("Best match")),
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("title", _("Title (A to Z)")),
    ("evidence", _("Strongest evidence first")),
]
MAX_KEYWORD_LENGTH = 200
MAX_COUNCILS = 20
FIRST_YEAR, LAST_YEAR = 2000, 2100


@cache
def sort_labels(language: str | None) -> dict[str, str]:
    """The orders' names in a language, translated once per process (the order menu shows four on every page)."""
    return {value: str(label) for value, label in SORT_CHOICES}


# The regions and nations of the UK as they appear in the council data (mySociety). Their names and the kinds of
# council below are marked for the Welsh catalogue but stay English here: ``labels`` translates them once per language.
REGIONS = [
    gettext_noop("North East"),
    gettext_noop("North West"),
    gettext_noop("Yorkshire and The Humber"),
    gettext_noop("East Midlands"),
    gettext_noop("West Midlands"),
    gettext_noop("East of England"),
    gettext_noop("London"),
    gettext_noop("South East"),
    gettext_noop("South West"),
    gettext_noop("Wales"),
    gettext_noop("Scotland"),
    gettext_noop("Northern Ireland"),
]
REGION_BY_SLUG = {slugify(name): name for name in REGIONS}
# Kinds of council offered as a filter, each covering one or more authority types of the council data.
COUNCIL_TYPES = [
    ("county", gettext_noop("County council"), ("County",)),
    ("district", gettext_noop("District council"), ("Non-metropolitan district",)),
    ("unitary", gettext_noop("Unitary authority"), ("Unitary authority",)),
    ("metropolitan", gettext_noop("Metropolitan borough"), ("Metropolitan district",)),
    ("london-borough", gettext_noop("London borough"), ("London borough", "City corporation")),
    (
        "combined-authority",
        gettext_noop("Combined authority"),
        ("Combined authority", "Strategic Regional Authority"),
    ),
    ("welsh-unitary", gettext_noop("Welsh unitary authority"), ("Welsh unitary authority",)),
    ("scottish-council", gettext_noop("Scottish council"), ("Scottish unitary authority",)),
    ("ni-district", gettext_noop("Northern Ireland district"), ("NI district",)),
]
AUTHORITY_TYPES = {slug: types for slug, _, types in COUNCIL_TYPES}

# Impact, cost and evidence (issue 20). Evidence is "at least" a level: the level an editor confirmed, else the
# self-assessed one. A case study states no cost band or stage when the field is blank ("not stated").
EVIDENCE_CHOICES = [
    (
        str(level),
        label if level == EvidenceLevel.REPLICATED else format_lazy(_("{level} or higher"), level=label),
    )
    for level, label in EvidenceLevel.choices
]
COST_NOT_STATED = "not_stated"
COST_CHOICES = [*CostBand.choices, (COST_NOT_STATED, _("Not stated"))]
STAGE_CHOICES = list(Stage.choices)
# Results reported: each option chosen must hold (AND), unlike the other groups.
HAS_CHOICES = [("outcomes", _("Measured outcomes")), ("savings", _("Savings or income"))]


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Keeps the values it knows and remembers the rest in ``unknown``.

    A shared link with one stale topic slug should still show results, with a note, not an empty page.
    """

    unknown: list[str]

    def clean(self, value):
        values = self.to_python(value)
        self.unknown = [v for v in values if not self.valid_value(v)]
        return list(dict.fromkeys(v for v in values if self.valid_value(v)))


class CouncilCodesField(LenientMultipleChoiceField):
    """Council registry codes, checked against the database only when some are given."""

    councils: dict[str, Council]

    def clean(self, value):
        values = list(dict.fromkeys(self.to_python(value)))[:MAX_COUNCILS]
        wanted = [v for v in values if 0 < len(v) <= 10 and "\x00" not in v]  # PostgreSQL rejects NUL
        self.councils = {c.code: c for c in Council.objects.filter(code__in=wanted)} if wanted else {}
        self.unknown = [v for v in values if v not in self.councils]
        return [v for v in values if v in self.councils]


class LenientChoiceField(FilterChoiceField):
    """An unknown value falls back to the default instead of failing the whole form.

    Based on django-filter's ``ChoiceField``, which accepts the ``empty_label`` that ``ChoiceFilter`` passes.
    """

    unknown: list[str]

    def clean(self, value):
        value = self.to_python(value)
        self.unknown = [value] if value and not self.valid_value(value) else []
        return value if value and not self.unknown else ""


class ValidatedParams:
    """The cleaned values of ``CaseStudyFilter``'s form, and the canonical query string made from them."""

    PARAM_ORDER = (
        "topic",
        "support_type",
        "region",
        "council_type",
        "council",
        "evidence",
        "cost",
        "stage",
        "has",
    )

    @cached_property
    def typed_keyword(self) -> str:
        """The keyword box as sent (trimmed), searchable or not."""
        self.is_valid()
        return (self.form.cleaned_data.get("q") or "").strip()

    @cached_property
    def keyword(self) -> str:
        """The keyword searched for: "" when what was typed has no word in it (``OR``, ``"``, ``-``), so such a
        keyword is no search, no tag and no ``q`` in the links; ``notes()`` says it was ignored."""
        typed = self.typed_keyword
        return typed if has_words(typed) else ""

    @property
    def as_typed(self) -> bool:
        self.is_valid()
        return bool(self.form.cleaned_data.get("as_typed"))

    @cached_property
    def sort_order(self) -> str:
        """The order of the results: best match with a keyword, newest first without, unless chosen.

        The form sends the order the page was shown in (``was_sort``) with the keyword it was shown for
        (``was_q``): an order left as it was while the keyword changed was not chosen for this keyword, so the new
        keyword's results come in best match order (the order menu may have been set before anything was typed).
        Without a keyword a chosen order stays.
        """
        self.is_valid()
        data = self.form.cleaned_data
        chosen = data.get("sort") or ""
        was_sort, was_q = data.get("was_sort") or "", (data.get("was_q") or "").strip()
        if self.keyword and chosen and chosen == was_sort and was_q.casefold() != self.keyword.casefold():
            chosen = ""
        if chosen == "relevance" and not self.keyword:
            chosen = ""
        return chosen or self.default_sort

    @property
    def default_sort(self) -> str:
        return "relevance" if self.keyword else "newest"

    @property
    def chosen_sort(self) -> str:
        """The order the person chose, or "" for the default (best match, or newest first without a keyword)."""
        order = self.sort_order
        return "" if order == self.default_sort else order

    @property
    def sort_options(self) -> list[tuple[str, str]]:
        """The order menu: the default first with the value "", then the other orders."""
        labels = sort_labels(get_language())
        default = self.default_sort
        return [("", labels[default])] + [
            (value, label) for value, label in labels.items() if value not in (default, "relevance")
        ]

    def selected(self, name: str) -> list[str]:
        self.is_valid()
        if name not in self.filters:
            return []
        value = self.form.cleaned_data.get(name) or []
        return value if isinstance(value, list) else [value]

    def years(self) -> tuple[int | None, int | None]:
        """The valid year range; given the wrong way round, the years are swapped."""
        self.is_valid()
        start, end = self.form.cleaned_data.get("year_from"), self.form.cleaned_data.get("year_to")
        if start is not None and end is not None and start > end:
            start, end = end, start
        return start, end

    def selected_councils(self) -> list[Council]:
        self.is_valid()
        if "council" not in self.filters:
            return []
        field = self.form.fields["council"]
        return [field.councils[code] for code in self.selected("council")]

    def canonical_params(self) -> list[tuple[str, str]]:
        """The valid parameters in a fixed order, without ``page`` (a new list each time)."""
        return list(self._canonical_params)

    @cached_property
    def _canonical_params(self) -> tuple[tuple[str, str], ...]:
        self.is_valid()
        params: list[tuple[str, str]] = []
        if self.keyword:
            params.append(("q", self.keyword))
        for name in self.PARAM_ORDER:
            params.extend((name, value) for value in self.selected(name))
        start, end = self.years()
        if start is not None:
            params.append(("year_from", str(start)))
        if end is not None:
            params.append(("year_to", str(end)))
        if self.chosen_sort:
            params.append(("sort", self.chosen_sort))
        if self.keyword and self.as_typed:
            params.append(("as_typed", "1"))
        return tuple(params)

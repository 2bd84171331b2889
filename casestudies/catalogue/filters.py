"""The one FilterSet for the public list: every query parameter is declared, parsed and validated here.

Its methods come in three parts, each in a module of its own: ``params`` (parsing and validating; the canonical
query string), ``results`` (the index mask, facets and pages for the list pages; the queryset for feeds, exports
and alerts) and ``describe`` (notes about ignored values; the active filters as removable tags).
"""

import copy

import django_filters
import numpy as np
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from casestudies.models import CaseStudy, Council, SupportType, Topic
from casestudies.search.keyword import Plan

from . import index
from .describe import Description
from .groups import (
    AsTypedFilter,
    CostFilter,
    CouncilFilter,
    CouncilTypeFilter,
    EvidenceFilter,
    RegionFilter,
    RelatedGroupFilter,
    ResultsReportedFilter,
    SortFilter,
    StageFilter,
    YearFilter,
)
from .labels import labels
from .params import (
    COST_CHOICES,
    COUNCIL_TYPES,
    EVIDENCE_CHOICES,
    FIRST_YEAR,
    HAS_CHOICES,
    LAST_YEAR,
    MAX_KEYWORD_LENGTH,
    REGIONS,
    SORT_CHOICES,
    STAGE_CHOICES,
    ValidatedParams,
)
from .results import Results


class ShallowCopiedFields(dict):
    """A form class's fields, copied one level deep for each form instead of Django's deep copy (a third of the
    cost of validating a query string). Safe here: validating sets attributes on a field (``unknown``,
    ``councils``), which a shallow copy keeps apart, and never changes its widget or its choices."""

    def __deepcopy__(self, memo) -> dict:
        return {name: copy.copy(field) for name, field in self.items()}


class ShallowCopiedFilters(dict):
    """The FilterSet's filters, copied one level deep for each search instead of django-filter's deep copy: each
    copy gets its own ``extra`` (the choices are set per search) and its own ``parent`` and ``model``."""

    def __deepcopy__(self, memo) -> dict:
        copies = {}
        for name, filter_ in self.items():
            copies[name] = copied = copy.copy(filter_)
            copied.extra = dict(filter_.extra)
        return copies


class CaseStudyFilter(ValidatedParams, Results, Description, django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search case studies"),
        max_length=MAX_KEYWORD_LENGTH,
        help_text=_("For example: loneliness, “digital inclusion”, or recycling -food"),
    )
    topic = RelatedGroupFilter(label=_("Topics"), through_field="topics")
    support_type = RelatedGroupFilter(label=_("Support received"), through_field="support_types")
    region = RegionFilter(label=_("Region"), choices=[(slugify(name), name) for name in REGIONS])
    council_type = CouncilTypeFilter(
        label=_("Type of council"), choices=[(s, label) for s, label, _ in COUNCIL_TYPES]
    )
    council = CouncilFilter(label=_("Council"))
    evidence = EvidenceFilter(label=_("Evidence level"), choices=EVIDENCE_CHOICES, empty_label=None)
    cost = CostFilter(label=_("Cost"), choices=COST_CHOICES)
    stage = StageFilter(label=_("Stage"), choices=STAGE_CHOICES)
    has = ResultsReportedFilter(label=_("Results reported"), choices=HAS_CHOICES)
    year_from = YearFilter(label=_("From year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    year_to = YearFilter(label=_("To year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    sort = SortFilter(label=_("Sort by"), choices=SORT_CHOICES, empty_label=None)
    # The order and keyword the page was shown with (hidden fields of the form; see ``sort_order``).
    was_sort = SortFilter(label="Order shown", choices=SORT_CHOICES, empty_label=None)
    was_q = django_filters.CharFilter(label="Keyword shown", max_length=MAX_KEYWORD_LENGTH)
    as_typed = AsTypedFilter(label="Search exactly as typed")

    class Meta:
        model = CaseStudy
        fields: list[str] = []

    def __init__(
        self,
        data=None,
        queryset=None,
        *,
        request=None,
        prefix=None,
        fixed_topic: Topic | None = None,
        fixed_council: Council | None = None,
    ):
        self.index = index.current()
        # The page token read with it: the synonym groups change it, so the keyword's plan can reuse them.
        self.page_token = (index.tokens_read() or (None, None))[1]
        self.reference = {Topic: self.index.topics, SupportType: self.index.support_types}
        self._ranked: np.ndarray | None = None
        self._search: index.RankedSearch | None = None
        self._typed_plan: Plan | None = None
        self._searched_plan: Plan | None = None
        self._related: tuple[str, ...] = ()
        self.fixed_topic = fixed_topic
        self.fixed_council = fixed_council
        super().__init__(data, queryset, request=request, prefix=prefix)
        # Every group's options in the page's language, worked out once per index and language.
        self.labels = names = labels(self.index)
        self.filters["topic"].extra["choices"] = names.topics
        self.filters["support_type"].extra["choices"] = names.support_types
        self.filters["region"].extra["choices"] = names.regions
        self.filters["council_type"].extra["choices"] = names.council_types
        for name, choices in names.fixed.items():
            self.filters[name].extra["choices"] = choices
        if fixed_topic is not None:
            del self.filters["topic"]
        if fixed_council is not None:
            for name in ("council", "region", "council_type"):
                del self.filters[name]
        self._valid: bool | None = None

    # The query string is validated once, and its form class made once per set of filters and labels (every
    # group's options come from ``labels``, one object per index and language): a list page asks for the cleaned
    # values a few hundred times, and building the class cost more than the page's query. Each entry keeps its
    # labels, so their ``id`` stays theirs while the entry lasts.
    _form_classes: dict[tuple, tuple[object, type]] = {}

    def get_form_class(self) -> type:
        key = (id(self.labels), tuple(self.filters))
        found = self._form_classes.get(key)
        if found is None:
            if len(self._form_classes) >= 64:
                self._form_classes.clear()
            form_class = super().get_form_class()
            form_class.base_fields = ShallowCopiedFields(form_class.base_fields)
            found = self._form_classes[key] = (self.labels, form_class)
        return found[1]

    def is_valid(self) -> bool:
        if self._valid is None:
            self._valid = super().is_valid()
        return self._valid

    def choices(self, name: str) -> list[tuple[str, str]]:
        """A filter's options as (value, label)."""
        return list(self.form.fields[name].choices)


CaseStudyFilter.base_filters = ShallowCopiedFilters(CaseStudyFilter.base_filters)

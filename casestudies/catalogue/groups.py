"""The filters of ``CaseStudyFilter``. A facet group knows how it narrows a queryset (``apply``) and which bit set
of the catalogue index each of its options has (``option_masks``): the filter and its facet counts come from the
same place. Most groups are checkboxes ORed within the group; evidence is one "at least" level (radio buttons) and
"results reported" ANDs its options (``conjunctive``: its counts are of the results with each option added)."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet

from casestudies.models import CaseStudy, Outcome, Topic
from casestudies.models.evidence import effective_evidence_level

from . import index
from .params import (
    AUTHORITY_TYPES,
    COST_NOT_STATED,
    REGION_BY_SLUG,
    CouncilCodesField,
    LenientChoiceField,
    LenientMultipleChoiceField,
)


class GroupFilter(django_filters.MultipleChoiceFilter):
    """A facet group: OR within the group, AND with the others."""

    field_class = LenientMultipleChoiceField
    kind = "checkbox"
    # True: every chosen option must hold (AND), and the group's counts apply its own choices too.
    conjunctive = False

    def apply(self, qs: QuerySet, values: list[str]) -> QuerySet:
        raise NotImplementedError

    def option_masks(self, catalogue: index.Catalogue) -> dict[str, int]:
        raise NotImplementedError

    def matching(self, catalogue: index.Catalogue, values: list[str]) -> int:
        """The bit set of the case studies the chosen ``values`` let through."""
        options = self.option_masks(catalogue)
        return catalogue.union(options.get(value, 0) for value in values)


class RelatedGroupFilter(GroupFilter):
    """A many-to-many group matched by slug, as one ``EXISTS`` subquery so counts need no ``DISTINCT``."""

    def __init__(self, *args, through_field: str, **kwargs):
        self.through_field = through_field
        super().__init__(*args, **kwargs)

    def _relation(self):
        relation = CaseStudy._meta.get_field(self.through_field)
        return (
            relation.remote_field.through,
            f"{relation.m2m_field_name()}_id",
            f"{relation.m2m_reverse_field_name()}_id",
            relation.remote_field.model,
        )

    def apply(self, qs: QuerySet, values: list[str]) -> QuerySet:
        through, source, target, model = self._relation()
        ids = [item.pk for item in self.parent.reference[model] if item.slug in values]
        return qs.filter(Exists(through.objects.filter(**{source: OuterRef("pk"), f"{target}__in": ids})))

    def option_masks(self, catalogue: index.Catalogue) -> dict[str, int]:
        _, _, _, model = self._relation()
        masks = catalogue.by_topic if model is Topic else catalogue.by_support_type
        return {item.slug: masks.get(item.pk, 0) for item in self.parent.reference[model]}


class RegionFilter(GroupFilter):
    def apply(self, qs: QuerySet, values: list[str]) -> QuerySet:
        return qs.filter(lead_council__region__in=[REGION_BY_SLUG[v] for v in values])

    def option_masks(self, catalogue: index.Catalogue) -> dict[str, int]:
        return {slug: catalogue.by_region.get(region, 0) for slug, region in REGION_BY_SLUG.items()}


class CouncilTypeFilter(GroupFilter):
    def apply(self, qs: QuerySet, values: list[str]) -> QuerySet:
        types = [t for v in values for t in AUTHORITY_TYPES[v]]
        return qs.filter(lead_council__authority_type__in=types)

    def option_masks(self, catalogue: index.Catalogue) -> dict[str, int]:
        return {
            slug: catalogue.union(catalogue.by_authority_type.get(t, 0) for t in types)
            for slug, types in AUTHORITY_TYPES.items()
        }


class EvidenceFilter(django_filters.ChoiceFilter):
    """Evidence level "at least N" (one radio button of N = 1 to 5; none chosen: any level, or none stated)."""

    field_class = LenientChoiceField
    kind = "radio"
    conjunctive = False

    def apply(self, qs: QuerySet, values: list[str]) -> QuerySet:
        return qs.alias(effective_level=effective_evidence_level()).filter(
            effective_level__gte=int(values[0])
        )

    def option_masks(self, catalogue: index.Catalogue) -> dict[str, int]:
        return {value: catalogue.evidence_at_least(int(value)) for value, _ in self.extra["choices"]}

    def matching(self, catalogue: index.Catalogue, values: list[str]) -> int:
        return catalogue.evidence_at_least(int(values[0]))


class CostFilter(GroupFilter):
    """Cost band, "Not stated" included."""

    def apply(self, qs: QuerySet, values: list[str]) -> QuerySet:
        bands = ["" if value == COST_NOT_STATED else value for value in values]
        return qs.filter(cost_band__in=bands)

    def option_masks(self, catalogue: index.Catalogue) -> dict[str, int]:
        return {
            value: catalogue.by_cost_band.get("" if value == COST_NOT_STATED else value, 0)
            for value, _ in self.extra["choices"]
        }


class StageFilter(GroupFilter):
    def apply(self, qs: QuerySet, values: list[str]) -> QuerySet:
        return qs.filter(stage__in=values)

    def option_masks(self, catalogue: index.Catalogue) -> dict[str, int]:
        return {value: catalogue.by_stage.get(value, 0) for value, _ in self.extra["choices"]}


class ResultsReportedFilter(GroupFilter):
    """Measured outcomes and savings: a case study must report every one chosen."""

    conjunctive = True

    def apply(self, qs: QuerySet, values: list[str]) -> QuerySet:
        if "outcomes" in values:
            qs = qs.filter(Exists(Outcome.objects.filter(case_study_id=OuterRef("pk"))))
        if "savings" in values:
            qs = qs.filter(Q(savings_per_year__isnull=False))
        return qs

    def option_masks(self, catalogue: index.Catalogue) -> dict[str, int]:
        return {"outcomes": catalogue.with_outcomes, "savings": catalogue.with_savings}

    def matching(self, catalogue: index.Catalogue, values: list[str]) -> int:
        options = self.option_masks(catalogue)
        mask = catalogue.everything
        for value in values:
            mask &= options.get(value, 0)
        return mask


class CouncilFilter(django_filters.MultipleChoiceFilter):
    field_class = CouncilCodesField


class SortFilter(django_filters.ChoiceFilter):
    field_class = LenientChoiceField


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class AsTypedFilter(django_filters.Filter):
    """``as_typed=1``: search the keyword as typed, even when a corrected spelling would find more."""

    field_class = forms.BooleanField

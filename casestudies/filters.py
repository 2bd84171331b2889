"""The one FilterSet for the public list: every query parameter is parsed and validated here.

Within a group the chosen options are ORed; groups are ANDed. Each group's facet counts apply every other group
and the keyword but not the group itself (disjunctive facets).

The list pages count, facet and page through the in-memory catalogue index (casestudies/catalogue.py); feeds,
exports and alerts use the same filters as a queryset (``qs``).
"""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import django_filters
import numpy as np
from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.text import slugify
from django_filters.fields import ChoiceField as FilterChoiceField

from . import catalogue
from .models import CaseStudy, Council, SupportType, Topic
from .search import apply_keyword, ranked_matches

SORT_CHOICES = [
    ("relevance", "Most relevant"),
    ("newest", "Newest first"),
    ("oldest", "Oldest first"),
    ("title", "Title (A to Z)"),
]
SORT_ORDERS = {
    "newest": ("-published_at", "-id"),
    "oldest": ("published_at", "id"),
    "title": ("title", "id"),
}
MAX_KEYWORD_LENGTH = 200
MAX_COUNCILS = 20
FIRST_YEAR, LAST_YEAR = 2000, 2100
LONDON = ZoneInfo("Europe/London")

# The regions and nations of the UK as they appear in the council data (mySociety).
REGIONS = [
    "North East",
    "North West",
    "Yorkshire and The Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
    "Wales",
    "Scotland",
    "Northern Ireland",
]
REGION_BY_SLUG = {slugify(name): name for name in REGIONS}
# Kinds of council offered as a filter, each covering one or more authority types of the council data.
COUNCIL_TYPES = [
    ("county", "County council", ("County",)),
    ("district", "District council", ("Non-metropolitan district",)),
    ("unitary", "Unitary authority", ("Unitary authority",)),
    ("metropolitan", "Metropolitan borough", ("Metropolitan district",)),
    ("london-borough", "London borough", ("London borough", "City corporation")),
    ("combined-authority", "Combined authority", ("Combined authority", "Strategic Regional Authority")),
    ("welsh-unitary", "Welsh unitary authority", ("Welsh unitary authority",)),
    ("scottish-council", "Scottish council", ("Scottish unitary authority",)),
    ("ni-district", "Northern Ireland district", ("NI district",)),
]
AUTHORITY_TYPES = {slug: types for slug, _, types in COUNCIL_TYPES}
COUNCIL_TYPE_OF = {authority_type: slug for slug, _, types in COUNCIL_TYPES for authority_type in types}
NOUNS = {
    "topic": "topic",
    "support_type": "support type",
    "region": "region",
    "council_type": "council type",
    "council": "council",
    "sort": "sort order",
}


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


class GroupFilter(django_filters.MultipleChoiceFilter):
    """A facet group. ``apply`` narrows a queryset to any of the values; ``option_masks`` gives each option's
    bit set in the catalogue index, from which both the filter and the facet counts come."""

    field_class = LenientMultipleChoiceField

    def apply(self, qs: QuerySet, values: list[str]) -> QuerySet:
        raise NotImplementedError

    def option_masks(self, index: catalogue.Catalogue) -> dict[str, int]:
        raise NotImplementedError


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

    def option_masks(self, index: catalogue.Catalogue) -> dict[str, int]:
        _, _, _, model = self._relation()
        masks = index.by_topic if model is Topic else index.by_support_type
        return {item.slug: masks.get(item.pk, 0) for item in self.parent.reference[model]}


class RegionFilter(GroupFilter):
    def apply(self, qs: QuerySet, values: list[str]) -> QuerySet:
        return qs.filter(lead_council__region__in=[REGION_BY_SLUG[v] for v in values])

    def option_masks(self, index: catalogue.Catalogue) -> dict[str, int]:
        return {slug: index.by_region.get(region, 0) for slug, region in REGION_BY_SLUG.items()}


class CouncilTypeFilter(GroupFilter):
    def apply(self, qs: QuerySet, values: list[str]) -> QuerySet:
        types = [t for v in values for t in AUTHORITY_TYPES[v]]
        return qs.filter(lead_council__authority_type__in=types)

    def option_masks(self, index: catalogue.Catalogue) -> dict[str, int]:
        return {
            slug: index.union(index.by_authority_type.get(t, 0) for t in types)
            for slug, types in AUTHORITY_TYPES.items()
        }


class CouncilFilter(django_filters.MultipleChoiceFilter):
    field_class = CouncilCodesField


class SortFilter(django_filters.ChoiceFilter):
    field_class = LenientChoiceField


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


@dataclass(frozen=True)
class ActiveFilter:
    group: str
    label: str
    remove_query: str


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class FacetGroup:
    name: str
    label: str
    options: list[FacetOption]


class CaseStudyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search case studies",
        max_length=MAX_KEYWORD_LENGTH,
        help_text="For example: loneliness, “digital inclusion”, or recycling -food",
    )
    topic = RelatedGroupFilter(label="Topics", through_field="topics")
    support_type = RelatedGroupFilter(label="Support received", through_field="support_types")
    region = RegionFilter(label="Region", choices=[(slugify(name), name) for name in REGIONS])
    council_type = CouncilTypeFilter(
        label="Type of council", choices=[(s, label) for s, label, _ in COUNCIL_TYPES]
    )
    council = CouncilFilter(label="Council")
    year_from = YearFilter(label="From year", min_value=FIRST_YEAR, max_value=LAST_YEAR)
    year_to = YearFilter(label="To year", min_value=FIRST_YEAR, max_value=LAST_YEAR)
    sort = SortFilter(label="Sort by", choices=SORT_CHOICES, empty_label=None)

    GROUPS = ("topic", "support_type", "region", "council_type")
    PARAM_ORDER = ("topic", "support_type", "region", "council_type", "council")

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
        self.index = catalogue.current()
        self.reference = {Topic: self.index.topics, SupportType: self.index.support_types}
        self._ranked: np.ndarray | None = None
        self._keyword_mask: int | None = None
        self.fixed_topic = fixed_topic
        self.fixed_council = fixed_council
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.filters["topic"].extra["choices"] = [(t.slug, t.name) for t in self.reference[Topic]]
        self.filters["support_type"].extra["choices"] = [
            (s.slug, s.name) for s in self.reference[SupportType]
        ]
        if fixed_topic is not None:
            del self.filters["topic"]
        if fixed_council is not None:
            for name in ("council", "region", "council_type"):
                del self.filters[name]

    # Cleaned values
    @property
    def keyword(self) -> str:
        self.is_valid()
        return (self.form.cleaned_data.get("q") or "").strip()

    @property
    def sort_order(self) -> str:
        self.is_valid()
        chosen = self.form.cleaned_data.get("sort") or ""
        if chosen == "relevance" and not self.keyword:
            chosen = ""
        return chosen or ("relevance" if self.keyword else "newest")

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

    # Querysets: the per-filter ``filter()`` methods of django-filter are not used; everything is applied here.
    def filtered(self, queryset: QuerySet, *, rank: bool = False) -> QuerySet:
        """Every active filter applied to ``queryset`` (the queryset twin of ``mask()``)."""
        qs = queryset
        if self.fixed_topic is not None:
            through = CaseStudy.topics.through
            qs = qs.filter(
                Exists(through.objects.filter(casestudy_id=OuterRef("pk"), topic_id=self.fixed_topic.pk))
            )
        if self.fixed_council is not None:
            qs = qs.filter(lead_council_id=self.fixed_council.pk)
        if self.keyword:
            qs = apply_keyword(qs, self.keyword, rank=rank)
        for name in self.GROUPS:
            values = self.selected(name)
            if values:
                qs = self.filters[name].apply(qs, values)
        councils = self.selected_councils()
        if councils:
            qs = qs.filter(lead_council_id__in=[c.pk for c in councils])
        start, end = self.years()
        if start is not None:
            qs = qs.filter(published_at__gte=datetime(start, 1, 1, tzinfo=LONDON))
        if end is not None:
            qs = qs.filter(published_at__lt=datetime(end + 1, 1, 1, tzinfo=LONDON))
        return qs

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        relevance = self.sort_order == "relevance"
        qs = self.filtered(queryset, rank=relevance)
        if relevance:
            return qs.order_by("-rank", "-published_at", "-id")
        return qs.order_by(*SORT_ORDERS[self.sort_order])

    # The catalogue index: what the list pages use.
    def relevance(self) -> np.ndarray:
        """Index positions of the keyword's published matches, best first (one search, made once)."""
        if self._ranked is None:
            matches = ranked_matches(self.keyword)
            self._ranked = self.index.relevance_order(matches.ids, matches.ranks)
        return self._ranked

    def mask(self, *, exclude: str | None = None) -> int:
        """The bit set of the results: every active filter applied, except the group ``exclude``."""
        index = self.index
        mask = index.everything
        if self.fixed_topic is not None:
            mask &= index.by_topic.get(self.fixed_topic.pk, 0)
        if self.fixed_council is not None:
            mask &= index.by_council.get(self.fixed_council.pk, 0)
        if self.keyword:
            if self._keyword_mask is None:
                self._keyword_mask = catalogue.bits_from_positions(self.relevance(), index.size)
            mask &= self._keyword_mask
        for name in self.GROUPS:
            values = self.selected(name)
            if values and name != exclude:
                options = self.filters[name].option_masks(index)
                mask &= index.union(options.get(value, 0) for value in values)
        councils = self.selected_councils()
        if councils:
            mask &= index.union(index.by_council.get(council.pk, 0) for council in councils)
        start, end = self.years()
        if start is not None or end is not None:
            mask &= index.years(start, end)
        return mask

    def results(self) -> "IndexedResults":
        return IndexedResults(self)

    def facets(self) -> list[FacetGroup]:
        """Each option's count with every other active filter applied, from the catalogue index."""
        groups = []
        for name in self.GROUPS:
            if name not in self.filters:
                continue
            group_filter = self.filters[name]
            base = self.mask(exclude=name)
            counts = {
                value: (base & mask).bit_count()
                for value, mask in group_filter.option_masks(self.index).items()
            }
            chosen = set(self.selected(name))
            options = [
                FacetOption(
                    value=str(value), label=str(label), count=counts.get(value, 0), selected=value in chosen
                )
                for value, label in group_filter.field.choices
            ]
            groups.append(FacetGroup(name=name, label=group_filter.label, options=options))
        return groups

    # Messages, tags and the canonical query string
    def notes(self) -> list[str]:
        """Plain-language messages about parts of the query string that were ignored."""
        self.is_valid()
        messages = []
        for name, field in self.form.fields.items():
            for value in getattr(field, "unknown", []):
                messages.append(
                    f"We ignored the {NOUNS[name]} “{_printable(value)}” because we don't recognise it."
                )
            for error in self.form.errors.get(name, []):
                messages.append(f"{field.label}: {error} We ignored it.")
        start, end = self.form.cleaned_data.get("year_from"), self.form.cleaned_data.get("year_to")
        if start is not None and end is not None and start > end:
            messages.append(f"We swapped the years so that the range runs from {end} to {start}.")
        return messages

    def active_filters(self) -> list[ActiveFilter]:
        """A removable tag for each active filter value, with the query string that removes just that one."""
        self.is_valid()
        params = self.canonical_params()
        tags = []
        if self.keyword:
            tags.append(ActiveFilter("Keyword", f"“{self.keyword}”", _encode(params, drop=("q", None))))
        for name in self.PARAM_ORDER:
            if name not in self.filters:
                continue
            if name == "council":
                labels = {c.code: c.name for c in self.selected_councils()}
            else:
                labels = dict(self.filters[name].field.choices)
            for value in self.selected(name):
                tags.append(
                    ActiveFilter(self.filters[name].label, labels[value], _encode(params, drop=(name, value)))
                )
        start, end = self.years()
        if start is not None:
            tags.append(ActiveFilter("Published from", str(start), _encode(params, drop=("year_from", None))))
        if end is not None:
            tags.append(ActiveFilter("Published up to", str(end), _encode(params, drop=("year_to", None))))
        return tags

    def canonical_params(self) -> list[tuple[str, str]]:
        """The valid parameters in a fixed order, without ``page``."""
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
        chosen = self.form.cleaned_data.get("sort")
        if chosen and chosen == self.sort_order and chosen != ("relevance" if self.keyword else "newest"):
            params.append(("sort", chosen))
        return params


class IndexedResults:
    """The results as a lazy sequence for Django's ``Paginator``: counted from the index; only a page is read."""

    def __init__(self, filterset: CaseStudyFilter):
        self.filterset = filterset
        self.index = filterset.index
        self.order = filterset.sort_order
        self.bits = filterset.mask()

    def count(self) -> int:
        return self.bits.bit_count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[CaseStudy]:
        if not isinstance(item, slice) or item.step not in (None, 1):
            raise TypeError("Results are read a page (a slice) at a time.")
        start, stop, _ = item.indices(self.count())
        ranked = self.filterset.relevance() if self.order == "relevance" else None
        ids = self.index.page(self.bits, order=self.order, start=start, stop=stop, ranked=ranked)
        rows = CaseStudy.objects.published().for_cards().in_bulk(ids)
        return [rows[pk] for pk in ids if pk in rows]


def _encode(params: list[tuple[str, str]], *, drop: tuple[str, str | None]) -> str:
    name, value = drop
    kept = [(k, v) for k, v in params if not (k == name and (value is None or v == value))]
    return urlencode(kept)


def _printable(value: str, limit: int = 60) -> str:
    cleaned = "".join(ch for ch in value if ch.isprintable())
    return cleaned if len(cleaned) <= limit else cleaned[:limit] + "…"

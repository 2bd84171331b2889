"""The one FilterSet for the public list: every query parameter is parsed and validated here."""

from dataclasses import dataclass
from urllib.parse import urlencode

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django_filters.fields import ChoiceField as FilterChoiceField

from .models import CaseStudy, SupportType, Topic
from .search import apply_keyword

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


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Keeps the values it knows and remembers the rest in ``unknown``.

    A shared link with one stale topic slug should still show results, with a note, not an empty page.
    """

    unknown: list[str]

    def clean(self, value):
        values = self.to_python(value)
        self.unknown = [v for v in values if not self.valid_value(v)]
        return list(dict.fromkeys(v for v in values if self.valid_value(v)))


class LenientChoiceField(FilterChoiceField):
    """An unknown value falls back to the default instead of failing the whole form.

    Based on django-filter's ``ChoiceField``, which accepts the ``empty_label`` that ``ChoiceFilter`` passes.
    """

    unknown: list[str]

    def clean(self, value):
        value = self.to_python(value)
        self.unknown = [value] if value and not self.valid_value(value) else []
        return value if value and not self.unknown else ""


class SlugGroupFilter(django_filters.MultipleChoiceFilter):
    """OR within the group, as one ``EXISTS`` subquery so counts need no ``DISTINCT``."""

    field_class = LenientMultipleChoiceField

    def __init__(self, *args, through_field: str, **kwargs):
        self.through_field = through_field
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value: list[str]) -> QuerySet:
        if not value:
            return qs
        relation = CaseStudy._meta.get_field(self.through_field)
        through = relation.remote_field.through
        target = relation.remote_field.model
        ids = [item.pk for item in self.parent.reference[target] if item.slug in value]
        source_column = f"{relation.m2m_field_name()}_id"
        target_column = f"{relation.m2m_reverse_field_name()}_id"
        matches = through.objects.filter(**{source_column: OuterRef("pk"), f"{target_column}__in": ids})
        return qs.filter(Exists(matches))


class SortFilter(django_filters.ChoiceFilter):
    field_class = LenientChoiceField

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        return qs  # ordering is applied last, in CaseStudyFilter.filter_queryset


@dataclass(frozen=True)
class ActiveFilter:
    group: str
    label: str
    remove_query: str


class CaseStudyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search case studies",
        method="filter_keyword",
        max_length=MAX_KEYWORD_LENGTH,
        help_text="For example: loneliness, “digital inclusion”, or recycling -food",
    )
    topic = SlugGroupFilter(label="Topics", through_field="topics")
    support_type = SlugGroupFilter(label="Support received", through_field="support_types")
    sort = SortFilter(label="Sort by", choices=SORT_CHOICES, empty_label=None)

    class Meta:
        model = CaseStudy
        fields: list[str] = []

    def __init__(
        self, data=None, queryset=None, *, request=None, prefix=None, fixed_topic: Topic | None = None
    ):
        self.reference = {Topic: list(Topic.objects.all()), SupportType: list(SupportType.objects.all())}
        self.fixed_topic = fixed_topic
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.filters["topic"].extra["choices"] = [(t.slug, t.name) for t in self.reference[Topic]]
        self.filters["support_type"].extra["choices"] = [
            (s.slug, s.name) for s in self.reference[SupportType]
        ]
        if fixed_topic is not None:
            del self.filters["topic"]

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

    def filter_keyword(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return apply_keyword(qs, value, rank=True)

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        if self.fixed_topic is not None:
            through = CaseStudy.topics.through
            queryset = queryset.filter(
                Exists(through.objects.filter(casestudy_id=OuterRef("pk"), topic_id=self.fixed_topic.pk))
            )
        queryset = super().filter_queryset(queryset)
        if self.sort_order == "relevance":
            return queryset.order_by("-rank", "-published_at", "-id")
        return queryset.order_by(*SORT_ORDERS[self.sort_order])

    def notes(self) -> list[str]:
        """Plain-language messages about parts of the query string that were ignored."""
        self.is_valid()
        messages = []
        nouns = {"topic": "topic", "support_type": "support type", "sort": "sort order"}
        for name, field in self.form.fields.items():
            for value in getattr(field, "unknown", []):
                messages.append(
                    f"We ignored the {nouns[name]} “{_printable(value)}” because we don't recognise it."
                )
            for error in self.form.errors.get(name, []):
                messages.append(f"{field.label}: {error}")
        return messages

    def selected(self, name: str) -> list[str]:
        self.is_valid()
        value = self.form.cleaned_data.get(name) or []
        return value if isinstance(value, list) else [value]

    def active_filters(self) -> list[ActiveFilter]:
        """A removable tag for each active filter value, with the query string that removes just that one."""
        self.is_valid()
        params = self.canonical_params()
        tags = []
        if self.keyword:
            tags.append(ActiveFilter("Keyword", f"“{self.keyword}”", _encode(params, drop=("q", None))))
        for name, model in (("topic", Topic), ("support_type", SupportType)):
            if name not in self.filters:
                continue
            names = {item.slug: item.name for item in self.reference[model]}
            for slug in self.selected(name):
                tags.append(
                    ActiveFilter(self.filters[name].label, names[slug], _encode(params, drop=(name, slug)))
                )
        return tags

    def canonical_params(self) -> list[tuple[str, str]]:
        """The valid parameters in a fixed order, without ``page``."""
        self.is_valid()
        params: list[tuple[str, str]] = []
        if self.keyword:
            params.append(("q", self.keyword))
        for name in ("topic", "support_type"):
            if name in self.filters:
                params.extend((name, value) for value in self.selected(name))
        chosen = self.form.cleaned_data.get("sort")
        if chosen and chosen == self.sort_order and chosen != ("relevance" if self.keyword else "newest"):
            params.append(("sort", chosen))
        return params


def _encode(params: list[tuple[str, str]], *, drop: tuple[str, str | None]) -> str:
    name, value = drop
    kept = [(k, v) for k, v in params if not (k == name and (value is None or v == value))]
    return urlencode(kept)


def _printable(value: str, limit: int = 60) -> str:
    cleaned = "".join(ch for ch in value if ch.isprintable())
    return cleaned if len(cleaned) <= limit else cleaned[:limit] + "…"

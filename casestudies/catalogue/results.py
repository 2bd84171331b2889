"""Building the results of ``CaseStudyFilter``: from the catalogue index for the list pages (a bit set of the
matches, facet counts, a lazy page), and as a queryset for feeds, exports and alerts.

Within a group the chosen options are ORed; groups are ANDed. Each group's facet counts apply every other group
and the keyword but not the group itself (disjunctive facets). Two groups differ (``groups``): evidence is one
"at least" level, and "results reported" ANDs its options, so its counts are of the results with each one added.
"""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from casestudies.models import CaseStudy
from casestudies.models.evidence import effective_evidence_level
from casestudies.search import keyword as search
from casestudies.search.keyword import Plan, ranked_matches, restrict

from . import index
from .cards import Card, cards

SORT_ORDERS = {
    "newest": ("-published_at", "-id"),
    "oldest": ("published_at", "id"),
    "title": ("title", "id"),
    # Strongest evidence first (none stated last), newest first among equals.
    "evidence": (effective_evidence_level().desc(nulls_last=True), "-published_at", "-id"),
}
ANY_EVIDENCE = _("Any level, or not stated")
LONDON = ZoneInfo("Europe/London")


_GROUP_LABELS: dict[tuple[str | None, str], str] = {}


def group_label(language: str | None, name: str, label: object) -> str:
    """A filter group's heading in a language, translated once per process: ``label`` is the same lazy text for
    every filterset's group ``name``, so it is kept by (language, name) (a lazy text is hashed by translating it)."""
    found = _GROUP_LABELS.get((language, name))
    if found is None:
        found = _GROUP_LABELS[language, name] = str(label)
    return found


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
    kind: str = "checkbox"  # or "radio": one option, the first ("") meaning none chosen

    @property
    def selected_count(self) -> int:
        """How many of the group's options are ticked (shown in the folded group's summary)."""
        return sum(option.selected for option in self.options if option.value)


class Results:
    """The querying half of ``CaseStudyFilter``: it uses the cleaned values of ``ValidatedParams``."""

    GROUPS = ("topic", "support_type", "region", "council_type", "evidence", "cost", "stage", "has")

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
            ids = self.index.ids[self.relevance()].tolist()
            qs = restrict(qs, ids, rank=rank)
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

    # Spelling: the keyword as typed, or its correction when a word is unknown and no English word, and the
    # correction finds something (unless the person asked for the keyword as typed).
    def typed_plan(self) -> Plan:
        if self._typed_plan is None:
            self._typed_plan = search.plan(
                self.keyword, version=self.index.token, synonyms_version=self.page_token
            )
        return self._typed_plan

    def _corrected_plan(self) -> Plan | None:
        typed = self.typed_plan()
        if typed.suggestion is None or self.as_typed:
            return None
        return search.plan(
            typed.suggestion, version=self.index.token, check_spelling=False, synonyms_version=self.page_token
        )

    def searched_plan(self) -> Plan:
        """The keyword whose results the list shows (after ``relevance()``)."""
        self.relevance()
        return self._searched_plan or self.typed_plan()

    @property
    def showing_corrected(self) -> bool:
        """True when the list shows the results of the corrected spelling instead of the typed keyword's."""
        return bool(self.keyword) and self.searched_plan() is not self.typed_plan()

    @property
    def did_you_mean(self) -> str | None:
        """The corrected keyword to offer as a link, when the list shows the typed keyword's results."""
        if not self.keyword or self.showing_corrected:
            return None
        return self.typed_plan().suggestion

    # The catalogue index: what the list pages use.
    def relevance(self) -> np.ndarray:
        """Index positions of the keyword's published matches, best first (one search, made once)."""
        if self._ranked is None:
            searched, corrected = self.typed_plan(), self._corrected_plan()
            ranked = self._ranked_positions(corrected) if corrected is not None else None
            if ranked is not None and len(ranked):
                searched = corrected
            else:
                ranked = self._ranked_positions(searched)
            self._searched_plan, self._ranked = searched, ranked
        return self._ranked

    @property
    def related_terms(self) -> tuple[str, ...]:
        """The terms learned from the first results (for the excerpts)."""
        self.relevance()
        return self._related

    def _ranked_positions(self, plan: Plan) -> np.ndarray:
        def rank() -> index.RankedSearch:
            matches = ranked_matches(plan, size=self.index.size, live=self.index.position_by_id)
            return index.RankedSearch(self.index.relevance_order(matches.ids, matches.ranks), matches.related)

        # The parsed query (with its synonyms and variants) says what is searched; the index, against what.
        self._search = self.index.remembered((get_language() or "") + repr(plan.query), rank)
        self._related = self._search.related
        return self._search.positions

    def mask(self, *, exclude: str | None = None, keyword: bool = True) -> int:
        """The bit set of the results: every active filter applied, except the group ``exclude`` (and the keyword
        when ``keyword`` is false: the scope of the editors' best bets). Worked out once per filterset for each
        (``exclude``, ``keyword``): the facets ask for one per group, and leaving out a group with nothing chosen
        is no different from leaving out none."""
        if exclude is not None and not self.selected(exclude):
            exclude = None
        masks = self.__dict__.setdefault("_masks", {})
        found = masks.get((exclude, keyword))
        if found is None:
            found = masks[exclude, keyword] = self._mask(exclude, keyword)
        return found

    def _mask(self, exclude: str | None, keyword: bool) -> int:
        catalogue = self.index
        mask = catalogue.everything
        if self.fixed_topic is not None:
            mask &= catalogue.by_topic.get(self.fixed_topic.pk, 0)
        if self.fixed_council is not None:
            mask &= catalogue.by_council.get(self.fixed_council.pk, 0)
        if self.keyword and keyword:
            self.relevance()
            if self._search.mask is None:
                self._search.mask = index.bits_from_positions(self._search.positions, catalogue.size)
            mask &= self._search.mask
        for name in self.GROUPS:
            values = self.selected(name)
            if values and name != exclude:
                mask &= self.filters[name].matching(catalogue, values)
        councils = self.selected_councils()
        if councils:
            mask &= catalogue.union(catalogue.by_council.get(council.pk, 0) for council in councils)
        start, end = self.years()
        if start is not None or end is not None:
            mask &= catalogue.years(start, end)
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
            base = self.mask() if group_filter.conjunctive else self.mask(exclude=name)
            counts = {
                value: (base & mask).bit_count()
                for value, mask in group_filter.option_masks(self.index).items()
            }
            chosen = set(self.selected(name))
            options = [
                FacetOption(
                    value=str(value), label=str(label), count=counts.get(value, 0), selected=value in chosen
                )
                for value, label in self.choices(name)
            ]
            if group_filter.kind == "radio":
                options.insert(0, FacetOption("", str(ANY_EVIDENCE), base.bit_count(), selected=not chosen))
            label = group_label(get_language(), name, group_filter.label)
            groups.append(FacetGroup(name=name, label=label, options=options, kind=group_filter.kind))
        return groups


class IndexedResults:
    """The results as a lazy sequence for Django's ``Paginator``: counted from the index; only a page is read."""

    def __init__(self, filterset: Results):
        self.filterset = filterset
        self.index = filterset.index
        self.order = filterset.sort_order
        self.bits = filterset.mask()

    def count(self) -> int:
        return self.bits.bit_count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[Card]:
        if not isinstance(item, slice) or item.step not in (None, 1):
            raise TypeError("Results are read a page (a slice) at a time.")
        start, stop, _ = item.indices(self.count())
        ranked = self.filterset.relevance() if self.order == "relevance" else None
        ids = self.index.page(self.bits, order=self.order, start=start, stop=stop, ranked=ranked)
        return cards(ids, catalogue=self.index)

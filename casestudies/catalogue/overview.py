"""Counting a search by something (topic, region, support type, council, year) for the map and insights pages,
from the catalogue index: a count is the search's bit set ANDed with an option's bit set, so no query is made.

Every count comes with the list URL that gives exactly those case studies: the search's parameters with the
counted group's values replaced by the counted option. So that this holds, a group with options chosen in the
search is counted over the chosen options only (the others would be counted within the chosen ones, which is
not what their list would show).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext, ngettext

from casestudies.ops.languages import per_language

from .context import SearchContext
from .params import ValidatedParams

# The order of the canonical query string (``ValidatedParams.canonical_params``).
PARAM_ORDER = ("q", *ValidatedParams.PARAM_ORDER, "year_from", "year_to", "sort")


@dataclass(frozen=True)
class Count:
    value: str
    label: str
    count: int
    url: str  # the list this count counts

    @property
    def text(self) -> str:
        return f"{self.count:,}"

    @property
    def noun(self) -> str:
        return case_studies(self.count)


@per_language
def case_studies(count: int) -> str:
    """How many case studies, in words: "1 case study", "2,345 case studies", "no case studies"."""
    if count == 0:
        return gettext("no case studies")
    return ngettext("%(counter)s case study", "%(counter)s case studies", count) % {"counter": f"{count:,}"}


class ListLinks:
    """Links to the list page for variations of one search: its parameters are worked out once."""

    def __init__(self, search: SearchContext):
        self.params = search.params
        self.path = reverse("casestudies:list")

    def url(self, **replace: list[str]) -> str:
        """The list page for the search with the groups named in ``replace`` given those values instead."""
        params = [(name, value) for name, value in self.params if name not in replace]
        params += [(name, value) for name, values in replace.items() for value in values]
        params.sort(key=lambda item: ORDER.get(item[0], len(ORDER)))
        return f"{self.path}?{urlencode(params)}" if params else self.path


ORDER = {name: n for n, name in enumerate(PARAM_ORDER)}


def list_url(search: SearchContext, **replace: list[str]) -> str:
    return ListLinks(search).url(**replace)


def shown_options(search: SearchContext, group: str) -> list[tuple[str, str, int]]:
    """(value, label, bit set) of the options of a facet group that the overview counts: the chosen ones, or all."""
    filterset = search.filterset
    group_filter = filterset.filters[group]
    masks = group_filter.option_masks(filterset.index)
    chosen = set(filterset.selected(group))
    return [
        (str(value), str(label), masks.get(value, 0))
        for value, label in filterset.choices(group)
        if not chosen or value in chosen
    ]


def group_counts(search: SearchContext, group: str, mask: int, links: ListLinks) -> list[Count]:
    """The search (bit set ``mask``) counted by each shown option of a facet group."""
    return [
        Count(value, label, (mask & bits).bit_count(), links.url(**{group: [value]}))
        for value, label, bits in shown_options(search, group)
    ]

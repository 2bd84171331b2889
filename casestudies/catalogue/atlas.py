"""The map's data: how many of a search's case studies each council leads, and where each council is.

Counts come from the catalogue index (the search's bit set ANDed with each council's), places from
``places.places_for`` (read once per index). Drawing it is the public side's job (``public/charts.py``).
"""

from dataclasses import dataclass

from django import forms
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from casestudies.ops.languages import per_language

from .context import SearchContext
from .overview import ListLinks, case_studies
from .places import Place, places_for

TABLE_ORDERS = {
    "count": _("most case studies first"),
    "name": _("by council name, A to Z"),
    "region": _("by region, then council name"),
}
DEFAULT_ORDER = "count"


@dataclass(frozen=True)
class CouncilCount:
    place: Place
    count: int
    links: ListLinks
    language: str  # the page's, asked for once for every council's words

    @property
    def url(self) -> str:
        """The list of these case studies (made when asked for: the insights page shows only the top ten)."""
        return self.links.url(council=[self.place.code])

    @property
    def text(self) -> str:
        return f"{self.count:,}"

    @property
    def accessible_name(self) -> str:
        return f"{self.place.local_name}: {case_studies.given(self.language, self.count)}"

    @property
    def words(self) -> str:
        """What the number in the table counts, for screen readers: "case studies from Kirklees"."""
        return _from_council.given(self.language, self.count) % {"council": self.place.local_name}


@per_language
def _from_council(count: int) -> str:
    return ngettext("case study from %(council)s", "case studies from %(council)s", count)


@dataclass(frozen=True)
class Atlas:
    total: int  # case studies the search gives
    counted: list[CouncilCount]  # councils leading at least one of them, in the table's order
    backdrop: list[Place]  # the other current councils with a location: drawn faintly
    order: str

    @property
    def on_map(self) -> list[CouncilCount]:
        return [item for item in self.counted if item.place.point is not None]

    @property
    def unplaced(self) -> list[CouncilCount]:
        """Councils with case studies that the data gives no location for: in the table only."""
        return [item for item in self.counted if item.place.point is None]


def council_counts(search: SearchContext, mask: int, links: ListLinks) -> list[CouncilCount]:
    """Every council leading at least one of the search's case studies (bit set ``mask``), most first (then by
    name)."""
    catalogue = search.filterset.index
    places = places_for(catalogue)
    language = get_language()
    counted = []
    for pk, bits in catalogue.by_council.items():
        count = (mask & bits).bit_count()
        place = places.by_pk.get(pk)
        if count and place is not None:
            counted.append(CouncilCount(place, count, links, language))
    counted.sort(key=lambda item: (-item.count, item.place.name, item.place.code))
    return counted


def build(search: SearchContext, *, order: str = DEFAULT_ORDER) -> Atlas:
    mask = search.filterset.mask()
    counted = council_counts(search, mask, ListLinks(search))
    if order == "name":
        counted.sort(key=lambda item: (item.place.name, item.place.code))
    elif order == "region":
        counted.sort(key=lambda item: (item.place.region or "~", item.place.name, item.place.code))
    drawn = {item.place.pk for item in counted}
    places = places_for(search.filterset.index)
    backdrop = [place for place in places.current if place.point is not None and place.pk not in drawn]
    return Atlas(total=mask.bit_count(), counted=counted, backdrop=backdrop, order=order)


class TableOrderForm(forms.Form):
    """The map table's ``order`` parameter, read through a form field like every other parameter."""

    order = forms.ChoiceField(choices=list(TABLE_ORDERS.items()), required=False)

    def chosen(self) -> tuple[str, list[str]]:
        """The order to use, and a note when the one asked for was not understood."""
        if self.is_valid():
            return self.cleaned_data["order"] or DEFAULT_ORDER, []
        return DEFAULT_ORDER, [
            gettext("We ignored the table order you asked for because we don't recognise it.")
        ]

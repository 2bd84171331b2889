"""Every council as a place: its name, region, kind and point on the National Grid, held beside the catalogue
index.

Councils are read and projected once per catalogue index (the index is rebuilt whenever a council changes, since
a database trigger on the council table changes the catalogue version token), so the map, the insights and
"councils like this one" cost no query for them.
"""

import threading
from dataclasses import dataclass

from django.db import router
from django.utils.translation import gettext

from casestudies.models import Council
from casestudies.ops.languages import localised, per_language

from . import index
from .params import COUNCIL_TYPES
from .projection import distance_km, national_grid

KIND_BY_AUTHORITY_TYPE = {authority: slug for slug, _, types in COUNCIL_TYPES for authority in types}
KIND_LABELS = {slug: label for slug, label, _ in COUNCIL_TYPES}
# A region's or kind's name in the page's language: the map and the insights ask for it for every council.
translated = per_language(gettext)


@dataclass(frozen=True)
class Place:
    pk: int
    code: str
    name: str
    region: str
    authority_type: str
    is_current: bool
    point: tuple[float, float] | None  # (easting, northing) in metres; None when the data gives no location
    name_cy: str = ""  # the council's Welsh name, where it has one (issue 23)

    @property
    def local_name(self) -> str:
        """The name in the page's language: the Welsh name on a Welsh page when there is one."""
        return localised(self.name, self.name_cy) if self.name_cy else self.name

    @property
    def region_label(self) -> str:
        """The region in the page's language (the regions' names are in the Welsh catalogue)."""
        return translated(self.region) if self.region else ""

    def region_in(self, language: str) -> str:
        """``region_label`` for a page in ``language``: for a loop over councils that asked for it once."""
        return translated.given(language, self.region) if self.region else ""

    def kind_in(self, language: str) -> str:
        """``kind_label`` for a page in ``language``."""
        return translated.given(language, KIND_LABELS.get(self.kind, self.authority_type))

    @property
    def kind(self) -> str:
        """The type of council as the list's filter groups them (``COUNCIL_TYPES``)."""
        return KIND_BY_AUTHORITY_TYPE.get(self.authority_type, "")

    @property
    def kind_label(self) -> str:
        """The type of council in the page's language."""
        return translated(KIND_LABELS.get(self.kind, self.authority_type))


@dataclass(frozen=True)
class Places:
    by_pk: dict[int, Place]

    @property
    def current(self) -> list[Place]:
        return [place for place in self.by_pk.values() if place.is_current]

    def nearest_alike(self, place: Place, *, limit: int) -> list[tuple[Place, float]]:
        """The ``limit`` current councils of the same kind nearest to ``place``, with their distance in km.

        Ties in distance go to the name. Empty when ``place`` has no location or no kind."""
        if place.point is None or not place.kind:
            return []
        candidates = [
            (other, distance_km(place.point, other.point))
            for other in self.by_pk.values()
            if other.is_current and other.pk != place.pk and other.kind == place.kind and other.point
        ]
        candidates.sort(key=lambda item: (item[1], item[0].name))
        return candidates[:limit]


def build(using: str) -> Places:
    rows = Council.objects.using(using).values_list(
        "pk", "code", "name", "region", "authority_type", "is_current", "latitude", "longitude", "name_cy"
    )
    by_pk = {}
    for pk, code, name, region, authority_type, is_current, latitude, longitude, name_cy in rows:
        point = national_grid(latitude, longitude) if latitude is not None and longitude is not None else None
        by_pk[pk] = Place(pk, code, name, region, authority_type, is_current, point, name_cy)
    return Places(by_pk=by_pk)


_lock = threading.Lock()
_built: dict[str, tuple[index.Catalogue, Places]] = {}


def places_for(catalogue: index.Catalogue) -> Places:
    """The councils as they were when ``catalogue`` was built (rebuilt with it)."""
    using = router.db_for_read(Council)
    held = _built.get(using)
    if held is not None and held[0] is catalogue:
        return held[1]
    with _lock:
        held = _built.get(using)
        if held is None or held[0] is not catalogue:
            held = (catalogue, build(using))
            _built[using] = held
    return held[1]

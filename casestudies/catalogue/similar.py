"""Councils like this one: the nearest current councils of the same type, and their case studies on this
council's topics.

"The same type" is the list's "Type of council" (so a London borough and the City of London are alike);
"nearest" is the straight-line distance between the councils' points in the council data, measured on the
National Grid. Case studies are chosen from the catalogue index like a case study's related ones: those sharing
the most of this council's topics first, newest first among equals.
"""

from dataclasses import dataclass

from django.utils.translation import gettext

from . import index
from .cards import Card, cards
from .context import SearchContext
from .index import Catalogue
from .overview import case_studies
from .places import Place, places_for

SIMILAR_COUNCILS = 5
SIMILAR_CASE_STUDIES = 5


@dataclass(frozen=True)
class SimilarCouncil:
    place: Place
    distance_km: float
    case_studies: int  # published case studies it leads

    @property
    def distance_text(self) -> str:
        return gettext("less than 1 km") if self.distance_km < 1 else f"{self.distance_km:,.0f} km"

    @property
    def count_text(self) -> str:
        return case_studies(self.case_studies)


@dataclass(frozen=True)
class Similar:
    place: Place | None
    councils: list[SimilarCouncil]
    topic_ids: list[int]  # the topics of this council's own published case studies
    case_study_ids: list[int]

    @property
    def kind_label(self) -> str:
        return self.place.kind_label if self.place else ""

    @property
    def located(self) -> bool:
        return self.place is not None and self.place.point is not None


def similar_to(search: SearchContext) -> Similar:
    """Councils like the council of a council page's search (``search.council``)."""
    council = search.council
    catalogue = search.filterset.index
    place = places_for(catalogue).by_pk.get(council.pk)
    if place is None:
        return Similar(None, [], [], [])
    nearest = places_for(catalogue).nearest_alike(place, limit=SIMILAR_COUNCILS)
    councils = [
        SimilarCouncil(other, distance, catalogue.by_council.get(other.pk, 0).bit_count())
        for other, distance in nearest
    ]
    own = catalogue.by_council.get(council.pk, 0)
    topic_ids = [pk for pk, bits in catalogue.by_topic.items() if bits & own]
    pool = catalogue.union(catalogue.by_council.get(item.place.pk, 0) for item in councils)
    ids = catalogue.related(-1, topic_ids, limit=SIMILAR_CASE_STUDIES, within=pool) if pool else []
    return Similar(place, councils, topic_ids, ids)


def case_studies_for(similar: Similar, *, catalogue: Catalogue | None = None) -> list[Card]:
    """The chosen case studies, in their order, as cards (one narrow query; none when there are none)."""
    if not similar.case_study_ids:
        return []
    return cards(similar.case_study_ids, catalogue=catalogue or index.current())

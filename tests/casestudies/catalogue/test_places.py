"""Councils as places (catalogue.places), the map's data (catalogue.atlas) and councils like this one
(catalogue.similar)."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from casestudies.catalogue import atlas, index, places
from casestudies.catalogue.context import SearchContext
from casestudies.catalogue.projection import national_grid
from casestudies.catalogue.similar import case_studies_for, similar_to
from tests.casestudies.overview_helpers import haversine_km
from tests.factories import make_case_study, make_council, make_topic

pytestmark = pytest.mark.django_db

MET = "Metropolitan district"


def council(name: str, code: str, lat: float | None, long: float | None, kind: str = MET, **extra):
    return make_council(name, code=code, authority_type=kind, latitude=lat, longitude=long, **extra)


@pytest.fixture
def greater_manchester():
    """Real points (rounded) of some councils around Wigan, and some that must never count as like it."""
    return {
        "wigan": council("Wigan", "WGN", 53.54, -2.59),
        "bolton": council("Bolton", "BOL", 53.58, -2.48),
        "salford": council("Salford", "SLF", 53.49, -2.38),
        "manchester": council("Manchester", "MAN", 53.48, -2.23),
        "leeds": council("Leeds", "LDS", 53.80, -1.55),
        "sunderland": council("Sunderland", "SND", 54.91, -1.43),  # 170 km, just nearer than Newcastle
        "newcastle": council("Newcastle upon Tyne", "NET", 54.98, -1.62),
        "lancashire": council("Lancashire", "LAN", 53.78, -2.67, kind="County"),  # near, but a county
        "old": council("Old Wigan", "OWG", 53.55, -2.60, is_current=False),  # near, but former
        "nowhere": council("Nowhere", "NOW", None, None),  # no location
    }


# Places


def test_places_are_projected_once_per_index_and_rebuilt_with_it(greater_manchester):
    catalogue = index.current()
    with CaptureQueriesContext(connection) as first:
        built = places.places_for(catalogue)
    with CaptureQueriesContext(connection) as again:
        same = places.places_for(catalogue)
    greater_manchester["bolton"].name = "Bolton Borough"
    greater_manchester["bolton"].save()  # a trigger gives the catalogue a new version token

    rebuilt = places.places_for(index.current())

    assert (len(first), len(again), same is built) == (1, 0, True)
    assert rebuilt.by_pk[greater_manchester["bolton"].pk].name == "Bolton Borough"
    wigan = built.by_pk[greater_manchester["wigan"].pk]
    assert wigan.point == national_grid(53.54, -2.59)
    assert (wigan.kind, wigan.kind_label) == ("metropolitan", "Metropolitan borough")
    assert built.by_pk[greater_manchester["nowhere"].pk].point is None


def test_nearest_alike_are_current_councils_of_the_same_kind_nearest_first(greater_manchester):
    found = places.places_for(index.current())
    wigan = found.by_pk[greater_manchester["wigan"].pk]

    nearest = found.nearest_alike(wigan, limit=5)

    assert [place.code for place, _ in nearest] == ["BOL", "SLF", "MAN", "LDS", "SND"]
    wigan_point = (53.54, -2.59)
    for place, km in nearest:
        council = greater_manchester_by_code(greater_manchester)[place.code]
        assert km == pytest.approx(haversine_km(wigan_point, (council.latitude, council.longitude)), rel=0.01)


def greater_manchester_by_code(councils: dict) -> dict:
    return {c.code: c for c in councils.values()}


def test_nearest_alike_treats_the_city_of_london_as_a_london_borough(db):
    city = council("City of London", "LND", 51.515, -0.092, kind="City corporation")
    council("Camden", "CMD", 51.545, -0.163, kind="London borough")
    council("Westminster", "WSM", 51.497, -0.137, kind="London borough")
    council("Greater London Authority", "GLA", 51.504, -0.119, kind="Strategic Regional Authority")
    found = places.places_for(index.current())

    nearest = found.nearest_alike(found.by_pk[city.pk], limit=5)

    assert [place.code for place, _ in nearest] == ["WSM", "CMD"]


def test_nearest_alike_of_a_council_without_a_location_is_empty(greater_manchester):
    found = places.places_for(index.current())

    assert found.nearest_alike(found.by_pk[greater_manchester["nowhere"].pk], limit=5) == []


# The map's data


def test_atlas_draws_current_councils_faintly_and_places_only_those_with_a_location(greater_manchester):
    topic = make_topic("Housing", slug="housing")
    make_case_study(council=greater_manchester["bolton"], topics=[topic])
    make_case_study(council=greater_manchester["nowhere"], topics=[topic])
    make_case_study(council=greater_manchester["old"], topics=[topic])  # former, but located: drawn
    make_case_study(council=greater_manchester["leeds"], topics=[topic], status="draft")

    mapped = atlas.build(SearchContext.from_query(""))

    assert mapped.total == 3
    assert sorted(item.place.code for item in mapped.on_map) == ["BOL", "OWG"]
    assert [item.place.code for item in mapped.unplaced] == ["NOW"]
    assert sorted(place.code for place in mapped.backdrop) == [
        "LAN",
        "LDS",
        "MAN",
        "NET",
        "SLF",
        "SND",
        "WGN",
    ]


@pytest.mark.parametrize(
    ("order", "codes"),
    [
        ("count", ["SLF", "BOL", "LAN", "LDS"]),  # most first, then by name
        ("name", ["BOL", "LAN", "LDS", "SLF"]),
        ("region", ["LDS", "BOL", "LAN", "SLF"]),  # Leeds's region sorts first; the rest are North West
    ],
)
def test_atlas_table_orders(greater_manchester, order, codes):
    topic = make_topic("Housing", slug="housing")
    greater_manchester["leeds"].region = "East Midlands"
    greater_manchester["leeds"].save()
    for name, times in (("salford", 3), ("bolton", 1), ("lancashire", 1), ("leeds", 1)):
        for _ in range(times):
            make_case_study(council=greater_manchester[name], topics=[topic])

    mapped = atlas.build(SearchContext.from_query(""), order=order)

    assert [item.place.code for item in mapped.counted] == codes


@pytest.mark.parametrize(
    ("query", "order", "notes"),
    [
        ({}, "count", []),
        ({"order": "name"}, "name", []),
        ({"order": "region"}, "region", []),
        ({"order": ""}, "count", []),
        (
            {"order": "bogus"},
            "count",
            ["We ignored the table order you asked for because we don't recognise it."],
        ),
        (
            {"order": "name\x00"},
            "count",
            ["We ignored the table order you asked for because we don't recognise it."],
        ),
    ],
)
def test_table_order_is_read_through_a_form_field(query, order, notes):
    assert atlas.TableOrderForm(query).chosen() == (order, notes)


# Councils like this one


def test_similar_councils_and_case_studies_sharing_most_topics_newest_first(greater_manchester):
    housing, care, digital = (make_topic(n, slug=n.lower()) for n in ("Housing", "Care", "Digital"))
    gm = greater_manchester
    make_case_study("Wigan own", council=gm["wigan"], topics=[housing, care])
    make_case_study("Bolton both, old", council=gm["bolton"], topics=[housing, care], published_at=at(2020))
    make_case_study("Salford housing", council=gm["salford"], topics=[housing], published_at=at(2024))
    make_case_study(
        "Manchester both, new", council=gm["manchester"], topics=[care, housing], published_at=at(2023)
    )
    make_case_study("Bolton digital", council=gm["bolton"], topics=[digital])  # no topic in common
    make_case_study("Lancashire housing", council=gm["lancashire"], topics=[housing])  # not alike
    make_case_study("Salford draft", council=gm["salford"], topics=[housing, care], status="draft")

    similar = similar_to(SearchContext.build(QueryDict(""), council=gm["wigan"]))

    assert [(item.place.name, item.case_studies) for item in similar.councils] == [
        ("Bolton", 2),
        ("Salford", 1),
        ("Manchester", 1),
        ("Leeds", 0),
        ("Sunderland", 0),
    ]
    assert [item.title for item in case_studies_for(similar)] == [
        "Manchester both, new",
        "Bolton both, old",
        "Salford housing",
    ]


def at(year: int) -> datetime:
    return datetime(year, 5, 1, tzinfo=UTC)

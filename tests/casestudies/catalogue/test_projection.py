"""The projection (latitude and longitude to the British National Grid) and fitting grid points into a drawing."""

import pytest

from casestudies.catalogue.projection import Frame, distance_km, national_grid
from tests.casestudies.overview_helpers import haversine_km

# Points as the council data gives them (mySociety's representative latitude and longitude).
SHETLAND = (60.3948607564, -1.254021698)
ORKNEY = (59.0292189858, -3.0359672021)
CORNWALL = (50.4056210886, -4.8272121848)
SCILLY = (49.9369329141, -6.3171676407)
BELFAST = (54.5963491073, -5.9428162844)
GLASGOW = (55.8578800002, -4.2531185814)
EDINBURGH = (55.9116, -3.2785)
NEWCASTLE = (54.9889, -1.6532)
KIRKLEES = (53.6273565558, -1.763307313)
BIRMINGHAM = (52.4885472688, -1.874802373)
CARDIFF = (51.5065, -3.2216)
NORWICH = (52.6354, 1.2905)
KENT = (51.2068, 0.7211)


def test_national_grid_matches_the_ordnance_surveys_worked_example():
    """The Ordnance Survey's guide to coordinate systems in Great Britain works this point by hand (on OSGB36):
    52°39'27.2531"N 1°43'04.5177"E is at easting 651,409.903 m, northing 313,177.270 m."""
    latitude = 52 + 39 / 60 + 27.2531 / 3600
    longitude = 1 + 43 / 60 + 4.5177 / 3600

    easting, northing = national_grid(latitude, longitude)

    assert easting == pytest.approx(651_409.903, abs=0.001)
    assert northing == pytest.approx(313_177.270, abs=0.001)


def test_national_grid_true_origin_is_400_km_east_and_100_km_south_of_the_false_origin():
    easting, northing = national_grid(49, -2)

    assert easting == pytest.approx(400_000, abs=1e-6)
    assert northing == pytest.approx(-100_000, abs=1e-6)


def test_shetland_is_above_cornwall():
    assert national_grid(*SHETLAND)[1] > national_grid(*CORNWALL)[1]


def test_belfast_is_west_of_glasgow():
    assert national_grid(*BELFAST)[0] < national_grid(*GLASGOW)[0]


def test_known_places_run_in_order_from_north_to_south():
    north_to_south = [SHETLAND, ORKNEY, EDINBURGH, GLASGOW, NEWCASTLE, BELFAST, KIRKLEES, NORWICH, BIRMINGHAM]
    north_to_south += [CARDIFF, KENT, CORNWALL, SCILLY]

    northings = [national_grid(*point)[1] for point in north_to_south]

    assert northings == sorted(northings, reverse=True)


def test_known_places_run_in_order_from_west_to_east():
    """In grid order, not longitude order: meridians converge to the north, so Cardiff (3.22°W) lies west of
    Edinburgh (3.28°W) on the grid, as on any map of Great Britain."""
    west_to_east = [SCILLY, BELFAST, CORNWALL, GLASGOW, CARDIFF, EDINBURGH, ORKNEY, BIRMINGHAM, KIRKLEES]
    west_to_east += [NEWCASTLE, SHETLAND, KENT, NORWICH]

    eastings = [national_grid(*point)[0] for point in west_to_east]

    assert eastings == sorted(eastings)


def test_every_place_in_the_uk_lands_on_the_grid_in_metres():
    for point in (SHETLAND, SCILLY, BELFAST, NORWICH):
        easting, northing = national_grid(*point)
        assert -50_000 < easting < 700_000
        assert 0 < northing < 1_250_000


@pytest.mark.parametrize(
    ("a", "b"),
    [(GLASGOW, EDINBURGH), (KIRKLEES, BIRMINGHAM), (BELFAST, GLASGOW), (CORNWALL, KENT), (SHETLAND, SCILLY)],
)
def test_grid_distances_agree_with_great_circle_distances_within_half_a_percent(a, b):
    on_grid = distance_km(national_grid(*a), national_grid(*b))

    assert on_grid == pytest.approx(haversine_km(a, b), rel=0.005)


def test_frame_puts_north_up_and_east_right_inside_the_margins():
    points = [national_grid(*p) for p in (SHETLAND, SCILLY, BELFAST, NORWICH, KIRKLEES)]

    frame = Frame.fit(points, width=400, margin=16)
    placed = {
        name: frame.place(national_grid(*point))
        for name, point in {
            "shetland": SHETLAND,
            "scilly": SCILLY,
            "belfast": BELFAST,
            "norwich": NORWICH,
            "kirklees": KIRKLEES,
        }.items()
    }

    assert placed["shetland"][1] == 16  # the northernmost point touches the top margin
    assert placed["scilly"][1] == frame.height - 16  # the southernmost the bottom one
    assert placed["scilly"][0] == 16  # the westernmost the left one
    assert placed["norwich"][0] == 400 - 16  # the easternmost the right one
    assert placed["shetland"][1] < placed["kirklees"][1] < placed["scilly"][1]
    assert placed["belfast"][0] < placed["kirklees"][0] < placed["norwich"][0]


def test_frame_keeps_the_aspect_ratio():
    points = [(0.0, 0.0), (100_000.0, 300_000.0)]

    frame = Frame.fit(points, width=120, margin=10)

    assert frame.height == 10 + 300 + 10  # 100 km across is 100 units: 300 km up is 300
    assert frame.place((50_000.0, 150_000.0)) == (60.0, 160.0)


def test_frame_of_no_points_or_one_point_does_not_divide_by_zero():
    assert Frame.fit([], width=100, margin=5).place((0.0, 0.0)) == (5.0, 5.0)
    assert Frame.fit([(10.0, 10.0)], width=100, margin=5).place((10.0, 10.0)) == (5.0, 5.0)

"""The numbers of the map and insights pages (catalogue.atlas, catalogue.insights) against brute-force counts over
seeded random libraries, and each number's link against the brute-force count of the list it opens."""

import random
from collections import Counter
from datetime import UTC, datetime

import pytest

from casestudies.catalogue import atlas, insights
from casestudies.catalogue.context import SearchContext
from casestudies.catalogue.overview import Count, case_studies, list_url
from tests.casestudies.discovery_helpers import (
    COUNCILS,
    OPTIONS,
    build_library,
    matches,
    random_selection,
    selection_query,
)
from tests.casestudies.overview_helpers import brute_count
from tests.factories import make_case_study, make_council, make_support_type, make_topic

pytestmark = pytest.mark.django_db

SEEDS = range(8)
COMBINATIONS_PER_SEED = 6
NAMES = {code: name for name, code, *_ in COUNCILS}


def random_searches(seed: int, offset: int):
    """A seeded random library, then (selection, query, matching records) for random searches over it."""
    library = build_library(seed)
    rng = random.Random(offset + seed)
    for _ in range(COMBINATIONS_PER_SEED):
        selection = random_selection(rng, library)
        query = selection_query(selection, rng)
        yield library, selection, query, [r for r in library.records if matches(r, selection)]


def shown(selection: dict, group: str) -> list[str]:
    """The options the overview counts: the chosen ones (in display order), or all."""
    return [value for value in OPTIONS[group] if not selection[group] or value in selection[group]]


@pytest.mark.parametrize("seed", SEEDS)
def test_insights_numbers_match_brute_force_for_random_filters(seed):
    for _, selection, query, matching in random_searches(seed, 30_000):
        found = insights.build(SearchContext.from_query(query))
        topics, regions = shown(selection, "topic"), shown(selection, "region")

        assert found.total == len(matching), query
        assert [row.topic.value for row in found.heat.rows] == topics, query
        assert [region.value for region in found.heat.regions] == regions, query
        assert {
            (row.topic.value, cell.value): cell.count for row in found.heat.rows for cell in row.cells
        } == {
            (t, g): sum(t in r.topic and g in r.region for r in matching) for t in topics for g in regions
        }, query
        assert [row.topic.count for row in found.heat.rows] == [
            sum(t in r.topic for r in matching) for t in topics
        ], query
        assert [region.count for region in found.heat.regions] == [
            sum(g in r.region for r in matching) for g in regions
        ], query
        years = Counter(r.year for r in matching)
        expected_years = range(min(years), max(years) + 1) if years else []
        assert [(int(c.value), c.count) for c in found.years] == [(y, years[y]) for y in expected_years], (
            query
        )
        councils = Counter(code for r in matching for code in r.council)
        ranked = sorted(councils.items(), key=lambda item: (-item[1], NAMES[item[0]]))
        assert [(c.place.code, c.count) for c in found.top_councils] == ranked[: insights.TOP_COUNCILS], query
        assert found.councils == len(councils), query
        assert [(s.count.value, s.count.count, s.total) for s in found.support] == [
            (value, sum(value in r.support_type for r in matching), len(matching))
            for value in shown(selection, "support_type")
        ], query


@pytest.mark.parametrize("seed", SEEDS)
def test_every_insights_number_links_to_a_list_of_exactly_that_many(seed):
    for library, _, query, _ in random_searches(seed, 40_000):
        found = insights.build(SearchContext.from_query(query))
        counts: list[Count] = [row.topic for row in found.heat.rows]
        counts += [cell for row in found.heat.rows for cell in row.cells]
        counts += found.heat.regions + found.years + [share.count for share in found.support]

        for count in counts:
            assert brute_count(library, count.url) == count.count, (query, count)
        for council in found.top_councils:
            assert brute_count(library, council.url) == council.count, (query, council)


@pytest.mark.parametrize("seed", SEEDS)
def test_map_counts_match_brute_force_and_their_links(seed):
    for library, _, query, matching in random_searches(seed, 50_000):
        mapped = atlas.build(SearchContext.from_query(query))
        councils = Counter(code for r in matching for code in r.council)

        assert mapped.total == len(matching), query
        assert {c.place.code: c.count for c in mapped.counted} == dict(councils), query
        for council in mapped.counted:
            assert brute_count(library, council.url) == council.count, (query, council)


def test_links_replace_the_counted_group_and_keep_the_rest_of_the_search(db):
    make_topic("Housing", slug="housing")
    make_topic("Digital", slug="digital")
    make_support_type("Grant", slug="grant")
    make_council("Wigan", code="WGN")
    search = SearchContext.from_query(
        "topic=digital&topic=housing&q=homes&council=WGN&support_type=grant&year_from=2020&sort=title&page=3"
    )

    assert list_url(search, topic=["housing"], region=["wales"]) == (
        "/case-studies/?q=homes&topic=housing&support_type=grant&region=wales&council=WGN&year_from=2020&sort=title"
    )
    assert list_url(search, council=["XYZ"], year_from=["2021"], year_to=["2021"]) == (
        "/case-studies/?q=homes&topic=digital&topic=housing&support_type=grant&council=XYZ"
        "&year_from=2021&year_to=2021&sort=title"
    )
    assert list_url(SearchContext.from_query("")) == "/case-studies/"


def test_years_between_the_first_and_last_are_counted_as_zero(db):
    topic = make_topic("Housing", slug="housing")
    for year in (2019, 2019, 2022):
        make_case_study(topics=[topic], published_at=datetime(year, 6, 1, tzinfo=UTC))

    found = insights.build(SearchContext.from_query(""))

    assert [(c.label, c.count, c.url) for c in found.years] == [
        ("2019", 2, "/case-studies/?year_from=2019&year_to=2019"),
        ("2020", 0, "/case-studies/?year_from=2020&year_to=2020"),
        ("2021", 0, "/case-studies/?year_from=2021&year_to=2021"),
        ("2022", 1, "/case-studies/?year_from=2022&year_to=2022"),
    ]


def test_support_shares_are_of_every_matching_case_study_and_need_not_add_up(db):
    topic = make_topic("Housing", slug="housing")
    grant, peer = make_support_type("Grant", slug="grant"), make_support_type("Peer", slug="peer")
    make_case_study(topics=[topic], support_types=[grant, peer])
    make_case_study(topics=[topic], support_types=[grant])
    make_case_study(topics=[topic])

    found = insights.build(SearchContext.from_query(""))

    assert [(s.count.label, s.count.count, s.percent_text) for s in found.support] == [
        ("Grant", 2, "67%"),
        ("Peer", 1, "33%"),
    ]


def test_nothing_matching_gives_empty_charts(db):
    make_case_study(topics=[make_topic("Housing", slug="housing")])

    found = insights.build(SearchContext.from_query("q=zeppelin"))

    assert (found.total, found.years, found.top_councils, found.councils) == (0, [], [], 0)
    assert [s.percent for s in found.support] == []
    assert all(cell.count == 0 for row in found.heat.rows for cell in row.cells)


@pytest.mark.parametrize(
    ("count", "words"),
    [(0, "no case studies"), (1, "1 case study"), (2, "2 case studies"), (12345, "12,345 case studies")],
)
def test_case_studies_in_words(count, words):
    assert case_studies(count) == words

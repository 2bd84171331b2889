"""Disjunctive facet counts and the region, council type, council and year filters of the list.

The random tests compare every option's count, in ``CaseStudyFilter.facets()`` and on the rendered page, with
a brute-force count over a seeded random library (see ``discovery_helpers``).
"""

import random
from datetime import UTC, datetime
from urllib.parse import quote

import pytest
from django.http import QueryDict

from casestudies.catalogue.filters import CaseStudyFilter
from casestudies.catalogue.selectors import public_case_studies
from tests.casestudies.discovery_helpers import (
    COUNCIL_TYPE_SLUGS,
    COUNCILS,
    GROUP_ORDER,
    KEYWORDS,
    OR_GROUPS,
    REGION_SLUGS,
    Library,
    build_library,
    count_queries,
    expected_facets,
    expected_pks,
    label_text,
    random_selection,
    rendered_facets,
    search_queries,
    selection_query,
)
from tests.factories import make_case_study, make_council, make_support_type, make_topic
from tests.pages import card_titles, count_text, notes, page

pytestmark = pytest.mark.django_db

SEEDS = range(12)
COMBINATIONS_PER_SEED = 5


# Random libraries against the brute-force model


@pytest.mark.parametrize("seed", SEEDS)
def test_facets_counts_match_brute_force_for_random_filters(seed):
    library = build_library(seed)
    rng = random.Random(10_000 + seed)

    for _ in range(COMBINATIONS_PER_SEED * 2):
        selection = random_selection(rng, library)
        query = selection_query(selection, rng)
        filterset = CaseStudyFilter(QueryDict(query), queryset=public_case_studies())

        facets = {
            group.name: [(o.value, o.count, o.selected) for o in group.options]
            for group in filterset.facets()
        }

        assert facets == expected_facets(library, selection), query
        assert set(filterset.qs.values_list("pk", flat=True)) == expected_pks(library, selection), query


@pytest.mark.parametrize("seed", SEEDS)
def test_facets_rendered_counts_match_brute_force_for_random_filters(client, seed):
    library = build_library(seed)
    rng = random.Random(20_000 + seed)

    for _ in range(COMBINATIONS_PER_SEED):
        selection = random_selection(rng, library)
        query = selection_query(selection, rng)

        response = client.get(f"/case-studies/?{query}")
        rendered = rendered_facets(page(response))

        assert response.status_code == 200
        assert list(rendered) == GROUP_ORDER, query
        for group, options in expected_facets(library, selection).items():
            assert [(o.value, o.count, o.checked, o.empty) for o in rendered[group]] == [
                (value, count, selected, count == 0 and not selected) for value, count, selected in options
            ], (query, group)
        assert response.context["page_obj"].paginator.count == len(expected_pks(library, selection)), query


def test_random_selections_reach_every_filter_keyword_and_reversed_years():
    """The selections the first random test makes (same seeds, same council codes) cover every filter."""
    library = Library(records=[], council_codes=[code for _, code, *_ in COUNCILS])
    seen = {"groups": set(), "keywords": set(), "years": set(), "reversed": False}
    for seed in SEEDS:
        rng = random.Random(10_000 + seed)
        for _ in range(COMBINATIONS_PER_SEED * 2):
            selection = random_selection(rng, library)
            selection_query(selection, rng)  # consumes the generator exactly as the test does
            seen["groups"] |= {group for group in (*OR_GROUPS, "council", "has") if selection[group]}
            seen["groups"] |= {"evidence"} if selection["evidence"] is not None else set()
            seen["keywords"].add(selection["q"])
            seen["years"] |= {n for n in ("year_from", "year_to") if selection[n] is not None}
            start, end = selection["year_from"], selection["year_to"]
            seen["reversed"] |= start is not None and end is not None and start > end

    assert seen == {
        "groups": {
            "topic",
            "support_type",
            "region",
            "council_type",
            "council",
            "evidence",
            "cost",
            "stage",
            "has",
        },
        "keywords": set(KEYWORDS),
        "years": {"year_from", "year_to"},
        "reversed": True,
    }


# Options and their labels


@pytest.fixture
def places():
    housing = make_topic("Housing", slug="housing", order=1)
    digital = make_topic("Digital", slug="digital", order=2)
    grant = make_support_type("Grant", slug="grant")
    wigan = make_council("Wigan", code="WGN", region="North West", authority_type="Metropolitan district")
    lancs = make_council("Lancashire", code="LAN", region="North West", authority_type="County")
    cardiff = make_council("Cardiff", code="CRF", region="Wales", authority_type="Welsh unitary authority")
    camden = make_council("Camden", code="CMD", region="London", authority_type="London borough")
    make_case_study(
        "Wigan warm homes",
        council=wigan,
        topics=[housing],
        support_types=[grant],
        published_at=datetime(2021, 1, 1, 0, 0, tzinfo=UTC),
    )
    make_case_study(
        "Lancashire libraries",
        council=lancs,
        topics=[digital],
        published_at=datetime(2020, 12, 31, 23, 59, tzinfo=UTC),
    )
    make_case_study(
        "Cardiff apps",
        council=cardiff,
        topics=[digital, housing],
        support_types=[grant],
        published_at=datetime(2023, 6, 1, tzinfo=UTC),
    )
    make_case_study(
        "Camden streets", council=camden, topics=[housing], published_at=datetime(2024, 6, 1, tzinfo=UTC)
    )
    make_case_study(
        "Camden draft",
        council=camden,
        topics=[housing],
        status="draft",
        published_at=datetime(2024, 7, 1, tzinfo=UTC),
    )


def test_facets_list_every_region_and_council_type_in_order_with_labels(client, places):
    groups = rendered_facets(page(client.get("/case-studies/")))

    assert [(o.value, o.label) for o in groups["region"]] == [
        ("north-east", label_text("North East", 0)),
        ("north-west", label_text("North West", 2)),
        ("yorkshire-and-the-humber", label_text("Yorkshire and The Humber", 0)),
        ("east-midlands", label_text("East Midlands", 0)),
        ("west-midlands", label_text("West Midlands", 0)),
        ("east-of-england", label_text("East of England", 0)),
        ("london", label_text("London", 1)),
        ("south-east", label_text("South East", 0)),
        ("south-west", label_text("South West", 0)),
        ("wales", label_text("Wales", 1)),
        ("scotland", label_text("Scotland", 0)),
        ("northern-ireland", label_text("Northern Ireland", 0)),
    ]
    assert [o.value for o in groups["region"]] == REGION_SLUGS
    assert [(o.value, o.label) for o in groups["council_type"]] == [
        ("county", label_text("County council", 1)),
        ("district", label_text("District council", 0)),
        ("unitary", label_text("Unitary authority", 0)),
        ("metropolitan", label_text("Metropolitan borough", 1)),
        ("london-borough", label_text("London borough", 1)),
        ("combined-authority", label_text("Combined authority", 0)),
        ("welsh-unitary", label_text("Welsh unitary authority", 1)),
        ("scottish-council", label_text("Scottish council", 0)),
        ("ni-district", label_text("Northern Ireland district", 0)),
    ]
    assert [o.value for o in groups["council_type"]] == COUNCIL_TYPE_SLUGS


def test_facets_selected_zero_count_option_is_shown_checked_and_not_marked_empty(client, places):
    groups = rendered_facets(page(client.get("/case-studies/?region=scotland&topic=housing")))

    scotland = next(o for o in groups["region"] if o.value == "scotland")
    north_east = next(o for o in groups["region"] if o.value == "north-east")
    assert (scotland.count, scotland.checked, scotland.empty) == (0, True, False)
    assert (north_east.count, north_east.checked, north_east.empty) == (0, False, True)
    # Topic counts apply the region (nothing in Scotland), so every topic is empty; housing stays checked.
    assert [(o.value, o.count, o.checked, o.empty) for o in groups["topic"]] == [
        ("housing", 0, True, False),
        ("digital", 0, False, True),
    ]


# The new filters: OR within a group, AND across groups


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("region=north-west", ["Wigan warm homes", "Lancashire libraries"]),
        ("region=wales", ["Cardiff apps"]),
        ("region=wales&region=london", ["Camden streets", "Cardiff apps"]),
        ("region=north-west&topic=housing", ["Wigan warm homes"]),
        ("council_type=county", ["Lancashire libraries"]),
        ("council_type=metropolitan&council_type=welsh-unitary", ["Cardiff apps", "Wigan warm homes"]),
        ("council_type=london-borough&region=wales", []),
        ("council=WGN", ["Wigan warm homes"]),
        ("council=WGN&council=CRF", ["Cardiff apps", "Wigan warm homes"]),
        ("council=WGN&council=CRF&topic=digital", ["Cardiff apps"]),
        ("council=CMD", ["Camden streets"]),
        ("year_from=2021", ["Camden streets", "Cardiff apps", "Wigan warm homes"]),
        ("year_to=2020", ["Lancashire libraries"]),
        ("year_from=2021&year_to=2021", ["Wigan warm homes"]),
        ("year_from=2022&year_to=2023", ["Cardiff apps"]),
        ("year_from=2023&year_to=2022", ["Cardiff apps"]),
        ("year_from=2020&region=north-west&support_type=grant", ["Wigan warm homes"]),
    ],
)
def test_filters_or_within_a_group_and_across_groups(client, places, query, expected):
    response = client.get(f"/case-studies/?{query}")

    assert response.status_code == 200
    assert card_titles(page(response)) == expected


def test_year_range_uses_london_calendar_years(client):
    winter = make_case_study("New year in London", published_at=datetime(2022, 1, 1, 0, 0, 30, tzinfo=UTC))
    summer = make_case_study("Midnight in June", published_at=datetime(2021, 6, 30, 23, 30, tzinfo=UTC))
    make_case_study("Last second of 2021", published_at=datetime(2021, 12, 31, 23, 59, 59, tzinfo=UTC))

    assert card_titles(page(client.get("/case-studies/?year_from=2022"))) == [winter.title]
    assert card_titles(page(client.get("/case-studies/?year_to=2021&year_from=2021"))) == [
        "Last second of 2021",
        summer.title,
    ]


# Notes about what was ignored


@pytest.mark.parametrize(
    ("query", "expected_notes", "expected_count"),
    [
        (
            "year_from=2023&year_to=2021",
            ["We swapped the years so that the range runs from 2021 to 2023."],
            2,
        ),
        ("year_from=soon", ["From year: Enter a whole number. We ignored it."], 4),
        ("year_to=2020s", ["To year: Enter a whole number. We ignored it."], 4),
        (
            "year_from=1999",
            ["From year: Ensure this value is greater than or equal to 2000. We ignored it."],
            4,
        ),
        ("year_to=2101", ["To year: Ensure this value is less than or equal to 2100. We ignored it."], 4),
        ("year_from=abc&year_to=2020", ["From year: Enter a whole number. We ignored it."], 1),
        ("region=atlantis", ["We ignored the region “atlantis” because we don't recognise it."], 4),
        ("region=North%20West", ["We ignored the region “North West” because we don't recognise it."], 4),
        ("council_type=parish", ["We ignored the council type “parish” because we don't recognise it."], 4),
        ("council=NOPE", ["We ignored the council “NOPE” because we don't recognise it."], 4),
        ("council=NOPE&council=WGN", ["We ignored the council “NOPE” because we don't recognise it."], 1),
        ("council=wgn", ["We ignored the council “wgn” because we don't recognise it."], 4),
        ("council=WGN%00", ["We ignored the council “WGN” because we don't recognise it."], 4),
        ("council=%00&council=CRF", ["We ignored the council “” because we don't recognise it."], 1),
        (
            "region=wales&region=mars&council_type=county",
            ["We ignored the region “mars” because we don't recognise it."],
            0,
        ),
    ],
)
def test_filters_unknown_or_bad_values_are_ignored_with_a_note(
    client, places, query, expected_notes, expected_count
):
    response = client.get(f"/case-studies/?{query}")
    doc = page(response)

    assert response.status_code == 200
    assert notes(doc) == expected_notes
    assert response.context["page_obj"].paginator.count == expected_count


def test_reversed_years_show_swapped_tags_and_canonical_link(client, places):
    doc = page(client.get("/case-studies/?year_to=2021&year_from=2023"))

    assert [(a.text, a["href"]) for a in doc.find_all("a", class_="tag")] == [
        ("Remove filter Published from: 2021 ×", "/case-studies/?year_to=2023"),
        ("Remove filter Published up to: 2023 ×", "/case-studies/?year_from=2021"),
    ]
    assert (
        doc.find("link", rel="canonical")["href"]
        == "http://testserver/case-studies/?year_from=2021&year_to=2023"
    )


# Active filter tags and the canonical order


def test_active_filter_tags_remove_exactly_their_own_value(client, places):
    query = (
        "year_to=2024&council=CRF&council_type=welsh-unitary&region=wales&region=north-west&support_type=grant"
        "&topic=housing&q=apps&year_from=2020&council=WGN&sort=title"
    )

    doc = page(client.get(f"/case-studies/?{query}"))

    base = "q=apps&topic=housing&support_type=grant&region=wales&region=north-west&council_type=welsh-unitary&council=CRF&council=WGN&year_from=2020&year_to=2024&sort=title"

    def without(part: str) -> str:
        return "/case-studies/?" + "&".join(p for p in base.split("&") if p != part)

    assert [(a.text, a["href"]) for a in doc.find_all("a", class_="tag")] == [
        ("Remove filter Keyword: “apps” ×", without("q=apps")),
        ("Remove filter Topics: Housing ×", without("topic=housing")),
        ("Remove filter Support received: Grant ×", without("support_type=grant")),
        ("Remove filter Region: Wales ×", without("region=wales")),
        ("Remove filter Region: North West ×", without("region=north-west")),
        ("Remove filter Type of council: Welsh unitary authority ×", without("council_type=welsh-unitary")),
        ("Remove filter Council: Cardiff ×", without("council=CRF")),
        ("Remove filter Council: Wigan ×", without("council=WGN")),
        ("Remove filter Published from: 2020 ×", without("year_from=2020")),
        ("Remove filter Published up to: 2024 ×", without("year_to=2024")),
    ]
    assert doc.find("link", rel="canonical")["href"] == f"http://testserver/case-studies/?{base}"
    assert card_titles(doc) == ["Cardiff apps"]


def test_canonical_params_drop_unknown_duplicate_and_default_values(places):
    data = QueryDict(
        "council=WGN&region=wales&region=wales&council=WGN&council=ZZZ&year_from=x&sort=newest&topic=nope&council_type=county"
    )

    assert CaseStudyFilter(data, queryset=public_case_studies()).canonical_params() == [
        ("region", "wales"),
        ("council_type", "county"),
        ("council", "WGN"),
    ]


def test_selected_councils_are_kept_as_hidden_fields_of_the_filter_form(client, places):
    doc = page(client.get("/case-studies/?council=CRF&council=NOPE&council=WGN"))

    form = doc.find("form", class_="filter-form")
    assert [(i["name"], i["value"]) for i in form.find_all("input", type="hidden")] == [
        ("council", "CRF"),
        ("council", "WGN"),
    ]


# Never a server error

NASTY_QUERIES = [
    "region=%00",
    "region=wales%00",
    "council_type=%00",
    "council=%00",
    "council=WGN%00",
    "council=" + "x" * 5000,
    "council=" + "&council=".join(f"C{n}" for n in range(200)),
    "council=",
    "year_from=%00",
    "year_from=",
    "year_to=" + "9" * 50,
    "year_from=-2020",
    "year_from=2020.5",
    "year_from=" + quote("２０２２"),
    "year_from=1e3",
    "year_from=2020&year_from=abc",
    "region=" + quote("日本語") + "&council_type=" + quote("' OR 1=1 --"),
    "council=" + quote("'; DROP TABLE casestudies_council; --"),
    "region=&council_type=&council=&year_from=&year_to=",
    "region%5B%5D=wales",
]


@pytest.mark.parametrize(
    "path",
    ["/case-studies/", "/case-studies/topics/housing/", "/councils/WGN/"],
    ids=["list", "topic", "council"],
)
@pytest.mark.parametrize("query", NASTY_QUERIES)
def test_bad_new_parameters_never_cause_a_server_error(client, places, path, query):
    response = client.get(f"{path}?{query}")

    assert response.status_code == 200
    assert count_text(page(response)).startswith(("There ", "Your search returned "))


# Query counts (the list's own counts are asserted in test_views_browse.py)


@pytest.mark.parametrize("size", [1, 25])
def test_list_council_filter_costs_one_more_query(client, size):
    """The list's 2 queries plus one to look up the chosen councils, however many case studies match."""
    housing = make_topic("Housing", slug="housing")
    wigan = make_council("Wigan", code="WGN")
    cardiff = make_council("Cardiff", code="CRF", region="Wales")
    for n in range(size):
        make_case_study(f"Study {n}", council=wigan if n % 2 else cardiff, topics=[housing])

    assert count_queries(client, "/case-studies/") == 2
    assert count_queries(client, "/case-studies/?council=WGN&council=CRF&topic=housing") == 3


@pytest.mark.parametrize("size", [1, 25])
def test_council_page_query_count_does_not_grow_with_results(client, size):
    """The council; the index's version token; the page's cards. With a keyword, the search and the excerpts
    too."""
    housing = make_topic("Housing", slug="housing")
    grant = make_support_type("Grant", slug="grant")
    wigan = make_council("Wigan", code="WGN")
    for n in range(size):
        make_case_study(f"Study {n}", council=wigan, topics=[housing], support_types=[grant])

    assert count_queries(client, "/councils/WGN/") == 3
    assert (
        count_queries(client, "/councils/WGN/?support_type=grant&topic=housing&q=study")
        == 3 + search_queries(size) + 1
    )

"""The insights page (/insights/): charts drawn as SVG, each with its numbers as a table, every count a link to the
list it counts, the list's filters, bad input and query counts. (The evidence and savings sections in detail:
test_insights_impact.py.)"""

import random
import re
from collections import Counter
from datetime import UTC, datetime

import pytest

from tests.casestudies.discovery_helpers import (
    OPTIONS,
    build_library,
    count_queries,
    matches,
    random_selection,
    rendered_facets,
    search_queries,
    selection_query,
)
from tests.casestudies.overview_helpers import SVG, as_int, brute_count, named_marks, number_links, svgs
from tests.casestudies.public.test_browse import NASTY_QUERIES
from tests.factories import make_case_study, make_council, make_support_type, make_topic
from tests.pages import count_text, page

pytestmark = pytest.mark.django_db

TITLES = [
    "Case studies by topic and region",
    "Case studies by year of publication",
    "Councils with the most case studies",
    "Share of case studies by support received",
    "Case studies by topic and evidence level",
    "Reported savings or income a year by topic",
    "Reported savings or income a year by year of publication",
]
HEAT, YEARS, COUNCILS, SUPPORT, EVIDENCE, SAVINGS_BY_TOPIC, SAVINGS_BY_YEAR = TITLES


def at(year: int) -> datetime:
    return datetime(year, 6, 1, tzinfo=UTC)


@pytest.fixture
def library_page():
    housing = make_topic("Housing", slug="housing", order=1)
    digital = make_topic("Digital", slug="digital", order=2)
    grant = make_support_type("Grant", slug="grant", order=1)
    make_support_type("Advice", slug="advice", order=2)
    wigan = make_council("Wigan", code="WGN", region="North West", authority_type="Metropolitan district")
    cardiff = make_council("Cardiff", code="CRF", region="Wales", authority_type="Welsh unitary authority")
    make_case_study(
        "Wigan homes",
        council=wigan,
        topics=[housing],
        support_types=[grant],
        published_at=at(2021),
        evidence_level_claimed=2,
        evidence_level_confirmed=3,
        savings_per_year=120_000,
    )
    make_case_study(
        "Wigan both",
        council=wigan,
        topics=[housing, digital],
        published_at=at(2023),
        evidence_level_claimed=4,
        savings_per_year=1_500_000,
    )
    make_case_study(
        "Cardiff digital", council=cardiff, topics=[digital], support_types=[grant], published_at=at(2023)
    )
    make_case_study(
        "Cardiff draft",
        council=cardiff,
        topics=[housing],
        status="draft",
        evidence_level_claimed=5,
        savings_per_year=999,
    )


def marks_by_chart(content: bytes) -> dict[str, dict[str, tuple[int, str | None]]]:
    """The marks of every chart that counts case studies (the savings charts show money: see
    test_insights_impact.py)."""
    return {
        svg.find(f"{SVG}title").text: named_marks(svg)
        for svg in svgs(content)
        if not svg.find(f"{SVG}title").text.startswith("Reported savings")
    }


def test_insights_draws_seven_charts_as_valid_svg_each_with_a_title_and_a_description(client, library_page):
    response = client.get("/insights/")
    charts = svgs(response.content)

    assert response.status_code == 200
    assert [svg.find(f"{SVG}title").text for svg in charts] == TITLES
    for svg in charts:
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert (svg.get("aria-labelledby"), svg.get("aria-describedby")) == (title.get("id"), desc.get("id"))
        assert desc.text.endswith("The same numbers are in the table below the chart.")
    assert charts[0].find(f"{SVG}desc").text == (
        "2 topics (rows) by 12 regions (columns); each square shows how many case studies have the topic and come "
        "from a council in the region, darker for more. Highest: Housing in North West: 2 case studies. Squares "
        "with none: 21. The same numbers are in the table below the chart."
    )


def test_every_mark_has_an_accessible_name_with_its_number(client, library_page):
    heat, years, councils, support, _ = marks_by_chart(client.get("/insights/").content).values()

    assert len(heat) == 2 * 12
    assert {name: mark for name, mark in heat.items() if mark[0]} == {
        "Housing in North West": (2, "/case-studies/?topic=housing&region=north-west"),
        "Digital in North West": (1, "/case-studies/?topic=digital&region=north-west"),
        "Digital in Wales": (1, "/case-studies/?topic=digital&region=wales"),
    }
    assert heat["Housing in Wales"] == (0, None)  # a named image, not a link to an empty list
    assert years == {
        "2021": (1, "/case-studies/?year_from=2021&year_to=2021"),
        "2022": (0, None),
        "2023": (2, "/case-studies/?year_from=2023&year_to=2023"),
    }
    assert councils == {
        "Wigan": (2, "/case-studies/?council=WGN"),
        "Cardiff": (1, "/case-studies/?council=CRF"),
    }
    assert support == {"Grant": (2, "/case-studies/?support_type=grant"), "Advice": (0, None)}


def test_support_marks_say_the_share_and_the_number(client, library_page):
    svg = svgs(client.get("/insights/").content)[TITLES.index(SUPPORT)]

    names = [element.get("aria-label") for element in svg.iter() if element.get("aria-label")]

    assert names == ["Grant: 67% (2 case studies)", "Advice: 0% (no case studies)"]


def descriptions(client, query: str = "") -> dict[str, str]:
    """Each chart's ``<desc>``, by the chart's title."""
    return {
        svg.find(f"{SVG}title").text: svg.find(f"{SVG}desc").text
        for svg in svgs(client.get(f"/insights/{query}").content)
    }


def test_bar_charts_name_their_highest_and_lowest(client, library_page):
    found = descriptions(client)
    years, councils, support = found[YEARS], found[COUNCILS], found[SUPPORT]

    assert years == (
        "3 bars, one per year. Highest: 2023: 2 case studies. Lowest: 2022: no case studies. "
        "The same numbers are in the table below the chart."
    )
    assert councils == (
        "2 bars, one per council. Highest: Wigan: 2 case studies. Lowest: Cardiff: 1 case study. "
        "The same numbers are in the table below the chart."
    )
    assert support == (
        "2 bars, one per kind of support. Highest: Grant: 67% (2 case studies). Lowest: Advice: 0% (no case "
        "studies). The same numbers are in the table below the chart."
    )


def test_bar_charts_say_it_once_when_every_bar_is_equal(client):
    housing = make_topic("Housing", slug="housing", order=1)
    for year in (2019, 2020, 2021):
        for council in ("Wigan", "Leeds"):
            make_case_study(
                council=make_council(f"{council} {year}"), topics=[housing], published_at=at(year)
            )

    found = descriptions(client)
    years, councils = found[YEARS], found[COUNCILS]

    assert years == (
        "3 bars, one per year. Every year has 2 case studies. The same numbers are in the table below the chart."
    )
    assert councils == (
        "6 bars, one per council. Every council has 1 case study. The same numbers are in the table below the "
        "chart."
    )


def test_bar_charts_of_a_single_year_and_council(client, library_page):
    found = descriptions(client, "?year_from=2023&year_to=2023&council=WGN")
    heat, years, councils = found[HEAT], found[YEARS], found[COUNCILS]

    assert (
        years
        == "One bar, for the only year, 2023: 1 case study. The same numbers are in the table below the chart."
    )
    assert councils == (
        "One bar, for the only council, Wigan: 1 case study. The same numbers are in the table below the chart."
    )
    assert heat == (
        "2 topics (rows) by 12 regions (columns); each square shows how many case studies have the topic and come "
        "from a council in the region, darker for more. Highest: Housing in North West and Digital in North West: "
        "1 case study each. Squares with none: 22. The same numbers are in the table below the chart."
    )


def table_numbers(section) -> dict[tuple[str, str], str]:
    """(row header, column header) → the number shown, for the section's table."""
    table = section.find("table")
    columns = [th.text for th in table.find("thead").find_all("th")]
    numbers = {}
    for row in table.find_all("tr"):
        cells = row.find_all("td")
        if not cells:
            continue
        for column, cell in zip(columns[1:], cells, strict=True):
            numbers[(row.find("th").text, column)] = cell.text
    return numbers


def test_tables_hold_the_same_numbers_as_the_drawings(client, library_page):
    response = client.get("/insights/")
    doc = page(response)
    heat, years, councils, _, _ = marks_by_chart(response.content).values()
    sections = {s["aria-labelledby"]: s for s in doc.find_all("section", class_="insight")}

    heat_table = table_numbers(sections["heat-heading"])
    assert {f"{t} in {r}": as_int(n) for (t, r), n in heat_table.items() if "All" not in t + r} == {
        name: count for name, (count, _) in heat.items()
    }
    assert heat_table[("Housing", "All regions")] == "2"
    assert heat_table[("Digital", "All regions")] == "2"
    assert heat_table[("All topics", "Wales")] == "1"
    assert heat_table[("All topics", "All regions")] == "3"
    assert {y: as_int(n) for (y, _), n in table_numbers(sections["years-heading"]).items()} == {
        name: count for name, (count, _) in years.items()
    }
    assert {c: as_int(n) for (c, _), n in table_numbers(sections["councils-heading"]).items()} == {
        name: count for name, (count, _) in councils.items()
    }
    assert table_numbers(sections["support-heading"]) == {
        ("Grant", "Case studies"): "2",
        ("Grant", "Share"): "67%",
        ("Advice", "Case studies"): "0",
        ("Advice", "Share"): "0%",
    }


def test_every_number_links_to_a_list_of_exactly_that_many(client, library_page):
    doc = page(client.get("/insights/?topic=housing&topic=digital"))
    links = number_links(doc.find("div", class_="finder__results"))

    # 3 squares, 2 topic totals, 2 region totals and the total; 2 years; 2 councils; 1 support type's count and
    # share; the evidence table's 2 topic totals and the total (its level counts and the savings are no links)
    assert len(links) == 17
    charts = marks_by_chart(client.get("/insights/?topic=housing&topic=digital").content).values()
    drawn = [(str(count), href) for marks in charts for count, href in marks.values() if href]
    assert len(drawn) == 3 + 2 + 2 + 1
    for number, href in links + drawn:
        listed = re.search(r"returned (\d+) result", count_text(page(client.get(href)))).group(1)
        if number.endswith("%"):
            assert href == "/case-studies/?topic=housing&topic=digital&support_type=grant" and listed == "2"
        else:
            assert listed == number.replace(",", ""), href


@pytest.mark.parametrize("seed", range(3))
def test_rendered_insights_match_brute_force_for_random_filters(client, seed):
    library = build_library(seed)
    rng = random.Random(60_000 + seed)

    for _ in range(3):
        selection = random_selection(rng, library)
        query = selection_query(selection, rng)
        response = client.get(f"/insights/?{query}")
        matching = [r for r in library.records if matches(r, selection)]
        if not matching:
            assert svgs(response.content) == [], query
            continue
        heat, years, councils, support, _ = marks_by_chart(response.content).values()
        topics = [t for t in OPTIONS["topic"] if not selection["topic"] or t in selection["topic"]]
        for name, (count, href) in heat.items():
            assert count == (brute_count(library, href) if href else 0), (query, name)
        assert sum(count for count, _ in heat.values()) == sum(
            len(r.topic & set(topics)) for r in matching if r.region
        ), query
        assert {int(y): c for y, (c, _) in years.items() if c} == dict(Counter(r.year for r in matching)), (
            query
        )
        for name, (count, href) in councils.items():
            assert count == brute_count(library, href), (query, name)
        assert len(support) == len(selection["support_type"] or OPTIONS["support_type"]), query


def test_insights_has_the_lists_filters_with_the_same_facet_counts(client, library_page):
    query = "topic=housing&support_type=grant&year_to=2022"

    on_insights = page(client.get(f"/insights/?{query}"))

    assert rendered_facets(on_insights) == rendered_facets(page(client.get(f"/case-studies/?{query}")))
    assert on_insights.find("form", class_="filter-form")["action"] == "/insights/"
    assert count_text(on_insights) == "Your search returned 1 result from 1 council"
    switch = on_insights.find("nav", aria_label="Ways to see these case studies")
    assert [(a.text, a.attrs.get("aria-current")) for a in switch.find_all("a")] == [
        ("List", None),
        ("Map", None),
        ("Insights", "page"),
    ]


def test_chosen_topics_and_regions_are_the_only_rows_and_columns(client, library_page):
    heat = marks_by_chart(client.get("/insights/?topic=digital&region=wales&region=north-west").content)[HEAT]

    assert heat == {
        "Digital in North West": (1, "/case-studies/?topic=digital&region=north-west"),
        "Digital in Wales": (1, "/case-studies/?topic=digital&region=wales"),
    }


def test_nothing_matching_says_so_without_charts(client, library_page):
    response = client.get("/insights/?q=zeppelin")
    doc = page(response)

    assert count_text(doc) == "Your search returned 0 results from 0 councils"
    assert svgs(response.content) == []
    assert doc.find("div", class_="empty").find("h2").text == "No case studies match your search"


def test_insights_has_no_inline_style_or_script(client, library_page):
    response = client.get("/insights/")

    assert not re.search(rb"\sstyle=", response.content)
    # Scripts only enhance, from our own files: nothing inline.
    scripts = re.findall(rb"<script[^>]*>", response.content)
    assert all(re.fullmatch(rb'<script src="/static/js/[a-z-]+\.js" defer>', tag) for tag in scripts), scripts


@pytest.mark.parametrize("query", NASTY_QUERIES)
def test_bad_parameters_never_cause_a_server_error(client, library_page, query):
    response = client.get(f"/insights/?{query}")

    assert response.status_code == 200
    assert re.fullmatch(
        r"(There are|Your search returned) \d+ results? from \d+ councils?", count_text(page(response))
    )
    svgs(response.content)


@pytest.mark.parametrize("size", [1, 25])
@pytest.mark.parametrize(
    ("query", "expected"),
    [("", 1), ("topic=housing&region=north-west&support_type=grant&year_from=2020", 1), ("q=zeppelin", 1)],
    ids=["plain", "filtered", "search"],
)
def test_insights_query_count_does_not_grow_with_case_studies(client, size, query, expected):
    """Guards against N+1 and aggregates: the index's version token only (every number is counted from the index;
    councils are read with it), plus the keyword search."""
    housing = make_topic("Housing", slug="housing")
    grant = make_support_type("Grant", slug="grant")
    for n in range(size):
        council = make_council(f"Council {n}", code=f"C{n:04d}")
        make_case_study(f"Zeppelin {n}", council=council, topics=[housing], support_types=[grant])
    if query.startswith("q="):
        expected += search_queries(size)

    assert count_queries(client, f"/insights/?{query}") == expected


def test_insights_is_served_from_the_page_cache(client, library_page, settings):
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()

    first, second = client.get("/insights/"), client.get("/insights/")

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    cache.clear()

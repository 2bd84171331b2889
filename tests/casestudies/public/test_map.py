"""The map of councils (/case-studies/map/): the drawing, its table, its links, its filters and bad input."""

import re
from urllib.parse import quote

import pytest
from django.core.cache import cache

from tests.casestudies.discovery_helpers import count_queries, rendered_facets, search_queries
from tests.casestudies.overview_helpers import SVG, as_int, named_marks, number_links, svg_links, svgs
from tests.casestudies.public.test_browse import NASTY_QUERIES
from tests.factories import make_case_study, make_council, make_support_type, make_topic
from tests.pages import count_text, notes, page

pytestmark = pytest.mark.django_db

ATTRIBUTION = (
    "Council locations: mySociety, “UK Local Authority Names and Codes”, licensed under CC BY 4.0; drawn on the "
    "British National Grid."
)


@pytest.fixture
def uk():
    """Councils at their points in the council data, and case studies from some of them."""
    housing = make_topic("Housing", slug="housing", order=1)
    digital = make_topic("Digital", slug="digital", order=2)
    grant = make_support_type("Grant", slug="grant")
    councils = {
        "kirklees": make_council(
            "Kirklees",
            code="KIR",
            region="Yorkshire and The Humber",
            authority_type="Metropolitan district",
            latitude=53.627,
            longitude=-1.763,
        ),
        "shetland": make_council(
            "Shetland Islands",
            code="ZET",
            region="Scotland",
            authority_type="Scottish unitary authority",
            latitude=60.395,
            longitude=-1.254,
        ),
        "cornwall": make_council(
            "Cornwall", code="CON", region="South West", latitude=50.406, longitude=-4.827
        ),
        "belfast": make_council(
            "Belfast",
            code="BFS",
            region="Northern Ireland",
            authority_type="NI district",
            latitude=54.596,
            longitude=-5.943,
        ),
        "norfolk": make_council(
            "Norfolk",
            code="NFK",
            region="East of England",
            authority_type="County",
            latitude=52.63,
            longitude=0.92,
        ),
        "former": make_council("Old Shire", code="OLD", region="", is_current=False),  # no location
    }
    for n in range(3):
        make_case_study(
            f"Kirklees {n}", council=councils["kirklees"], topics=[housing], support_types=[grant]
        )
    make_case_study("Shetland ferries", council=councils["shetland"], topics=[digital])
    make_case_study("Cornwall homes", council=councils["cornwall"], topics=[housing, digital])
    make_case_study("Old Shire work", council=councils["former"], topics=[housing])
    make_case_study("Belfast draft", council=councils["belfast"], topics=[housing], status="draft")
    return councils


def table_rows(doc) -> list[tuple[str, str, str, str]]:
    table = doc.find("section", id="council-table").find("table")
    return [
        tuple(cell.text for cell in [row.find("th"), *row.find_all("td")])
        for row in table.find("tbody").find_all("tr")
    ]


# The drawing


def test_map_svg_is_valid_xml_with_a_title_and_a_description(client, uk):
    response = client.get("/case-studies/map/")

    [svg] = svgs(response.content)
    assert response.status_code == 200
    assert svg.get("role") == "graphics-document"
    assert svg.find(f"{SVG}title").text == "Map of the UK’s councils and the case studies your search finds"
    assert svg.get("aria-labelledby") == svg.find(f"{SVG}title").get("id") == "map-title"
    assert svg.get("aria-describedby") == svg.find(f"{SVG}desc").get("id") == "map-desc"
    assert svg.find(f"{SVG}desc").text == (
        "3 councils are marked with circles whose areas are in proportion to the number of case studies each led, "
        "from 1 to 3 (most: Kirklees). Faint dots mark the other 2 current councils. Councils with case studies but "
        "no location in the data: 1, in the table. The same numbers are in the table below the map."
    )


def test_every_council_with_case_studies_is_a_named_link_and_the_others_are_faint(client, uk):
    [svg] = svgs(client.get("/case-studies/map/").content)

    assert named_marks(svg) == {
        "Kirklees": (3, "/case-studies/?council=KIR"),
        "Shetland Islands": (1, "/case-studies/?council=ZET"),
        "Cornwall": (1, "/case-studies/?council=CON"),
    }
    for link in svg_links(svg):
        assert [child.tag for child in link] == [f"{SVG}title", f"{SVG}circle"]
    backdrop = svg.find(f"{SVG}g[@class='map__backdrop']")
    assert backdrop.get("aria-hidden") == "true"
    assert sorted(circle.find(f"{SVG}title").text for circle in backdrop) == ["Belfast", "Norfolk"]


def test_map_places_shetland_above_cornwall_and_belfast_west_of_kirklees(client, uk):
    svg = svgs(client.get("/case-studies/map/").content)[0]
    circles = {link.get("aria-label").split(":")[0]: link.find(f"{SVG}circle") for link in svg_links(svg)}
    dots = {c.find(f"{SVG}title").text: c for c in svg.find(f"{SVG}g[@class='map__backdrop']")}

    def xy(element):
        return float(element.get("cx")), float(element.get("cy"))

    assert xy(circles["Shetland Islands"])[1] < xy(circles["Kirklees"])[1] < xy(circles["Cornwall"])[1]
    assert (
        xy(dots["Belfast"])[0]
        < xy(circles["Cornwall"])[0]
        < xy(circles["Kirklees"])[0]
        < xy(dots["Norfolk"])[0]
    )
    width, height = (float(n) for n in svg.get("viewBox").split()[2:])
    assert all(0 < xy(c)[0] < width and 0 < xy(c)[1] < height for c in [*circles.values(), *dots.values()])


def test_larger_counts_get_larger_circles(client, uk):
    svg = svgs(client.get("/case-studies/map/").content)[0]
    radius = {link.get("aria-label"): float(link.find(f"{SVG}circle").get("r")) for link in svg_links(svg)}

    assert (
        radius["Kirklees: 3 case studies"]
        > radius["Cornwall: 1 case study"]
        == radius["Shetland Islands: 1 case study"]
    )


# The table alternative


def test_table_lists_the_same_councils_and_numbers_as_the_drawing(client, uk):
    response = client.get("/case-studies/map/")
    doc = page(response)
    [svg] = svgs(response.content)

    rows = table_rows(doc)
    drawn = {name: count for name, (count, _) in named_marks(svg).items()}

    assert rows == [
        ("Kirklees", "Yorkshire and The Humber", "Metropolitan borough", "3 case studies from Kirklees"),
        ("Cornwall", "South West", "Unitary authority", "1 case study from Cornwall"),
        ("Old Shire (not on the map)", "–", "Unitary authority", "1 case study from Old Shire"),
        ("Shetland Islands", "Scotland", "Scottish council", "1 case study from Shetland Islands"),
    ]
    in_table = {row[0]: as_int(row[3].split()[0]) for row in rows if "(not on the map)" not in row[0]}
    assert in_table == drawn
    assert count_text(doc) == "There are 6 results from 4 councils"


def test_every_number_links_to_a_list_of_exactly_that_many(client, uk):
    doc = page(client.get("/case-studies/map/?topic=housing"))
    links = number_links(doc.find("section", id="council-table"))

    assert [number for number, _ in links] == ["3", "1", "1"]
    for number, href in links:
        assert count_text(page(client.get(href))) == f"Your search returned {number} result" + (
            "s" if number != "1" else ""
        )


def test_council_names_in_the_table_link_to_the_council_pages(client, uk):
    doc = page(client.get("/case-studies/map/"))
    table = doc.find("section", id="council-table").find("tbody")

    assert [a["href"] for row in table.find_all("tr") for a in row.find("th").find_all("a")] == [
        "/councils/KIR/",
        "/councils/CON/",
        "/councils/OLD/",
        "/councils/ZET/",
    ]


@pytest.mark.parametrize(
    ("order", "sorted_by"),
    [("", "Case studies"), ("count", "Case studies"), ("name", "Council"), ("region", "Region")],
)
def test_table_sorts_by_a_link_that_keeps_the_search(client, uk, order, sorted_by):
    doc = page(client.get(f"/case-studies/map/?support_type=grant&topic=housing&topic=digital&order={order}"))
    headers = doc.find("section", id="council-table").find("thead").find_all("th")

    assert [(th.find_all("a")[0]["href"] if th.find_all("a") else None) for th in headers] == [
        "/case-studies/map/?topic=housing&topic=digital&support_type=grant&order=name#council-table",
        "/case-studies/map/?topic=housing&topic=digital&support_type=grant&order=region#council-table",
        None,
        "/case-studies/map/?topic=housing&topic=digital&support_type=grant#council-table",
    ]
    assert [(th.text.split(":")[0], th["aria-sort"]) for th in headers if "aria-sort" in th.attrs] == [
        (sorted_by, "descending" if sorted_by == "Case studies" else "ascending")
    ]


def test_table_order_without_filters(client, uk):
    for order, expected in (
        ("name", ["Cornwall", "Kirklees", "Old Shire (not on the map)", "Shetland Islands"]),
        ("region", ["Shetland Islands", "Cornwall", "Kirklees", "Old Shire (not on the map)"]),
        ("count", ["Kirklees", "Cornwall", "Old Shire (not on the map)", "Shetland Islands"]),
    ):
        assert [
            row[0] for row in table_rows(page(client.get(f"/case-studies/map/?order={order}")))
        ] == expected


# The same search as the list


def test_map_has_the_lists_filters_with_the_same_facet_counts(client, uk):
    query = "topic=housing&support_type=grant&region=scotland&year_from=2020"

    on_map = page(client.get(f"/case-studies/map/?{query}"))
    on_list = page(client.get(f"/case-studies/?{query}"))

    assert rendered_facets(on_map) == rendered_facets(on_list)
    assert on_map.find("form", class_="filter-form")["action"] == "/case-studies/map/"
    assert [(a.text, a["href"]) for a in on_map.find_all("a", class_="tag")] == [
        (
            "Remove filter Topics: Housing ×",
            "/case-studies/map/?support_type=grant&region=scotland&year_from=2020",
        ),
        (
            "Remove filter Support received: Grant ×",
            "/case-studies/map/?topic=housing&region=scotland&year_from=2020",
        ),
        (
            "Remove filter Region: Scotland ×",
            "/case-studies/map/?topic=housing&support_type=grant&year_from=2020",
        ),
        (
            "Remove filter Published from: 2020 ×",
            "/case-studies/map/?topic=housing&support_type=grant&region=scotland",
        ),
    ]


def test_map_keeps_the_lists_sort_order_for_the_way_back_without_offering_it(client, uk):
    doc = page(client.get("/case-studies/map/?topic=housing&sort=title"))
    form = doc.find("form", class_="filter-form")

    assert form.find_all("select") == []
    assert [(i["name"], i["value"]) for i in form.find_all("input", type="hidden")] == [
        ("sort", "title"),
        ("was_sort", "title"),
        ("was_q", ""),
    ]
    switch = doc.find("nav", aria_label="Ways to see these case studies")
    assert [(a.text, a["href"], a.attrs.get("aria-current")) for a in switch.find_all("a")] == [
        ("List", "/case-studies/?topic=housing&sort=title", None),
        ("Map", "/case-studies/map/?topic=housing&sort=title", "page"),
        ("Insights", "/insights/?topic=housing&sort=title", None),
    ]


def test_list_page_switches_to_the_map_keeping_the_search(client, uk):
    doc = page(client.get("/case-studies/?q=kirklees&topic=housing&page=2&sort=oldest"))
    switch = doc.find("nav", aria_label="Ways to see these case studies")

    assert [(a.text, a["href"], a.attrs.get("aria-current")) for a in switch.find_all("a")] == [
        ("List", "/case-studies/?q=kirklees&topic=housing&sort=oldest", "page"),
        ("Map", "/case-studies/map/?q=kirklees&topic=housing&sort=oldest", None),
        ("Insights", "/insights/?q=kirklees&topic=housing&sort=oldest", None),
    ]


def test_map_with_a_keyword_counts_only_its_matches(client, uk):
    doc = page(client.get("/case-studies/map/?q=ferries"))

    assert count_text(doc) == "Your search returned 1 result from 1 council"
    assert [row[0] for row in table_rows(doc)] == ["Shetland Islands"]


def test_map_with_nothing_matching_still_draws_the_uk(client, uk):
    response = client.get("/case-studies/map/?q=zeppelin")
    doc = page(response)
    [svg] = svgs(response.content)

    assert count_text(doc) == "Your search returned 0 results from 0 councils"
    assert named_marks(svg) == {}
    assert len(list(svg.find(f"{SVG}g[@class='map__backdrop']"))) == 5  # every current council, faintly
    assert (
        "No council has a case study that matches your search."
        in doc.find("section", id="council-table").text
    )


def test_map_shows_attribution_and_has_no_inline_style(client, uk):
    response = client.get("/case-studies/map/")
    doc = page(response)

    assert doc.find("p", class_="attribution").text == ATTRIBUTION
    assert [a["href"] for a in doc.find("p", class_="attribution").find_all("a")] == [
        "https://www.mysociety.org/",
        "https://creativecommons.org/licenses/by/4.0/",
    ]
    assert not re.search(rb"\sstyle=", response.content)
    # Scripts only enhance, from our own files: nothing inline.
    scripts = re.findall(rb"<script[^>]*>", response.content)
    assert all(re.fullmatch(rb'<script src="/static/js/[a-z-]+\.js" defer>', tag) for tag in scripts), scripts


def test_map_is_served_from_the_page_cache(client, uk, settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()

    first = client.get("/case-studies/map/?topic=housing")
    second = client.get("/case-studies/map/?topic=housing")

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    cache.clear()


# Bad input

MAP_NASTY = [
    *NASTY_QUERIES,
    "order=%00",
    "order=bogus",
    "order=name&order=region&order=" + quote("' OR 1=1"),
    "order=" + "x" * 5000,
    "council=%00&order=name",
    "council=" + "ABC," * 100,
]


@pytest.mark.parametrize("query", MAP_NASTY)
def test_bad_parameters_never_cause_a_server_error(client, uk, query):
    response = client.get(f"/case-studies/map/?{query}")

    assert response.status_code == 200
    assert re.fullmatch(
        r"(There are|Your search returned) \d+ results? from \d+ councils?", count_text(page(response))
    )
    svgs(response.content)  # still valid XML


def test_unknown_order_is_noted_and_the_default_used(client, uk):
    doc = page(client.get("/case-studies/map/?order=bogus"))

    assert notes(doc) == ["We ignored the table order you asked for because we don't recognise it."]
    assert table_rows(doc)[0][0] == "Kirklees"


# Query counts


@pytest.mark.parametrize("size", [1, 25])
@pytest.mark.parametrize(
    ("query", "expected"),
    [("", 1), ("topic=housing&region=north-west&order=name", 1), ("council=C0001", 2), ("q=zeppelin", 1)],
    ids=["plain", "filtered", "council", "search"],
)
def test_map_query_count_does_not_grow_with_councils_or_case_studies(client, size, query, expected):
    """Guards against N+1: only the catalogue index's version token (councils are read with the index), plus
    the chosen councils' lookup and the keyword search when there are any."""
    housing = make_topic("Housing", slug="housing")
    for n in range(size):
        council = make_council(f"Council {n}", code=f"C{n:04d}", latitude=51 + n / 10, longitude=-2 + n / 20)
        make_case_study(f"Zeppelin {n}", council=council, topics=[housing])
    if query.startswith("q="):
        expected += search_queries(size)

    assert count_queries(client, f"/case-studies/map/?{query}") == expected

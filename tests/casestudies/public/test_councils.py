"""The councils index (/councils/) and a council's page (/councils/<code>/)."""

from datetime import UTC, date, datetime

import pytest

from tests.casestudies.discovery_helpers import count_queries
from tests.factories import make_case_study, make_council, make_support_type, make_topic
from tests.pages import card_titles, count_text, notes, page

pytestmark = pytest.mark.django_db


@pytest.fixture
def housing():
    return make_topic("Housing", slug="housing", order=1)


@pytest.fixture
def grant():
    return make_support_type("Grant", slug="grant")


@pytest.fixture
def wigan():
    return make_council(
        "Wigan",
        code="WGN",
        official_name="Wigan Metropolitan Borough Council",
        region="North West",
        authority_type="Metropolitan district",
    )


def test_councils_index_lists_only_councils_with_published_case_studies_by_region(client, wigan):
    preston = make_council("Preston", code="PRE", region="North West")
    cardiff = make_council("Cardiff", code="CRF", region="Wales", nation="Wales")
    camden = make_council("Camden", code="CMD", region="London")
    derby = make_council("Derby", code="DER", region="East Midlands")
    leeds = make_council("Leeds", code="LDS", region="Yorkshire and The Humber")  # only unpublished
    bristol = make_council("Bristol", code="BST", region="South West")  # published but without a date
    make_council("Fife", code="FIF", region="Scotland")  # nothing at all
    for n in range(3):
        make_case_study(f"Camden {n}", council=camden)
    make_case_study("Wigan one", council=wigan)
    make_case_study("Wigan two", council=wigan)
    make_case_study("Preston one", council=preston)
    make_case_study("Cardiff one", council=cardiff)
    make_case_study("Derby one", council=derby)
    for status in ["draft", "submitted", "rejected", "archived"]:
        make_case_study(
            f"Wigan {status}", council=wigan, status=status, published_at=datetime(2024, 1, 1, tzinfo=UTC)
        )
        make_case_study(
            f"Leeds {status}", council=leeds, status=status, published_at=datetime(2024, 1, 1, tzinfo=UTC)
        )
    undated = make_case_study("Bristol undated", council=bristol)
    type(undated).objects.filter(pk=undated.pk).update(published_at=None)

    response = client.get("/councils/")
    doc = page(response)

    assert response.status_code == 200
    assert doc.find("h1").text == "Councils"
    assert doc.find("p", class_="lead").text == "5 councils with published case studies, by region."
    sections = doc.find("main").find_all("section")
    assert [
        (
            section.find("h2").text,
            [
                (li.find("a").text, li.find("a")["href"], li.find("span").text)
                for li in section.find_all("li")
            ],
        )
        for section in sections
    ] == [
        ("East Midlands", [("Derby", "/councils/DER/", "1 case study")]),
        ("London", [("Camden", "/councils/CMD/", "3 case studies")]),
        (
            "North West",
            [("Preston", "/councils/PRE/", "1 case study"), ("Wigan", "/councils/WGN/", "2 case studies")],
        ),
        ("Wales", [("Cardiff", "/councils/CRF/", "1 case study")]),
    ]


def test_councils_index_without_published_case_studies_says_so(client, wigan):
    make_case_study("Draft", council=wigan, status="draft")

    doc = page(client.get("/councils/"))

    assert doc.find("p", class_="lead").text == "0 councils with published case studies, by region."
    assert doc.find("main").find_all("section") == []
    assert "No council has a published case study yet." in doc.find("main").text


def test_council_page_shows_official_name_type_region_and_only_its_case_studies(client, wigan, housing):
    make_case_study(
        "Wigan new", council=wigan, topics=[housing], published_at=datetime(2024, 5, 1, tzinfo=UTC)
    )
    make_case_study(
        "Wigan old", council=wigan, topics=[housing], published_at=datetime(2022, 5, 1, tzinfo=UTC)
    )
    make_case_study("Wigan draft", council=wigan, topics=[housing], status="draft")
    make_case_study("Elsewhere", council=make_council("Bolton", code="BOL"), topics=[housing])

    response = client.get("/councils/WGN/")
    doc = page(response)

    assert response.status_code == 200
    assert doc.find("h1").text == "Wigan Metropolitan Borough Council"
    facts = doc.find("dl", class_="council-facts")
    assert [(div.find("dt").text, div.find("dd").text) for div in facts.find_all("div")] == [
        ("Type", "Metropolitan district"),
        ("Region", "North West"),
        ("Nation", "England"),
    ]
    assert doc.find("title").text == "Case studies from Wigan – Council Case Study Library"
    assert card_titles(doc) == ["Wigan new", "Wigan old"]
    assert count_text(doc) == "There are 2 results"
    crumbs = doc.find("nav", aria_label="Breadcrumb")
    assert [(a.text, a["href"]) for a in crumbs.find_all("a")] == [
        ("Case studies", "/case-studies/"),
        ("Councils", "/councils/"),
    ]
    assert crumbs.find("span", aria_current="page").text == "Wigan"


def test_council_page_of_a_former_council_says_so(client):
    old = make_council("Old Shire", code="OLD", region="", is_current=False, end_date=date(2023, 3, 31))
    make_case_study("Old work", council=old)

    doc = page(client.get("/councils/OLD/"))

    facts = doc.find("dl", class_="council-facts")
    assert [(div.find("dt").text, div.find("dd").text) for div in facts.find_all("div")] == [
        ("Type", "Unitary authority"),
        ("Nation", "England"),
        ("Status", "Former council (until 31 March 2023)"),
    ]


def test_council_page_filters_work_and_tags_return_to_the_council_page(client, wigan, housing, grant):
    digital = make_topic("Digital", slug="digital", order=2)
    make_case_study("With grant", council=wigan, topics=[housing], support_types=[grant])
    make_case_study("Without grant", council=wigan, topics=[housing])
    make_case_study("Digital with grant", council=wigan, topics=[digital], support_types=[grant])
    make_case_study("Elsewhere with grant", topics=[housing], support_types=[grant])

    doc = page(client.get("/councils/WGN/?support_type=grant&topic=housing&region=wales&council=XYZ"))

    assert card_titles(doc) == ["With grant"]
    assert [(a.text, a["href"]) for a in doc.find_all("a", class_="tag")] == [
        ("Remove filter Topics: Housing ×", "/councils/WGN/?support_type=grant"),
        ("Remove filter Support received: Grant ×", "/councils/WGN/?topic=housing"),
    ]
    assert notes(doc) == []
    # No region, council type or council facets: the page fixes them.
    assert [fieldset["id"] for fieldset in doc.find_all("fieldset", class_="checkbox-group")] == [
        "filter-topic",
        "filter-support_type",
        "filter-evidence",
        "filter-cost",
        "filter-stage",
        "filter-has",
    ]
    assert doc.find("form", class_="filter-form")["action"] == "/councils/WGN/"


def test_council_page_links_its_feed_alerts_and_downloads_to_the_council(client, wigan, grant):
    make_case_study("With grant", council=wigan, support_types=[grant])

    doc = page(client.get("/councils/WGN/?support_type=grant"))

    reuse = doc.find("div", class_="reuse")
    assert [(a.text, a["href"]) for a in reuse.find_all("a")] == [
        ("Subscribe to this search (Atom feed)", "/councils/WGN/feed/?support_type=grant"),
        ("Get emails about this search", "/alerts/new/?council=WGN&support_type=grant"),
        ("CSV", "/case-studies/export.csv?council=WGN&support_type=grant"),
        ("JSON", "/case-studies/export.json?council=WGN&support_type=grant"),
        ("free to reuse: Open Government Licence", "/open-data/"),
    ]


@pytest.mark.parametrize(
    "path",
    [
        "/councils/NOPE/",
        "/councils/wgn/",
        "/councils/%00/",
        "/councils/WGN%00/",
        "/councils/NOPE/feed/",
        "/councils/%00/feed/",
    ],
)
def test_council_page_unknown_code_is_404(client, wigan, path):
    make_case_study("Wigan one", council=wigan)

    assert client.get(path).status_code == 404


def test_case_study_page_links_to_its_council_page(client, wigan):
    make_case_study("Warm homes", slug="warm-homes", council=wigan)

    doc = page(client.get("/case-studies/warm-homes/"))

    meta = doc.find("dl", class_="case-study__meta")
    assert [(a.text, a["href"]) for a in meta.find_all("a")] == [("Wigan", "/councils/WGN/")]


@pytest.mark.parametrize("path", ["/case-studies/", "/case-studies/topics/housing/", "/councils/WGN/"])
def test_result_cards_link_to_the_council_page(client, wigan, housing, path):
    make_case_study(
        "Warm homes", council=wigan, topics=[housing], published_at=datetime(2024, 3, 5, tzinfo=UTC)
    )

    doc = page(client.get(path))

    meta = doc.find("p", class_="card__meta")
    assert meta.text == "Wigan · 5 March 2024"
    assert [(a.text, a["href"]) for a in meta.find_all("a")] == [("Wigan", "/councils/WGN/")]


def test_council_filter_on_the_list_shows_the_council_name_in_its_tag(client, wigan):
    make_case_study("Wigan one", council=wigan)
    make_case_study("Elsewhere")

    doc = page(client.get("/case-studies/?council=WGN"))

    assert card_titles(doc) == ["Wigan one"]
    assert [(a.text, a["href"]) for a in doc.find_all("a", class_="tag")] == [
        ("Remove filter Council: Wigan ×", "/case-studies/")
    ]


# Councils like this one


@pytest.fixture
def neighbours(wigan, housing):
    """Wigan and real-ish points for councils around it; the case studies of some of them."""
    wigan.latitude, wigan.longitude = 53.54, -2.59
    wigan.save()
    near = {
        name: make_council(
            name, code=code, authority_type="Metropolitan district", latitude=lat, longitude=long
        )
        for name, code, lat, long in [
            ("Bolton", "BOL", 53.58, -2.48),
            ("Salford", "SLF", 53.49, -2.38),
            ("Manchester", "MAN", 53.48, -2.23),
            ("Stockport", "SKP", 53.41, -2.15),
            ("Leeds", "LDS", 53.80, -1.55),
            ("Sheffield", "SHF", 53.38, -1.47),
        ]
    }
    make_council("Lancashire", code="LAN", authority_type="County", latitude=53.78, longitude=-2.67)
    make_case_study("Wigan warm homes", council=wigan, topics=[housing])
    make_case_study("Bolton housing", council=near["Bolton"], topics=[housing])
    make_case_study("Salford housing", council=near["Salford"], topics=[housing])
    make_case_study("Leeds digital", council=near["Leeds"], topics=[make_topic("Digital", slug="digital")])
    return near


def test_council_page_lists_the_nearest_councils_of_its_type_and_says_how(client, neighbours):
    doc = page(client.get("/councils/WGN/"))
    section = doc.find("section", class_="similar")

    assert section.find("h2").text == "Councils like this one"
    assert [p.text for p in section.find_all("p", class_="similar__how")] == [
        "How we choose them: the 5 councils of the same type as Wigan (Metropolitan borough) whose points in the "
        "council data are nearest to its own, as the crow flies.",
        "Case studies from these councils on the topics of Wigan’s own case studies: those sharing the most topics "
        "first, then the newest.",
    ]
    councils = section.find("ol", class_="similar__list").find_all("li")
    assert [(li.find("a").text, li.find("a")["href"]) for li in councils] == [
        ("Bolton", "/councils/BOL/"),
        ("Salford", "/councils/SLF/"),
        ("Manchester", "/councils/MAN/"),
        ("Stockport", "/councils/SKP/"),
        ("Leeds", "/councils/LDS/"),
    ]
    assert councils[0].find("span").text == "9 km away · 1 case study"
    assert councils[2].find("span").text == "25 km away · no case studies"
    assert section.find("h3").text == "Case studies from similar councils"
    assert [a.text for a in section.find("ul").find_all("a")] == ["Salford housing", "Bolton housing"]


def test_council_page_without_a_location_says_why_there_are_no_similar_councils(client, wigan):
    make_case_study("Wigan one", council=wigan)

    section = page(client.get("/councils/WGN/")).find("section", class_="similar")

    assert section.find("p").text == (
        "We cannot say which councils are like Wigan: the council data gives no location for it."
    )


def test_council_page_without_case_studies_still_lists_similar_councils(client, neighbours):
    doc = page(client.get("/councils/MAN/"))
    section = doc.find("section", class_="similar")

    assert [li.find("a").text for li in section.find("ol").find_all("li")][:2] == ["Stockport", "Salford"]
    assert (
        section.find_all("p")[-1].text
        == "Manchester has no published case studies yet, so there are no topics to match."
    )


@pytest.mark.parametrize("size", [1, 25])
def test_council_page_with_similar_councils_costs_one_more_query(client, neighbours, housing, size):
    """The council page's 3 queries and one for the similar councils' case studies (the councils themselves are
    read with the catalogue index), however many case studies there are."""
    for n in range(size):
        make_case_study(f"Bolton {n}", council=neighbours["Bolton"], topics=[housing])

    assert count_queries(client, "/councils/WGN/") == 4

"""The insights page's evidence and savings sections (issue 20): the evidence heat grid with its table and the levels
in words, the savings charts and tables with their note, the filters, and the page's query count."""

import re

import pytest

from casestudies.models import EVIDENCE_LEVEL_HELP, EvidenceLevel
from tests.casestudies.discovery_helpers import count_queries
from tests.casestudies.overview_helpers import SVG, named_marks, svgs
from tests.casestudies.public.test_insights import (
    EVIDENCE,
    SAVINGS_BY_TOPIC,
    SAVINGS_BY_YEAR,
    at,
    library_page,  # noqa: F401 (the fixture, by its name)
    table_numbers,
)
from tests.factories import make_case_study, make_council, make_topic
from tests.pages import page

pytestmark = pytest.mark.django_db


def chart(content: bytes, title: str):
    found = [svg for svg in svgs(content) if svg.find(f"{SVG}title").text == title]
    assert len(found) == 1, title
    return found[0]


def section(doc, heading: str):
    return next(s for s in doc.find_all("section", class_="insight") if s["aria-labelledby"] == heading)


@pytest.mark.usefixtures("library_page")
def test_evidence_grid_names_every_square_and_links_none(client):
    svg = chart(client.get("/insights/").content, EVIDENCE)

    assert {name: count for name, (count, href) in named_marks(svg).items()} == {
        "Housing (level 1)": 0,
        "Housing (level 2)": 0,
        "Housing (level 3)": 1,  # confirmed 3 wins over claimed 2
        "Housing (level 4)": 1,
        "Housing (level 5)": 0,  # the draft's level 5 is not counted
        "Housing (not stated)": 0,
        "Digital (level 1)": 0,
        "Digital (level 2)": 0,
        "Digital (level 3)": 0,
        "Digital (level 4)": 1,
        "Digital (level 5)": 0,
        "Digital (not stated)": 1,
    }
    assert all(href is None for _, href in named_marks(svg).values())  # no list shows exactly one level
    assert svg.find(f"{SVG}desc").text == (
        "2 topics (rows) by 6 evidence levels (columns); each square shows how many case studies have the topic "
        "and that evidence level (the last column: no level stated), darker for more. Highest: Housing (level 3), "
        "Housing (level 4), Digital (level 4) and 1 other: 1 case study each. Squares with none: 8. The same numbers "
        "are in the table below the chart."
    )


@pytest.mark.usefixtures("library_page")
def test_evidence_table_has_the_same_numbers_with_totals(client):
    doc = page(client.get("/insights/"))
    evidence = section(doc, "evidence-heading")
    table = evidence.find("table")

    assert table.find("caption").text == "Case studies by topic (rows) and evidence level (columns)"
    assert [th["scope"] for th in table.find("thead").find_all("th")] == ["col"] * 8
    numbers = table_numbers(evidence)
    levels = ["Level 1", "Level 2", "Level 3", "Level 4", "Level 5", "Not stated", "Every level"]
    assert [numbers[("Housing", level)] for level in levels] == ["0", "0", "1", "1", "0", "0", "2"]
    assert [numbers[("Digital", level)] for level in levels] == ["0", "0", "0", "1", "0", "1", "2"]
    assert [numbers[("All these case studies, each once", level)] for level in levels] == [
        "0",
        "0",
        "1",
        "1",
        "0",
        "1",
        "3",
    ]
    links = [(a.text, a["href"]) for a in table.find_all("a")]
    assert links == [
        ("2", "/case-studies/?topic=housing"),
        ("2", "/case-studies/?topic=digital"),
        ("3", "/case-studies/"),
    ]


@pytest.mark.usefixtures("library_page")
def test_evidence_levels_are_explained_in_the_forms_words(client):
    scale = page(client.get("/insights/")).find("dl", class_="evidence-scale")

    assert [(div.find("dt").text, div.find("dd").text) for div in scale.find_all("div")] == [
        *((EvidenceLevel(level).label, EVIDENCE_LEVEL_HELP[level]) for level in EvidenceLevel.values),
        ("Not stated", "The case study gives no evidence level."),
    ]


@pytest.mark.usefixtures("library_page")
def test_savings_say_they_are_self_reported_and_count_in_each_topic(client):
    savings = section(page(client.get("/insights/")), "savings-heading")
    text = savings.text

    assert "These are the councils’ own figures." in text
    assert "our editors have not audited them" in text
    assert "a case study with several topics counts in each of them" in text
    assert "years are the year the case study was published" in text
    assert (
        "Together £1.6m a year, reported by 2 case studies of the 3 that match (each counted once)." in text
    )


@pytest.mark.usefixtures("library_page")
def test_savings_tables_and_charts_hold_the_same_figures(client):
    response = client.get("/insights/")
    savings = section(page(response), "savings-heading")
    by_topic, by_year = (
        {name: (row.find("data")["value"], row.find("data").text) for name, row in rows(table)}
        for table in savings.find_all("table")
    )

    assert table_numbers_of(savings.find_all("table")[0]) == {
        "Housing": ("£1.6m", "2"),
        "Digital": ("£1.5m", "1"),
    }
    assert by_topic == {"Housing": ("1620000", "£1.6m"), "Digital": ("1500000", "£1.5m")}
    assert by_year == {
        "2021": ("120000", "£120k"),
        "2022": ("0", "none reported"),
        "2023": ("1500000", "£1.5m"),
    }
    assert table_numbers_of(savings.find_all("table")[1])["2022"] == ("none reported", "0")
    names = [
        element.get("aria-label")
        for title in (SAVINGS_BY_TOPIC, SAVINGS_BY_YEAR)
        for element in chart(response.content, title).iter()
        if element.get("aria-label")
    ]
    assert names == [
        "Housing: £1.6m a year, from 2 case studies",
        "Digital: £1.5m a year, from 1 case study",
        "2021: £120k a year, from 1 case study",
        "2022: no savings reported",
        "2023: £1.5m a year, from 1 case study",
    ]
    for title in (SAVINGS_BY_TOPIC, SAVINGS_BY_YEAR):
        assert list(chart(response.content, title).iter(f"{SVG}a")) == []  # money is not a count of a list


def rows(table):
    for row in table.find("tbody").find_all("tr"):
        yield row.find("th").text, row


def table_numbers_of(table) -> dict[str, tuple[str, str]]:
    return {name: tuple(td.text for td in row.find_all("td")) for name, row in rows(table)}


@pytest.mark.usefixtures("library_page")
def test_evidence_and_savings_follow_the_filters(client):
    response = client.get("/insights/?region=wales")
    doc = page(response)

    marks = named_marks(chart(response.content, EVIDENCE))
    assert {name: count for name, (count, _) in marks.items() if count} == {"Digital (not stated)": 1}
    assert section(doc, "savings-heading").find_all("p")[1].text == (
        "None of the 1 case studies that match reports savings or income."
    )
    assert [svg.find(f"{SVG}title").text for svg in svgs(response.content)][-1] == EVIDENCE

    chosen = client.get("/insights/?topic=digital&year_from=2023")
    assert table_numbers_of(section(page(chosen), "savings-heading").find_all("table")[0]) == {
        "Digital": ("£1.5m", "1")
    }
    assert [name for name in named_marks(chart(chosen.content, EVIDENCE))] == [
        f"Digital ({level})"
        for level in ("level 1", "level 2", "level 3", "level 4", "level 5", "not stated")
    ]


def test_an_empty_catalogue_draws_no_evidence_or_savings(client):
    make_topic("Housing", slug="housing")

    response = client.get("/insights/")

    assert response.status_code == 200
    assert svgs(response.content) == []
    assert not re.search(rb"evidence-heading|savings-heading", response.content)


@pytest.mark.parametrize("size", [1, 25])
def test_insights_query_count_with_evidence_and_savings(client, size):
    """The figures are read once per catalogue index, so a request still makes one query (the version tokens)."""
    housing = make_topic("Housing", slug="housing")
    for n in range(size):
        make_case_study(
            council=make_council(f"Council {n}", code=f"C{n:04d}"),
            topics=[housing],
            published_at=at(2020 + n % 4),
            evidence_level_claimed=1 + n % 5,
            savings_per_year=1000 * n,
        )

    assert count_queries(client, "/insights/") == 1
    assert count_queries(client, "/insights/?topic=housing&year_from=2021") == 1

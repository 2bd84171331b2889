"""Impact, cost and evidence where people see it (issue 20): the case study page's "At a glance" list and outcomes
table, and the result cards' glance line, with their query counts."""

from datetime import date
from decimal import Decimal

import pytest

from casestudies.models import Outcome
from tests.casestudies.discovery_helpers import count_queries
from tests.factories import make_case_study, make_council, make_topic
from tests.pages import page

pytestmark = pytest.mark.django_db

URL = "/case-studies/warm-homes/"


@pytest.fixture
def housing():
    return make_topic("Housing", slug="housing")


@pytest.fixture
def warm_homes(housing):
    return make_case_study(
        "Warm homes",
        slug="warm-homes",
        topics=[housing],
        cost_band="10k_50k",
        cost_amount=38000,
        cost_covers="Two surveyors for a year",
        savings_per_year=120000,
        evidence_level_claimed=4,
        evidence_level_confirmed=2,
        stage="stopped",
        start_year=2019,
        end_year=2022,
        stopped_reason="The grant ended.",
        last_reviewed=date(2025, 3, 5),
        evaluation_url="https://example.org/evaluation",
    )


def add_outcomes(case_study) -> None:
    Outcome.objects.create(
        case_study=case_study,
        position=1,
        measure="Winter hospital admissions",
        before=Decimal("120"),
        after=Decimal("90"),
        unit="a year",
        period="2019 to 2022",
        source="NHS trust",
    )
    Outcome.objects.create(case_study=case_study, position=2, measure="Homes insulated", after=Decimal("400"))


def glance_rows(doc) -> list[tuple[str, str]]:
    glance = doc.find("section", class_="glance")
    return [
        (div.find("dt").text, div.find("dd").text) for div in glance.find_all("div", class_="glance__item")
    ]


def test_page_at_a_glance_with_everything_stated(client, warm_homes):
    doc = page(client.get(URL))

    assert doc.find("section", class_="glance").find("h2").text == "At a glance"
    assert glance_rows(doc) == [
        ("Cost", "£10,000 to £50,000 (exactly £38,000) What it covers: Two surveyors for a year"),
        ("Savings or income a year", "£120,000 Reported by the council."),
        (
            "Evidence level",
            "Level 2: measured change We collected data showing that things changed after we started, but we "
            "cannot yet say the change was caused by what we did. Confirmed by an editor, who changed it from the "
            "council's own assessment (Level 4: independently evaluated).",
        ),
        ("Stage", "Stopped (2019 to 2022) Why it stopped: The grant ended."),
        ("Last reviewed", "5 March 2025"),
        ("Evaluation", "Evaluation report (on another website)"),
    ]
    glance = doc.find("section", class_="glance")
    assert glance.find("time")["datetime"] == "2025-03-05"
    assert glance.find("a")["href"] == "https://example.org/evaluation"


def test_page_at_a_glance_with_nothing_stated(client, housing):
    make_case_study("Plain", slug="plain", topics=[housing])

    doc = page(client.get("/case-studies/plain/"))

    assert glance_rows(doc) == [
        ("Cost", "Not stated"),
        ("Savings or income a year", "Not stated"),
        ("Evidence level", "Not stated"),
        ("Stage", "Not stated"),
        ("Last reviewed", "Not stated"),
    ]
    assert doc.find_all("table") == []
    assert [a.text for a in doc.find("nav", class_="contents").find_all("a")][-1] == "Contact"


def test_page_outcomes_table(client, warm_homes):
    add_outcomes(warm_homes)

    doc = page(client.get(URL))

    region = doc.find("div", class_="table-scroll")
    assert (region["role"], region["tabindex"], region["aria-labelledby"]) == (
        "region",
        "0",
        "outcomes-caption",
    )
    table = region.find("table")
    assert table.find("caption").text == "Measured outcomes, as reported by the council"
    assert table.find("caption")["id"] == "outcomes-caption"
    assert [(th.text, th["scope"]) for th in table.find("thead").find_all("th")] == [
        ("Measure", "col"),
        ("Before", "col"),
        ("After", "col"),
        ("Unit", "col"),
        ("Period", "col"),
        ("Source", "col"),
    ]
    assert [[cell.text for cell in tr.find_all()] for tr in table.find("tbody").find_all("tr")] == [
        ["Winter hospital admissions", "120", "90", "a year", "2019 to 2022", "NHS trust"],
        ["Homes insulated", "Not stated", "400", "", "Not stated", "Not stated"],
    ]
    assert [th["scope"] for th in table.find("tbody").find_all("th")] == ["row", "row"]
    assert doc.find("h2", id="outcomes").text == "Outcomes"
    assert doc.find("nav", class_="contents").find("a", href="#outcomes").text == "Outcomes"


def test_page_query_count_grows_by_one_with_outcomes(client, warm_homes):
    """The version token and the case study (with whether it has files and outcomes; nothing related here); its
    outcomes in one more query only when it has some, however many."""
    without = count_queries(client, URL)
    add_outcomes(warm_homes)
    with_two = count_queries(client, URL)
    Outcome.objects.create(case_study=warm_homes, position=3, measure="Complaints", after=Decimal("3"))

    assert (without, with_two, count_queries(client, URL)) == (2, 3, 3)


def test_card_glance_line_on_the_list(client, warm_homes, housing):
    add_outcomes(warm_homes)
    make_case_study("Plain", slug="plain", topics=[housing])

    doc = page(client.get("/case-studies/"))

    assert [p.text for p in doc.find_all("p", class_="card__glance")] == [
        "Cost: £10,000 to £50,000 · Evidence level 2: measured change · Stage: Stopped · "
        "Winter hospital admissions: 120 → 90 a year"
    ]
    cards = doc.find_all("article", class_="card")
    assert [len(card.find_all("p", class_="card__glance")) for card in cards] == [0, 1]  # newest first


def test_card_glance_line_uses_the_first_outcome_by_position(client, warm_homes):
    add_outcomes(warm_homes)
    Outcome.objects.filter(measure="Homes insulated").update(position=0)

    doc = page(client.get("/case-studies/"))

    assert doc.find("p", class_="card__glance").text.endswith("· Homes insulated: 400")


@pytest.mark.parametrize("size", [1, 25])
def test_list_query_count_unchanged_by_glance_lines(client, housing, size):
    """Cards with cost, evidence, stage and outcomes still come in the list's one card query."""
    for n in range(size):
        case_study = make_case_study(
            f"Study {n}",
            council=make_council(f"Council {n}"),
            topics=[housing],
            cost_band="under_10k",
            evidence_level_claimed=1,
            stage="pilot",
        )
        add_outcomes(case_study)

    assert count_queries(client, "/case-studies/") == 2
    assert count_queries(client, "/case-studies/topics/housing/") == 3
    assert len(page(client.get("/case-studies/")).find_all("p", class_="card__glance")) == min(size, 20)

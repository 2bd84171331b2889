"""The impact, cost and evidence filters of the list (issue 20): evidence level "at least N" (the level an editor
confirmed, else the self-assessed one), cost band ("Not stated" included), stage, and results reported (measured
outcomes, savings: AND), with live counts from the catalogue index; the "Strongest evidence first" order.

Counts are checked against a brute-force count over the case studies themselves (``brute_facets``), on a small
hand-made library and on the demo data. The random libraries of ``discovery_helpers`` cover these groups too
(test_facets.py).
"""

from datetime import UTC, datetime

import pytest
from django.http import QueryDict

from casestudies.catalogue import index
from casestudies.catalogue.filters import CaseStudyFilter
from casestudies.catalogue.selectors import public_case_studies
from casestudies.interchange.loading import load_demo, load_reference
from casestudies.models import CaseStudy, Outcome
from casestudies.models.evidence import effective_evidence_level
from tests.casestudies.discovery_helpers import count_queries, rendered_facets
from tests.factories import make_case_study, make_council, make_topic
from tests.pages import card_titles, count_text, notes, page

pytestmark = pytest.mark.django_db

COSTS = ["under_10k", "10k_50k", "50k_250k", "250k_1m", "over_1m", "not_stated"]
STAGES = ["idea", "pilot", "rolled_out", "embedded", "stopped"]
LEVELS = ["", "1", "2", "3", "4", "5"]
HAS = ["outcomes", "savings"]


def study(
    title, published, *, claimed=None, confirmed=None, cost="", stage="", savings=None, outcomes=0, **kw
):
    case_study = make_case_study(
        title,
        published_at=published,
        evidence_level_claimed=claimed,
        evidence_level_confirmed=confirmed,
        cost_band=cost,
        stage=stage,
        savings_per_year=savings,
        **kw,
    )
    for number in range(outcomes):
        Outcome.objects.create(case_study=case_study, position=number, measure=f"Measure {number}", after=10)
    return case_study


@pytest.fixture
def impact():
    housing = make_topic("Housing", slug="housing")
    return [
        study(
            "Alpha reablement",
            datetime(2024, 6, 1, tzinfo=UTC),
            claimed=2,
            confirmed=4,
            cost="250k_1m",
            stage="rolled_out",
            savings=50000,
            outcomes=2,
            topics=[housing],
        ),
        study(
            "Bravo libraries",
            datetime(2024, 1, 1, tzinfo=UTC),
            claimed=5,
            cost="under_10k",
            stage="pilot",
            outcomes=1,
        ),
        study("Charlie bins", datetime(2023, 6, 1, tzinfo=UTC), claimed=3, confirmed=1, savings=0),
        study("Delta apps", datetime(2023, 1, 1, tzinfo=UTC), cost="10k_50k", stage="embedded"),
        study(
            "Echo buses",
            datetime(2022, 1, 1, tzinfo=UTC),
            claimed=4,
            cost="250k_1m",
            stage="stopped",
            savings=12000,
        ),
        study(
            "Foxtrot parks",
            datetime(2021, 1, 1, tzinfo=UTC),
            confirmed=4,
            stage="pilot",
            savings=3000,
            outcomes=1,
        ),
        # Never counted: not published.
        study(
            "Golf draft",
            datetime(2024, 7, 1, tzinfo=UTC),
            claimed=5,
            cost="under_10k",
            stage="pilot",
            savings=1,
            outcomes=1,
            status=CaseStudy.Status.DRAFT,
        ),
    ]


def get(client, query: str = ""):
    response = client.get(f"/case-studies/?{query}")
    assert response.status_code == 200
    return response, page(response)


# The brute-force model: the published case studies' own fields, counted in Python.


def facts() -> list[dict]:
    rows = []
    for case_study in CaseStudy.objects.published().exclude(published_at=None).prefetch_related("outcomes"):
        rows.append(
            {
                "pk": case_study.pk,
                "level": case_study.evidence_level or 0,
                "cost": case_study.cost_band or "not_stated",
                "stage": case_study.stage,
                "has": {"outcomes"} if case_study.outcomes.all() else set(),
            }
        )
        if case_study.savings_per_year is not None:
            rows[-1]["has"].add("savings")
    return rows


def selection_of(query: str) -> dict:
    data = QueryDict(query)
    return {
        "evidence": int(data["evidence"]) if "evidence" in data else 0,
        "cost": set(data.getlist("cost")),
        "stage": set(data.getlist("stage")),
        "has": set(data.getlist("has")),
    }


def matches(row: dict, chosen: dict, *, exclude: str = "") -> bool:
    return (
        (exclude == "evidence" or row["level"] >= chosen["evidence"])
        and (exclude == "cost" or not chosen["cost"] or row["cost"] in chosen["cost"])
        and (exclude == "stage" or not chosen["stage"] or row["stage"] in chosen["stage"])
        and chosen["has"] <= row["has"]
    )


def brute_facets(query: str) -> dict[str, list[tuple[str, int, bool]]]:
    rows, chosen = facts(), selection_of(query)
    without = {
        group: [r for r in rows if matches(r, chosen, exclude=group)]
        for group in ("evidence", "cost", "stage")
    }
    results = [r for r in rows if matches(r, chosen)]
    level = str(chosen["evidence"] or "")
    return {
        "evidence": [
            (value, sum(r["level"] >= int(value or 0) for r in without["evidence"]), value == level)
            for value in LEVELS
        ],
        "cost": [(v, sum(r["cost"] == v for r in without["cost"]), v in chosen["cost"]) for v in COSTS],
        "stage": [(v, sum(r["stage"] == v for r in without["stage"]), v in chosen["stage"]) for v in STAGES],
        "has": [(v, sum(v in r["has"] for r in results), v in chosen["has"]) for v in HAS],
    }


def brute_results(query: str) -> set[int]:
    chosen = selection_of(query)
    return {r["pk"] for r in facts() if matches(r, chosen)}


def shown_facets(client, query: str) -> dict[str, list[tuple[str, int, bool]]]:
    _, doc = get(client, query)
    groups = rendered_facets(doc)
    return {
        name: [(o.value, o.count, o.checked) for o in groups[name]]
        for name in ("evidence", "cost", "stage", "has")
    }


# Results of each filter


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        (
            "evidence=1",
            ["Alpha reablement", "Bravo libraries", "Charlie bins", "Echo buses", "Foxtrot parks"],
        ),
        ("evidence=2", ["Alpha reablement", "Bravo libraries", "Echo buses", "Foxtrot parks"]),
        ("evidence=4", ["Alpha reablement", "Bravo libraries", "Echo buses", "Foxtrot parks"]),
        ("evidence=5", ["Bravo libraries"]),
        ("cost=not_stated", ["Charlie bins", "Foxtrot parks"]),
        ("cost=250k_1m", ["Alpha reablement", "Echo buses"]),
        ("cost=under_10k&cost=not_stated", ["Bravo libraries", "Charlie bins", "Foxtrot parks"]),
        ("cost=over_1m", []),
        ("stage=pilot", ["Bravo libraries", "Foxtrot parks"]),
        ("stage=pilot&stage=stopped", ["Bravo libraries", "Echo buses", "Foxtrot parks"]),
        ("has=outcomes", ["Alpha reablement", "Bravo libraries", "Foxtrot parks"]),
        ("has=savings", ["Alpha reablement", "Charlie bins", "Echo buses", "Foxtrot parks"]),
        ("has=outcomes&has=savings", ["Alpha reablement", "Foxtrot parks"]),
        ("evidence=4&has=savings", ["Alpha reablement", "Echo buses", "Foxtrot parks"]),
        ("evidence=4&cost=not_stated&stage=pilot&has=outcomes&has=savings", ["Foxtrot parks"]),
    ],
)
def test_impact_filters_give_exact_results_on_the_page_and_as_a_queryset(client, impact, query, titles):
    _, doc = get(client, query)
    filterset = CaseStudyFilter(QueryDict(query), queryset=public_case_studies())

    assert card_titles(doc) == titles
    assert list(filterset.qs.values_list("title", flat=True)) == titles  # feeds, exports, alerts
    assert set(filterset.qs.values_list("pk", flat=True)) == brute_results(query)
    assert notes(doc) == []


def test_evidence_level_uses_the_confirmed_level_over_the_self_assessed_one(impact):
    levels = dict(CaseStudy.objects.annotate(level=effective_evidence_level()).values_list("title", "level"))

    assert levels == {
        "Alpha reablement": 4,  # claimed 2, confirmed 4
        "Bravo libraries": 5,  # claimed only
        "Charlie bins": 1,  # claimed 3, confirmed 1
        "Delta apps": None,
        "Echo buses": 4,
        "Foxtrot parks": 4,  # confirmed only
        "Golf draft": 5,
    }
    assert {c.title: c.evidence_level for c in CaseStudy.objects.all()} == levels


# Counts


@pytest.mark.parametrize(
    "query",
    [
        "",
        "evidence=4&has=outcomes",
        "evidence=2&cost=250k_1m&cost=not_stated",
        "stage=pilot&has=savings",
        "has=outcomes&has=savings&stage=embedded",
        "evidence=5&cost=under_10k",
        "evidence=3&cost=under_10k&stage=pilot&stage=rolled_out&has=outcomes",
    ],
)
def test_impact_facet_counts_match_brute_force(client, impact, query):
    assert shown_facets(client, query) == brute_facets(query)


def test_impact_facet_counts_exact_without_filters(client, impact):
    assert shown_facets(client, "") == {
        "evidence": [
            ("", 6, True),
            ("1", 5, False),
            ("2", 4, False),
            ("3", 4, False),
            ("4", 4, False),
            ("5", 1, False),
        ],
        "cost": [
            ("under_10k", 1, False),
            ("10k_50k", 1, False),
            ("50k_250k", 0, False),
            ("250k_1m", 2, False),
            ("over_1m", 0, False),
            ("not_stated", 2, False),
        ],
        "stage": [
            ("idea", 0, False),
            ("pilot", 2, False),
            ("rolled_out", 1, False),
            ("embedded", 1, False),
            ("stopped", 1, False),
        ],
        "has": [("outcomes", 3, False), ("savings", 4, False)],
    }


def test_impact_facet_counts_exact_with_evidence_and_outcomes(client, impact):
    """Evidence and cost and stage are counted without their own choice; "results reported" with every choice
    (AND: each count is of the results with that option added)."""
    assert shown_facets(client, "evidence=4&has=outcomes") == {
        "evidence": [
            ("", 3, False),
            ("1", 3, False),
            ("2", 3, False),
            ("3", 3, False),
            ("4", 3, True),
            ("5", 1, False),
        ],
        "cost": [
            ("under_10k", 1, False),
            ("10k_50k", 0, False),
            ("50k_250k", 0, False),
            ("250k_1m", 1, False),
            ("over_1m", 0, False),
            ("not_stated", 1, False),
        ],
        "stage": [
            ("idea", 0, False),
            ("pilot", 2, False),
            ("rolled_out", 1, False),
            ("embedded", 0, False),
            ("stopped", 0, False),
        ],
        "has": [("outcomes", 3, True), ("savings", 2, False)],
    }


def test_demo_data_counts_match_brute_force(client):
    load_reference()
    load_demo()
    assert CaseStudy.objects.exclude(evidence_level_claimed=None).exists()  # the demo states evidence

    for query in ["", "evidence=3", "cost=not_stated&has=outcomes", "stage=pilot&stage=embedded&has=savings"]:
        assert shown_facets(client, query) == brute_facets(query), query
        response, _ = get(client, query)
        assert response.context["result_count"] == len(brute_results(query)), query


def test_evidence_options_are_radio_buttons_in_a_fieldset_with_a_legend(client, impact):
    _, doc = get(client, "evidence=2")

    fieldset = doc.find("fieldset", id="filter-evidence")
    assert fieldset.find("legend").text == "Evidence level"
    radios = fieldset.find_all("input")
    assert [(r["type"], r["value"], "checked" in r.attrs) for r in radios] == [
        ("radio", "", False),
        ("radio", "1", False),
        ("radio", "2", True),
        ("radio", "3", False),
        ("radio", "4", False),
        ("radio", "5", False),
    ]
    assert [fieldset.find("label", **{"for": r["id"]}).text for r in radios] == [
        "Any level, or not stated (6 case studies)",
        "Level 1: described or higher (5 case studies)",
        "Level 2: measured change or higher (4 case studies)",
        "Level 3: compared with no change or higher (4 case studies)",
        "Level 4: independently evaluated or higher (4 case studies)",
        "Level 5: repeated elsewhere (1 case study)",
    ]
    assert (
        doc.find("details", id="filter-evidence-group").find("summary").text == "Evidence level, 1 selected"
    )
    assert [box["type"] for box in doc.find("fieldset", id="filter-cost").find_all("input")] == [
        "checkbox"
    ] * 6


# Bad values are ignored with a note, never an error


@pytest.mark.parametrize(
    ("query", "note"),
    [
        ("evidence=9", "We ignored the evidence level “9” because we don't recognise it."),
        ("evidence=0", "We ignored the evidence level “0” because we don't recognise it."),
        ("evidence=-1", "We ignored the evidence level “-1” because we don't recognise it."),
        ("evidence=4.5", "We ignored the evidence level “4.5” because we don't recognise it."),
        ("evidence=two", "We ignored the evidence level “two” because we don't recognise it."),
        ("cost=zzz", "We ignored the cost “zzz” because we don't recognise it."),
        ("stage=nope", "We ignored the stage “nope” because we don't recognise it."),
        ("has=<script>", "We ignored the kind of result “<script>” because we don't recognise it."),
        ("sort=strongest", "We ignored the sort order “strongest” because we don't recognise it."),
    ],
)
def test_bad_impact_values_are_ignored_with_a_note(client, impact, query, note):
    response, doc = get(client, query)

    assert notes(doc) == [note]
    assert count_text(doc) == "There are 6 results"
    assert b"<script>" not in response.content.split(b"<main")[1].split(b"</main>")[0]


@pytest.mark.parametrize(
    "query",
    [
        "evidence=%00",
        "evidence=",
        "cost=",
        "has=",
        "stage=%FF",
        "evidence=1&evidence=99",
        "has=savings&has=savings",
    ],
)
def test_odd_impact_values_never_cause_a_server_error(client, impact, query):
    response = client.get(f"/case-studies/?{query}")
    count = client.get(f"/case-studies/count.json?{query}")

    assert response.status_code == count.status_code == 200


def test_a_valid_value_beside_a_bad_one_is_kept(client, impact):
    _, doc = get(client, "cost=zzz&cost=not_stated&has=savings&has=nothing")

    assert card_titles(doc) == ["Charlie bins", "Foxtrot parks"]
    assert notes(doc) == [
        "We ignored the cost “zzz” because we don't recognise it.",
        "We ignored the kind of result “nothing” because we don't recognise it.",
    ]


# Shareable addresses: canonical order, tags, the count


def test_impact_filters_are_in_the_canonical_query_and_each_tag_removes_its_own(client, impact):
    _, doc = get(client, "has=savings&stage=pilot&evidence=4&cost=not_stated&has=outcomes&q=")

    tags = [(tag.text, tag["href"]) for tag in doc.find_all("a", class_="tag")]
    assert tags == [
        (
            "Remove filter Evidence level: Level 4: independently evaluated or higher ×",
            "/case-studies/?cost=not_stated&stage=pilot&has=savings&has=outcomes",
        ),
        (
            "Remove filter Cost: Not stated ×",
            "/case-studies/?evidence=4&stage=pilot&has=savings&has=outcomes",
        ),
        (
            "Remove filter Stage: Pilot ×",
            "/case-studies/?evidence=4&cost=not_stated&has=savings&has=outcomes",
        ),
        (
            "Remove filter Results reported: Savings or income ×",
            "/case-studies/?evidence=4&cost=not_stated&stage=pilot&has=outcomes",
        ),
        (
            "Remove filter Results reported: Measured outcomes ×",
            "/case-studies/?evidence=4&cost=not_stated&stage=pilot&has=savings",
        ),
    ]
    assert card_titles(doc) == ["Foxtrot parks"]


def test_count_json_counts_the_impact_filters(client, impact):
    response = client.get("/case-studies/count.json?evidence=2&has=savings")

    assert response.json() == {"count": 3}


# Strongest evidence first


def test_strongest_evidence_first_orders_by_level_then_newest(client, impact):
    response, doc = get(client, "sort=evidence")
    filterset = CaseStudyFilter(QueryDict("sort=evidence"), queryset=public_case_studies())
    expected = [
        "Bravo libraries",
        "Alpha reablement",
        "Echo buses",
        "Foxtrot parks",
        "Charlie bins",
        "Delta apps",
    ]

    assert card_titles(doc) == expected
    assert list(filterset.qs.values_list("title", flat=True)) == expected  # feeds and exports
    assert response.context["filter"].sort_order == "evidence"
    assert [
        (o["value"], o.text) for o in doc.find("select", name="sort").find_all("option", selected=True)
    ] == [("evidence", "Strongest evidence first")]


def test_strongest_evidence_first_with_filters_and_pages(client, impact, settings):
    settings.CASE_STUDIES_PER_PAGE = 2

    _, first = get(client, "sort=evidence&has=savings")
    _, second = get(client, "sort=evidence&has=savings&page=2")

    assert card_titles(first) == ["Alpha reablement", "Echo buses"]
    assert card_titles(second) == ["Foxtrot parks", "Charlie bins"]


def test_strongest_evidence_first_matches_brute_force_on_a_larger_library(client, settings):
    settings.CASE_STUDIES_PER_PAGE = 100
    for n in range(30):
        study(
            f"Study {n:02d}",
            datetime(2020 + n % 5, 1 + n % 12, 1 + n, tzinfo=UTC)
            if n < 28
            else datetime(2024, 1, 1, tzinfo=UTC),
            claimed=[None, 1, 2, 3, 4, 5][n % 6],
            confirmed=[None, None, 5, 1][n % 4],
        )
    expected = sorted(
        CaseStudy.objects.published(),
        key=lambda c: (-(c.evidence_level or 0), -c.published_at.timestamp(), -c.pk),
    )

    _, doc = get(client, "sort=evidence")

    assert card_titles(doc) == [c.title for c in expected]


# The index: no query added to the list, rebuilt when outcomes change


@pytest.mark.parametrize("size", [1, 25])
@pytest.mark.parametrize(
    "query",
    ["", "evidence=3&cost=not_stated&cost=under_10k&stage=pilot&has=outcomes&has=savings&sort=evidence"],
    ids=["plain", "impact"],
)
def test_list_query_count_with_impact_filters_does_not_grow(client, size, query):
    """The index's version token and the page's cards, as without these filters."""
    for n in range(size):
        study(
            f"Study {n}",
            datetime(2024, 1, 1 + n % 28, tzinfo=UTC),
            council=make_council(f"Council {n}"),
            claimed=3 + n % 3,
            cost="under_10k" if n % 2 else "",
            stage="pilot",
            savings=n,
            outcomes=1,
        )

    assert count_queries(client, f"/case-studies/?{query}") == 2


@pytest.mark.parametrize(
    ("change", "renewed"),
    [
        ("add-to-published", True),
        ("edit-published", True),
        ("delete-from-published", True),
        ("add-to-draft", False),
    ],
)
def test_outcome_changes_of_published_case_studies_renew_the_index(impact, change, renewed):
    before = index.current()
    alpha, draft = impact[0], impact[-1]
    if change == "add-to-published":
        Outcome.objects.create(case_study=impact[3], measure="Visits", after=3)
    elif change == "edit-published":
        Outcome.objects.filter(case_study=alpha).update(measure="Changed")
    elif change == "delete-from-published":
        Outcome.objects.filter(case_study=alpha).delete()
    else:
        Outcome.objects.create(case_study=draft, measure="Visits", after=3)

    after = index.current()

    assert (after is not before) == renewed
    if change == "add-to-published":
        assert after.with_outcomes.bit_count() == 4
    if change == "delete-from-published":
        assert after.with_outcomes.bit_count() == 2

"""The impact, cost and evidence filters in a real browser (issue 20): an evidence level chosen with a radio
button, a kind of result ticked and "Strongest evidence first" chosen, then "Apply filters". With or without
JavaScript the form is a plain GET, so the filters end up in the address (a link to share) and come back checked."""

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from casestudies.models import CaseStudy, Outcome

from .conftest import DESKTOP
from .helpers import assert_no_axe_violations

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots")
APPLY = ".filter-form__apply"


@pytest.fixture
def evidence(library):
    """Evidence for three of the library's five case studies (newest first: warm homes, digital front door,
    homelessness prevention)."""
    warm, front_door, prevention = library.published[:3]
    CaseStudy.objects.filter(pk=warm.pk).update(
        evidence_level_claimed=4, cost_band="250k_1m", stage="rolled_out", savings_per_year=120000
    )
    Outcome.objects.create(case_study=warm, measure="Winter hospital admissions", before=80, after=60)
    CaseStudy.objects.filter(pk=front_door.pk).update(evidence_level_confirmed=2, stage="pilot")
    CaseStudy.objects.filter(pk=prevention.pk).update(
        evidence_level_claimed=5, evidence_level_confirmed=3, cost_band="under_10k", stage="pilot"
    )
    Outcome.objects.create(case_study=prevention, measure="Households kept in their homes", after=140)
    return library


@pytest.mark.parametrize("js_enabled", [True, False], ids=["js", "no-js"])
def test_evidence_filters_submit_into_the_address_and_come_back_checked(page, evidence, js_enabled):
    page.set_viewport_size(DESKTOP)
    page.goto("/case-studies/")
    group = page.get_by_role("group", name="Evidence level")
    assert group.get_by_role("radio").count() == 6
    assert group.get_by_role(
        "radio", name=re.compile(r"^Any level, or not stated \(5 case studies")
    ).is_checked()

    group.get_by_role(
        "radio", name=re.compile(r"^Level 3: compared with no change or higher \(2 case studies")
    ).check()
    page.get_by_role("group", name="Results reported").get_by_role(
        "checkbox", name=re.compile(r"^Measured outcomes \(2 case studies")
    ).check()
    page.get_by_label("Sort by").select_option("evidence")
    if js_enabled:  # the count follows the choices
        page.get_by_role("button", name="Apply filters (2 results)").wait_for()
    with page.expect_navigation():
        page.locator(APPLY).click()

    url = urlsplit(page.url)
    assert url.path == "/case-studies/"
    assert {k: v for k, v in parse_qs(url.query).items() if k in ("evidence", "has", "sort")} == {
        "evidence": ["3"],
        "has": ["outcomes"],
        "sort": ["evidence"],
    }
    # Strongest first: level 4 (self-assessed) before level 3 (confirmed; it claimed 5).
    assert page.locator(".card__title").all_inner_texts() == [
        "Wigan: warm homes for older residents",
        "Brighton and Hove: interdepartmental homelessness prevention partnership",
    ]
    group = page.get_by_role("group", name="Evidence level")
    assert group.get_by_role(
        "radio", name=re.compile(r"^Level 3: compared with no change or higher \(2 case studies")
    ).is_checked()
    assert page.get_by_role("checkbox", name=re.compile(r"^Measured outcomes \(2 case studies")).is_checked()
    assert page.get_by_label("Sort by").input_value() == "evidence"
    assert (
        page.locator("details#filter-evidence-group > summary").inner_text() == "Evidence level, 1 selected"
    )

    # The address is the search: opened afresh, it gives the same page.
    shared = page.url
    page.goto("/")
    page.goto(shared)
    assert page.locator(".card").count() == 2
    if js_enabled:  # axe runs in the page: it needs JavaScript
        assert_no_axe_violations(page)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "evidence-filters.png"), full_page=True)


@pytest.mark.parametrize("js_enabled", [True, False], ids=["js", "no-js"])
def test_bad_evidence_values_in_the_address_are_explained(page, evidence, js_enabled):
    page.goto("/case-studies/?evidence=9&cost=zzz&has=%3Cscript%3E")

    assert page.locator(".card").count() == 5
    notes = page.get_by_text("We ignored the")
    assert notes.all_inner_texts() == [
        "We ignored the evidence level “9” because we don't recognise it.",
        "We ignored the cost “zzz” because we don't recognise it.",
        "We ignored the kind of result “<script>” because we don't recognise it.",
    ]
    if js_enabled:
        assert_no_axe_violations(page)

"""The submission form's "Impact, cost and evidence (optional)" section in a real browser (issue 20): axe clean
before and after an error, answered by keyboard alone (radios with arrow keys, "Add more outcomes" with Enter),
and with JavaScript off: a hostile figure comes back with its error and everything typed."""

import pytest

from casestudies.models import CaseStudy

from .helpers import assert_no_axe_violations, screenshot, tab_until
from .states import SUBMIT_BUTTON, SUBMIT_URL, fill_submission

pytestmark = pytest.mark.browser


def send(page):
    with page.expect_navigation() as navigation:
        page.click(SUBMIT_BUTTON)
    return navigation.value


@pytest.mark.parametrize("js_enabled", [True, False], ids=["js", "no-js"])
def test_a_hostile_figure_comes_back_with_its_error_and_everything_typed(
    page, library, js_enabled, screenshot_dir
):
    page.goto(SUBMIT_URL)
    if (
        js_enabled
    ):  # axe runs as a script: with JavaScript off the page is the same HTML, checked in the js run
        assert_no_axe_violations(page)
    fill_submission(page, library)
    page.check("#id_cost_band_2")  # £10,000 to £50,000
    page.fill("#id_cost_amount", "1e309")
    page.check("#id_evidence_level_claimed_3")
    page.check("#id_stage_5")  # stopped
    page.fill("#id_stopped_reason", "The grant ended.")
    page.fill("#id_outcome_1_measure", "Missed bin complaints a month")
    page.fill("#id_outcome_1_before", "412")
    page.fill("#id_outcome_1_after", "96")

    assert send(page).status == 200

    assert page.locator(".error-summary li").all_inner_texts() == [
        "Enter the exact cost as a number, like 45,000"
    ]
    assert (
        page.text_content("#id_cost_amount-error") == "Error: Enter the exact cost as a number, like 45,000"
    )
    assert page.get_attribute("#id_cost_amount", "aria-invalid") == "true"
    assert page.input_value("#id_cost_amount") == "1e309"
    assert page.is_checked("#id_cost_band_2") and page.is_checked("#id_evidence_level_claimed_3")
    assert page.input_value("#id_stopped_reason") == "The grant ended."
    assert page.input_value("#id_outcome_1_after") == "96"
    assert page.input_value("#id_title") == "Wigan: warm homes for older residents"
    if js_enabled:
        assert_no_axe_violations(page)
    screenshot(page, screenshot_dir, f"submit-evidence-error-{'js' if js_enabled else 'no-js'}")

    page.fill("#id_cost_amount", "38,000")
    assert send(page).status == 200  # the confirmation page
    case_study = CaseStudy.objects.filter(status="submitted").latest("id")  # the one just sent
    assert (case_study.cost_amount, case_study.evidence_level_claimed, case_study.stage) == (
        38_000,
        3,
        "stopped",
    )
    assert list(case_study.outcomes.values_list("measure", flat=True)) == ["Missed bin complaints a month"]


def test_the_section_works_by_keyboard(page, library):
    page.goto(SUBMIT_URL)
    fill_submission(page, library)
    page.focus("#id_lessons")

    tab_until(page, "#id_cost_band_0")  # "Not stated" is checked, so Tab lands on it
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.type("38000")
    tab_until(page, "#id_evidence_level_claimed_0")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    tab_until(page, "#id_outcome_1_measure")
    page.keyboard.type("Missed bin complaints a month")
    page.keyboard.press("Tab")
    page.keyboard.type("412")
    page.keyboard.press("Tab")
    page.keyboard.type("96")
    tab_until(page, ".more-outcomes summary")
    page.keyboard.press("Enter")
    assert page.get_attribute(".more-outcomes", "open") == ""
    tab_until(page, "#id_outcome_4_measure")
    page.keyboard.type("Households signed up")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type("5210")

    assert page.is_checked("#id_cost_band_2")
    assert page.is_checked("#id_evidence_level_claimed_2")
    assert send(page).status == 200
    case_study = CaseStudy.objects.filter(status="submitted").latest("id")  # the one just sent
    assert (case_study.cost_band, case_study.cost_amount, case_study.evidence_level_claimed) == (
        "10k_50k",
        38_000,
        2,
    )
    assert list(case_study.outcomes.values_list("position", "measure")) == [
        (1, "Missed bin complaints a month"),
        (2, "Households signed up"),
    ]

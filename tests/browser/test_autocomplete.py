"""The keyword box's suggestions as you type (static/js/suggest.js): the ARIA 1.2 combobox pattern, driven by the
keyboard alone, with what a screen reader is given checked through the accessibility tree (roles, names, states:
``get_by_role``), the live status message and axe; and the box without JavaScript, which works as before."""

import pytest

from casestudies.models import CaseStudy

from .helpers import assert_no_axe_violations

pytestmark = pytest.mark.browser


def suggestions(page):
    return page.get_by_role("listbox", name="Suggestions")


def options(page) -> list[str]:
    return [text.strip() for text in suggestions(page).get_by_role("option").all_inner_texts()]


def open_suggestions(page, typed: str) -> None:
    page.goto("/case-studies/")
    box = page.get_by_role("combobox", name="Search case studies")
    box.focus()
    page.keyboard.type(typed)
    page.get_by_role("listbox", name="Suggestions").wait_for()


def test_suggestions_follow_the_combobox_pattern_with_the_keyboard(page, library):
    open_suggestions(page, "wig")
    box = page.get_by_role("combobox", name="Search case studies")

    assert options(page) == [
        "Case study: Wigan: warm homes for older residents",
        "Case study: Wigan: community health checks in libraries",
        "Council: Wigan",
    ]
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-autocomplete") == "list"
    assert box.get_attribute("aria-controls") == suggestions(page).get_attribute("id")
    page.wait_for_function(
        "() => document.querySelector('.suggest-field [aria-live=polite]').textContent !== ''"
    )
    assert page.locator(".suggest-field [aria-live=polite]").inner_text() == (
        "3 suggestions. Use the up and down arrow keys to choose one, then press Enter."
    )
    assert box.get_attribute("aria-activedescendant") is None

    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    second = suggestions(page).get_by_role("option", selected=True)
    assert second.inner_text().strip() == "Case study: Wigan: community health checks in libraries"
    assert box.get_attribute("aria-activedescendant") == second.get_attribute("id")
    page.keyboard.press("ArrowUp")
    assert (
        suggestions(page)
        .get_by_role("option", selected=True)
        .inner_text()
        .strip()
        .endswith("warm homes for older residents")
    )
    page.keyboard.press("ArrowUp")  # wraps to the last
    assert suggestions(page).get_by_role("option", selected=True).inner_text().strip() == "Council: Wigan"
    assert page.evaluate("document.activeElement.id") == "id_q"  # focus stays in the box throughout

    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert page.locator("#id_q-suggestions").is_hidden()
    assert box.input_value() == "wig"
    page.keyboard.press("ArrowDown")  # reopens on the first suggestion
    assert box.get_attribute("aria-expanded") == "true"
    assert (
        suggestions(page)
        .get_by_role("option", selected=True)
        .inner_text()
        .strip()
        .endswith("older residents")
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/case-studies/wigan-warm-homes/")


def test_enter_without_a_chosen_suggestion_searches_as_before(page, library):
    open_suggestions(page, "wigan")

    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "/case-studies/?q=wigan" in page.url
    assert page.locator("[role=status] strong").inner_text() == "2"


def test_escape_on_a_closed_list_clears_the_box(page, library):
    open_suggestions(page, "leeds")
    box = page.get_by_role("combobox", name="Search case studies")

    page.keyboard.press("Escape")
    page.keyboard.press("Escape")

    assert box.input_value() == ""
    assert box.get_attribute("aria-expanded") == "false"


def test_open_suggestions_pass_axe(page, library):
    open_suggestions(page, "wig")
    page.keyboard.press("ArrowDown")

    assert_no_axe_violations(page)


@pytest.mark.parametrize("js_enabled", [False])
def test_without_javascript_the_box_is_a_plain_search_box(page, library, js_enabled):
    page.goto("/case-studies/")
    box = page.get_by_role("searchbox", name="Search case studies")
    assert page.get_by_role("combobox", name="Search case studies").count() == 0

    box.fill("wigan")
    with page.expect_navigation():
        box.press("Enter")

    assert page.locator("[role=status] strong").inner_text() == "2"


def test_a_welsh_page_marks_the_english_suggestions_english(page, library):
    CaseStudy.objects.filter(slug="wigan-warm-homes").update(
        title_cy="Wigan: cartrefi cynnes i breswylwyr hŷn", summary_cy="Crynodeb."
    )
    page.goto("/cy/case-studies/")
    page.locator("#id_q").focus()
    page.keyboard.type("wig")
    page.locator("#id_q-suggestions").wait_for()

    labels = page.locator("#id_q-suggestions [role=option] > span:not(.suggest__kind)")
    assert [(label.inner_text(), label.get_attribute("lang")) for label in labels.all()] == [
        ("Wigan: cartrefi cynnes i breswylwyr hŷn", None),
        ("Wigan: community health checks in libraries", "en"),
        ("Wigan", "en"),
    ]
    assert_no_axe_violations(page)

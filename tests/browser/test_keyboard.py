"""A whole journey with the keyboard alone, with JavaScript on and off: skip link, filters, a result, back to
the same results, the submission form's error summary, and a successful submission.

Only Tab, Shift+Tab, Space and Enter move and act (``page.keyboard.press``); text goes in with
``page.keyboard.type``. Focus must be visible at every step (``tab_until`` checks each press).
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import DESKTOP, NARROW
from .helpers import active_matches, assert_focus_visible, in_window, shown_in_window, tab_until
from .states import chosen_council

pytestmark = pytest.mark.browser

# Short answers: every character typed is a round trip to the browser.
ANSWERS = {
    "title": "Warm homes",
    "partners": "NHS trust",
    "summary": "Homes insulated.",
    "challenge": "Cold homes.",
    "solution": "Insulation.",
    "impact": "Fewer admissions.",
    "sustainability": "Core budget.",
    "lessons": "Start early.",
    "contact_name": "Priya Patel",
    "contact_role": "Head of housing",
    "contact_email": "housing@wigan.example",
    "submitter_name": "Sam Jones",
    "submitter_email": "sam@wigan.example",
}


def results_count(page) -> int:
    return int(page.inner_text("[role=status] strong"))


def filters_of(url: str) -> tuple[str, dict[str, list[str]]]:
    """The path and the filters a list URL asks for. Empty values and the sort order are left out: the form
    sends every field (``q=&sort=newest``); the back link returns to that same search (from the Referer)."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)  # drops empty values
    return parts.path, {
        name: sorted(values) for name, values in query.items() if name not in ("sort", "page")
    }


def press_and_wait_for_page(page, key: str = "Enter"):
    with page.expect_navigation() as navigation:
        page.keyboard.press(key)
    return navigation.value


def wait_for_focus(page, selector: str) -> None:
    page.wait_for_function("(s) => document.activeElement && document.activeElement.matches(s)", arg=selector)


def type_into_next_field(page, selector: str, text: str) -> None:
    page.keyboard.press("Tab")
    assert assert_focus_visible(page, selector)["matches"], f"expected focus on {selector}"
    page.keyboard.type(text)


@pytest.mark.parametrize("js_enabled", [True, False], ids=["js", "no-js"])
def test_keyboard_only_journey(js_enabled, page, library):
    housing = library.topics["housing"]

    # The skip link comes first and moves focus to the main content.
    page.goto("/")
    page.keyboard.press("Tab")
    assert_focus_visible(page)
    assert active_matches(page, "a.skip-link"), "the first Tab should reach the skip link"
    page.keyboard.press("Enter")
    # <main tabindex="-1"> is a focus target, not a control: like GOV.UK it shows no focus ring (main:focus).
    wait_for_focus(page, "main#main-content")
    everything = results_count(page)

    # Tick a topic with Space and apply the filters with Enter.
    tab_until(page, f"input[name=topic][value={housing.slug}]")
    page.keyboard.press("Space")
    assert page.is_checked(f"input[name=topic][value={housing.slug}]")
    tab_until(page, ".filter-form button[type=submit]")
    press_and_wait_for_page(page)
    assert f"topic={housing.slug}" in page.url
    filtered = results_count(page)
    assert 0 < filtered < everything
    results_url = page.url

    # Open the first result, then go back to the same results.
    tab_until(page, ".card__title a")
    title = page.evaluate("document.activeElement.textContent.trim()")
    press_and_wait_for_page(page)
    assert page.inner_text("h1") == title
    tab_until(page, ".back-link a")
    press_and_wait_for_page(page)
    assert filters_of(page.url) == filters_of(results_url) == ("/case-studies/", {"topic": [housing.slug]})
    assert results_count(page) == filtered
    assert page.is_checked(f"input[name=topic][value={housing.slug}]")

    # The submission form, through the header link; send it empty.
    tab_until(page, ".site-nav a[href='/case-studies/submit/']")
    press_and_wait_for_page(page)
    assert page.inner_text("h1") == "Submit a case study"
    tab_until(page, "form.submission-form button[type=submit]")
    press_and_wait_for_page(page)

    # The error summary takes focus; its first link takes focus to the title field.
    wait_for_focus(page, ".error-summary")
    assert_focus_visible(page)
    page.keyboard.press("Tab")
    assert_focus_visible(page)
    assert active_matches(page, ".error-summary a[href='#id_title']")
    page.keyboard.press("Enter")
    wait_for_focus(page, "#id_title")
    assert page.evaluate("document.activeElement.id") == "id_title"
    assert_focus_visible(page)
    label_top = page.evaluate("document.querySelector('label[for=id_title]').getBoundingClientRect().top")
    assert label_top >= 0, "the title's label should be scrolled into view with the field"
    if js_enabled:  # word-count.js handles the click: focus moves, the address stays
        assert page.locator(".word-count").count() == 12  # the six long answers in English and in Welsh
        assert not urlsplit(page.url).fragment
    else:  # the browser follows the fragment and focuses the (focusable) target itself
        assert page.locator(".word-count").count() == 0
        assert urlsplit(page.url).fragment == "id_title"

    # Fill the form in from the keyboard and send it with Enter.
    page.keyboard.type(ANSWERS["title"])
    if not js_enabled:  # every box is shown: Tab passes the Welsh title's (language-choice.js hides it)
        page.keyboard.press("Tab")
        assert active_matches(page, "#id_title_cy")
    type_into_next_field(page, "#id_lead_council", "Wig")  # the picker's box, or type-ahead in the drop-down
    if js_enabled:
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        assert page.input_value("#id_lead_council") == "Wigan"
    assert chosen_council(page) == library.councils["wigan"].code
    type_into_next_field(page, "#id_partners", ANSWERS["partners"])
    for name in ("summary", "challenge", "solution", "impact", "sustainability", "lessons"):
        page.focus(f"#id_{name}")  # the long answers: focus directly to keep the test quick
        page.keyboard.type(ANSWERS[name])
    tab_until(page, f"input[name=topics][value={housing.slug}]")
    page.keyboard.press("Space")
    tab_until(page, "#id_contact_name")
    page.keyboard.type(ANSWERS["contact_name"])
    type_into_next_field(page, "#id_contact_role", ANSWERS["contact_role"])
    type_into_next_field(page, "#id_contact_email", ANSWERS["contact_email"])
    type_into_next_field(page, "#id_submitter_name", ANSWERS["submitter_name"])
    type_into_next_field(page, "#id_submitter_email", ANSWERS["submitter_email"])
    # At the button, notice the consent box is not ticked: back with Shift+Tab, tick it, forward, send.
    tab_until(page, "form.submission-form button[type=submit]")
    tab_until(page, "#id_consent", backwards=True)
    page.keyboard.press("Space")
    assert page.is_checked("#id_consent")
    tab_until(page, "form.submission-form button[type=submit]")
    press_and_wait_for_page(page)
    assert page.inner_text("h1") == "Case study received"
    assert re.fullmatch(r"CS-\d{4}-\d{5}", page.inner_text(".reference"))


@pytest.mark.parametrize("viewport", [DESKTOP, NARROW], ids=["1280px", "320px"])
@pytest.mark.parametrize("js_enabled", [True, False], ids=["js", "no-js"])
def test_skip_to_results_at_every_width(viewport, js_enabled, page, library):
    """The filters come before the results and take some fifty presses of Tab: "Skip to results" jumps past them.
    It is out of sight until it has focus, and shown when it has, on a phone and on a wide screen alike."""
    page.set_viewport_size(viewport)
    page.goto("/case-studies/")
    assert not in_window(page, "a.skip-to-results")["inside"]

    # Skip to main content, the language link (Cymraeg), the site's name, two links of the main menu, List, Map,
    # Insights, then this.
    assert tab_until(page, "a.skip-to-results") == 9
    assert shown_in_window(page, "a.skip-to-results")
    page.keyboard.press("Enter")
    wait_for_focus(page, "#results")
    page.keyboard.press("Tab")
    assert active_matches(page, ".card__title a")
    # The first result's link, not a later one
    first = page.locator(".card__title a").first.inner_text()
    assert page.evaluate("document.activeElement.textContent.trim()") == first == library.featured.title
    assert_focus_visible(page)
    assert shown_in_window(page, ".card__title a")

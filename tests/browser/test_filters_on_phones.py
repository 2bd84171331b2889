"""The filters on a phone and on a wide screen (templates/includes/finder.html, static/js/finder.js): each filter
group is a <details> folded away on a phone unless it has a selection, open in the side column on a wide screen
(by CSS, so also without JavaScript); the "Show N results" button on a phone, with N updated as boxes are ticked."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import DESKTOP
from .helpers import assert_no_axe_violations, screenshot

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
GROUPS = ["topic", "support_type", "region", "council_type", "evidence", "cost", "stage", "has", "years"]
BOTH = pytest.mark.parametrize("js_enabled", [True, False], ids=["js", "no-js"])


def group_states(page) -> dict[str, tuple[str, bool, bool]]:
    """Each group's summary text, whether the <details> is open, and whether its options are shown."""
    states = {}
    for name in GROUPS:
        details = page.locator(f"#filter-{name}-group")
        options = details.locator("fieldset")
        states[name] = (
            details.locator("summary").inner_text().strip(),
            details.evaluate("el => el.open"),
            options.is_visible(),
        )
    return states


def result_count(page) -> int:
    return int(page.locator(".results-count strong").inner_text())


@BOTH
def test_groups_without_a_selection_are_closed_on_a_phone(page, library, js_enabled, screenshot_dir):
    page.set_viewport_size(PHONE)
    page.goto("/case-studies/")

    assert group_states(page) == {
        "topic": ("Topics", False, False),
        "support_type": ("Support received", False, False),
        "region": ("Region", False, False),
        "council_type": ("Type of council", False, False),
        "evidence": ("Evidence level", False, False),
        "cost": ("Cost", False, False),
        "stage": ("Stage", False, False),
        "has": ("Results reported", False, False),
        "years": ("Published", False, False),
    }
    # The first result is now within the first two screens, not several.
    assert page.locator(".card").first.bounding_box()["y"] < 2 * PHONE["height"]
    if js_enabled:  # axe runs in the page: it needs JavaScript
        assert_no_axe_violations(page)
    screenshot(page, screenshot_dir, f"filters-phone-closed-{'js' if js_enabled else 'no-js'}")


@BOTH
def test_groups_with_a_selection_are_open_on_a_phone(page, library, js_enabled, screenshot_dir):
    page.set_viewport_size(PHONE)
    page.goto("/case-studies/?topic=housing&topic=digital&support_type=grant&year_from=2020")

    assert group_states(page) == {
        "topic": ("Topics, 2 selected", True, True),
        "support_type": ("Support received, 1 selected", True, True),
        "region": ("Region", False, False),
        "council_type": ("Type of council", False, False),
        "evidence": ("Evidence level", False, False),
        "cost": ("Cost", False, False),
        "stage": ("Stage", False, False),
        "has": ("Results reported", False, False),
        "years": ("Published, from 2020", True, True),
    }
    if js_enabled:  # axe runs in the page: it needs JavaScript
        assert_no_axe_violations(page)
    screenshot(page, screenshot_dir, f"filters-phone-selected-{'js' if js_enabled else 'no-js'}")


@BOTH
def test_a_closed_group_opens_on_a_phone(page, library, js_enabled, screenshot_dir):
    page.set_viewport_size(PHONE)
    page.goto("/case-studies/")
    page.locator("#filter-support_type-group > summary").click()

    assert group_states(page)["support_type"] == ("Support received", True, True)
    assert page.get_by_role("group", name="Support received").get_by_role("checkbox").count() == 2
    if js_enabled:  # axe runs in the page: it needs JavaScript
        assert_no_axe_violations(page)
    screenshot(page, screenshot_dir, f"filters-phone-opened-{'js' if js_enabled else 'no-js'}")


@BOTH
def test_every_group_shows_its_options_on_a_wide_screen(page, library, js_enabled):
    page.set_viewport_size(DESKTOP)
    page.goto("/case-studies/")

    states = group_states(page)
    # Shown by CSS with or without JavaScript; JavaScript also opens them, so their state matches what is shown.
    assert states == {
        "topic": ("Topics", js_enabled, True),
        "support_type": ("Support received", js_enabled, True),
        "region": ("Region", js_enabled, True),
        "council_type": ("Type of council", js_enabled, True),
        "evidence": ("Evidence level", js_enabled, True),
        "cost": ("Cost", js_enabled, True),
        "stage": ("Stage", js_enabled, True),
        "has": ("Results reported", js_enabled, True),
        "years": ("Published", js_enabled, True),
    }
    assert page.get_by_role("button", name="Apply filters").is_visible()
    assert not page.locator(".filter-form__show").is_visible()
    if js_enabled:  # axe runs in the page: it needs JavaScript
        assert_no_axe_violations(page)


@BOTH
def test_groups_with_a_selection_say_so_on_a_wide_screen(page, library, js_enabled):
    page.set_viewport_size(DESKTOP)
    page.goto("/case-studies/?support_type=grant&year_to=2030")

    states = group_states(page)
    assert states["support_type"] == ("Support received, 1 selected", True, True)
    assert states["years"] == ("Published, up to 2030", True, True)
    assert states["topic"] == ("Topics", js_enabled, True)
    if js_enabled:  # axe runs in the page: it needs JavaScript
        assert_no_axe_violations(page)


@BOTH
def test_show_results_button_on_a_phone_applies_the_ticked_filters(page, library, js_enabled):
    page.set_viewport_size(PHONE)
    page.goto("/case-studies/")
    show = page.locator(".filter-form__show")
    assert show.is_visible()
    assert not page.get_by_role("button", name="Apply filters").is_visible()
    assert show.inner_text() == f"Show {result_count(page)} results" == "Show 5 results"

    page.locator("#filter-topic-group > summary").click()
    page.get_by_role("checkbox", name=re.compile("^Housing")).check()
    if js_enabled:  # the count follows the ticked boxes
        page.get_by_role("button", name="Show 3 results").wait_for()
    else:  # the count the page was rendered with; the button still applies the filters
        assert show.inner_text() == "Show 5 results"
    with page.expect_navigation():
        show.click()

    url = urlsplit(page.url)
    chosen = {name: values for name, values in parse_qs(url.query).items() if name != "sort"}
    assert (url.path, chosen, url.fragment) == ("/case-studies/", {"topic": ["housing"]}, "results")
    assert result_count(page) == 3
    assert page.locator(".card").count() == 3
    assert show.inner_text() == "Show 3 results"
    # The results are where the eye lands: their top is in the window.
    assert -1 <= page.locator("#results").bounding_box()["y"] < PHONE["height"] / 2
    if js_enabled:  # and where a screen reader is: the results, starting with the count
        assert page.evaluate("document.activeElement.id") == "results"


def test_show_results_count_updates_within_a_topic_page(page, library):
    page.set_viewport_size(PHONE)
    page.goto(library.topics["housing"].get_absolute_url())
    assert page.locator(".filter-form__show").inner_text() == "Show 3 results"

    page.locator("#filter-support_type-group > summary").click()
    page.get_by_role("checkbox", name=re.compile("^Grant funding")).check()
    page.get_by_role("button", name="Show 1 result").wait_for()
    page.get_by_role("checkbox", name=re.compile("^Grant funding")).uncheck()
    page.get_by_role("button", name="Show 3 results").wait_for()


def test_show_results_asks_for_the_count_once_per_pause(page, library):
    page.set_viewport_size(PHONE)
    page.goto("/case-studies/")
    asked = []
    page.on("request", lambda request: asked.append(request.url) if "count.json" in request.url else None)
    page.locator("#filter-topic-group > summary").click()
    page.get_by_role("checkbox", name=re.compile("^Housing")).check()
    page.get_by_role("checkbox", name=re.compile("^Digital")).check()
    page.get_by_role("button", name="Show 4 results").wait_for()

    assert [url.split("?", 1)[1] for url in asked] == ["topic=housing&topic=digital"]


@BOTH
def test_impact_groups_with_a_selection_are_open_on_a_phone(page, library, js_enabled):
    page.set_viewport_size(PHONE)
    page.goto("/case-studies/?evidence=2&cost=not_stated&has=outcomes&has=savings")

    states = group_states(page)
    assert {name: states[name] for name in ("evidence", "cost", "stage", "has")} == {
        "evidence": ("Evidence level, 1 selected", True, True),
        "cost": ("Cost, 1 selected", True, True),
        "stage": ("Stage", False, False),
        "has": ("Results reported, 2 selected", True, True),
    }
    if js_enabled:  # axe runs in the page: it needs JavaScript
        assert_no_axe_violations(page)

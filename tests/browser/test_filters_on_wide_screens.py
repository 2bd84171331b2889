"""The filters on a wide screen (templates/includes/finder.html, static/js/finder.js): the filter column is longer
than the window, so "Apply filters" stays at the bottom of the window until the end of the column comes into view,
with the count it would give: kept up to date with JavaScript, the count the page was rendered with without it.
Nothing that takes focus in the column is hidden behind it (WCAG 2.4.11)."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import DESKTOP
from .helpers import assert_no_axe_violations, in_window, shown_in_window

pytestmark = pytest.mark.browser

APPLY = ".filter-form__apply"


def apply_text(page) -> str:
    return page.locator(APPLY).inner_text()


def scroll_to(page, y: int) -> None:
    page.evaluate("(y) => window.scrollTo(0, y)", y)
    page.wait_for_function("(y) => Math.round(window.scrollY) === y", arg=y)


@pytest.mark.parametrize("js_enabled", [True, False], ids=["js", "no-js"])
def test_apply_button_stays_in_the_window_with_the_count(page, library, js_enabled):
    page.set_viewport_size(DESKTOP)
    page.goto("/case-studies/")
    form = page.locator(".filter-form").bounding_box()
    assert form["y"] + form["height"] > 2 * DESKTOP["height"]  # a column two windows long: the case to solve
    assert apply_text(page) == "Apply filters (5 results)"
    assert shown_in_window(page, APPLY)

    # Half way down the column, the button is still at the bottom of the window.
    scroll_to(page, 600)
    assert shown_in_window(page, APPLY)
    assert in_window(page, APPLY)["bottom"] > DESKTOP["height"] - 100

    # A box low in the list (the browser scrolls it into view), and the button with it.
    scroll_to(page, 0)
    south_east = page.get_by_role("checkbox", name=re.compile("^South East"))
    south_east.check()
    assert shown_in_window(page, "#" + south_east.get_attribute("id"))
    assert shown_in_window(page, APPLY)
    if js_enabled:  # the count follows the ticked boxes, and is said politely
        page.get_by_role("button", name="Apply filters (1 result)").wait_for()
        assert page.locator("[data-count-status]").inner_text() == "1 result with these filters"
        assert page.locator("[data-count-status]").get_attribute("aria-live") == "polite"
        assert_no_axe_violations(page)
    else:  # the count the page was rendered with; the button still applies the filters
        assert apply_text(page) == "Apply filters (5 results)"
        assert page.locator("[data-count-status]").inner_text() == ""
    with page.expect_navigation():
        page.locator(APPLY).click()

    url = urlsplit(page.url)
    chosen = {name: values for name, values in parse_qs(url.query).items() if name != "sort"}
    assert (url.path, chosen) == ("/case-studies/", {"region": ["south-east"]})
    assert page.locator(".card").count() == 1
    assert apply_text(page) == "Apply filters (1 result)"


_FOCUS = """() => {
  const el = document.activeElement;
  const box = el.getBoundingClientRect();
  return {name: el.name || el.textContent.trim(), top: box.top, bottom: box.bottom,
          inForm: !!el.closest(".filter-form"), inBar: !!el.closest(".filter-form__actions")};
}"""


def test_focus_in_the_filters_is_never_behind_the_apply_button(page, library):
    """Tab from the search box through every control of the column: the browser scrolls each into view above the
    stuck bar (the page's scroll padding), never under it."""
    page.set_viewport_size(DESKTOP)
    page.goto("/case-studies/")
    page.focus("#id_q")
    behind = []
    stops = 0
    while True:
        page.keyboard.press("Tab")
        focus = page.evaluate(_FOCUS)
        if not focus["inForm"] or focus["inBar"]:
            break
        stops += 1
        bar = page.locator(".filter-form__actions").bounding_box()
        if focus["top"] < 0 or focus["bottom"] > bar["y"]:
            behind.append((focus, bar["y"]))
    assert behind == []
    # The summaries, boxes, years and order after the search box; then the bar's own button, in the window.
    # 8 summaries, 26 place and support boxes, the evidence radio buttons (one stop: arrow keys move within them),
    # 13 cost, stage and results boxes, the years' summary and 2 boxes, the order.
    assert stops == 52
    assert focus["inBar"] and shown_in_window(page, APPLY)

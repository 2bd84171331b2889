"""The map and the insights charts with the keyboard alone: every mark that is a link can be reached with Tab,
shows focus, and opens the list it counts."""

import re

import pytest

from .helpers import tab_until

pytestmark = pytest.mark.browser


def count_on_list(page) -> int:
    return int(re.search(r"(\d+) result", page.inner_text("[role=status]")).group(1))


def test_keyboard_reaches_a_map_mark_and_opens_the_councils_list(page, library):
    page.goto("/case-studies/map/")
    mark = "svg.chart--map a[aria-label^='Wigan:']"
    expected = int(re.search(r": (\d+) case", page.get_attribute(mark, "aria-label")).group(1))

    tab_until(page, mark)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url.endswith(f"/case-studies/?council={library.councils['wigan'].code}")
    assert count_on_list(page) == expected == 2


def test_keyboard_reaches_a_heat_square_and_opens_its_list(page, library):
    page.goto("/insights/")
    square = "svg.chart--heat a[aria-label^='Housing in North West']"
    expected = int(re.search(r": (\d+) case", page.get_attribute(square, "aria-label")).group(1))

    tab_until(page, square, limit=120)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert count_on_list(page) == expected == 1


def test_the_map_draws_every_current_council_and_names_each_mark(page, library):
    page.goto("/case-studies/map/")

    names = page.eval_on_selector_all(
        "svg.chart--map a", "links => links.map(a => a.getAttribute('aria-label'))"
    )
    faint = page.eval_on_selector_all("svg.chart--map .map__backdrop circle", "dots => dots.length")

    assert sorted(names) == [
        "Brighton and Hove: 1 case study",
        "Leeds: 2 case studies",
        "Wigan: 2 case studies",
    ]
    assert faint == 2  # Shetland and Belfast, with no case studies: the UK's shape stays visible

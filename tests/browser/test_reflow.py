"""Reflow (WCAG 1.4.10) at 320 CSS pixels and text spacing (WCAG 1.4.12)."""

import pytest

from .conftest import NARROW
from .helpers import apply_text_spacing, assert_no_horizontal_scroll, clipped_text
from .states import STATES, open_state

pytestmark = pytest.mark.browser

REFLOW_STATES = list(STATES)  # no page of any kind may be wider than 320 px
SPACING_STATES = ["list-filtered", "case-study", "submit-errors"]


@pytest.mark.parametrize("state", REFLOW_STATES)
def test_no_horizontal_scrolling_at_320px(state, page, library, request):
    page.set_viewport_size(NARROW)
    open_state(state, page, library, request)
    assert_no_horizontal_scroll(page, NARROW["width"])


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("state", SPACING_STATES)
def test_text_spacing_loses_nothing(state, width, page, library, request):
    page.set_viewport_size({"width": width, "height": 800})
    open_state(state, page, library, request)
    apply_text_spacing(page)
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).letterSpacing") != "normal"
    assert not clipped_text(page), f"{state} at {width}px: text cut off with the spacing applied"
    assert_no_horizontal_scroll(page, width)

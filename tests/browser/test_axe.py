"""axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on every page type and state, in English and in Welsh (issue 23), with
screenshots of each."""

import pytest

from .conftest import NARROW
from .helpers import assert_no_axe_violations, screenshot
from .states import STATES, open_state

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("state", STATES)
def test_no_axe_violations(state, language, page, library, request, screenshot_dir):
    open_state(state, page, library, request, welsh=language == "cy")
    suffix = "" if language == "en" else "-cy"
    try:
        assert page.get_attribute("html", "lang") == {"en": "en-GB", "cy": "cy"}[language]
        assert_no_axe_violations(page)
    finally:
        # Screenshots whatever the outcome: they are how a failure gets looked at.
        screenshot(page, screenshot_dir, f"{state}{suffix}-desktop")
        page.set_viewport_size(NARROW)
        screenshot(page, screenshot_dir, f"{state}{suffix}-320")

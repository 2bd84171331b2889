"""A case study prints cleanly: no header, navigation, breadcrumbs, filters or footer, and link targets shown."""

import pytest

pytestmark = pytest.mark.browser
HIDDEN_IN_PRINT = [".site-header", ".site-footer", ".breadcrumbs", ".back-link", ".skip-link", ".related"]


def test_case_study_print_view_hides_chrome_and_shows_link_targets(page, library, live_server):
    page.goto(live_server.url + library.featured.get_absolute_url())
    page.emulate_media(media="print")

    displays = {
        selector: page.evaluate(
            "s => { const el = document.querySelector(s); return el ? getComputedStyle(el).display : 'absent'; }",
            selector,
        )
        for selector in HIDDEN_IN_PRINT
    }
    contact_link_after = page.evaluate(
        "getComputedStyle(document.querySelector('.case-study a[href^=\"mailto:\"]'), '::after').content"
    )
    topic_link_after = page.evaluate(
        "getComputedStyle(document.querySelector('.case-study__tags a'), '::after').content"
    )

    assert set(displays.values()) <= {"none", "absent"}, displays
    assert displays[".site-header"] == "none"
    assert contact_link_after == f'" (mailto:{library.featured.contact_email})"'
    assert topic_link_after.startswith('" (/case-studies/?topic=')


def test_list_print_view_hides_the_filters(page, library, live_server):
    page.goto(live_server.url + "/case-studies/")
    page.emulate_media(media="print")

    assert page.evaluate("getComputedStyle(document.querySelector('.finder__filters')).display") == "none"
    assert page.evaluate(
        "getComputedStyle(document.querySelector('.pagination') || document.body).display"
    ) in {
        "none",
        "block",
    }

"""The Welsh accessibility statement, open data page and error pages in a real browser (issue 23): Welsh text,
<html lang="cy">, and 0 axe violations, wide and at 320 pixels."""

import pytest

from .conftest import NARROW
from .helpers import assert_no_axe_violations, assert_no_horizontal_scroll

pytestmark = pytest.mark.browser


def check_both_widths(page) -> None:
    assert_no_axe_violations(page)
    page.set_viewport_size(NARROW)
    assert_no_horizontal_scroll(page, NARROW["width"])
    assert_no_axe_violations(page)


def test_the_welsh_accessibility_statement(page, library):
    response = page.goto("/cy/accessibility/")

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.locator("h1").inner_text() == (
        "Datganiad hygyrchedd ar gyfer gwefan Llyfrgell Astudiaethau Achos Cynghorau"
    )
    assert page.locator(".language-bar__link").get_attribute("href") == "/accessibility/"
    check_both_widths(page)


def test_the_welsh_not_found_page(page, library):
    response = page.goto("/cy/no-such-page/")

    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.locator("h1").inner_text() == "Tudalen heb ei chanfod"
    assert page.title() == "Tudalen heb ei chanfod – Llyfrgell Astudiaethau Achos Cynghorau"
    check_both_widths(page)


def test_the_welsh_open_data_page(page, library):
    page.goto("/cy/open-data/")

    assert page.locator("h1").inner_text() == "Data agored"
    check_both_widths(page)


def test_the_welsh_server_error_page(page, library, settings):
    settings.ROOT_URLCONF = "tests.browser.urls_500"
    response = page.goto("/cy/test-only/boom/")

    assert response.status == 500
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.locator("h1").inner_text() == "Mae’n ddrwg gennym, mae problem gyda’r gwasanaeth"
    check_both_widths(page)

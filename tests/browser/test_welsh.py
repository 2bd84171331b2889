"""The list and case study pages in Welsh (issue 23), in a real browser: Welsh interface, 0 axe violations, and
the language link going back and forth keeps the search and the filters. Screenshots: /tmp/shots/welsh-list.png and
/tmp/shots/welsh-list-320.png."""

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import NARROW
from .helpers import assert_no_axe_violations, assert_no_horizontal_scroll, settled_text

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots")
PHONE = {"width": 390, "height": 844}


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_the_welsh_list_page(page, library, live_server):
    page.goto("/cy/case-studies/")

    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.locator("h1").inner_text() == "Astudiaethau achos"
    assert page.locator(".results-count").inner_text().startswith("Mae ")
    link = page.locator(".language-bar__link")
    assert (link.inner_text(), link.get_attribute("lang")) == ("English", "en")
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        assert_no_axe_violations(page)
    finally:
        page.screenshot(path=str(SHOTS / "welsh-list.png"), full_page=True)
    page.set_viewport_size(NARROW)
    assert_no_horizontal_scroll(page, NARROW["width"])
    assert_no_axe_violations(page)
    page.screenshot(path=str(SHOTS / "welsh-list-320.png"), full_page=True)


def test_the_language_link_keeps_the_search_and_filters_both_ways(page, library):
    page.goto("/case-studies/?q=homes&topic=housing")
    english_count = page.locator(".results-count strong").inner_text()
    wanted = query(page.url)

    page.locator(".language-bar__link").click()
    page.wait_for_url("**/cy/case-studies/**")
    assert urlsplit(page.url).path == "/cy/case-studies/"
    assert query(page.url) == wanted
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.locator(".results-count strong").inner_text() == english_count
    assert page.locator("#id_q").input_value() == "homes"
    assert page.locator("input[name=topic][value=housing]").is_checked()
    assert_no_axe_violations(page)

    page.locator(".language-bar__link").click()
    page.wait_for_url(lambda url: urlsplit(url).path == "/case-studies/")
    assert query(page.url) == wanted
    assert page.locator("html").get_attribute("lang") == "en-GB"
    assert page.locator("h1").inner_text() == "Case studies"


def test_the_welsh_case_study_page(page, library):
    page.goto("/cy" + library.featured.get_absolute_url())

    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.locator("#at-a-glance").inner_text() == "Cipolwg"
    assert page.locator("#contents-heading").inner_text() == "Cynnwys"
    assert page.locator(".back-link a").inner_text() == "Pori pob astudiaeth achos"
    assert_no_axe_violations(page)
    page.set_viewport_size(NARROW)
    assert_no_horizontal_scroll(page, NARROW["width"])
    assert_no_axe_violations(page)


def test_welsh_pagination(page, library, settings):
    settings.CASE_STUDIES_PER_PAGE = 2
    page.goto("/cy/case-studies/?page=2")

    nav = page.locator("nav.pagination")
    assert nav.get_attribute("aria-label") == "Tudalennau’r canlyniadau"
    assert nav.locator("a[rel=prev]").text_content() == "Blaenorol (tudalen flaenorol)"
    assert_no_axe_violations(page)


def test_the_welsh_submission_form_counts_and_announces_in_welsh(page, library):
    """The form's scripts read their messages from /cy/jsi18n/: the word count, its "too many" and the council
    picker's note are Welsh; the errors the server finds are Welsh too. 0 axe violations before and after."""
    page.goto("/cy/case-studies/submit/")

    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.locator("h1").inner_text() == "Cyflwyno astudiaeth achos"
    # The Welsh form starts at "written in Welsh": the Welsh boxes are shown, the English ones hidden.
    assert page.is_hidden("#id_summary")
    page.fill("#id_summary_cy", "Cartrefi cynnes i bobl hŷn")
    assert (
        settled_text(page, "#id_summary_cy-count", "Geiriau: 5 o 100, Nodau: 26 o 1,500")
        == "Geiriau: 5 o 100, Nodau: 26 o 1,500"
    )
    page.fill("#id_summary_cy", " ".join(["gair"] * 101))
    over = "Geiriau: 101 o 100 – 1 yn ormod, Nodau: 504 o 1,500"
    assert settled_text(page, "#id_summary_cy-count", over) == over
    page.wait_for_function(
        "() => document.querySelector('#id_summary_cy-count-status').textContent.startsWith('Geiriau: 101')",
        timeout=5_000,
    )
    page.fill("#id_lead_council", "Atlantis")
    assert page.inner_text(".council-picker__none") == (
        "Does dim cyngor yn cyfateb i “Atlantis”. Gwiriwch y sillafiad neu rhowch gynnig ar ran arall o’i enw."
    )
    assert page.locator("#id_lead_council-options").get_attribute("aria-label") == "Cynghorau"
    page.press("#id_lead_council", "Escape")
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        assert_no_axe_violations(page)
    finally:
        page.screenshot(path=str(SHOTS / "welsh-submit.png"), full_page=True)

    with page.expect_navigation():
        page.click("form.submission-form button[value=submit]")
    assert page.locator(".error-summary h2").inner_text() == "Mae problem"
    assert page.locator(".error-summary li").first.inner_text() == "Rhowch deitl yn Gymraeg"
    assert (
        page.locator("#id_summary_cy-error").text_content()
        == "Gwall: Y crynodeb yn Gymraeg: dim mwy na 100 gair (mae gennych 101)"
    )
    assert_no_axe_violations(page)


def test_the_english_form_still_counts_in_english(page, library):
    page.goto("/case-studies/submit/")

    page.fill("#id_summary", "Warm homes for older residents")
    assert (
        settled_text(page, "#id_summary-count", "5 of 100 words, 30 of 1,500 characters")
        == "5 of 100 words, 30 of 1,500 characters"
    )


def test_the_welsh_filters_count_in_welsh_as_boxes_are_ticked(page, library):
    """finder.js reads "Show N results" and its announcement from /cy/jsi18n/, with Welsh's counting."""
    page.set_viewport_size(PHONE)
    page.goto("/cy" + library.topics["housing"].get_absolute_url())
    show = page.locator(".filter-form__show")
    assert show.inner_text() == "Dangos 3 chanlyniad"

    page.locator("#filter-support_type-group > summary").click()
    page.get_by_role("checkbox", name=re.compile("^Grant funding")).check()
    page.get_by_role("button", name="Dangos 1 canlyniad").wait_for()
    assert page.locator("[data-count-status]").text_content() == "Canlyniadau gyda’r hidlwyr hyn: 1"
    page.get_by_role("checkbox", name=re.compile("^Grant funding")).uncheck()
    page.get_by_role("button", name="Dangos 3 chanlyniad").wait_for()
    assert_no_axe_violations(page)

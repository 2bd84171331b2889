"""A case study's page under /cy/ in a real browser (issue 23): with a Welsh version, in Welsh; without one, the
English marked lang="en" with the note in Welsh. 0 axe violations either way, at full width and at 320px."""

import pytest

from casestudies.models import CaseStudy

from .conftest import NARROW
from .helpers import assert_no_axe_violations, assert_no_horizontal_scroll

pytestmark = pytest.mark.browser

WELSH = {
    "title_cy": "Wigan: cartrefi cynnes i drigolion hŷn",
    "summary_cy": "Fe wnaeth y cyngor inswleiddio 400 o gartrefi pobl hŷn a lleihau derbyniadau i’r ysbyty yn y gaeaf.",
    "challenge_cy": "Roedd cartrefi oer yn anfon pobl hŷn i’r ysbyty bob gaeaf.",
    "solution_cy": "Roedd un tîm yn arolygu cartrefi, yn trefnu inswleiddio ac yn gwirio eto ar ôl mis.",
    "impact_cy": "Gostyngodd derbyniadau yn y gaeaf chwarter.",
    "sustainability_cy": "Mae’r gwaith yn rhan o’r gyllideb graidd.",
    "lessons_cy": "Dechreuwch gydag un pwynt cyswllt.",
}
NOTE = "Mae’r astudiaeth achos hon ar gael yn Saesneg yn unig."


def check_page(page) -> None:
    assert_no_axe_violations(page)
    page.set_viewport_size(NARROW)
    assert_no_horizontal_scroll(page, NARROW["width"])
    assert_no_axe_violations(page)


def test_a_welsh_case_study_page_with_a_welsh_version(page, library):
    CaseStudy.objects.filter(pk=library.featured.pk).update(**WELSH)

    page.goto("/cy" + library.featured.get_absolute_url())

    assert page.locator("html").get_attribute("lang") == "cy"
    heading = page.locator("h1")
    assert (heading.inner_text(), heading.get_attribute("lang")) == (WELSH["title_cy"], None)
    assert page.locator(".case-study__language-note").count() == 0
    assert page.locator("#challenge + p").inner_text() == WELSH["challenge_cy"]
    check_page(page)


def test_a_welsh_case_study_page_without_a_welsh_version(page, library):
    page.goto("/cy" + library.featured.get_absolute_url())

    assert page.locator("html").get_attribute("lang") == "cy"
    heading = page.locator("h1")
    assert (heading.inner_text(), heading.get_attribute("lang")) == (library.featured.title, "en")
    assert page.locator(".case-study__language-note").inner_text() == NOTE
    assert page.locator(".case-study__summary").get_attribute("lang") == "en"
    assert page.locator("#challenge + div").get_attribute("lang") == "en"
    check_page(page)

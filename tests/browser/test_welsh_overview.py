"""The map and the insights page in Welsh (issue 23), in a real browser: Welsh headings, chart titles and
descriptions, every table open, 0 axe violations at desktop width and at 320px. Screenshots:
/tmp/shots/welsh-map.png and /tmp/shots/welsh-insights.png."""

from pathlib import Path

import pytest

from casestudies.models import CaseStudy

from .conftest import NARROW
from .helpers import assert_no_axe_violations, assert_no_horizontal_scroll

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots")


def open_every_table(page) -> None:
    for summary in page.query_selector_all("details.chart-data > summary"):
        summary.click()


def test_the_welsh_map_page(page, library):
    page.goto("/cy/case-studies/map/")

    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.locator("h1").inner_text() == "Astudiaethau achos ar fap"
    assert page.locator("svg.chart--map title#map-title").text_content() == (
        "Map o gynghorau’r DU a’r astudiaethau achos y mae eich chwiliad yn dod o hyd iddynt"
    )
    assert (
        page.locator("svg.chart--map desc")
        .text_content()
        .endswith("Mae’r un niferoedd yn y tabl o dan y map.")
    )
    assert page.locator("#council-table-heading").inner_text() == "Y map fel tabl"
    names = page.eval_on_selector_all(
        "svg.chart--map a", "links => links.map(a => a.getAttribute('aria-label'))"
    )
    assert sorted(names) == [
        "Brighton and Hove: 1 astudiaeth achos",
        "Leeds: 2 astudiaeth achos",
        "Wigan: 2 astudiaeth achos",
    ]
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        assert_no_axe_violations(page)
    finally:
        page.screenshot(path=str(SHOTS / "welsh-map.png"), full_page=True)
    page.set_viewport_size(NARROW)
    assert_no_horizontal_scroll(page, NARROW["width"])
    assert_no_axe_violations(page)


def test_the_welsh_map_page_filtered_and_sorted(page, library):
    page.goto(f"/cy/case-studies/map/?topic={library.topics['housing'].slug}&order=name")

    assert (
        page.locator("#council-table-caption")
        .inner_text()
        .startswith(
            "Cynghorau sy’n arwain astudiaethau achos sy’n cyfateb i’ch chwiliad, yn ôl enw’r cyngor, A i Z."
        )
    )
    assert page.locator("th[aria-sort=ascending]").text_content() == "Cyngor: trefnu yn ôl enw"
    assert_no_axe_violations(page)


def test_the_welsh_insights_page(page, library):
    published = list(CaseStudy.objects.published().order_by("pk"))
    for n, case_study in enumerate(published):
        CaseStudy.objects.filter(pk=case_study.pk).update(
            evidence_level_claimed=1 + n % 5 if n % 3 else None,
            evidence_level_confirmed=5 if n == 1 else None,
            savings_per_year=[None, 12_500, 1_250_000][n % 3],
        )
    page.goto("/cy/insights/")

    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.locator("h1").inner_text() == "Dadansoddiad"
    titles = page.eval_on_selector_all("svg.chart > title", "titles => titles.map(t => t.textContent)")
    assert titles == [
        "Astudiaethau achos yn ôl pwnc a rhanbarth",
        "Astudiaethau achos yn ôl blwyddyn cyhoeddi",
        "Cynghorau â’r nifer fwyaf o astudiaethau achos",
        "Cyfran yr astudiaethau achos yn ôl y cymorth a gafwyd",
        "Astudiaethau achos yn ôl pwnc a lefel y dystiolaeth",
        "Arbedion neu incwm bob blwyddyn a nodwyd, yn ôl pwnc",
        "Arbedion neu incwm bob blwyddyn a nodwyd, yn ôl blwyddyn cyhoeddi",
    ]
    assert "nid yw ein golygyddion wedi’u harchwilio" in page.inner_text(
        "section[aria-labelledby=savings-heading]"
    )
    open_every_table(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        assert_no_axe_violations(page)
    finally:
        page.screenshot(path=str(SHOTS / "welsh-insights.png"), full_page=True)
    page.set_viewport_size(NARROW)
    assert_no_horizontal_scroll(page, NARROW["width"])
    assert_no_axe_violations(page)


def test_the_welsh_insights_page_with_nothing_found(page, library):
    page.goto("/cy/insights/?q=zeppelin")

    assert page.locator(".empty h2").inner_text() == "Does dim astudiaethau achos yn cyfateb i’ch chwiliad"
    assert_no_axe_violations(page)

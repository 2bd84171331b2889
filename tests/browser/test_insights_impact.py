"""The insights page's evidence grid and savings charts in a real browser: axe clean with their tables open, on the
browser library and on the demo case studies (whose sections are also photographed for review)."""

import pytest

from casestudies.interchange.loading import load_demo, load_reference
from casestudies.models import CaseStudy

from .conftest import NARROW
from .helpers import assert_no_axe_violations

pytestmark = pytest.mark.browser

SECTIONS = ("#evidence-heading", "#savings-heading")


def open_every_table(page) -> None:
    for summary in page.query_selector_all("details.chart-data > summary"):
        summary.click()


def test_evidence_and_savings_sections_are_axe_clean(page, library):
    published = list(CaseStudy.objects.published().order_by("pk"))
    for n, case_study in enumerate(published):
        CaseStudy.objects.filter(pk=case_study.pk).update(
            evidence_level_claimed=1 + n % 5 if n % 3 else None,
            evidence_level_confirmed=5 if n == 1 else None,
            savings_per_year=[None, 12_500, 1_250_000][n % 3],
        )
    page.goto("/insights/")

    assert (
        page.locator("svg.chart--heat title", has_text="Case studies by topic and evidence level").count()
        == 1
    )
    assert (
        page.locator("svg.chart--bars title", has_text="Reported savings or income a year by topic").count()
        == 1
    )
    assert "our editors have not audited them" in page.inner_text("section[aria-labelledby=savings-heading]")
    open_every_table(page)
    assert_no_axe_violations(page)
    page.set_viewport_size(NARROW)
    assert_no_axe_violations(page)


def test_demo_insights_are_axe_clean_with_screenshots(page, live_server, screenshot_dir):
    load_reference()
    load_demo()
    page.goto("/insights/")
    evidence = page.locator("section[aria-labelledby=evidence-heading]")
    savings = page.locator("section[aria-labelledby=savings-heading]")

    assert evidence.locator("svg g.heat").count() > 6  # a row of six squares per topic
    assert savings.locator("svg").count() == 2
    assert_no_axe_violations(page)
    open_every_table(page)
    assert_no_axe_violations(page)
    evidence.screenshot(path=str(screenshot_dir / "insights-evidence-chart.png"))
    savings.screenshot(path=str(screenshot_dir / "insights-savings.png"))

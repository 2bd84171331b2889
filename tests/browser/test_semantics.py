"""What assistive technology is told, checked in the browser on every page type: headings, landmarks, the
live results count, grouped and labelled fields, linked hints and errors, the current page in pagination."""

from pathlib import Path

import pytest

from .helpers import heading_gaps
from .states import FORM_STATES, LIST_STATES, STATES, open_state

pytestmark = pytest.mark.browser

SEMANTICS_JS = (Path(__file__).parent / "semantics.js").read_text()


@pytest.mark.parametrize("state", STATES)
def test_page_semantics(state, page, library, request):
    open_state(state, page, library, request)
    report = page.evaluate(SEMANTICS_JS)
    where = f"{state} ({page.url})"
    levels = [heading["level"] for heading in report["headings"]]

    assert report["lang"] == "en-GB", where
    assert report["title"].strip(), where
    assert levels.count(1) == 1, f"{where}: expected exactly one h1, got {report['headings']}"
    assert not heading_gaps(levels), (
        f"{where}: heading levels skip: {heading_gaps(levels)} in {report['headings']}"
    )

    assert report["banners"] == 1, f"{where}: expected one banner (site header), got {report['banners']}"
    assert report["mains"] == 1, f"{where}: expected one main, got {report['mains']}"
    assert report["contentinfo"] == 1, (
        f"{where}: expected one contentinfo (footer), got {report['contentinfo']}"
    )
    assert report["navs"], f"{where}: no nav landmark"
    assert len(set(report["navs"])) == len(report["navs"]) and all(report["navs"]), (
        f"{where}: each nav needs its own aria-label, got {report['navs']}"
    )

    assert not report["ungrouped"], (
        f"{where}: checkbox groups without fieldset and legend: {report['ungrouped']}"
    )
    assert not report["unlabelled"], f"{where}: fields without a label: {report['unlabelled']}"
    assert not report["missing"], f"{where}: aria-describedby points at missing ids: {report['missing']}"
    assert not report["unlinked"], (
        f"{where}: hints or errors not linked by aria-describedby: {report['unlinked']}"
    )
    assert all(link["exists"] for link in report["summaryLinks"]), f"{where}: {report['summaryLinks']}"

    if state in LIST_STATES:
        assert len(report["status"]) == 1 and "result" in report["status"][0], f"{where}: {report['status']}"
        expected = {"Support received"} if state == "topic" else {"Topics", "Support received"}
        assert expected <= set(report["legends"]), f"{where}: filter groups {report['legends']}"
    if state in FORM_STATES:
        assert {"Topics", "Support received (optional)"} <= set(report["legends"]), where
        assert report["fields"] > 15, where
    if state == "submit-errors":
        assert report["summaryLinks"] and report["summaryLinks"][0]["href"] == "#id_title", where
    if state == "list-paginated":
        assert report["current"] == ["Page 2"], f"{where}: current page {report['current']}"

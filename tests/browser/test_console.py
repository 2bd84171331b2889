"""No console error or warning, and no failed request, on any page type, with JavaScript on and off.

The listener is attached before the state opens, so it sees every request of the journey (form posts, the
favicon, the manifest, scripts, images). A self-test proves that it catches what it is meant to catch.
"""

import re

import pytest

from .console import ConsoleWatch
from .states import STATES, open_state

pytestmark = pytest.mark.browser

ERROR_PAGE_STATUS = {name: int(match[1]) for name in STATES if (match := re.search(r"-(\d{3})$", name))}


def settle(page) -> None:
    """Wait until the page has fetched what it will fetch (icons and manifest load after the document)."""
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("js_enabled", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("state", list(STATES))
def test_page_console_clean(state, js_enabled, page, library, request):
    watch = ConsoleWatch(expected_document_status=ERROR_PAGE_STATUS.get(state)).attach(page)

    open_state(state, page, library, request)
    settle(page)
    if state in RELOADABLE:
        page.reload()
        settle(page)

    assert watch.problems == [], f"{state}:\n{watch.report()}"


# Pages reached by a plain GET can be loaded again, which makes the browser ask for the favicon and manifest once
# more from a warm cache (a 304 must not count as a failure).
RELOADABLE = {"list", "case-study", "map", "insights", "accessibility-statement"}


def test_console_watch_catches_missing_files_errors_and_exceptions(page, library, live_server):
    watch = ConsoleWatch().attach(page)
    page.goto("/accessibility/")
    settle(page)
    assert watch.problems == []

    page.evaluate(
        """() => {
            const img = document.createElement('img');
            img.src = '/static/no-such-file.png';
            img.alt = '';
            document.body.append(img);
            console.error('something broke');
            setTimeout(() => { throw new Error('uncaught'); }, 0);
        }"""
    )
    page.wait_for_timeout(300)
    settle(page)

    report = watch.report()
    assert "404 for image " + live_server.url + "/static/no-such-file.png" in report
    assert "console error: something broke" in report
    assert "uncaught exception: uncaught" in report


def test_console_watch_allows_only_the_error_page_itself(page, library, live_server):
    watch = ConsoleWatch(expected_document_status=404).attach(page)

    page.goto("/case-studies/no-such-case-study/")
    settle(page)
    assert watch.problems == []

    page.evaluate("() => fetch('/static/missing.css')")
    settle(page)
    assert watch.problems[0] == f"404 for fetch {live_server.url}/static/missing.css"

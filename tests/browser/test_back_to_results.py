"""Clean case study addresses and "Back to results": result links carry no query string, a query string on a
case study's page is a permanent redirect, and the back link returns to the exact search and page (from the
Referer; with JavaScript also to the same scroll position, and from sessionStorage when the Referer is missing)."""

import pytest
from django.conf import settings

from .data import add_published

pytestmark = pytest.mark.browser

BACK = "a[data-back-link]"


def path_of(page) -> str:
    return page.evaluate("location.pathname + location.search + location.hash")


def open_result(page, index: int):
    link = page.locator(".card__title a").nth(index)
    title = link.inner_text()
    with page.expect_navigation():
        link.click()
    assert page.inner_text("h1") == title
    return title


@pytest.mark.parametrize("js_enabled", [True, False], ids=["js", "no-js"])
def test_result_link_is_clean_and_back_returns_to_the_same_search_and_place(js_enabled, page, library):
    add_published(library, 21)  # 23 digital case studies: two pages
    search = f"/case-studies/?q=&topic={library.topics['digital'].slug}&sort=newest"
    page.goto(search)
    hrefs = page.eval_on_selector_all(".card__title a", "links => links.map(a => a.getAttribute('href'))")
    assert len(hrefs) == 20 and all(h.startswith("/case-studies/") and "?" not in h for h in hrefs), hrefs

    page.locator(".card__title a").nth(14).scroll_into_view_if_needed()
    scrolled = page.evaluate("Math.round(window.scrollY)")
    assert scrolled > 400
    open_result(page, 14)
    assert "?" not in page.url and page.url.endswith(hrefs[14])
    assert (page.inner_text(BACK), page.get_attribute(BACK, "href")) == ("Back to results", search)

    with page.expect_navigation():
        page.click(BACK)
    assert path_of(page) == search
    assert page.locator(".card__title a").nth(14).get_attribute("href") == hrefs[14]
    if js_enabled:  # results-memory.js puts the list back where it was
        page.wait_for_function("(y) => Math.abs(window.scrollY - y) <= 2", arg=scrolled)


@pytest.mark.parametrize("js_enabled", [True, False], ids=["js", "no-js"])
def test_back_returns_to_page_two_of_a_search(js_enabled, page, library):
    add_published(library, 21)
    second = f"/case-studies/?topic={library.topics['digital'].slug}&page=2"
    page.goto(second)
    assert page.inner_text("[role=status]").endswith("showing 21 to 23")
    open_result(page, 1)

    with page.expect_navigation():
        page.click(BACK)

    assert path_of(page) == second
    assert page.inner_text("[role=status]").endswith("showing 21 to 23")


@pytest.mark.parametrize("js_enabled", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize(
    "referer",
    [None, "https://evil.example/case-studies/?q=x", "{base}/case-studies/map/", "{base}/accessibility/"],
    ids=["missing", "foreign", "map", "not-a-list"],
)
def test_back_link_without_a_results_referer_falls_back_to_the_list(
    js_enabled, referer, page, library, live_server
):
    url = library.featured.get_absolute_url()
    response = page.goto(url, referer=referer.format(base=live_server.url) if referer else None)

    assert response.status == 200
    assert (page.inner_text(BACK), page.get_attribute(BACK, "href")) == (
        "Browse all case studies",
        "/case-studies/",
    )


def test_back_link_remembers_the_results_when_the_referer_is_not_a_list(page, library):
    """From a result to a related case study: the Referer is a case study, so the script fills in the search
    this tab showed last."""
    search = f"/case-studies/?topic={library.topics['housing'].slug}"
    page.goto(search)
    open_result(page, 0)
    with page.expect_navigation():
        page.click(".related a")

    assert (page.inner_text(BACK), page.get_attribute(BACK, "href")) == ("Back to results", search)
    with page.expect_navigation():
        page.click(BACK)
    assert path_of(page) == search


@pytest.mark.parametrize("js_enabled", [True, False], ids=["js", "no-js"])
def test_query_string_on_a_case_study_is_a_permanent_redirect(js_enabled, page, library):
    url = library.featured.get_absolute_url()

    response = page.goto(f"{url}?back=%2Fcase-studies%2F%3Fpage%3D2&utm_source=newsletter")

    assert response.status == 200
    assert response.request.redirected_from is not None
    assert response.request.redirected_from.response().status == 301
    assert path_of(page) == url
    assert page.get_attribute("link[rel=canonical]", "href") == settings.SITE_URL + url


def test_copied_link_is_the_clean_address(page, library, browser_context, live_server):
    browser_context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto("/case-studies/")
    open_result(page, 0)

    page.click("button[data-copy-url]")

    page.wait_for_function(
        "() => document.querySelector('[data-copy-status]').textContent.startsWith('Link')"
    )
    assert page.inner_text("[data-copy-status]") == (
        "Link copied. You can now paste it into a message or document."
    )
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == settings.SITE_URL + library.featured.get_absolute_url()

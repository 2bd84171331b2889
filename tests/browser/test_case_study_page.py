"""A case study's page: the contents list (focus moves to the section), the right-hand column on wide screens
(sticky contents, topics, share links, related case studies), the order on a phone, and axe."""

from urllib.parse import quote

import pytest
from django.conf import settings

from casestudies.models import CaseStudy

from .helpers import assert_no_axe_violations, screenshot

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 800}
CONTENTS = [
    ("#challenge", "The challenge"),
    ("#solution", "The solution"),
    ("#impact", "The impact"),
    ("#sustainability", "How the approach is being sustained"),
    ("#lessons", "Lessons learned"),
    ("#contact", "Contact"),
]


def long_case_study(library) -> str:
    """The featured case study with long sections, so that the page scrolls well past one screen."""
    paragraph = "The team met residents at home, listened first and wrote down what they heard. " * 6
    text = "\n\n".join([paragraph] * 4)
    CaseStudy.objects.filter(pk=library.featured.pk).update(impact=text, sustainability=text, lessons=text)
    return library.featured.get_absolute_url()


def box(page, selector: str) -> dict:
    return page.eval_on_selector(
        selector,
        "el => { const r = el.getBoundingClientRect(); return {x: r.x, y: r.y + window.scrollY, top: r.top, width: r.width}; }",
    )


def test_contents_lists_the_sections_in_order(page, library):
    page.goto(library.featured.get_absolute_url())

    links = page.eval_on_selector_all(
        "nav.contents a", "links => links.map(a => [a.getAttribute('href'), a.textContent.trim()])"
    )
    assert [tuple(link) for link in links] == CONTENTS
    assert page.get_attribute("nav.contents", "aria-label") == "Contents"


@pytest.mark.parametrize("js_enabled", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1280"])
def test_contents_link_moves_focus_to_its_section(js_enabled, viewport, page, library):
    page.set_viewport_size(viewport)
    page.goto(long_case_study(library))

    page.click("nav.contents a[href='#lessons']")

    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'lessons'")
    assert page.evaluate("document.activeElement.textContent") == "Lessons learned"
    top = page.evaluate("document.getElementById('lessons').getBoundingClientRect().top")
    assert 0 <= top < 40, f"the section heading should be at the top of the window, is at {top}"
    # Tab carries on from the section: the next link is in it or after it, never back in the contents.
    page.keyboard.press("Tab")
    assert page.evaluate("!document.activeElement.closest('nav.contents')")


def test_contents_is_sticky_in_the_right_hand_column_on_wide_screens(page, library, screenshot_dir):
    page.set_viewport_size(WIDE)
    page.goto(long_case_study(library))
    contents, article = box(page, "nav.contents"), box(page, ".case-study__body")
    assert contents["x"] > article["x"] + article["width"], "the contents should be right of the text"

    page.evaluate("window.scrollTo(0, document.getElementById('sustainability').offsetTop)")
    assert (
        page.evaluate("Math.round(document.querySelector('nav.contents').getBoundingClientRect().top)") == 16
    )
    screenshot(page, screenshot_dir, "case-study-contents-sticky-1280")

    # The topics, share links and related case studies are in the same column, below the contents.
    more = box(page, ".case-study__more")
    assert more["x"] == contents["x"]
    assert [
        box(page, s)["y"] < box(page, t)["y"]
        for s, t in [(".case-study__tags", ".share"), (".share", ".related")]
    ] == [True, True]


def test_on_a_phone_everything_stacks_in_reading_order(page, library, screenshot_dir):
    page.set_viewport_size(PHONE)
    page.goto(library.featured.get_absolute_url())

    order = [
        "h1",
        ".case-study__summary",
        "nav.contents",
        "#challenge",
        "#contact",
        ".case-study__tags",
        ".share",
        ".related",
    ]
    tops = [box(page, selector)["y"] for selector in order]
    assert tops == sorted(tops), dict(zip(order, tops, strict=True))
    lefts = {box(page, selector)["x"] for selector in ["h1", "nav.contents", ".case-study__tags", ".share"]}
    assert max(lefts) - min(lefts) <= 20, lefts
    screenshot(page, screenshot_dir, "case-study-390")


@pytest.mark.parametrize("js_enabled", [True, False], ids=["js", "no-js"])
def test_share_links_give_the_clean_address(js_enabled, page, library):
    url = library.featured.get_absolute_url()
    page.goto(url)
    clean = settings.SITE_URL + url

    email = page.get_attribute(".share a[href^='mailto:']", "href")
    subject = quote(f"Case study: {library.featured.title}", safe="")
    assert email == f"mailto:?subject={subject}&body={quote(clean, safe='')}"
    assert page.get_attribute("button[data-copy-url]", "data-copy-url") == clean
    # The copy button needs JavaScript: without it, it stays hidden.
    assert page.is_visible("button[data-copy-url]") is js_enabled


def test_copy_link_says_so_in_a_live_region(page, library, browser_context, live_server):
    browser_context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(library.featured.get_absolute_url())
    assert page.get_attribute("[data-copy-status]", "aria-live") == "polite"

    page.focus("button[data-copy-url]")
    page.keyboard.press("Enter")

    page.wait_for_function("() => document.querySelector('[data-copy-status]').textContent !== ''")
    assert (
        page.inner_text("[data-copy-status]")
        == "Link copied. You can now paste it into a message or document."
    )
    assert (
        page.evaluate("navigator.clipboard.readText()")
        == settings.SITE_URL + library.featured.get_absolute_url()
    )


def test_topics_and_support_link_to_the_filtered_list(page, library):
    page.goto(library.featured.get_absolute_url())

    links = page.eval_on_selector_all(
        ".case-study__tags a", "links => links.map(a => [a.textContent.trim(), a.getAttribute('href')])"
    )
    assert [tuple(link) for link in links] == [
        ("Housing", "/case-studies/?topic=housing"),
        ("Health and care", "/case-studies/?topic=health-and-care"),
        ("Grant funding", "/case-studies/?support_type=grant"),
    ]


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1280"])
def test_case_study_page_has_no_axe_violations(viewport, page, library, browser_context, live_server):
    browser_context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.set_viewport_size(viewport)
    page.goto(long_case_study(library))
    page.click("button[data-copy-url]")  # with the status message showing
    page.wait_for_function("() => document.querySelector('[data-copy-status]').textContent !== ''")
    page.click("nav.contents a[href='#impact']")

    assert_no_axe_violations(page)


def test_print_hides_contents_and_share_and_keeps_topics(page, library):
    page.goto(library.featured.get_absolute_url())
    page.emulate_media(media="print")

    display = "s => getComputedStyle(document.querySelector(s)).display"
    assert [
        page.eval_on_selector("body", f"() => ({display})('{s}')")
        for s in ["nav.contents", ".share", ".case-study__tags"]
    ] == ["none", "none", "block"]
    assert page.inner_text(".case-study__tags").startswith("Topics and support")

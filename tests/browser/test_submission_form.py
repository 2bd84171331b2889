"""The submission form in a real browser (issue 21): a long paste goes in whole, is counted (words and
characters, announced once typing settles) and is refused by the server naming the limit, with nothing lost;
an empty form sent at once shows its field errors and not "sent too quickly"."""

import pytest

from .helpers import assert_no_axe_violations, screenshot, settled_text
from .states import SUBMIT_BUTTON, SUBMIT_URL, fill_submission

pytestmark = pytest.mark.browser

# Realistic text, 50,000 characters: far past the challenge's 500 words and its 7,500-character backstop.
PASTE = ("Cold homes sent older residents to hospital every winter. " * 900)[:50_000]
OVER = "7,759 of 500 words – 7,259 too many, 50,000 of 7,500 characters – 42,500 too many"
TOO_QUICK = "That was sent too quickly. Check your answers and send the form again."


def paste(page, selector: str, text: str) -> None:
    """Paste as a person does: the text on the clipboard, then Ctrl+V in the field (the browser applies any
    ``maxlength`` to a paste)."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.evaluate("(text) => navigator.clipboard.writeText(text)", text)
    page.focus(selector)
    page.keyboard.press("Control+V")


def send(page):
    with page.expect_navigation() as navigation:
        page.click(SUBMIT_BUTTON)
    return navigation.value


def watch_announcements(page, selector: str) -> None:
    """Count every change to the live region's text from now on (in ``window.announcements``)."""
    page.evaluate(
        """(selector) => {
          window.announcements = [];
          const region = document.querySelector(selector);
          new MutationObserver(() => window.announcements.push(region.textContent))
            .observe(region, {childList: true, characterData: true, subtree: true});
        }""",
        selector,
    )


def test_long_paste_is_let_in_counted_and_refused_naming_the_limit(page, library, screenshot_dir):
    page.goto(SUBMIT_URL)
    fill_submission(page, library)
    watch_announcements(page, "#id_challenge-count-status")
    page.fill("#id_challenge", "")
    paste(page, "#id_challenge", PASTE)

    assert len(page.input_value("#id_challenge")) == 50_000  # nothing cut
    counter = page.locator("#id_challenge-count")
    assert counter.text_content() == OVER
    assert "word-count--over" in counter.get_attribute("class")
    status = page.locator("#id_challenge-count-status")
    assert status.get_attribute("aria-live") == "polite"
    page.wait_for_function("() => window.announcements.length > 0", timeout=5_000)
    page.wait_for_timeout(2_000)
    assert page.evaluate("window.announcements") == [OVER]  # once, when the paste settled
    assert page.get_attribute("#id_challenge", "aria-describedby").split() == [
        "id_challenge-hint",
        "id_challenge-count",
    ]
    assert_no_axe_violations(page)

    assert send(page).status == 200
    assert page.locator(".error-summary li").all_inner_texts() == [
        "The challenge must be 500 words or fewer (you have 7,759)"
    ]
    assert page.text_content("#id_challenge-error") == (
        "Error: The challenge must be 500 words or fewer (you have 7,759)"
    )
    assert page.input_value("#id_challenge") == PASTE  # the text is still there, whole
    assert page.locator("#id_challenge-count").text_content() == OVER
    assert page.input_value("#id_title") == "Wigan: warm homes for older residents"
    assert_no_axe_violations(page)
    screenshot(page, screenshot_dir, "submit-long-paste-refused")


def test_count_is_announced_when_typing_settles_not_at_every_keystroke(page, library):
    page.goto(SUBMIT_URL)
    watch_announcements(page, "#id_summary-count-status")
    page.type("#id_summary", "Warm homes for older residents", delay=40)
    assert (
        settled_text(page, "#id_summary-count", "5 of 100 words, 30 of 1,500 characters")
        == "5 of 100 words, 30 of 1,500 characters"
    )
    assert page.evaluate("window.announcements") == []
    page.wait_for_function("() => window.announcements.length > 0", timeout=5_000)
    page.wait_for_timeout(500)
    assert page.evaluate("window.announcements") == ["5 of 100 words, 30 of 1,500 characters"]


@pytest.mark.parametrize("js_enabled", [True, False], ids=["js", "no-js"])
def test_empty_form_sent_at_once_shows_only_its_field_errors(page, library, settings, js_enabled):
    settings.SUBMISSION_MIN_SECONDS = 3
    page.goto(SUBMIT_URL)
    assert send(page).status == 200
    errors = page.locator(".error-summary li").all_inner_texts()
    assert errors[:3] == ["Enter a title", "Choose the council that led the work", "Enter a summary"]
    assert len(errors) == 15
    assert TOO_QUICK not in page.inner_text("main")

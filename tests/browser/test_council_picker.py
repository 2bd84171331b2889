"""The lead-council picker: type part of a council's name and pick it, with the keyboard only (ARIA 1.2 combobox
over the <select>); without JavaScript the <select> works as before."""

import pytest

from casestudies.models import CaseStudy
from tests.factories import make_council

from .data import request_changes, save_draft
from .helpers import assert_no_axe_violations, tab_until
from .states import ANSWERS, SUBMIT_BUTTON, SUBMIT_URL, chosen_council, fill_submission

pytestmark = pytest.mark.browser

BOX = "#id_lead_council"


@pytest.fixture
def councils(library):
    return {
        "kirklees": make_council("Kirklees", code="KIR", official_name="Kirklees Council"),
        "merthyr": make_council(
            "Merthyr Tydfil",
            code="MTY",
            official_name="Merthyr Tydfil County Borough Council",
            nation="Wales",
        ),
        "anglesey": make_council("Ynys Môn", code="AGY", official_name="Isle of Anglesey County Council"),
        "kirkcaldy": make_council("Fife", code="FIF", official_name="Fife Council (Kirkcaldy offices)"),
    }


def submitted() -> CaseStudy:
    return (
        CaseStudy.objects.filter(title=ANSWERS["title"], status=CaseStudy.Status.SUBMITTED)
        .select_related("lead_council")
        .get()
    )


def listed(page) -> list[str]:
    return page.locator("#id_lead_council-options [role=option]").all_inner_texts()


def live_text(page) -> str:
    return page.inner_text(".council-picker [aria-live=polite]")


def attr(page, name: str) -> str | None:
    return page.get_attribute(BOX, name)


def test_picker_keyboard_only_type_arrow_enter(page, councils):
    page.goto(SUBMIT_URL)
    page.focus("#id_title")
    tab_until(page, BOX)
    assert page.evaluate("document.activeElement.getAttribute('role')") == "combobox"
    assert (attr(page, "aria-expanded"), attr(page, "aria-controls")) == ("false", "id_lead_council-options")

    page.keyboard.type("kirk")

    # Kirklees starts with "kirk"; Fife's official name only contains it, so it comes second.
    assert listed(page) == ["Kirklees", "Fife"]
    assert attr(page, "aria-expanded") == "true"
    assert attr(page, "aria-activedescendant") is None
    assert (
        live_text(page) == "2 councils match. Use the up and down arrow keys to choose one, then press Enter."
    )
    page.keyboard.press("ArrowDown")
    assert attr(page, "aria-activedescendant") == "id_lead_council-options-0"
    assert page.get_attribute("#id_lead_council-options-0", "aria-selected") == "true"
    page.keyboard.press("Enter")

    assert page.input_value(BOX) == "Kirklees"
    assert chosen_council(page) == "KIR"
    assert (attr(page, "aria-expanded"), attr(page, "aria-activedescendant")) == ("false", None)
    assert live_text(page) == "Kirklees chosen."
    assert page.url.endswith(SUBMIT_URL), "Enter in the list must not send the form"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_partners"


def test_picker_matches_official_names_and_ignores_accents(page, councils):
    page.goto(SUBMIT_URL)

    page.fill(BOX, "county borough")
    assert listed(page) == ["Merthyr Tydfil"]
    assert live_text(page).startswith("1 council matches.")

    page.fill(BOX, "ynys mon")
    assert listed(page) == ["Ynys Môn"]
    page.press(BOX, "ArrowUp")  # Up from nothing wraps to the last option
    page.press(BOX, "Enter")
    assert chosen_council(page) == "AGY"

    page.fill(BOX, "anglesey")
    assert listed(page) == ["Ynys Môn"]


def test_picker_says_when_nothing_matches_and_escape_clears(page, councils):
    page.goto(SUBMIT_URL)

    page.fill(BOX, "Atlantis")

    message = "No council matches “Atlantis”. Check the spelling or try another part of its name."
    assert page.inner_text(".council-picker__none") == message
    assert live_text(page) == message
    assert attr(page, "aria-expanded") == "false"
    assert chosen_council(page) == ""
    page.press(BOX, "Escape")
    assert (page.input_value(BOX), page.is_visible(".council-picker__none")) == ("", False)


def test_picker_typing_a_whole_name_chooses_it_without_the_list(page, councils):
    page.goto(SUBMIT_URL)
    page.fill(BOX, "kirklees council")
    assert chosen_council(page) == "KIR"
    page.fill(BOX, "Kirkle")
    assert chosen_council(page) == "", "a part of a name chooses nothing"


def test_picker_mouse_pick(page, councils):
    page.goto(SUBMIT_URL)
    page.fill(BOX, "merth")
    page.click("#id_lead_council-options-0")
    assert (page.input_value(BOX), chosen_council(page)) == ("Merthyr Tydfil", "MTY")


def test_picker_sends_the_chosen_council_with_the_form(page, library, councils):
    page.goto(SUBMIT_URL)
    fill_submission(page, library)
    page.fill(BOX, "kirk")
    page.press(BOX, "ArrowDown")
    page.press(BOX, "Enter")

    with page.expect_navigation():
        page.click(SUBMIT_BUTTON)

    assert page.inner_text("h1") == "Case study received"
    stored = submitted()
    assert (stored.title, stored.lead_council.code) == (ANSWERS["title"], "KIR")


def test_picker_keeps_the_chosen_council_after_errors(page, councils):
    page.goto(SUBMIT_URL)
    page.fill(BOX, "merth")
    page.press(BOX, "Enter")

    with page.expect_navigation():
        page.click(SUBMIT_BUTTON)

    page.wait_for_selector(".error-summary")
    assert (page.input_value(BOX), chosen_council(page)) == ("Merthyr Tydfil", "MTY")


def test_picker_keeps_text_that_chose_no_council_after_errors(page, councils):
    page.goto(SUBMIT_URL)
    page.fill(BOX, "kirk")
    page.press(BOX, "Escape")  # closes the list without choosing

    with page.expect_navigation():
        page.click(SUBMIT_BUTTON)

    page.wait_for_selector(".error-summary")
    assert (page.input_value(BOX), chosen_council(page)) == ("kirk", "")
    # Two councils match it: they are listed, and the note says so.
    assert (attr(page, "aria-expanded"), listed(page)) == ("true", ["Kirklees", "Fife"])
    assert page.inner_text(".council-picker__none") == "2 councils match “kirk”: choose one."
    page.press(BOX, "ArrowDown")
    page.press(BOX, "Enter")
    assert chosen_council(page) == "KIR"


def test_picker_error_is_linked_to_the_box(page, councils):
    page.goto(SUBMIT_URL)
    with page.expect_navigation():
        page.click(SUBMIT_BUTTON)

    assert attr(page, "aria-invalid") == "true"
    assert attr(page, "aria-describedby") == "id_lead_council-hint id_lead_council-error"
    assert " ".join(page.text_content("#id_lead_council-error").split()) == (
        "Error: Choose the council that led the work"
    )
    page.click(".error-summary a[href='#id_lead_council']")
    assert page.evaluate("document.activeElement.id") == "id_lead_council"


def test_picker_open_list_passes_axe(page, councils):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(SUBMIT_URL)
    page.fill(BOX, "kirk")
    page.press(BOX, "ArrowDown")
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_picker_shows_the_council_of_a_resumed_draft(page, library):
    page.goto(save_draft(library))

    assert page.get_attribute(BOX, "role") == "combobox"
    assert (page.input_value(BOX), chosen_council(page)) == ("Leeds", "LDS")


def test_picker_shows_the_council_on_the_changes_form(page, library):
    page.goto(request_changes(library.unpublished))

    assert page.inner_text("h1") == "Make the changes the editors asked for"
    assert page.get_attribute(BOX, "role") == "combobox"
    assert (page.input_value(BOX), chosen_council(page)) == ("Leeds", "LDS")


def test_picker_prints_the_chosen_council_not_the_list(page, councils):
    page.goto(SUBMIT_URL)
    page.fill(BOX, "kirk")
    page.press(BOX, "Enter")
    page.emulate_media(media="print")

    displays = page.evaluate(
        """() => [document.querySelector('#id_lead_council'), document.querySelector('#id_lead_council-options'),
                  document.querySelector('select[name=lead_council]')].map(el => getComputedStyle(el).display)"""
    )
    assert (page.input_value(BOX), displays) == ("Kirklees", ["inline-block", "none", "none"])


@pytest.mark.parametrize("js_enabled", [False], ids=["no-js"])
def test_without_javascript_the_select_is_unchanged(page, library, councils, js_enabled):
    page.goto(SUBMIT_URL)
    assert page.eval_on_selector(BOX, "element => element.tagName") == "SELECT"
    fill_submission(page, library)
    page.select_option(BOX, "KIR")

    with page.expect_navigation():
        page.click(SUBMIT_BUTTON)

    assert page.inner_text("h1") == "Case study received"
    assert (submitted().title, submitted().lead_council.code) == (ANSWERS["title"], "KIR")

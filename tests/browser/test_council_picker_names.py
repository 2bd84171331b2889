"""Which council a name means, over the real council list (fixtures/uk_local_authorities.csv): leaving the box with
a name only one council matches chooses it; a name several match lists them and says so; Welsh names and common
short names are found (fixtures/welsh_council_names.json, sent as the options' data attributes only)."""

import pytest

from casestudies.interchange.loading import load_councils
from casestudies.models import CaseStudy, Council

from .helpers import assert_no_axe_violations
from .states import ANSWERS, SUBMIT_BUTTON, SUBMIT_URL, chosen_council, fill_submission

pytestmark = pytest.mark.browser

BOX = "#id_lead_council"
NOTE = "#id_lead_council-note"
NEWCASTLES = ["Newcastle-under-Lyme", "Newcastle upon Tyne"]


@pytest.fixture
def council_list(library):
    """Every council of the list, as `manage.py load_councils` loads it (over the library's own councils)."""
    load_councils()


def listed(page) -> list[str]:
    return page.locator("#id_lead_council-options [role=option]").all_inner_texts()


def live_text(page) -> str:
    return page.inner_text(".council-picker [aria-live=polite]")


def attr(page, name: str) -> str | None:
    return page.get_attribute(BOX, name)


def focused_id(page) -> str:
    return page.evaluate("document.activeElement.id")


def type_and_tab(page, text: str) -> None:
    """Type into the box as a person does (key by key), then leave it with Tab."""
    page.fill(BOX, "")
    page.focus(BOX)
    page.keyboard.type(text)
    page.keyboard.press("Tab")


def submitted() -> CaseStudy:
    return (
        CaseStudy.objects.filter(title=ANSWERS["title"], status=CaseStudy.Status.SUBMITTED)
        .select_related("lead_council")
        .get()
    )


def test_picker_tab_after_a_name_only_one_council_matches_chooses_it(page, council_list):
    page.goto(SUBMIT_URL)

    page.focus(BOX)
    page.keyboard.type("Bristol")
    assert listed(page) == ["City of Bristol"]
    assert chosen_council(page) == "", "a part of a name chooses nothing while typing"
    page.keyboard.press("Tab")

    assert (page.input_value(BOX), chosen_council(page)) == ("City of Bristol", "BST")
    assert live_text(page) == "City of Bristol chosen."
    assert (attr(page, "aria-expanded"), page.is_visible("#id_lead_council-options")) == ("false", False)
    assert focused_id(page) == "id_partners", "Tab still moves on"


def test_picker_leaving_chooses_newcastle_when_only_one_current_council_fits(page, council_list):
    Council.objects.filter(code="NEC").update(is_current=False)  # Newcastle-under-Lyme, as if abolished
    page.goto(SUBMIT_URL)

    page.fill(BOX, "newcastle")
    assert listed(page) == ["Newcastle upon Tyne"]
    page.click("#id_title")  # leaving with the mouse is leaving too

    assert (page.input_value(BOX), chosen_council(page)) == ("Newcastle upon Tyne", "NET")
    assert live_text(page) == "Newcastle upon Tyne chosen."


def test_picker_leaving_an_ambiguous_name_lists_the_choices_and_says_so(page, council_list):
    page.goto(SUBMIT_URL)

    type_and_tab(page, "Newcastle")

    message = "2 councils match “Newcastle”: choose one."
    assert focused_id(page) == "id_partners", "the list never holds focus back"
    assert chosen_council(page) == ""
    assert (listed(page), page.is_visible("#id_lead_council-options")) == (NEWCASTLES, True)
    assert (page.inner_text(NOTE), live_text(page)) == (message, message)
    assert attr(page, "aria-expanded") == "true"
    assert attr(page, "aria-describedby") == "id_lead_council-hint id_lead_council-note"
    # In the page's flow: the list pushes the next field down instead of covering it.
    options = page.locator("#id_lead_council-options").bounding_box()
    partners = page.locator("#id_partners").bounding_box()
    assert options["y"] + options["height"] <= partners["y"]
    assert_no_axe_violations(page)

    page.keyboard.press("Shift+Tab")  # back to the box: the arrow keys pick from the list
    assert focused_id(page) == "id_lead_council"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")

    assert (page.input_value(BOX), chosen_council(page)) == ("Newcastle upon Tyne", "NET")
    assert (page.is_visible(NOTE), attr(page, "aria-describedby")) == (False, "id_lead_council-hint")


def test_picker_an_ambiguous_list_left_in_view_can_be_clicked(page, council_list):
    page.goto(SUBMIT_URL)
    type_and_tab(page, "Newcastle")

    page.click("#id_lead_council-options [role=option] >> text=Newcastle-under-Lyme")

    assert (page.input_value(BOX), chosen_council(page)) == ("Newcastle-under-Lyme", "NEC")
    assert (attr(page, "aria-expanded"), page.is_visible(NOTE)) == ("false", False)


def test_picker_leaving_a_name_many_councils_match_lists_the_first_twelve(page, council_list):
    page.goto(SUBMIT_URL)
    type_and_tab(page, "borough")

    count = int(page.inner_text(NOTE).split()[0])
    assert count > 12
    assert page.inner_text(NOTE) == (
        f"{count} councils match “borough”: type more of the name, or choose one of the first 12."
    )
    assert (len(listed(page)), chosen_council(page)) == (12, "")


@pytest.mark.parametrize(
    ("typed", "label", "code"),
    [
        ("Ynys Môn", "Isle of Anglesey", "AGY"),
        ("ynys", "Isle of Anglesey", "AGY"),
        ("Ynys Mon", "Isle of Anglesey", "AGY"),
        ("Cyngor Sir Ynys Môn", "Isle of Anglesey", "AGY"),
        ("Caerdydd", "Cardiff", "CRF"),
        ("Abertawe", "Swansea", "SWA"),
        ("Casnewydd", "Newport", "NWP"),
        ("Wrecsam", "Wrexham", "WRX"),
        ("Sir Fynwy", "Monmouthshire", "MON"),
        ("pen y bont", "Bridgend", "BGE"),
        ("Castell-nedd", "Neath Port Talbot", "NTL"),
        ("Merthyr Tudful", "Merthyr Tydfil", "MTY"),
        ("Sir Gâr", "Carmarthenshire", "CMN"),
        ("anglesey", "Isle of Anglesey", "AGY"),
        ("Brighton", "Brighton and Hove", "BNH"),
    ],
)
def test_picker_finds_welsh_and_short_names(page, council_list, typed, label, code):
    page.goto(SUBMIT_URL)

    page.focus(BOX)
    page.keyboard.type(typed)
    assert listed(page) == [label]
    assert live_text(page).startswith("1 council matches.")
    page.keyboard.press("Tab")

    assert (page.input_value(BOX), chosen_council(page)) == (label, code)


def test_picker_typing_a_whole_welsh_name_chooses_it(page, council_list):
    page.goto(SUBMIT_URL)

    page.fill(BOX, "caerdydd")
    assert chosen_council(page) == "CRF"
    page.press(BOX, "Tab")
    assert (page.input_value(BOX), live_text(page)) == ("Cardiff", "Cardiff chosen.")


def test_picker_the_council_left_chosen_is_sent_with_the_form(page, library, council_list):
    page.goto(SUBMIT_URL)
    fill_submission(page, library)
    page.fill(BOX, "Bristol")

    with page.expect_navigation():
        page.click(SUBMIT_BUTTON)

    assert page.inner_text("h1") == "Case study received"
    assert submitted().lead_council.code == "BST"


def test_picker_enter_with_the_list_closed_sends_the_only_match(page, library, council_list):
    page.goto(SUBMIT_URL)
    fill_submission(page, library)
    page.fill(BOX, "Abertawe")
    page.press(BOX, "Escape")  # the list closes; Enter now sends the form from the box

    with page.expect_navigation():
        page.press(BOX, "Enter")

    assert page.inner_text("h1") == "Case study received"
    assert submitted().lead_council.code == "SWA"


def test_picker_keeps_an_ambiguous_name_and_its_choices_after_errors(page, council_list):
    page.goto(SUBMIT_URL)
    page.fill("#id_title", ANSWERS["title"])
    page.fill(BOX, "Newcastle")

    with page.expect_navigation():
        page.click(SUBMIT_BUTTON)

    page.wait_for_selector(".error-summary")
    assert (page.input_value("#id_title"), page.input_value(BOX), chosen_council(page)) == (
        ANSWERS["title"],
        "Newcastle",
        "",
    )
    assert listed(page) == NEWCASTLES
    assert page.inner_text(NOTE) == "2 councils match “Newcastle”: choose one."
    assert attr(page, "aria-describedby") == "id_lead_council-hint id_lead_council-error id_lead_council-note"
    assert_no_axe_violations(page)

    page.click("#id_lead_council-options [role=option] >> text=Newcastle upon Tyne")
    assert chosen_council(page) == "NET"


@pytest.mark.parametrize("js_enabled", [False], ids=["no-js"])
def test_without_javascript_the_select_shows_english_names_and_sends_the_choice(
    page, library, council_list, js_enabled
):
    page.goto(SUBMIT_URL)
    assert page.eval_on_selector(BOX, "element => element.tagName") == "SELECT"
    assert page.get_attribute(f"{BOX} option[value=CRF]", "data-welsh-name") == "Caerdydd"
    assert page.inner_text(f"{BOX} option[value=CRF]") == "Cardiff"
    body = page.inner_text("body")
    assert [name for name in ("Caerdydd", "Abertawe", "Ynys Môn", "Cyngor") if name in body] == []
    fill_submission(page, library)
    page.select_option(BOX, label="Cardiff")

    with page.expect_navigation():
        page.click(SUBMIT_BUTTON)

    assert page.inner_text("h1") == "Case study received"
    assert submitted().lead_council.code == "CRF"

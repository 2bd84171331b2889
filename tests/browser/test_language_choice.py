"""The submission form's language question in a real browser (issue 23): language-choice.js shows the boxes of
the language chosen, a box with an error stays shown, and with JavaScript off every box is there and the server
decides; a case study written in Welsh only is sent from the Welsh form. 0 axe violations with both sets shown."""

import pytest

from casestudies.models import CaseStudy
from tests.casestudies.submission_helpers import WELSH_ANSWERS

from .helpers import assert_no_axe_violations
from .states import ANSWERS, SUBMIT_BUTTON, SUBMIT_URL, choose_council, write_in

pytestmark = pytest.mark.browser

PEOPLE = ("partners", "contact_name", "contact_role", "contact_email", "submitter_name", "submitter_email")


def shown(page) -> dict[str, bool]:
    return {name: page.is_visible(f"#id_{name}") for name in ("title", "lessons", "title_cy", "lessons_cy")}


def send(page):
    with page.expect_navigation() as navigation:
        page.click(SUBMIT_BUTTON)
    return navigation.value


def test_the_boxes_follow_the_language_chosen(page, library):
    page.goto(SUBMIT_URL)
    assert shown(page) == {"title": True, "lessons": True, "title_cy": False, "lessons_cy": False}

    write_in(page, "cy")
    assert shown(page) == {"title": False, "lessons": False, "title_cy": True, "lessons_cy": True}

    write_in(page, "both")
    assert shown(page) == {"title": True, "lessons": True, "title_cy": True, "lessons_cy": True}
    assert_no_axe_violations(page)


def test_the_welsh_form_starts_with_the_welsh_boxes(page, library):
    page.goto("/cy" + SUBMIT_URL)

    assert page.is_checked("input[name=language][value=cy]")
    assert shown(page) == {"title": False, "lessons": False, "title_cy": True, "lessons_cy": True}


@pytest.mark.parametrize("js_enabled", [False])
def test_without_javascript_every_box_is_there_and_the_server_asks_for_the_welsh(page, library, js_enabled):
    page.goto(SUBMIT_URL)
    assert shown(page) == {"title": True, "lessons": True, "title_cy": True, "lessons_cy": True}
    for name, value in ANSWERS.items():
        page.fill(f"#id_{name}", value)
    choose_council(page, "Wigan")
    page.check(f"input[name=topics][value={library.topics['housing'].slug}]")
    page.check("#id_consent")
    write_in(page, "both")

    assert send(page).status == 200

    assert page.locator(".error-summary li").all_inner_texts() == [
        "Enter a title in Welsh",
        "Enter a summary in Welsh",
        "Describe the challenge in Welsh",
        "Describe the solution in Welsh",
        "Describe the impact in Welsh",
        "Say in Welsh how the approach is being sustained",
        "Enter the lessons learned in Welsh",
    ]
    assert page.is_checked("input[name=language][value=both]")
    assert page.input_value("#id_title") == ANSWERS["title"]


def test_a_welsh_only_case_study_is_sent_from_the_welsh_form(page, library):
    page.goto("/cy" + SUBMIT_URL)
    for name, value in WELSH_ANSWERS.items():
        page.fill(f"#id_{name}", value)
    for name in PEOPLE:
        page.fill(f"#id_{name}", ANSWERS[name])
    choose_council(page, "Wigan")
    page.check(f"input[name=topics][value={library.topics['housing'].slug}]")
    page.check("#id_consent")

    assert send(page).status == 200

    assert page.inner_text("h1") == "Astudiaeth achos wedi dod i law"
    case_study = CaseStudy.objects.get(title_cy=WELSH_ANSWERS["title_cy"])
    assert case_study.welsh_only is True
    assert case_study.lessons == WELSH_ANSWERS["lessons_cy"]

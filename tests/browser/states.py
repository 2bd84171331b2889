"""Every page type and state the public sees, each as a function that brings a Playwright page into it.

The axe, semantics, reflow and screenshot tests are parametrised over ``STATES`` (each state is its own test).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.test import Client
from django.utils import translation

from .data import (
    Library,
    add_evidence,
    add_files,
    add_published,
    make_editor,
    request_changes,
    review_link,
    save_draft,
)

SUBMIT_URL = "/case-studies/submit/"
SUBMIT_BUTTON = "form.submission-form button[type=submit]"

ANSWERS = {
    "title": "Wigan: warm homes for older residents",
    "partners": "Wigan and Leigh Housing, the local NHS trust",
    "summary": "The council insulated 400 homes of older residents and cut winter hospital admissions.",
    "challenge": "Cold homes were sending older residents to hospital every winter.",
    "solution": "A single team surveyed homes, arranged insulation and checked back after a month.",
    "impact": "Winter admissions among the residents helped fell by a quarter.",
    "sustainability": "The work is now funded from the core housing budget.",
    "lessons": "Start with the residents most at risk and measure from day one.",
    "contact_name": "Priya Patel",
    "contact_role": "Head of housing",
    "contact_email": "housing@wigan.example",
    "submitter_name": "Sam Jones",
    "submitter_email": "sam.jones@wigan.example",
}


@dataclass
class Visit:
    page: Any  # playwright.sync_api.Page
    library: Library
    request: Any  # pytest.FixtureRequest, for fixtures only some states need (settings)
    welsh: bool = False  # the same state on the /cy/ page (issue 23)

    @property
    def base_url(self) -> str:
        return self.request.getfixturevalue("live_server").url

    def path(self, path: str) -> str:
        """The page's path in the visit's language: English paths have no prefix, Welsh ones start /cy/."""
        return f"/cy{path}" if self.welsh and path.startswith("/") else path

    def says(self, english: str) -> str:
        """What a page in the visit's language says for an English message of the catalogue."""
        with translation.override("cy" if self.welsh else "en-gb"):
            return translation.gettext(english)

    def counts(self, english: str, *numbers: int) -> bool:
        """The live count says ``english`` on an English page; on a Welsh one, its numbers in the same order."""
        text = self.page.inner_text("[role=status]")
        if not self.welsh:
            return english in text
        return [int(n) for n in re.findall(r"\d+", text)][: len(numbers)] == list(numbers)


def goto(visit: Visit, path: str, status: int = 200):
    path = visit.path(path)
    response = visit.page.goto(path)
    assert response is not None and response.status == status, (
        f"{path}: expected {status}, got {response and response.status}"
    )
    return response


def choose_council(page, name: str) -> None:
    """Choose the lead council as a person would: the drop-down without JavaScript, else type and press Enter."""
    if page.eval_on_selector("#id_lead_council", "element => element.tagName") == "SELECT":
        page.select_option("#id_lead_council", label=name)
    else:
        page.fill("#id_lead_council", name)
        page.press("#id_lead_council", "Enter")


def chosen_council(page) -> str:
    """The code the form will send for the lead council (the <select> carries it, with or without the picker)."""
    return page.input_value("select[name=lead_council]")


def write_in(page, language: str) -> None:
    """Answer "Which language is your case study written in?" (``en``, ``cy`` or ``both``): the Welsh form starts
    at Welsh, and language-choice.js shows only the boxes of the language chosen."""
    page.check(f"input[name=language][value={language}]")


def fill_submission(page, library: Library) -> None:
    """A complete, valid submission in English, typed in the ordinary (non-keyboard-test) way."""
    write_in(page, "en")
    for name, value in ANSWERS.items():
        page.fill(f"#id_{name}", value)
    choose_council(page, "Wigan")
    page.check(f"input[name=topics][value={library.topics['housing'].slug}]")
    page.check("#id_consent")


def post_form(visit: Visit, status: int):
    with visit.page.expect_navigation() as navigation:
        visit.page.click(SUBMIT_BUTTON)
    response = navigation.value
    assert response is not None and response.status == status, (
        f"POST: expected {status}, got {response.status}"
    )
    return response


# --- the states ---------------------------------------------------------------------------------------------


def list_all(visit: Visit) -> None:
    goto(visit, "/case-studies/")


def list_filtered(visit: Visit) -> None:
    lib = visit.library
    goto(
        visit,
        f"/case-studies/?topic={lib.topics['housing'].slug}&support_type={lib.support_types['grant'].slug}",
    )
    assert visit.counts("1 result", 1)


def list_no_results(visit: Visit) -> None:
    goto(visit, f"/case-studies/?q=zeppelins&topic={visit.library.topics['digital'].slug}&sort=title")
    assert visit.counts("0 results", 0)


def list_paginated(visit: Visit) -> None:
    add_published(visit.library, 21)  # 26 published: two pages of 20
    goto(visit, "/case-studies/?page=2")


def topic_page(visit: Visit) -> None:
    goto(visit, visit.library.topics["housing"].get_absolute_url())


def case_study(visit: Visit) -> None:
    """Opened from a list of results: the browser sends the list's address as the Referer."""
    back = f"{visit.base_url}{visit.path('/case-studies/')}?topic={visit.library.topics['housing'].slug}"
    response = visit.page.goto(visit.path(visit.library.featured.get_absolute_url()), referer=back)
    assert response is not None and response.status == 200


def submit_empty(visit: Visit) -> None:
    goto(visit, SUBMIT_URL)


def submit_errors(visit: Visit) -> None:
    goto(visit, SUBMIT_URL)
    post_form(visit, 200)
    visit.page.wait_for_selector(".error-summary")


def submit_done(visit: Visit) -> None:
    goto(visit, SUBMIT_URL)
    fill_submission(visit.page, visit.library)
    post_form(visit, 200)
    assert visit.page.inner_text("h1") == visit.says("Case study received")


def submit_both_errors(visit: Visit) -> None:
    """Written in English and Welsh: both sets of boxes shown, the Welsh ones missing."""
    goto(visit, SUBMIT_URL)
    fill_submission(visit.page, visit.library)
    write_in(visit.page, "both")
    assert visit.page.is_visible("#id_title") and visit.page.is_visible("#id_lessons_cy")
    post_form(visit, 200)
    visit.page.wait_for_selector("#id_title_cy-error")
    assert visit.page.is_visible("#id_title") and visit.page.is_visible("#id_title_cy")


def rate_limited(visit: Visit) -> None:
    visit.request.getfixturevalue("settings").SUBMISSION_RATE_LIMIT = 0
    goto(visit, SUBMIT_URL)
    fill_submission(visit.page, visit.library)
    post_form(visit, 429)


def not_found(visit: Visit) -> None:
    goto(visit, "/case-studies/no-such-case-study/", status=404)


def not_found_debug(visit: Visit) -> None:
    """Under ``make run`` (DEBUG on) a missing page is still the site's own 404 page."""
    settings = visit.request.getfixturevalue("settings")
    settings.DEBUG, settings.DEBUG_TECHNICAL_404 = True, False
    goto(visit, "/case-studies/no-such-case-study/", status=404)
    assert visit.page.inner_text("h1") == visit.says("Page not found")


def bad_request(visit: Visit) -> None:
    visit.request.getfixturevalue("settings").ROOT_URLCONF = "tests.browser.urls_500"
    goto(visit, "/test-only/bad-request/", status=400)


def forbidden(visit: Visit) -> None:
    """A form sent without its CSRF cookie (as after a session expires) gets the 403 page."""
    goto(visit, SUBMIT_URL)
    visit.page.context.clear_cookies()
    post_form(visit, 403)


def server_error(visit: Visit) -> None:
    visit.request.getfixturevalue("settings").ROOT_URLCONF = "tests.browser.urls_500"
    goto(visit, "/test-only/boom/", status=500)


def accessibility_statement(visit: Visit) -> None:
    goto(visit, "/accessibility/")


def councils(visit: Visit) -> None:
    goto(visit, "/councils/")


def council_page(visit: Visit) -> None:
    goto(visit, f"/councils/{visit.library.councils['wigan'].code}/")


def open_data(visit: Visit) -> None:
    goto(visit, "/open-data/")


def alert_form(visit: Visit) -> None:
    goto(visit, f"/alerts/new/?topic={visit.library.topics['housing'].slug}")


def alert_errors(visit: Visit) -> None:
    alert_form(visit)
    with visit.page.expect_navigation() as navigation:
        visit.page.click("main form button[type=submit]")
    assert navigation.value.status == 200
    visit.page.wait_for_selector(".error-summary")


def log_in_editor(visit: Visit) -> None:
    """Sign an editor in: a session made by the test client, its cookie copied into the browser."""
    client = Client()
    client.force_login(make_editor(), backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies["sessionid"]
    visit.page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": visit.base_url}])


def case_study_map(visit: Visit) -> None:
    goto(visit, "/case-studies/map/")
    assert visit.counts("5 results from 3 councils", 5, 3)


def map_filtered(visit: Visit) -> None:
    goto(visit, f"/case-studies/map/?topic={visit.library.topics['housing'].slug}&order=name")
    assert visit.counts("3 results from 3 councils", 3, 3)


def insights(visit: Visit) -> None:
    goto(visit, "/insights/")
    assert visit.counts("5 results from 3 councils", 5, 3)


def insights_filtered(visit: Visit) -> None:
    goto(visit, f"/insights/?support_type={visit.library.support_types['grant'].slug}")
    visit.page.click("details.chart-data summary")  # one table open, as a reader would open it
    assert visit.counts("2 results from 1 council", 2, 1)


def editor_preview(visit: Visit) -> None:
    log_in_editor(visit)
    goto(visit, visit.library.unpublished.get_absolute_url())
    assert visit.says("Preview — not published") in visit.page.inner_text(".preview-banner")


def case_study_with_files(visit: Visit) -> None:
    add_files(visit.library.featured)
    goto(visit, visit.library.featured.get_absolute_url())


def case_study_with_evidence(visit: Visit) -> None:
    """Impact, cost and evidence at a glance, with an outcomes table wider than a phone (issue 20)."""
    add_evidence(visit.library.featured)
    goto(visit, visit.library.featured.get_absolute_url())


def submit_file_errors(visit: Visit) -> None:
    goto(visit, SUBMIT_URL)
    fill_submission(visit.page, visit.library)
    visit.page.set_input_files(
        "#id_lead_image",
        files=[{"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": b"<html>not a photo"}],
    )
    post_form(visit, 200)
    visit.page.wait_for_selector("#id_lead_image-error")


def draft_email(visit: Visit) -> None:
    goto(visit, SUBMIT_URL)
    write_in(visit.page, "en")
    visit.page.fill("#id_title", "Half-finished case study")
    with visit.page.expect_navigation():
        visit.page.click("button[value=save]")
    assert visit.page.inner_text("h1") == visit.says(
        "Your answers are saved: where should we send your link?"
    )


def draft_saved(visit: Visit) -> None:
    draft_email(visit)
    visit.page.fill("#id_email", "sam.jones@wigan.example")
    with visit.page.expect_navigation():
        visit.page.click("main form button[type=submit]")
    assert visit.page.inner_text("h1") == visit.says("Your answers are saved")


def draft_resumed(visit: Visit) -> None:
    goto(visit, save_draft(visit.library))
    assert visit.page.input_value("#id_title") == "Leeds: a half-written case study"


def link_expired(visit: Visit) -> None:
    goto(visit, save_draft(visit.library, expired=True), status=410)


def changes_form(visit: Visit) -> None:
    goto(visit, request_changes(visit.library.unpublished))
    assert visit.page.inner_text("h1") == visit.says("Make the changes the editors asked for")


def review_page(visit: Visit) -> None:
    goto(visit, review_link(visit.library.featured))
    assert visit.page.inner_text("h1") == visit.says("Is this case study still accurate?")


def review_form(visit: Visit) -> None:
    add_files(visit.library.featured)
    goto(visit, review_link(visit.library.featured, edit=True))
    assert visit.page.inner_text("h1") == visit.says("Update your case study")
    saved = visit.says("Your report is saved: %(type)s, %(size)s. To replace it, choose another file below.")
    assert visit.page.inner_text("#evaluation-report .file-kept").startswith(
        saved.split("%(type)s")[0] + "PDF"
    )


STATES: dict[str, Callable[[Visit], None]] = {
    "list": list_all,
    "list-filtered": list_filtered,
    "list-no-results": list_no_results,
    "list-paginated": list_paginated,
    "topic": topic_page,
    "case-study": case_study,
    "submit-empty": submit_empty,
    "submit-errors": submit_errors,
    "submit-done": submit_done,
    "submit-both-errors": submit_both_errors,
    "rate-limited-429": rate_limited,
    "not-found-404": not_found,
    "not-found-debug-404": not_found_debug,
    "bad-request-400": bad_request,
    "forbidden-403": forbidden,
    "server-error-500": server_error,
    "accessibility-statement": accessibility_statement,
    "editor-preview": editor_preview,
    "councils": councils,
    "council": council_page,
    "open-data": open_data,
    "alert-form": alert_form,
    "alert-errors": alert_errors,
    "map": case_study_map,
    "map-filtered": map_filtered,
    "insights": insights,
    "insights-filtered": insights_filtered,
    "case-study-with-files": case_study_with_files,
    "case-study-with-evidence": case_study_with_evidence,
    "submit-file-errors": submit_file_errors,
    "draft-email": draft_email,
    "draft-saved": draft_saved,
    "draft-resumed": draft_resumed,
    "link-expired-410": link_expired,
    "changes-form": changes_form,
    "review-page": review_page,
    "review-form": review_form,
}

LIST_STATES = ["list", "list-filtered", "list-no-results", "list-paginated", "topic", "council"]
LIST_STATES += ["map", "map-filtered", "insights", "insights-filtered"]
FORM_STATES = ["submit-empty", "submit-errors", "rate-limited-429"]


def open_state(name: str, page, library: Library, request, *, welsh: bool = False) -> Visit:
    visit = Visit(page=page, library=library, request=request, welsh=welsh)
    STATES[name](visit)
    return visit

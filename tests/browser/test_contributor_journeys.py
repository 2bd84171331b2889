"""The contributor and editor journeys of issue 13 in a real browser, with axe on every page they pass through:
save and come back later (the link in the email restores everything, files included), and request changes (the
editor asks in the admin, the submitter answers in the same form)."""

import re

import pytest
from django.core import mail
from django.test import Client

from casestudies.models import CaseStudy, SubmissionDraft
from casestudies.models.revisions import save_revision
from tests.casestudies.file_helpers import image_bytes, pdf_bytes

from .conftest import DESKTOP
from .data import make_editor, review_link
from .helpers import assert_no_axe_violations, screenshot
from .states import ANSWERS, SUBMIT_URL, choose_council, chosen_council, fill_submission

pytestmark = pytest.mark.browser
DRAFT_LINK = re.compile(r"https?://[^/\s]+(/case-studies/submit/draft/[^/\s]+/)")
CHANGES_LINK = re.compile(r"https?://[^/\s]+(/case-studies/submit/changes/[^/\s]+/)")
NOTE = "Please say how many homes were insulated in the first year."


def navigate(page, selector: str):
    with page.expect_navigation() as navigation:
        page.click(selector)
    return navigation.value


def fresh_browser(browser, live_server, js_enabled=True):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=js_enabled, viewport=DESKTOP)
    context.set_default_timeout(10_000)
    return context


@pytest.mark.parametrize("js_enabled", [True, False], ids=["js", "no-js"])
def test_save_and_come_back_later(page, library, browser, live_server, js_enabled, screenshot_dir):
    page.goto(SUBMIT_URL)
    page.fill("#id_title", ANSWERS["title"])
    page.fill("#id_challenge", ANSWERS["challenge"])
    choose_council(page, "Wigan")
    page.check(f"input[name=topics][value={library.topics['housing'].slug}]")
    page.set_input_files(
        "#id_lead_image",
        files=[{"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": image_bytes("JPEG", (1200, 800))}],
    )
    page.fill("#id_lead_image_alt", "Volunteers in a loft")
    page.set_input_files(
        "#id_document_1", files=[{"name": "report.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    page.fill("#id_document_1_title", "Evaluation report")

    assert navigate(page, "button[value=save]").status == 200
    assert page.inner_text("h1") == "Your answers are saved: where should we send your link?"
    if js_enabled:  # axe runs in the page: it needs JavaScript
        assert_no_axe_violations(page)
    page.fill("#id_email", ANSWERS["submitter_email"])
    navigate(page, "main form button[type=submit]")
    assert page.inner_text("h1") == "Your answers are saved"
    if js_enabled:  # axe runs in the page: it needs JavaScript
        assert_no_axe_violations(page)
    screenshot(page, screenshot_dir, f"journey-draft-saved-{'js' if js_enabled else 'no-js'}")
    (message,) = mail.outbox
    link = DRAFT_LINK.findall(message.body)[0]

    # Another day, another browser: the link is all it takes.
    later = fresh_browser(browser, live_server, js_enabled).new_page()
    later.goto(link)
    assert later.input_value("#id_title") == ANSWERS["title"]
    assert later.input_value("#id_challenge") == ANSWERS["challenge"]
    assert chosen_council(later) == "WGN"
    assert later.input_value("#id_lead_council") == ("Wigan" if js_enabled else "WGN")
    assert later.is_checked(f"input[name=topics][value={library.topics['housing'].slug}]")
    assert "Your image is saved: JPEG, 1200 × 800 pixels" in later.inner_text("#lead-image")
    assert later.input_value("#id_lead_image_alt") == "Volunteers in a loft"
    assert later.input_value("#id_document_1_title") == "Evaluation report"
    if js_enabled:
        assert_no_axe_violations(later)
    screenshot(later, screenshot_dir, f"journey-draft-resumed-{'js' if js_enabled else 'no-js'}")

    fill_submission(later, library)
    assert navigate(later, "button[value=submit]").status == 200
    assert later.inner_text("h1") == "Case study received"
    if js_enabled:
        assert_no_axe_violations(later)
    case_study = CaseStudy.objects.exclude(pk=library.unpublished.pk).get(status="submitted")
    assert sorted(case_study.attachments.values_list("kind", "title")) == [
        ("document", "Evaluation report"),
        ("image", "Volunteers in a loft"),
    ]
    assert SubmissionDraft.objects.count() == 0
    later.context.close()


def test_request_changes_and_resubmit(page, library, browser, live_server, screenshot_dir):
    case_study = library.unpublished
    case_study.submitter_name, case_study.submitter_email = "Sam Jones", "sam.jones@leeds.example"
    case_study.save()
    save_revision(case_study, comment="Submitted through the form by Sam Jones")
    # The editor, signed in, asks for changes from the case study's page in the admin.
    client = Client()
    client.force_login(make_editor(), backend="django.contrib.auth.backends.ModelBackend")
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(f"/admin/casestudies/casestudy/{case_study.pk}/change/")
    navigate(page, "text=Request changes…")
    page.fill("textarea[name=note]", NOTE)
    navigate(page, "input[type=submit]")
    assert "Changes requested." in page.inner_text(".messagelist")
    screenshot(page, screenshot_dir, "journey-admin-changes-requested")
    (message,) = mail.outbox
    link = CHANGES_LINK.findall(message.body)[0]
    mail.outbox.clear()

    # The submitter opens the link: the same form, filled in, with the note.
    submitter = fresh_browser(browser, live_server).new_page()
    submitter.goto(link)
    assert submitter.inner_text("h1") == "Make the changes the editors asked for"
    assert NOTE in submitter.inner_text(".editor-note")
    assert submitter.input_value("#id_title") == case_study.title
    assert_no_axe_violations(submitter)
    submitter.fill("#id_impact", "320 homes insulated in the first year.")
    submitter.check("#id_consent")
    assert navigate(submitter, "button[value=submit]").status == 200
    assert submitter.inner_text("h1") == "Changes received"
    assert_no_axe_violations(submitter)
    screenshot(submitter, screenshot_dir, "journey-changes-received")
    case_study.refresh_from_db()
    assert (case_study.status, case_study.impact) == ("submitted", "320 homes insulated in the first year.")
    assert [m.subject for m in mail.outbox] == [f"Changes received: {case_study.reference}"]

    # The editor sees the round in the history, and what changed.
    page.goto(f"/admin/casestudies/casestudy/{case_study.pk}/history/")
    assert "Resubmitted" in page.inner_text("#content")
    screenshot(page, screenshot_dir, "admin-history")
    navigate(page, "input[value='Compare the chosen versions']")
    changed = page.locator(".revision-diff__changed")
    assert changed.locator("th").all_inner_texts() == ["The impact"]
    assert changed.locator(".revision-diff__old").inner_text() == "The impact text."
    assert changed.locator(".revision-diff__new").inner_text() == "320 homes insulated in the first year."
    assert "320" in " ".join(changed.locator("ins").all_inner_texts())
    screenshot(page, screenshot_dir, "admin-compare")
    submitter.context.close()


@pytest.mark.parametrize("js_enabled", [True, False], ids=["js", "no-js"])
def test_review_reminder_changes_with_an_evaluation_report(library, browser, live_server, js_enabled):
    """The contact follows the reminder's link, edits the case study in the form (adding the evaluation report
    as a file) and sends it; the page stays as it was until an editor publishes the changes."""
    case_study = library.featured
    title = case_study.title
    context = fresh_browser(browser, live_server, js_enabled)
    page = context.new_page()
    page.goto(review_link(case_study))
    navigate(page, 'main a[href$="/edit/"]')
    assert page.inner_text("h1") == "Update your case study"
    assert page.input_value("#id_title") == title
    page.fill("#id_title", f"{title} (2025 update)")
    page.check("#id_consent")
    page.set_input_files(
        "#id_evaluation_report",
        files=[{"name": "evaluation.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}],
    )
    if js_enabled:
        assert_no_axe_violations(page)

    navigate(page, "form.submission-form button[value=submit]")

    assert page.inner_text("h1") == "Thank you"
    page.goto(case_study.get_absolute_url())
    assert page.inner_text("h1") == title
    editor = Client()
    editor.force_login(make_editor())
    editor.post(f"/admin/casestudies/casestudy/{case_study.pk}/publish-proposal/")
    page.goto(case_study.get_absolute_url())
    assert page.inner_text("h1") == f"{title} (2025 update)"
    assert page.inner_text(".evaluation-report a") == "Evaluation report (PDF, 162\xa0bytes)"
    context.close()

"""Request changes, end to end: the editor's note and signed link by email, the same form prefilled, the
resubmission back in the *submitted* queue, every round in the moderation history and each a revision."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from casestudies.models import CaseStudy, ModerationEvent
from tests.casestudies.file_helpers import pdf_bytes, upload
from tests.casestudies.submission_helpers import (
    TEXT_ANSWERS,
    make_editor,
    make_reference_data,
    valid_post_data,
)
from tests.pages import page

pytestmark = pytest.mark.django_db
LINK = re.compile(r"http://testserver(/case-studies/submit/changes/[^/\s]+/)")
NOTE = "Please give the number of homes insulated in the first year."


@pytest.fixture
def ref():
    cache.clear()
    return make_reference_data()


@pytest.fixture
def editor_client():
    client = Client()
    client.force_login(make_editor())
    return client


@pytest.fixture
def submitted(client, ref, django_capture_on_commit_callbacks):
    data = valid_post_data(client, ref) | {
        "document_1": upload("r.pdf", pdf_bytes()),
        "document_1_title": "Report",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/case-studies/submit/", data)
    mail.outbox.clear()
    return CaseStudy.objects.get()


def request_changes(editor_client, case_study, note=NOTE, *, callbacks) -> str:
    url = f"/admin/casestudies/casestudy/{case_study.pk}/request-changes/"
    with callbacks(execute=True):
        response = editor_client.post(url, {"note": note})
    assert response.status_code == 302
    (message,) = [m for m in mail.outbox if "Changes needed" in m.subject]
    mail.outbox.clear()
    return LINK.findall(message.body)[0]


def test_request_changes_journey(client, editor_client, submitted, ref, django_capture_on_commit_callbacks):
    # The editor asks: the button is there, it asks for a note, and the submitter gets the note and a link.
    change_form = page(editor_client.get(f"/admin/casestudies/casestudy/{submitted.pk}/change/"))
    assert change_form.find(
        "a", href=f"/admin/casestudies/casestudy/{submitted.pk}/request-changes/"
    ).text == ("Request changes…")
    asking = page(editor_client.get(f"/admin/casestudies/casestudy/{submitted.pk}/request-changes/"))
    assert asking.find("textarea", name="note")
    url = f"/admin/casestudies/casestudy/{submitted.pk}/request-changes/"
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(url, {"note": NOTE})
    (message,) = mail.outbox
    assert message.to == [TEXT_ANSWERS["submitter_email"]]
    assert message.subject == f"Changes needed to your case study ({submitted.reference})"
    assert NOTE in message.body
    link = LINK.findall(message.body)[0]
    submitted.refresh_from_db()
    assert submitted.status == "changes_requested"
    mail.outbox.clear()

    # The link opens the same form, prefilled, with the note; files included.
    opened = page(client.get(link))
    assert opened.find("h1").text == "Make the changes the editors asked for"
    assert NOTE in opened.find("div", class_="editor-note").text
    assert opened.find("input", id="id_title")["value"] == TEXT_ANSWERS["title"]
    assert opened.find("textarea", id="id_impact").text == TEXT_ANSWERS["impact"]
    assert opened.find("input", id="id_document_1_title")["value"] == "Report"
    assert [b.text for b in opened.find_all("button", type="submit")] == ["Send the changes to the editors"]

    # The submitter resubmits: back in the submitted queue, the editors told, a revision saying why.
    data = valid_post_data(
        client, ref, impact="400 homes insulated in the first year; admissions down a quarter."
    )
    data["document_1_kept"] = opened.find("input", name="document_1_kept")["value"]
    data["document_1_title"] = "Report"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, data)
    assert response.status_code == 302
    done = page(client.get(response["Location"]))
    assert done.find("h1").text == "Changes received"
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    assert submitted.impact == "400 homes insulated in the first year; admissions down a quarter."
    assert submitted.attachments.get().title == "Report"
    assert [m.subject for m in mail.outbox] == [f"Changes received: {submitted.reference}"]
    events = list(submitted.moderation_events.values_list("action", "from_status", "to_status", "note"))
    assert events == [
        ("submitted", "", "submitted", ""),
        ("changes_requested", "submitted", "changes_requested", NOTE),
        ("resubmitted", "changes_requested", "submitted", ""),
    ]
    comments = [v.revision.comment for v in Version.objects.get_for_object(submitted)]
    assert comments == [
        "Resubmitted by Sam Jones after the editors asked for changes",
        "Submitted through the form by Sam Jones",
    ]

    # The link has done its job.
    closed = client.get(link)
    assert closed.status_code == 410
    assert page(closed).find("h1").text == "These changes have already been sent"


def test_each_round_has_its_own_link_and_history_line(
    client, editor_client, submitted, ref, django_capture_on_commit_callbacks
):
    first = request_changes(
        editor_client, submitted, "First note", callbacks=django_capture_on_commit_callbacks
    )
    second = request_changes(
        editor_client, submitted, "Second note", callbacks=django_capture_on_commit_callbacks
    )

    assert first != second
    assert client.get(first).status_code == 410  # replaced by the newer request
    assert "Second note" in page(client.get(second)).find("div", class_="editor-note").text
    notes = list(
        submitted.moderation_events.filter(action=ModerationEvent.Action.CHANGES_REQUESTED).values_list(
            "note", flat=True
        )
    )
    assert notes == ["First note", "Second note"]


def test_resubmission_runs_the_full_validation_and_keeps_what_was_typed(
    client, editor_client, submitted, ref, django_capture_on_commit_callbacks
):
    link = request_changes(editor_client, submitted, callbacks=django_capture_on_commit_callbacks)
    response = client.post(link, valid_post_data(client, ref, summary=""))
    doc = page(response)
    assert doc.find("p", id="id_summary-error").text == "Error: Enter a summary"
    assert doc.find("input", id="id_title")["value"] == TEXT_ANSWERS["title"]
    submitted.refresh_from_db()
    assert submitted.status == "changes_requested"


def test_expired_and_forged_change_links(
    client, editor_client, submitted, django_capture_on_commit_callbacks
):
    link = request_changes(editor_client, submitted, callbacks=django_capture_on_commit_callbacks)
    assert client.get(link[:-3] + "xx/").status_code == 404
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert client.get(link).status_code == 410


def test_request_changes_needs_a_note(editor_client, submitted):
    response = editor_client.post(
        f"/admin/casestudies/casestudy/{submitted.pk}/request-changes/", {"note": " "}
    )
    assert response.status_code == 200
    assert "Say what needs to change: the note is sent to the submitter." in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_request_changes_bulk_action(editor_client, submitted, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            "/admin/casestudies/casestudy/?status=all",
            {"action": "request_changes_selected", "_selected_action": [submitted.pk], "note": NOTE},
            follow=True,
        )
    assert response.status_code == 200
    submitted.refresh_from_db()
    assert submitted.status == "changes_requested"
    assert len(LINK.findall(mail.outbox[0].body)) == 1


def test_csrf_failure_on_the_changes_form_keeps_what_was_typed(
    editor_client, submitted, django_capture_on_commit_callbacks
):
    link = request_changes(editor_client, submitted, callbacks=django_capture_on_commit_callbacks)
    response = Client(enforce_csrf_checks=True).post(link, {"title": "Retitled while away"})
    assert response.status_code == 403
    assert page(response).find("input", id="id_title")["value"] == "Retitled while away"


def test_resubmission_does_not_count_towards_the_limit_of_new_submissions(
    client, editor_client, submitted, ref, settings, django_capture_on_commit_callbacks
):
    settings.SUBMISSION_RATE_LIMIT = 1  # the submission of the fixture used it up
    url = request_changes(editor_client, submitted, callbacks=django_capture_on_commit_callbacks)
    assert page(client.get(url)).find_all("p", id="submissions-left") == []
    response = client.post(url, valid_post_data(client, ref, impact="320 homes insulated."))
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.status, submitted.impact) == ("submitted", "320 homes insulated.")
    settings.SUBMISSION_RATE_LIMIT = 2  # one used by the fixture's submission, none by the resubmission
    assert client.post("/case-studies/submit/", valid_post_data(client, ref)).status_code == 302
    assert CaseStudy.objects.count() == 2

"""Save and come back later: a draft without the required fields, a signed link by email, the form restored from
it (files too), one draft per link, full validation when it is sent, expiry and purge_drafts."""

import re
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from casestudies.models import Attachment, CaseStudy, SubmissionDraft, links
from casestudies.submissions.drafts import find_draft
from tests.casestudies.file_helpers import image_bytes, pdf_bytes, upload
from tests.casestudies.submission_helpers import (
    SUBMIT_URL,
    TEXT_ANSWERS,
    form_token_from_page,
    make_editor,
    make_reference_data,
    valid_post_data,
    words,
)
from tests.pages import page

pytestmark = pytest.mark.django_db
LINK = re.compile(r"http://testserver(/case-studies/submit/draft/[^/\s]+/)")


@pytest.fixture
def ref():
    cache.clear()
    return make_reference_data()


def save(client, url: str = SUBMIT_URL, **answers):
    data = {"action": "save", "form_token": form_token_from_page(client), **answers}
    return client.post(url, data)


def link_in(message) -> str:
    found = LINK.findall(message.body)
    assert len(found) == 1, message.body
    return found[0]


def test_save_without_required_fields_asks_for_an_email_address(
    client, ref, django_capture_on_commit_callbacks
):
    response = save(client, title="Half done", challenge="We started here.")

    draft = SubmissionDraft.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/case-studies/submit/draft/{links.draft_token(draft.pk)}/email/"
    assert (draft.data["title"], draft.data["challenge"], draft.data["summary"]) == (
        "Half done",
        "We started here.",
        "",
    )
    assert draft.email == ""
    assert CaseStudy.objects.count() == 0
    assert mail.outbox == []

    asked = client.get(response["Location"])
    assert page(asked).find("h1").text == "Your answers are saved: where should we send your link?"

    wrong = page(client.post(response["Location"], {"email": "not an address"}))
    assert wrong.find("p", id="id_email-error").text == (
        "Error: Enter an email address in the correct format, like name@example.org"
    )

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(response["Location"], {"email": "sam@wigan.example"})
    assert sent.status_code == 302
    assert sent["Location"].endswith("/saved/")
    draft.refresh_from_db()
    assert draft.email == "sam@wigan.example"
    assert [m.to for m in mail.outbox] == [["sam@wigan.example"]]
    assert link_in(mail.outbox[0]) == f"/case-studies/submit/draft/{links.draft_token(draft.pk)}/"
    assert "The link works for 30 days" in mail.outbox[0].body


def test_save_with_an_email_address_sends_the_link_straight_away(
    client, ref, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = save(client, title="Half done", submitter_email="sam@wigan.example")
    assert response["Location"].endswith("/saved/")
    saved = page(client.get(response["Location"]))
    assert saved.find("h1").text == "Your answers are saved"
    assert "We have emailed a link to sam@wigan.example" in saved.find("main").text
    assert mail.outbox[0].subject == "Your saved case study: the link to come back to it"
    assert '("Half done")' in mail.outbox[0].body


def test_link_restores_every_answer_and_file(client, ref, django_capture_on_commit_callbacks):
    answers = {
        **TEXT_ANSWERS,
        "lead_council": ref.council.code,
        "topics": [ref.topics[1].slug],
        "support_types": [ref.support_types[0].slug],
        "consent": "on",
        "lead_image": upload("photo.png", image_bytes("PNG", (600, 400))),
        "lead_image_alt": "The team at work",
        "document_2": upload("report.pdf", pdf_bytes()),
        "document_2_title": "Report",
    }
    with django_capture_on_commit_callbacks(execute=True):
        save(client, **answers)
    url = link_in(mail.outbox[0])

    doc = page(Client().get(url))  # another browser: the link is all it takes

    assert doc.find("input", id="id_title")["value"] == TEXT_ANSWERS["title"]
    for name in ("summary", "challenge", "solution", "impact", "sustainability", "lessons", "partners"):
        assert doc.find("textarea", id=f"id_{name}").text == TEXT_ANSWERS[name]
    for name in ("contact_name", "contact_role", "contact_email", "submitter_name", "submitter_email"):
        assert doc.find("input", id=f"id_{name}")["value"] == TEXT_ANSWERS[name]
    assert doc.find("option", value=ref.council.code, selected=True)
    assert [b["value"] for b in doc.find_all("input", name="topics", checked=True)] == [ref.topics[1].slug]
    assert [b["value"] for b in doc.find_all("input", name="support_types", checked=True)] == ["grant"]
    assert doc.find("input", id="id_consent", checked=True)
    assert "Your image is saved: PNG, 600 × 400 pixels" in doc.find("fieldset", id="lead-image").text
    assert doc.find("input", id="id_lead_image_alt")["value"] == "The team at work"
    assert doc.find("input", id="id_document_2_title")["value"] == "Report"
    assert "Your file is saved: PDF" in doc.find("fieldset", id="document-2").text
    assert doc.find("form", class_="submission-form")["action"] == url


def test_saving_again_from_the_link_updates_the_same_draft(client, ref, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        save(client, title="First go", submitter_email="sam@wigan.example")
    url = link_in(mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        response = save(client, url, title="Second go", submitter_email="sam@wigan.example")

    assert response.status_code == 302
    draft = SubmissionDraft.objects.get()
    assert draft.data["title"] == "Second go"
    assert len(mail.outbox) == 2
    # The same draft behind the fresh link (the links themselves differ when the saves fall in different seconds).
    assert find_draft(link_in(mail.outbox[1]).rstrip("/").rsplit("/", 1)[1]) == draft
    assert find_draft(url.rstrip("/").rsplit("/", 1)[1]) == draft


def test_sending_from_the_link_runs_the_full_validation_then_deletes_the_draft(
    client, ref, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        save(
            client,
            title="Nearly there",
            submitter_email="sam@wigan.example",
            document_1=upload("report.pdf", pdf_bytes()),
            document_1_title="Report",
        )
    url = link_in(mail.outbox[0])
    draft = SubmissionDraft.objects.get()
    stored = draft.attachments.get()

    incomplete = page(
        client.post(
            url, {"action": "submit", "title": "Nearly there", "form_token": form_token_from_page(client)}
        )
    )
    assert incomplete.find("p", id="id_summary-error").text == "Error: Enter a summary"
    assert CaseStudy.objects.count() == 0

    complete = valid_post_data(client, ref) | {
        "action": "submit",
        "document_1_kept": page(client.get(url)).find("input", name="document_1_kept")["value"],
        "document_1_title": "Report",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, complete)

    assert response.status_code == 302
    case_study = CaseStudy.objects.get()
    assert case_study.status == "submitted"
    assert list(case_study.attachments.values_list("pk", "title")) == [(stored.pk, "Report")]
    assert default_storage.exists(stored.name)
    assert SubmissionDraft.objects.count() == 0
    assert client.get(url).status_code == 404  # the link has done its job


def test_limits_and_safety_checks_still_apply_when_saving(client, ref):
    too_long = page(save(client, summary=words(101)))
    assert too_long.find("p", id="id_summary-error").text == (
        "Error: Summary must be 100 words or fewer (you have 101)"
    )
    assert save(client, title="Spam", website="http://spam.example").status_code == 400
    assert SubmissionDraft.objects.count() == 0


def test_a_draft_is_never_public_nor_in_the_editors_queue(client, ref):
    save(client, title="Secret plans", submitter_email="sam@wigan.example")
    assert SubmissionDraft.objects.count() == 1
    assert CaseStudy.objects.count() == 0
    assert "Secret plans" not in client.get("/case-studies/").content.decode()
    editor = Client()
    editor.force_login(make_editor())
    assert "Secret plans" not in editor.get("/admin/casestudies/casestudy/?status=all").content.decode()


def test_expired_and_forged_links(client, ref, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        save(client, title="Later", submitter_email="sam@wigan.example")
    url = link_in(mail.outbox[0])

    assert client.get(url.replace("/draft/", "/draft/x")).status_code == 404
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        expired = client.get(url)
    assert expired.status_code == 410
    assert page(expired).find("h1").text == "This link has expired"


def test_purge_drafts_removes_expired_drafts_and_their_files(client, ref, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        save(
            client,
            title="Old",
            submitter_email="sam@wigan.example",
            lead_image=upload("a.jpg", image_bytes("JPEG", (500, 300))),
            lead_image_alt="A",
        )
    old = SubmissionDraft.objects.get()
    names = old.attachments.get().stored_names
    with time_machine.travel(timezone.now() + timedelta(days=20)):
        save(client, title="Recent", submitter_email="sam@wigan.example")
    out = StringIO()

    with time_machine.travel(timezone.now() + timedelta(days=31)):
        call_command("purge_drafts", stdout=out)

    assert out.getvalue().strip() == "Removed 1 expired draft and 1 file."
    assert list(SubmissionDraft.objects.values_list("data__title", flat=True)) == ["Recent"]
    assert Attachment.objects.count() == 0
    assert not any(default_storage.exists(name) for name in names)


def test_purge_drafts_removes_files_of_forms_never_sent_again(client, ref):
    data = valid_post_data(client, ref, title="") | {
        "document_1": upload("r.pdf", pdf_bytes()),
        "document_1_title": "R",
    }
    client.post(SUBMIT_URL, data)
    pending = Attachment.objects.get(case_study=None, draft=None)
    out = StringIO()
    call_command("purge_drafts", stdout=out)
    assert out.getvalue().strip() == "Removed 0 expired drafts and 0 files."
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        call_command("purge_drafts", stdout=out)
    assert out.getvalue().strip().splitlines()[-1] == "Removed 0 expired drafts and 1 file."
    assert not default_storage.exists(pending.name)


def test_csrf_failure_on_a_draft_shows_it_again_as_typed(client, ref, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        save(client, title="Saved title", submitter_email="sam@wigan.example")
    url = link_in(mail.outbox[0])
    strict = Client(enforce_csrf_checks=True)

    response = strict.post(url, {"action": "submit", "title": "Typed after the session expired"})

    doc = page(response)
    assert response.status_code == 403
    assert doc.find("input", id="id_title")["value"] == "Typed after the session expired"
    assert doc.find("form", class_="submission-form")["action"] == url
    assert SubmissionDraft.objects.get().data["title"] == "Saved title"


def test_saving_is_rate_limited_with_the_answers_kept(client, ref, settings):
    settings.DRAFT_SAVE_RATE_LIMIT = 1
    save(client, title="One", submitter_email="sam@wigan.example")
    response = save(client, title="Two", submitter_email="sam@wigan.example")
    doc = page(response)
    assert response.status_code == 429
    assert doc.find("div", class_="error-summary").find("h2").text == (
        "You have saved this form several times in the last hour"
    )
    assert doc.find("input", id="id_title")["value"] == "Two"


def test_replacing_the_image_of_a_saved_draft_keeps_one_image(
    client, ref, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        save(
            client,
            submitter_email="sam@wigan.example",
            lead_image=upload("first.jpg", image_bytes("JPEG", (500, 300))),
            lead_image_alt="First",
        )
    url = link_in(mail.outbox[0])
    first = Attachment.objects.get()
    kept = page(client.get(url)).find("input", name="lead_image_kept")["value"]

    with django_capture_on_commit_callbacks(execute=True):
        response = save(
            client,
            url,
            submitter_email="sam@wigan.example",
            lead_image_kept=kept,
            lead_image=upload("second.png", image_bytes("PNG", (400, 300))),
            lead_image_alt="Second",
        )

    assert response.status_code == 302
    (image,) = SubmissionDraft.objects.get().attachments.all()
    assert (image.file_type, image.title) == ("png", "Second")
    assert not default_storage.exists(first.name)


def test_sending_from_the_link_does_not_count_towards_the_limit_of_new_submissions(
    client, ref, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        save(client, title="Nearly there", submitter_email="sam@wigan.example")
    url = link_in(mail.outbox[0])
    settings.SUBMISSION_RATE_LIMIT = 1
    assert client.post(SUBMIT_URL, valid_post_data(client, ref)).status_code == 302
    assert page(client.get(url)).find_all("p", id="submissions-left") == []
    response = client.post(
        url, valid_post_data(client, ref, title="Sent from the link") | {"action": "submit"}
    )
    assert response.status_code == 302
    assert SubmissionDraft.objects.count() == 0
    settings.SUBMISSION_RATE_LIMIT = 2  # one used by the new submission, none by the draft's
    assert client.post(SUBMIT_URL, valid_post_data(client, ref)).status_code == 302
    assert sorted(CaseStudy.objects.values_list("title", flat=True)) == sorted(
        [TEXT_ANSWERS["title"], TEXT_ANSWERS["title"], "Sent from the link"]
    )

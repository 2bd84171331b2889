"""The emails a submission sends: when they go (only after the commit), to whom, what they say, and failure."""

import logging
import smtplib

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import transaction

from casestudies.models import CaseStudy
from casestudies.submissions import services
from casestudies.submissions.forms import SubmissionForm
from tests.casestudies.submission_helpers import (
    SUBMIT_URL,
    make_editor,
    make_reference_data,
    make_staff,
    valid_form_data,
    valid_post_data,
)
from tests.pages import page

pytestmark = pytest.mark.django_db

FROM = "Council Case Study Library <no-reply@casestudies.example>"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ref():
    return make_reference_data()


def submission(ref, **overrides) -> services.Submission:
    form = SubmissionForm(valid_form_data(ref, **overrides))
    assert form.is_valid(), form.errors
    return form.to_submission()


def post_and_commit(client, ref, capture, **overrides):
    with capture(execute=True) as callbacks:
        response = client.post(SUBMIT_URL, valid_post_data(client, ref, **overrides), follow=True)
    assert len(callbacks) == 1  # one callback sends both emails and records them
    return response


def notified(case_study: CaseStudy) -> tuple[bool, bool]:
    """Whether the submitter's and the editors' emails are recorded as sent."""
    stored = CaseStudy.objects.get(pk=case_study.pk)
    return stored.submitter_notified_at is not None, stored.editors_notified_at is not None


def by_subject_start(prefix: str) -> list[EmailMessage]:
    return [message for message in mail.outbox if message.subject.startswith(prefix)]


def test_emails_submitter_gets_confirmation_with_reference(client, ref, django_capture_on_commit_callbacks):
    make_editor(email="editor@casestudies.example")
    post_and_commit(client, ref, django_capture_on_commit_callbacks)
    reference = CaseStudy.objects.get().reference
    [message] = by_subject_start("We have received")
    assert message.subject == f"We have received your case study ({reference})"
    assert message.to == ["sam.jones@wigan.example"]
    assert message.from_email == FROM
    assert message.body == (
        "Dear Sam Jones,\n\n"
        'Thank you for sending "Wigan: warm homes for older residents" to the Council Case Study Library.\n\n'
        f"Your reference is {reference}. Please quote it if you contact us.\n\n"
        "What happens next: an editor will read your case study, usually within 10 working days. They may "
        "email you with questions or suggested changes. Nothing is published until an editor approves it, and "
        "we will email you when it is.\n\n"
        "Council Case Study Library\n"
        "http://testserver\n\n"
    )
    assert len(mail.outbox) == 2


def test_emails_text_is_not_html_escaped(client, ref, django_capture_on_commit_callbacks):
    title = "Homes & health: \"warm\" <homes>, O'Brien's idea"
    post_and_commit(client, ref, django_capture_on_commit_callbacks, title=title)
    [message] = by_subject_start("We have received")
    assert f'Thank you for sending "{title}" to the' in message.body
    assert "&amp;" not in message.body


def test_emails_editors_from_setting_get_notification(
    client, ref, settings, django_capture_on_commit_callbacks
):
    settings.EDITOR_EMAILS = ["review@casestudies.example", "chief@casestudies.example"]
    make_editor(email="editor@casestudies.example")
    post_and_commit(client, ref, django_capture_on_commit_callbacks)
    case_study = CaseStudy.objects.get()
    [message] = by_subject_start("New case study")
    assert message.subject == f"New case study to review: {case_study.reference}"
    assert message.to == ["review@casestudies.example", "chief@casestudies.example"]
    assert message.from_email == FROM
    assert message.body == (
        "A new case study is waiting for review.\n\n"
        f"Reference: {case_study.reference}\n"
        "Title: Wigan: warm homes for older residents\n"
        "Written in: English\n"
        "Council: Wigan\n"
        "Submitted by: Sam Jones <sam.jones@wigan.example>\n\n"
        f"Review it in the admin: http://testserver/admin/casestudies/casestudy/{case_study.pk}/change/\n\n"
    )


def test_emails_without_setting_go_to_active_editors_with_an_email(
    client, ref, settings, django_capture_on_commit_callbacks
):
    settings.EDITOR_EMAILS = []
    make_editor("zoe", email="zoe@casestudies.example")
    make_editor("amy", email="amy@casestudies.example")
    make_editor("twin", email="amy@casestudies.example")
    make_editor("noemail", email="")
    make_editor("gone", email="gone@casestudies.example", is_active=False)
    make_staff("staff", email="staff@casestudies.example")
    post_and_commit(client, ref, django_capture_on_commit_callbacks)
    [message] = by_subject_start("New case study")
    assert message.to == ["amy@casestudies.example", "zoe@casestudies.example"]


def test_emails_without_any_editor_only_the_submitter_is_emailed(
    client, ref, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EDITOR_EMAILS = []
    with caplog.at_level(logging.WARNING, logger="casestudies.ops.mail"):
        response = post_and_commit(client, ref, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert [message.to for message in mail.outbox] == [["sam.jones@wigan.example"]]
    assert [r.getMessage() for r in caplog.records if r.name == "casestudies.ops.mail"] == [
        "Email 'editor_notification' not sent: no recipients"
    ]
    assert notified(CaseStudy.objects.get()) == (True, False)


def test_emails_are_not_sent_before_the_commit(ref, django_capture_on_commit_callbacks):
    make_editor()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        case_study = services.submit_case_study(submission=submission(ref))
    assert CaseStudy.objects.get() == case_study
    assert len(callbacks) == 1
    assert mail.outbox == []
    assert notified(case_study) == (False, False)
    for callback in callbacks:  # what the commit would do
        callback()
    assert [message.to for message in mail.outbox] == [
        ["sam.jones@wigan.example"],
        ["editor@casestudies.example"],
    ]
    assert notified(case_study) == (True, True)
    assert list(services.pending_notifications()) == []


def test_emails_are_not_sent_when_the_transaction_rolls_back(ref, django_capture_on_commit_callbacks):
    make_editor()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.submit_case_study(submission=submission(ref))
        raise RuntimeError("something later in the request failed")
    assert callbacks == []
    assert mail.outbox == []
    assert CaseStudy.objects.count() == 0


def test_emails_failure_keeps_submission_shows_confirmation_and_logs(
    client, ref, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    make_editor()

    def refuse(self, fail_silently=False):
        raise smtplib.SMTPException("Connection unexpectedly closed")

    monkeypatch.setattr(EmailMessage, "send", refuse)
    with caplog.at_level(logging.ERROR, logger="casestudies.ops.mail"):
        response = post_and_commit(client, ref, django_capture_on_commit_callbacks)
    case_study = CaseStudy.objects.get()
    assert case_study.status == CaseStudy.Status.SUBMITTED
    assert response.status_code == 200
    assert page(response).find("strong", class_="reference").text == case_study.reference
    assert mail.outbox == []
    failures = [r for r in caplog.records if r.name == "casestudies.ops.mail"]
    assert [r.getMessage() for r in failures] == [
        "Email 'submission_received' to sam.jones@wigan.example failed",
        "Email 'editor_notification' to editor@casestudies.example failed",
    ]
    assert all("failed" in r.getMessage() and r.exc_info[0] is smtplib.SMTPException for r in failures)
    assert notified(case_study) == (False, False)
    assert list(services.pending_notifications()) == [case_study]

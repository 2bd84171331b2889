"""Mail server down: the submission is kept, the user sees the confirmation, and the emails can be resent."""

from io import StringIO
from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command

from casestudies.models import CaseStudy
from casestudies.submissions.services import pending_notifications
from tests.casestudies.submission_helpers import make_reference_data, valid_post_data

pytestmark = pytest.mark.django_db


def test_resend_sends_what_failed_while_the_mail_server_was_down(
    client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.EDITOR_EMAILS = ["editors@casestudies.example"]
    ref = make_reference_data()
    original_send = EmailMessage.send

    def down(self, fail_silently=False):
        raise SMTPException("connection refused")

    monkeypatch.setattr(EmailMessage, "send", down)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/case-studies/submit/", valid_post_data(client, ref), follow=True)

    case_study = CaseStudy.objects.get()
    assert "Your reference is" in response.content.decode()
    assert (case_study.submitter_notified_at, case_study.editors_notified_at) == (None, None)
    assert list(pending_notifications()) == [case_study]
    assert mail.outbox == []

    monkeypatch.setattr(EmailMessage, "send", original_send)
    out = StringIO()
    call_command("resend_notifications", stdout=out)

    case_study.refresh_from_db()
    assert out.getvalue().strip() == "1 submission(s) had unsent emails: 2 email(s) sent, 0 still pending."
    assert [m.to for m in mail.outbox] == [[case_study.submitter_email], ["editors@casestudies.example"]]
    assert case_study.submitter_notified_at is not None
    assert case_study.editors_notified_at is not None
    assert list(pending_notifications()) == []

    call_command("resend_notifications", stdout=StringIO())
    assert len(mail.outbox) == 2  # nothing is sent twice

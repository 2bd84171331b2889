"""Review reminders: exactly who is emailed, never twice within a month, and the signed link's page (confirm it is
still accurate, or say what has changed), with tampered, expired and unpublished links refused."""

import re
from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.core import mail, signing
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from casestudies.models import Attachment, CaseStudy, Outcome, SubmissionDraft, links
from casestudies.models.files import FOLDER
from casestudies.ops import uploads
from casestudies.submissions.fileforms import kept_reference
from casestudies.submissions.reviews import due_for_review, months_before
from tests.casestudies.file_helpers import pdf_bytes, upload
from tests.casestudies.submission_helpers import make_editor, make_reference_data, valid_form_data
from tests.factories import make_case_study
from tests.pages import page

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 10, 1, 7, 0, tzinfo=UTC)
LINK = re.compile(r"http://testserver(/case-studies/review/[^/\s]+/)")


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


def ago(days: int) -> datetime:
    return NOW - timedelta(days=days)


@pytest.fixture
def catalogue():
    """One case study for each rule, named after what should happen to it on NOW."""
    make_case_study("Never reviewed, published three years ago", published_at=ago(3 * 365))
    make_case_study("Reviewed 25 months ago", published_at=ago(5 * 365), last_reviewed=date(2024, 9, 1))
    make_case_study(
        "Reviewed exactly 24 months ago", published_at=ago(5 * 365), last_reviewed=date(2024, 10, 1)
    )
    make_case_study("Reminded 40 days ago", published_at=ago(4 * 365), review_reminder_sent_at=ago(40))
    make_case_study("Not due: published a year ago", published_at=ago(365))
    make_case_study(
        "Not due: reviewed 23 months ago", published_at=ago(5 * 365), last_reviewed=date(2024, 11, 2)
    )
    make_case_study("Reminded 10 days ago", published_at=ago(4 * 365), review_reminder_sent_at=ago(10))
    make_case_study("Not due: no contact address", published_at=ago(4 * 365), contact_email="")
    make_case_study("Not due: archived", status="archived", published_at=ago(4 * 365))
    make_case_study("Not due: a draft", status="draft")


DUE = [
    "Never reviewed, published three years ago",
    "Reminded 40 days ago",
    "Reviewed 25 months ago",
    "Reviewed exactly 24 months ago",
]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 10, 1), 24, date(2024, 10, 1)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2024, 2, 29), 24, date(2022, 2, 28)),
    ],
)
def test_months_before_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert months_before(day, months) == expected


def test_exactly_the_due_case_studies_are_emailed_once(catalogue):
    with time_machine.travel(NOW, tick=False):
        assert sorted(due_for_review().values_list("title", flat=True)) == DUE
        out = StringIO()
        call_command("review_reminders", stdout=out)

    assert out.getvalue() == "Sent 4 review reminders.\n"
    titles = sorted(re.search(r"“(.+)”", message.subject)[1] for message in mail.outbox)
    assert titles == DUE
    assert {tuple(message.to) for message in mail.outbox} == {("alex.example@council.example",)}
    assert all(len(LINK.findall(message.body)) == 1 for message in mail.outbox)
    reminded = CaseStudy.objects.filter(review_reminder_sent_at=NOW).values_list("title", flat=True)
    assert sorted(reminded) == DUE


def test_not_emailed_again_within_a_month(catalogue):
    with time_machine.travel(NOW, tick=False):
        call_command("review_reminders", stdout=StringIO())
    mail.outbox.clear()

    with time_machine.travel(NOW + timedelta(days=29), tick=False):
        out = StringIO()
        call_command("review_reminders", stdout=out)
    # Only the one reminded 10 days before NOW: its month has now passed.
    assert (out.getvalue(), [m.subject for m in mail.outbox]) == (
        "Sent 1 review reminder.\n",
        ["Is your case study still accurate? “Reminded 10 days ago”"],
    )
    mail.outbox.clear()

    with time_machine.travel(NOW + timedelta(days=31), tick=False):
        call_command("review_reminders", stdout=StringIO())
    assert len(mail.outbox) == 4


def test_dry_run_only_counts(catalogue):
    with time_machine.travel(NOW, tick=False):
        out = StringIO()
        call_command("review_reminders", "--dry-run", stdout=out)

    assert (out.getvalue(), len(mail.outbox)) == ("4 case studies are due for a review reminder.\n", 0)


def emailed_link(title: str = "Old case study") -> tuple[CaseStudy, str]:
    case_study = make_case_study(title, published_at=ago(3 * 365))
    with time_machine.travel(NOW, tick=False):
        call_command("review_reminders", stdout=StringIO())
    (message,) = mail.outbox
    mail.outbox.clear()
    return case_study, LINK.findall(message.body)[0]


def test_the_link_confirms_the_case_study_is_still_accurate(client):
    case_study, link = emailed_link()

    with time_machine.travel(NOW + timedelta(days=3), tick=False):
        opened = page(client.get(link))
        response = client.post(link, {"action": "confirm"})
        done = page(client.get(response["Location"]))

    assert opened.find("h1").text == "Is this case study still accurate?"
    assert opened.find("meta", name="robots")["content"] == "noindex"
    assert response.status_code == 302
    assert done.find("h1").text == "Thank you"
    case_study.refresh_from_db()
    assert case_study.last_reviewed == date(2026, 10, 4)
    assert list(case_study.moderation_events.values_list("action", "actor", "note")) == [
        ("reviewed", None, "Confirmed still accurate by the contact (alex.example@council.example)")
    ]
    with time_machine.travel(NOW + timedelta(days=3), tick=False):
        assert not due_for_review().exists()


def test_the_review_page_opens_the_form_for_changes(client):
    case_study, link = emailed_link()

    with time_machine.travel(NOW + timedelta(days=3), tick=False):
        opened = page(client.get(link))

    edit = opened.find("a", href=f"{link}edit/")
    assert edit.text == "Edit the case study"
    case_study.refresh_from_db()
    assert (case_study.status, case_study.last_reviewed) == ("published", None)


@pytest.fixture
def ref():
    return make_reference_data()


@pytest.fixture
def live(ref):
    """A published case study with a document and an outcome, and its review link (made now)."""
    case_study = make_case_study(
        "Warm homes in Wigan",
        slug="warm-homes",
        council=ref.council,
        topics=[ref.topics[0]],
        published_at=timezone.now() - timedelta(days=3 * 365),
        cost_band="10k_50k",
        submitter_name="Alex Example",
        submitter_email="alex.example@council.example",
    )
    Outcome.objects.create(case_study=case_study, position=1, measure="Homes insulated", after=400)
    checked = uploads.check_upload(upload("costs.pdf", pdf_bytes()), kind="document")
    Attachment.objects.create(
        **asdict(uploads.store(checked, folder=FOLDER)),
        kind="document",
        title="Costs",
        position=1,
        case_study=case_study,
    )
    token = links.review_token(case_study_id=case_study.pk)
    return case_study, f"/case-studies/review/{token}/edit/"


def edits(ref, case_study, **changes) -> dict:
    document = case_study.attachments.get()
    return (
        valid_form_data(
            ref,
            **{name: getattr(case_study, name) for name in CaseStudy.TEXT_FIELDS},
            submitter_name="Alex Example",
            submitter_email="alex.example@council.example",
            topics=[ref.topics[0].slug],
            support_types=[],
            cost_band="10k_50k",
            outcome_1_measure="Homes insulated",
            outcome_1_after="400",
            document_1_kept=kept_reference(document),
            document_1_title="Costs",
        )
        | changes
    )


def send_changes(client, ref, live, callbacks, **changes):
    case_study, url = live
    data = (
        edits(ref, case_study, title="Warm homes in Wigan, 2025", outcome_1_after="520")
        | {
            "document_2": upload("evaluation-2025.pdf", pdf_bytes("2025 evaluation")),
            "document_2_title": "Evaluation 2025",
        }
        | changes
    )
    with callbacks(execute=True):
        return client.post(url, data)


def test_the_form_opens_with_the_published_case_study(client, live):
    _case_study, url = live

    doc = page(client.get(url))

    assert doc.find("h1").text == "Update your case study"
    assert doc.find("input", id="id_title")["value"] == "Warm homes in Wigan"
    assert doc.find("input", id="id_outcome_1_measure")["value"] == "Homes insulated"
    assert doc.find("input", id="id_submitter_email")["value"] == "alex.example@council.example"
    assert "Your file is saved: PDF" in doc.find("fieldset", id="document-1").text
    assert doc.find("form", class_="submission-form")["action"] == url


def test_sent_changes_wait_for_an_editor_and_nothing_public_changes(
    client, ref, live, django_capture_on_commit_callbacks
):
    make_editor(email="editor@casestudies.example")
    case_study, _url = live

    response = send_changes(client, ref, live, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    done = page(client.get(response["Location"]))
    assert "Until then the case study stays on the site as it is." in done.find("p", class_="lead").text
    case_study.refresh_from_db()
    assert (case_study.title, case_study.status, case_study.last_reviewed) == (
        "Warm homes in Wigan",
        "published",
        None,
    )
    assert list(case_study.outcomes.values_list("after", flat=True)) == [Decimal("400.00")]
    assert list(case_study.attachments.values_list("title", flat=True)) == ["Costs"]
    public = page(client.get("/case-studies/warm-homes/"))
    assert public.find("h1").text == "Warm homes in Wigan"
    listed = client.get("/case-studies/").content.decode()
    assert "Warm homes in Wigan, 2025" not in listed
    new_file = Attachment.objects.get(title="Evaluation 2025")
    assert (new_file.case_study_id, client.get(new_file.url).status_code) == (None, 404)
    (message,) = mail.outbox
    assert message.to == ["editor@casestudies.example"]
    assert f"/admin/casestudies/casestudy/{case_study.pk}/change/" in message.body
    assert list(case_study.moderation_events.values_list("action", flat=True)) == ["changes_offered"]


def test_a_form_error_shows_the_form_again_with_the_edits_and_sends_nothing(
    client, ref, live, django_capture_on_commit_callbacks
):
    response = send_changes(client, ref, live, django_capture_on_commit_callbacks, summary="")

    assert response.status_code == 200
    doc = page(response)
    assert doc.find("p", id="id_summary-error").text == "Error: Enter a summary"
    assert doc.find("input", id="id_title")["value"] == "Warm homes in Wigan, 2025"
    assert doc.find("input", id="id_document_2_title")["value"] == "Evaluation 2025"
    assert "Your file is saved: PDF" in doc.find("fieldset", id="document-2").text
    assert (SubmissionDraft.objects.count(), len(mail.outbox)) == (0, 0)


def test_an_editor_publishes_the_sent_changes(client, ref, live, django_capture_on_commit_callbacks):
    case_study, _ = live
    send_changes(client, ref, live, django_capture_on_commit_callbacks)
    editor = Client()
    editor.force_login(make_editor())
    change_page = page(editor.get(f"/admin/casestudies/casestudy/{case_study.pk}/change/"))
    panel = change_page.find("div", class_="field-proposed_changes_panel").text
    assert "They change: title." in panel

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(f"/admin/casestudies/casestudy/{case_study.pk}/publish-proposal/")

    assert response.status_code == 302
    case_study.refresh_from_db()
    assert (case_study.title, case_study.status, case_study.last_reviewed) == (
        "Warm homes in Wigan, 2025",
        "published",
        timezone.localdate(),
    )
    assert list(case_study.outcomes.values_list("after", flat=True)) == [Decimal("520.00")]
    assert sorted(case_study.attachments.values_list("title", "position")) == [
        ("Costs", 1),
        ("Evaluation 2025", 2),
    ]
    assert SubmissionDraft.objects.count() == 0
    assert page(client.get("/case-studies/warm-homes/")).find("h1").text == "Warm homes in Wigan, 2025"
    assert Version.objects.get_for_object(case_study).count() == 1
    assert list(case_study.moderation_events.values_list("action", "note")) == [
        (
            "changes_offered",
            "The contact sent changes through the form; they are not public until an editor publishes them",
        ),
        ("reviewed", "Published the changes the contact sent"),
    ]


def test_an_editor_discards_the_sent_changes(client, ref, live, django_capture_on_commit_callbacks):
    case_study, _ = live
    send_changes(client, ref, live, django_capture_on_commit_callbacks)
    editor = Client()
    editor.force_login(make_editor())

    editor.post(f"/admin/casestudies/casestudy/{case_study.pk}/discard-proposal/")

    case_study.refresh_from_db()
    assert case_study.title == "Warm homes in Wigan"
    assert list(Attachment.objects.values_list("title", flat=True)) == ["Costs"]
    assert SubmissionDraft.objects.count() == 0
    nothing = editor.post(f"/admin/casestudies/casestudy/{case_study.pk}/publish-proposal/", follow=True)
    assert "The contact has sent no changes to publish." in nothing.content.decode()


def test_sending_again_replaces_the_first_changes(client, ref, live, django_capture_on_commit_callbacks):
    send_changes(client, ref, live, django_capture_on_commit_callbacks)
    send_changes(client, ref, live, django_capture_on_commit_callbacks, title="Third title")

    (draft,) = SubmissionDraft.objects.all()
    assert draft.data["proposal"]["fields"]["title"] == "Third title"
    assert list(Attachment.objects.filter(draft=draft).values_list("title", flat=True)) == ["Evaluation 2025"]
    assert Attachment.objects.count() == 2


def test_a_csrf_failure_on_the_form_keeps_what_was_typed(live):
    _, url = live

    response = Client(enforce_csrf_checks=True).post(url, {"title": "Retitled while away"})

    assert response.status_code == 403
    doc = page(response)
    assert (doc.find("h1").text, doc.find("input", id="id_title")["value"]) == (
        "Update your case study",
        "Retitled while away",
    )
    assert SubmissionDraft.objects.count() == 0


def test_the_form_link_refuses_bad_expired_and_unpublished_links(client, ref, live):
    case_study, url = live
    token = url.split("/")[-3]
    tampered = url.replace(token, token[:-2] + ("AA" if token[-2:] != "AA" else "BB"))

    bad_get, bad_post = client.get(tampered), client.post(tampered, edits(ref, case_study))
    with time_machine.travel(timezone.now() + timedelta(days=links.REVIEW_LINK_DAYS + 1)):
        expired_get, expired_post = client.get(url), client.post(url, edits(ref, case_study))
    CaseStudy.objects.filter(pk=case_study.pk).update(status="archived")
    unpublished = client.get(url)

    assert [r.status_code for r in (bad_get, bad_post, expired_get, expired_post, unpublished)] == [
        404,
        404,
        410,
        410,
        404,
    ]
    assert page(expired_get).find("h1").text == "This link has expired"
    assert page(bad_post).find("h1").text == "This link does not work"
    assert SubmissionDraft.objects.count() == 0


def test_tampered_expired_and_unpublished_links_are_refused(client):
    case_study, link = emailed_link()
    token = link.split("/")[-2]

    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        tampered = client.get(link.replace(token, token[:-2] + ("AA" if token[-2:] != "AA" else "BB")))
        forged = client.get(f"/case-studies/review/{signing.dumps(case_study.pk, salt='another')}/")
        wrong_answer = client.get(f"{link}nonsense/")
    with time_machine.travel(NOW + timedelta(days=links.REVIEW_LINK_DAYS + 1), tick=False):
        expired = client.get(link)
        expired_post = client.post(link, {"action": "confirm"})

    assert [r.status_code for r in (tampered, forged, expired, expired_post, wrong_answer)] == [
        404,
        404,
        410,
        410,
        404,
    ]
    assert page(tampered).find("h1").text == "This link does not work"
    assert page(expired).find("h1").text == "This link has expired"
    CaseStudy.objects.filter(pk=case_study.pk).update(status="archived")
    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        assert client.get(link).status_code == 404
    case_study.refresh_from_db()
    assert case_study.last_reviewed is None

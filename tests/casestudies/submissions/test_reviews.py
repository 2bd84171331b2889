"""Review reminders: exactly who is emailed, never twice within a month, and the signed link's page (confirm it is
still accurate, or say what has changed), with tampered, expired and unpublished links refused."""

import re
from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail, signing
from django.core.cache import cache
from django.core.management import call_command

from casestudies.models import CaseStudy, links
from casestudies.submissions.reviews import due_for_review, months_before
from tests.casestudies.submission_helpers import make_editor
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


def test_the_link_sends_changes_to_the_editors(client, django_capture_on_commit_callbacks):
    make_editor(email="editor@casestudies.example")
    case_study, link = emailed_link()

    with time_machine.travel(NOW + timedelta(days=3), tick=False):
        empty = page(client.post(link, {"action": "changes", "note": "  "}))
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                link, {"action": "changes", "note": "New figures for 2025: 88 complaints a month."}
            )

    assert empty.find("p", id="id_note-error").text == "Error: Say what has changed"
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["editor@casestudies.example"]
    assert "New figures for 2025: 88 complaints a month." in message.body
    assert list(case_study.moderation_events.values_list("action", "note")) == [
        ("changes_offered", "New figures for 2025: 88 complaints a month.")
    ]
    case_study.refresh_from_db()
    assert (case_study.status, case_study.last_reviewed) == ("published", None)


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

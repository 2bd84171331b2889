"""Email alerts for a search, end to end: ask, confirm (double opt-in), digests, unsubscribe.

Emails are sent after the database commit, so posting the form runs inside
``django_capture_on_commit_callbacks(execute=True)``. Publication times are set relative to the alert's
confirmation time, which is moved back two hours so that "new" case studies are still in the past.
"""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import dateformat, timezone

from casestudies.models import SearchAlert
from tests.factories import make_case_study, make_council, make_topic
from tests.pages import page

pytestmark = pytest.mark.django_db

EMAIL = "reader@example.org"


@pytest.fixture(autouse=True)
def empty_cache():
    """The alert form is rate limited per client address in the cache; start each test afresh."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def housing():
    return make_topic("Housing", slug="housing", order=1)


@pytest.fixture
def digital():
    return make_topic("Digital", slug="digital", order=2)


def ask(client, capture, query: str, email: str = EMAIL):
    with capture(execute=True):
        response = client.post(f"/alerts/new/?{query}", {"email": email})
    return response


def link_in(message, path: str) -> str:
    """The one link in an email's body to a path starting with ``path``, without the site address."""
    links = re.findall(rf"http://testserver({re.escape(path)}[^\s]+)", message.body)
    assert len(links) == 1, message.body
    return links[0]


def send_alerts() -> str:
    out = io.StringIO()
    call_command("send_alerts", stdout=out)
    return out.getvalue().strip()


def confirmed(client, message) -> SearchAlert:
    """Open the confirmation link, then move the confirmation two hours back."""
    response = client.get(link_in(message, "/alerts/confirm/"))
    assert response.status_code == 200
    alert = SearchAlert.objects.get()
    SearchAlert.objects.filter(pk=alert.pk).update(confirmed_at=alert.confirmed_at - timedelta(hours=2))
    alert.refresh_from_db()
    return alert


def case_study_links(message) -> list[str]:
    return re.findall(r"http://testserver(/case-studies/[^/\s?]+/)", message.body)


# The whole journey


def test_alert_journey_from_asking_to_unsubscribing(
    client, django_capture_on_commit_callbacks, housing, digital
):
    # Ask
    response = client.get("/alerts/new/?topic=housing")
    assert response.status_code == 200
    assert [li.text for li in page(response).find("main").find("ul").find_all("li")] == ["Topics: Housing"]

    response = ask(client, django_capture_on_commit_callbacks, "topic=housing")
    assert page(response).find("h1").text == "Check your email"
    assert len(mail.outbox) == 1
    confirmation = mail.outbox[0]
    assert confirmation.to == [EMAIL]
    assert confirmation.subject == "Confirm your email alert"
    assert "http://testserver/case-studies/?topic=housing\n" in confirmation.body
    pending = SearchAlert.objects.get()
    assert (pending.email, pending.query, pending.confirmed_at) == (EMAIL, "topic=housing", None)

    # Nothing is sent to an unconfirmed address, even when there is something new.
    make_case_study(
        "Housing before confirming", topics=[housing], published_at=timezone.now() - timedelta(hours=3)
    )
    assert send_alerts() == "Checked 0 alert(s): 0 digest(s) sent, 0 failed."
    assert len(mail.outbox) == 1

    # Confirm
    response = client.get(link_in(confirmation, "/alerts/confirm/"))
    doc = page(response)
    assert response.status_code == 200
    assert doc.find("h1").text == "Your email alerts are on"
    assert [(a.text, a["href"]) for a in doc.find("main").find_all("a")] == [
        ("your search", "/case-studies/?topic=housing")
    ]
    alert = SearchAlert.objects.get()
    assert alert.is_active is True
    SearchAlert.objects.filter(pk=alert.pk).update(confirmed_at=alert.confirmed_at - timedelta(hours=2))
    alert.refresh_from_db()
    since = alert.confirmed_at

    # New case studies: two match, the others are older, unpublished or about something else.
    older = make_case_study(
        "Housing, published before", topics=[housing], published_at=since - timedelta(hours=1)
    )
    first = make_case_study("Housing, new", topics=[housing], published_at=since + timedelta(minutes=30))
    second = make_case_study(
        "Housing and digital, newest", topics=[digital, housing], published_at=since + timedelta(minutes=60)
    )
    make_case_study("Digital, new", topics=[digital], published_at=since + timedelta(minutes=45))
    make_case_study(
        "Housing draft", topics=[housing], status="draft", published_at=since + timedelta(minutes=50)
    )
    assert older.published_at < alert.confirmed_at

    assert send_alerts() == "Checked 1 alert(s): 1 digest(s) sent, 0 failed."
    assert len(mail.outbox) == 2
    digest = mail.outbox[1]
    assert digest.to == [EMAIL]
    assert digest.subject == "2 new case studies: Case studies"
    assert case_study_links(digest) == [second.get_absolute_url(), first.get_absolute_url()]
    assert "Housing and digital, newest\n" in digest.body
    assert "Digital, new" not in digest.body
    assert "Housing draft" not in digest.body
    assert "Housing, published before" not in digest.body
    assert "Housing before confirming" not in digest.body
    unsubscribe = link_in(digest, "/alerts/unsubscribe/")
    assert digest.extra_headers["List-Unsubscribe"] == f"<http://testserver{unsubscribe}>"
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # Nothing new: no email.
    assert send_alerts() == "Checked 1 alert(s): 0 digest(s) sent, 0 failed."
    assert len(mail.outbox) == 2

    # Unsubscribe; later matches are not sent.
    response = client.get(unsubscribe)
    assert response.status_code == 200
    assert page(response).find("h1").text == "You have unsubscribed"
    make_case_study("Housing, after unsubscribing", topics=[housing])
    assert send_alerts() == "Checked 0 alert(s): 0 digest(s) sent, 0 failed."
    assert len(mail.outbox) == 2


# Asking


def test_alert_form_without_filters_is_about_all_new_case_studies(client):
    main = page(client.get("/alerts/new/")).find("main")

    assert main.find_all("ul") == []
    assert [p.text for p in main.find_all("p")][:2] == [
        "We will email you once a day, only when new case studies match:",
        "All new case studies.",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("topic=housing", ["Topics: Housing"]),
        (
            "year_to=2024&council=WGN&q=homes&region=north-west&topic=nope",
            ["Keyword: “homes”", "Region: North West", "Council: Wigan", "Published up to: 2024"],
        ),
    ],
)
def test_alert_form_describes_the_search(client, housing, query, expected):
    make_council("Wigan", code="WGN")

    response = client.get(f"/alerts/new/?{query}")
    main = page(response).find("main")

    assert response.status_code == 200
    assert main.find("h1").text == "Get emails about this search"
    assert [li.text for li in main.find("ul").find_all("li")] == expected


@pytest.mark.parametrize(
    ("email", "error"),
    [
        ("not-an-email", "Enter an email address in the correct format, like name@example.org"),
        ("", "Enter your email address"),
        ("reader@", "Enter an email address in the correct format, like name@example.org"),
    ],
)
def test_alert_form_with_a_bad_email_shows_the_error_and_stores_nothing(
    client, django_capture_on_commit_callbacks, housing, email, error
):
    response = ask(client, django_capture_on_commit_callbacks, "topic=housing", email=email)
    doc = page(response)

    assert response.status_code == 200
    assert doc.find("title").text == "Error: Get emails about this search – Council Case Study Library"
    assert [(a.text, a["href"]) for a in doc.find("div", class_="error-summary").find_all("a")] == [
        (error, "#id_email")
    ]
    assert doc.find("input", name="email")["aria-invalid"] == "true"
    assert SearchAlert.objects.count() == 0
    assert mail.outbox == []


def test_alert_is_stored_with_the_canonical_query(client, django_capture_on_commit_callbacks, housing):
    make_council("Wigan", code="WGN")

    ask(
        client,
        django_capture_on_commit_callbacks,
        "council=WGN&topic=nope&region=wales&topic=housing&page=3&sort=newest",
    )

    assert SearchAlert.objects.get().query == "topic=housing&region=wales&council=WGN"
    assert "http://testserver/case-studies/?topic=housing&region=wales&council=WGN\n" in mail.outbox[0].body


# Confirming and bad links


def test_tampered_or_mismatched_tokens_show_the_bad_link_page(
    client, django_capture_on_commit_callbacks, housing
):
    ask(client, django_capture_on_commit_callbacks, "topic=housing")
    confirm = link_in(mail.outbox[0], "/alerts/confirm/")
    token = confirm.removeprefix("/alerts/confirm/").removesuffix("/")
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")

    for path in [
        f"/alerts/confirm/{tampered}/",
        "/alerts/confirm/nonsense/",
        f"/alerts/unsubscribe/{token}/",  # a confirmation token cannot unsubscribe
    ]:
        response = client.get(path)
        assert response.status_code == 404, path
        assert page(response).find("h1").text == "This link is not valid"

    assert SearchAlert.objects.get().confirmed_at is None


def test_confirmation_link_of_a_deleted_alert_is_not_valid(
    client, django_capture_on_commit_callbacks, housing
):
    ask(client, django_capture_on_commit_callbacks, "topic=housing")
    SearchAlert.objects.all().delete()

    response = client.get(link_in(mail.outbox[0], "/alerts/confirm/"))

    assert response.status_code == 404


# Digests


def test_digest_follows_a_council_alert_and_names_each_case_study(client, django_capture_on_commit_callbacks):
    wigan = make_council("Wigan", code="WGN")
    ask(client, django_capture_on_commit_callbacks, "council=WGN")
    alert = confirmed(client, mail.outbox[0])
    mine = make_case_study(
        "Wigan, new", council=wigan, published_at=alert.confirmed_at + timedelta(minutes=5)
    )
    make_case_study("Elsewhere, new", published_at=alert.confirmed_at + timedelta(minutes=6))

    send_alerts()

    digest = mail.outbox[-1]
    assert len(mail.outbox) == 2
    assert digest.subject == "1 new case study: Case studies"
    assert case_study_links(digest) == [mine.get_absolute_url()]
    published = dateformat.format(timezone.localtime(mine.published_at), "j F Y")
    assert f"Wigan, new\nWigan, published {published}\n" in digest.body
    assert "See the whole search: http://testserver/case-studies/?council=WGN\n" in digest.body


def test_digest_after_a_digest_has_only_what_is_newer(client, django_capture_on_commit_callbacks, housing):
    ask(client, django_capture_on_commit_callbacks, "topic=housing")
    alert = confirmed(client, mail.outbox[0])
    make_case_study("First batch", topics=[housing], published_at=alert.confirmed_at + timedelta(minutes=5))
    send_alerts()
    make_case_study("Second batch", topics=[housing], published_at=timezone.now())

    send_alerts()

    assert [m.subject for m in mail.outbox[1:]] == ["1 new case study: Case studies"] * 2
    assert "First batch" in mail.outbox[1].body
    assert "Second batch" not in mail.outbox[1].body
    assert "Second batch" in mail.outbox[2].body
    assert "First batch" not in mail.outbox[2].body


# Unsubscribing


def test_unsubscribe_by_post_needs_no_csrf_token(client, django_capture_on_commit_callbacks, housing):
    ask(client, django_capture_on_commit_callbacks, "topic=housing")
    alert = confirmed(client, mail.outbox[0])
    make_case_study("Housing, new", topics=[housing], published_at=alert.confirmed_at + timedelta(minutes=5))
    send_alerts()
    unsubscribe = link_in(mail.outbox[1], "/alerts/unsubscribe/")

    response = Client(enforce_csrf_checks=True).post(unsubscribe, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert page(response).find("h1").text == "You have unsubscribed"
    assert SearchAlert.objects.get().unsubscribed_at is not None
    make_case_study("Housing, newer", topics=[housing], published_at=timezone.now())
    assert send_alerts() == "Checked 0 alert(s): 0 digest(s) sent, 0 failed."
    assert len(mail.outbox) == 2


def test_unsubscribing_twice_shows_the_same_page(client, django_capture_on_commit_callbacks, housing):
    ask(client, django_capture_on_commit_callbacks, "topic=housing")
    alert = confirmed(client, mail.outbox[0])
    make_case_study("Housing, new", topics=[housing], published_at=alert.confirmed_at + timedelta(minutes=5))
    send_alerts()
    unsubscribe = link_in(mail.outbox[1], "/alerts/unsubscribe/")

    first = client.get(unsubscribe)
    when = SearchAlert.objects.get().unsubscribed_at
    second = client.get(unsubscribe)

    assert [first.status_code, second.status_code] == [200, 200]
    assert page(second).find("h1").text == "You have unsubscribed"
    assert SearchAlert.objects.get().unsubscribed_at == when

"""Email alerts in Welsh under /cy/ (issue 23): the pages, and every email to a subscriber who asked in Welsh
(the confirmation and the digests), with links back to the Welsh pages; an English subscriber's stay English."""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from casestudies.models import SearchAlert
from tests.factories import make_case_study, make_topic
from tests.pages import page

pytestmark = pytest.mark.django_db

EMAIL = "darllenydd@example.org"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def housing():
    return make_topic("Housing", slug="housing", order=1)


def ask(client, capture, url: str, email: str = EMAIL):
    with capture(execute=True):
        return client.post(url, {"email": email})


def link_in(body: str, path: str) -> str:
    links = re.findall(rf"http://testserver({re.escape(path)}[^\s]+)", body)
    assert len(links) == 1, body
    return links[0]


def confirm_and_backdate(client, body: str, path: str) -> SearchAlert:
    response = client.get(link_in(body, path))
    assert response.status_code == 200
    alert = SearchAlert.objects.get()
    SearchAlert.objects.filter(pk=alert.pk).update(confirmed_at=alert.confirmed_at - timedelta(hours=2))
    alert.refresh_from_db()
    return alert


def test_welsh_alert_form_is_in_welsh(client):
    response = client.get("/cy/alerts/new/")

    doc = page(response)
    assert doc.find("html")["lang"] == "cy"
    main = doc.find("main")
    assert main.find("h1").text == "Cael negeseuon e-bost am y chwiliad hwn"
    assert [p.text for p in main.find_all("p")][:2] == [
        "Byddwn yn anfon e-bost atoch unwaith y dydd, dim ond pan fydd astudiaethau achos newydd yn cyfateb i:",
        "Pob astudiaeth achos newydd.",
    ]
    assert main.find("label").text == "Cyfeiriad e-bost"
    assert main.find("button").text == "Anfon dolen gadarnhau ataf"


def test_welsh_alert_form_errors_are_welsh(client):
    response = client.post("/cy/alerts/new/", {"email": "nid-cyfeiriad"})

    doc = page(response)
    assert doc.find("title").text.startswith("Gwall: Cael negeseuon e-bost am y chwiliad hwn")
    assert doc.find("h2", id="error-summary-title").text == "Mae problem"
    assert [li.text for li in doc.find("div", class_="error-summary").find_all("li")] == [
        "Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@example.org"
    ]


def test_welsh_alert_journey_is_welsh_from_asking_to_unsubscribing(
    client, django_capture_on_commit_callbacks, housing
):
    response = ask(client, django_capture_on_commit_callbacks, "/cy/alerts/new/?topic=housing")

    assert page(response).find("h1").text == "Edrychwch ar eich e-bost"
    assert SearchAlert.objects.get().contact_language == "cy"
    [confirmation] = mail.outbox
    assert confirmation.subject == "Cadarnhewch eich hysbysiad e-bost"
    assert confirmation.body.startswith(
        "Mae rhywun, chi gobeithio, wedi gofyn am hysbysiadau e-bost gan Llyfrgell Astudiaethau Achos Cynghorau"
        " am y chwiliad hwn:\n\nhttp://testserver/cy/case-studies/?topic=housing\n\n"
    )

    alert = confirm_and_backdate(client, confirmation.body, "/cy/alerts/confirm/")
    new = make_case_study(
        "Cartrefi cynnes", topics=[housing], published_at=alert.confirmed_at + timedelta(minutes=30)
    )
    call_command("send_alerts", stdout=io.StringIO())

    digest = mail.outbox[1]
    assert digest.subject.startswith("1 astudiaeth achos newydd: ")
    assert digest.body.startswith("Astudiaethau achos newydd sy’n cyfateb i’ch chwiliad")
    assert f"http://testserver/cy/case-studies/{new.slug}/\n" in digest.body
    assert "\nGweld y chwiliad cyfan: http://testserver/cy/case-studies/?topic=housing\n" in digest.body
    unsubscribe = link_in(digest.body, "/cy/alerts/unsubscribe/")
    assert page(client.get(unsubscribe)).find("h1").text == "Rydych wedi dad-danysgrifio"


def test_an_english_subscriber_still_gets_english(client, django_capture_on_commit_callbacks, housing):
    ask(client, django_capture_on_commit_callbacks, "/alerts/new/?topic=housing")

    assert SearchAlert.objects.get().contact_language == "en-gb"
    alert = confirm_and_backdate(client, mail.outbox[0].body, "/alerts/confirm/")
    make_case_study("Warm homes", topics=[housing], published_at=alert.confirmed_at + timedelta(minutes=30))
    call_command("send_alerts", stdout=io.StringIO())

    assert [message.subject for message in mail.outbox] == [
        "Confirm your email alert",
        "1 new case study: Case studies",
    ]


def test_a_bad_welsh_alert_link_says_so_in_welsh(client):
    response = client.get("/cy/alerts/confirm/nid-yn-ddilys/")

    assert response.status_code == 404
    assert page(response).find("h1").text == "Nid yw’r ddolen hon yn ddilys"


def test_the_welsh_confirmation_page_links_to_the_welsh_search(
    client, django_capture_on_commit_callbacks, housing
):
    ask(client, django_capture_on_commit_callbacks, "/cy/alerts/new/?topic=housing")

    response = client.get(link_in(mail.outbox[0].body, "/cy/alerts/confirm/"))

    main = page(response).find("main")
    assert main.find("h1").text == "Mae eich hysbysiadau e-bost ar waith"
    assert [(a.text, a["href"]) for a in main.find_all("a")] == [
        ("chwiliad", "/cy/case-studies/?topic=housing")
    ]
    assert timezone.now() - SearchAlert.objects.get().confirmed_at < timedelta(minutes=1)

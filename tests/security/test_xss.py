"""An XSS corpus in every submitted field, published, then rendered everywhere it can appear: always escaped."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.cache import cache

from casestudies.models import CaseStudy, unique_slug
from casestudies.moderation import services
from tests.factories import make_case_study, make_council, make_topic

pytestmark = pytest.mark.django_db
CORPUS = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    "<a href=\"javascript:alert('x')\">click</a>",
    '"><svg onload=alert(1)>',
    "</textarea><script>alert(2)</script>",
    "<b>unclosed <i>markup",
    "\u202egnp.exe",
    "</script><script>alert(3)</script>",
]
DANGEROUS = [
    "<script>alert",
    "<img src=x",
    'href="javascript:',
    "href='javascript:",
    "<svg onload",
    "</textarea><script>",
    "<b>unclosed",
    "</script><script>",
]
TEXT_FIELDS = ["title", "partners", "summary", "challenge", "solution", "impact", "sustainability", "lessons"]


@pytest.fixture
def published_payload(client, settings, django_capture_on_commit_callbacks):
    settings.SUBMISSION_RATE_LIMIT = 100
    settings.EDITOR_EMAILS = ["editors@casestudies.example"]
    cache.clear()
    make_council("Wigan", code="WGN")
    make_topic("Digital", slug="digital")
    payload = " ".join(CORPUS)
    html = client.get("/case-studies/submit/").content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    data = {
        field: f"Zeppelin {payload}"[:115] if field == "title" else f"Zeppelin {payload}"
        for field in TEXT_FIELDS
    }
    data |= {
        "lead_council": "WGN",
        "topics": ["digital"],
        "contact_name": f"Sam {CORPUS[0]}"[:150],
        "contact_role": f"Lead {CORPUS[1]}",
        "contact_email": "sam@wigan.example",
        "submitter_name": f"Sub {CORPUS[3]}",
        "submitter_email": "submitter@wigan.example",
        "consent": "on",
        "form_token": token,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/case-studies/submit/", data)
    assert response.status_code == 302
    case_study = CaseStudy.objects.get()
    assert case_study.challenge == data["challenge"]  # stored verbatim, as plain text
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_case_study(case_study=case_study, actor=None)
    case_study.refresh_from_db()
    return case_study


def assert_escaped(body: str) -> None:
    for fragment in DANGEROUS:
        assert fragment not in body, fragment
    assert "&lt;script&gt;" in body or "\\u003cscript\\u003e" in body or "&amp;lt;script" in body


@pytest.mark.parametrize(
    "url",
    [
        "{detail}",
        "/case-studies/",
        "/case-studies/?q=zeppelin",
        "/case-studies/topics/digital/",
        "/councils/WGN/",
    ],
)
def test_payload_is_escaped_on_public_pages(client, published_payload, url):
    body = client.get(url.format(detail=published_payload.get_absolute_url())).content.decode()

    assert "Zeppelin" in body
    assert_escaped(body)


def test_payload_is_escaped_in_the_feed(client, published_payload):
    body = client.get("/case-studies/feed/").content.decode()

    assert "Zeppelin" in body
    # Atom text content: "<" and "&" are escaped, so no element can be injected (quotes need no escaping there).
    for tag in ("<script", "<img", "<svg", "<a ", "<b>", "</textarea"):
        assert tag not in body
    assert "&lt;script&gt;alert" in body


def test_payload_is_escaped_in_json_ld(client, published_payload):
    body = client.get(published_payload.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1)

    assert "<" not in block
    assert "\\u003cscript\\u003e" in block


def test_payload_is_escaped_in_the_admin(client, published_payload):
    editor = User.objects.create_user("ed", "ed@casestudies.example", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    for url in (
        "/admin/casestudies/casestudy/?status=all",
        f"/admin/casestudies/casestudy/{published_payload.pk}/change/",
    ):
        body = client.get(url).content.decode()
        assert "Zeppelin" in body
        assert_escaped(body)


def test_emails_are_plain_text_with_the_payload_inert(published_payload):
    assert [m.subject for m in mail.outbox] == [
        f"We have received your case study ({published_payload.reference})",
        f"New case study to review: {published_payload.reference}",
        f"Your case study is published ({published_payload.reference})",
    ]
    for message in mail.outbox:
        assert message.content_subtype == "plain"
        assert getattr(message, "alternatives", []) == []
        assert "\n" not in message.subject


def test_submitter_details_never_appear_publicly(client, published_payload):
    pages = [
        published_payload.get_absolute_url(),
        "/case-studies/",
        "/case-studies/feed/",
        "/sitemap.xml",
        f"/councils/{published_payload.lead_council.code}/",
    ]
    for url in pages:
        body = client.get(url).content.decode()
        assert "submitter@wigan.example" not in body
        assert "Sub " not in body
    for url in ("/case-studies/export.csv", "/case-studies/export.json"):
        body = b"".join(client.get(url).streaming_content).decode()
        assert "submitter@wigan.example" not in body
        assert "sam@wigan.example" in body  # the contact the council agreed to publish


def test_welsh_and_emoji_titles_make_valid_slugs_and_are_found(client):
    topic = make_topic("Digital", slug="digital")
    council = make_council("Isle of Anglesey", code="AGY")
    welsh = make_case_study("Cyngor Sir Ynys Môn: Cynllun Ŵyn a Gwlân", council=council, topics=[topic])
    emoji = make_case_study("🚲🚲 Pedal power 🚲", council=council, topics=[topic])
    for case_study in (welsh, emoji):
        case_study.slug = unique_slug(case_study.title, exclude_pk=case_study.pk)
        case_study.save()

    assert (welsh.slug, emoji.slug) == ("cyngor-sir-ynys-mon-cynllun-wyn-a-gwlan", "pedal-power")
    assert unique_slug("🚲🚲🚲") == "case-study"
    assert client.get(welsh.get_absolute_url()).status_code == 200
    body = client.get("/case-studies/?q=Cynllun").content.decode()
    assert "Cyngor Sir Ynys Môn: Cynllun Ŵyn a Gwlân" in body
    body = client.get("/case-studies/?q=Pedal").content.decode()
    assert "🚲🚲 Pedal power 🚲" in body


@pytest.mark.parametrize(
    "url", ["/case-studies/map/", "/case-studies/map/?order=name", "/insights/", "/councils/ONE/"]
)
def test_council_and_topic_names_are_escaped_in_charts_tables_and_similar_councils(client, url):
    """The map and insights write their marks and rows without templates (casestudies/templatetags/charts.py)."""
    payload = " ".join(CORPUS)
    topic = make_topic(f"Topic {payload}"[:100], slug="payload")  # the columns' lengths, as on PostgreSQL
    one = make_council("One", code="ONE", latitude=53.5, longitude=-2.5)
    other = make_council(
        f"Other {payload}"[:150], code="TWO", region=payload[:50], latitude=53.6, longitude=-2.4
    )
    make_case_study("Zeppelin one", council=one, topics=[topic])
    make_case_study(f"Zeppelin {payload}"[:200], council=other, topics=[topic])

    response = client.get(url)
    body = response.content.decode()

    assert response.status_code == 200
    assert "Other &lt;script&gt;" in body
    if url.startswith("/councils/"):
        assert "Zeppelin &lt;script&gt;" in body  # a case study from a council like this one
    assert_escaped(body)

"""The submission pages: the form, its error handling, the confirmation page, and the protections around them."""

import re
import time

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.cache import cache
from django.test import Client

from casestudies.models import CaseStudy, ModerationEvent
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

SECTION_HEADINGS = [
    "About the case study",
    "Summary",
    "The challenge",
    "The solution",
    "The impact",
    "How the approach is being sustained",
    "Lessons learned",
    "Impact, cost and evidence (optional)",
    "Topics and support",
    "Photo and documents (optional)",
    "Contact for this case study",
    "About you",
    "Publication",
]
REQUIRED_ERRORS = [
    ("#id_title", "Enter a title"),
    ("#id_lead_council", "Choose the council that led the work"),
    ("#id_summary", "Enter a summary"),
    ("#id_challenge", "Describe the challenge"),
    ("#id_solution", "Describe the solution"),
    ("#id_impact", "Describe the impact"),
    ("#id_sustainability", "Say how the approach is being sustained"),
    ("#id_lessons", "Enter the lessons learned"),
    ("#id_topics_0", "Choose at least one topic"),
    ("#id_contact_name", "Enter the contact's name"),
    ("#id_contact_role", "Enter the contact's job title"),
    ("#id_contact_email", "Enter the contact's email address"),
    ("#id_submitter_name", "Enter your name"),
    ("#id_submitter_email", "Enter your email address"),
    ("#id_consent", "Confirm that your council agrees to publication"),
]
HINTED_FIELDS = [
    ("title", "input"),
    ("lead_council", "select"),
    ("summary", "textarea"),
    ("challenge", "textarea"),
    ("solution", "textarea"),
    ("impact", "textarea"),
    ("sustainability", "textarea"),
    ("lessons", "textarea"),
    ("contact_name", "input"),
    ("contact_role", "input"),
    ("contact_email", "input"),
    ("submitter_name", "input"),
    ("submitter_email", "input"),
]
REFERENCE = re.compile(r"CS-\d{4}-\d{5}")
RATE_LIMITED = "You have sent several case studies in the last hour"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ref():
    return make_reference_data()


def by_id(doc, element_id: str):
    return doc.find(id=element_id)


def checked_boxes(doc) -> list[tuple[str, str | None]]:
    return [
        (box["name"], box.attrs.get("value")) for box in doc.find_all("input", type="checkbox", checked=True)
    ]


# The form as served


def test_submit_get_shows_every_section_heading_in_template_order(client, ref):
    doc = page(client.get(SUBMIT_URL))
    headings = [section.find("h2").text for section in doc.find_all("section", class_="form-section")]
    assert headings == SECTION_HEADINGS


def test_submit_get_shows_what_happens_next(client, ref):
    response = client.get(SUBMIT_URL)
    doc = page(response)
    assert response.status_code == 200
    assert doc.find("h2", class_="h3").text == "What happens next"
    assert [p.text for p in doc.find("main").find_all("p") if "working days" in p.text] == [
        (
            "You will get a reference number straight away and an email confirming it. An editor reads every "
            "case study, usually within 10 working days, and may email you with questions. Nothing is published "
            "until an editor approves it."
        )
    ]


def test_submit_get_has_no_error_summary_and_a_plain_title(client, ref):
    doc = page(client.get(SUBMIT_URL))
    assert doc.find_all(class_="error-summary") == []
    assert doc.find("title").text == "Submit a case study – Council Case Study Library"
    assert doc.find_all(aria_invalid="true") == []


def test_submit_get_lists_only_current_councils_by_name(client, ref):
    select = page(client.get(SUBMIT_URL)).find("select", id="id_lead_council")
    assert [(o["value"], o.text) for o in select.find_all("option")] == [
        ("", "Choose a council"),
        ("LDS", "Leeds"),
        ("WGN", "Wigan"),
    ]


def test_submit_get_has_an_empty_hidden_honeypot_and_a_signed_token(client, ref):
    doc = page(client.get(SUBMIT_URL))
    honeypot = doc.find("div", class_="honeypot")
    assert honeypot["aria-hidden"] == "true"
    field = honeypot.find("input", name="website")
    assert (field["value"], field["tabindex"], field["autocomplete"]) == ("", "-1", "off")
    token = doc.find("input", name="form_token")
    assert token["type"] == "hidden"
    served = signing.loads(token["value"], salt="casestudies.submission-form")
    assert time.time() - 60 < served <= time.time()


# Errors


def test_submit_post_with_errors_shows_summary_linking_to_each_field(client, ref):
    response = client.post(SUBMIT_URL, {"form_token": form_token_from_page(client)})
    doc = page(response)
    assert response.status_code == 200
    assert CaseStudy.objects.count() == 0
    summary = doc.find("div", class_="error-summary")
    assert (summary["role"], summary["tabindex"], summary["aria-labelledby"]) == (
        "alert",
        "-1",
        "error-summary-title",
    )
    assert "autofocus" in summary.attrs
    assert summary.find("h2").text == "There is a problem"
    links = [(a["href"], a.text) for a in summary.find_all("a")]
    assert links == REQUIRED_ERRORS
    for href, _ in links:
        assert len(doc.find_all(id=href[1:])) == 1, href
    assert doc.find("title").text == "Error: Submit a case study – Council Case Study Library"


def test_submit_post_with_errors_marks_each_field_invalid_and_describes_it(client, ref):
    doc = page(client.post(SUBMIT_URL, {"form_token": form_token_from_page(client)}))
    messages = dict(REQUIRED_ERRORS)
    for name, tag in HINTED_FIELDS:
        control = doc.find(tag, id=f"id_{name}")
        assert control["aria-invalid"] == "true", name
        assert control["aria-describedby"] == f"id_{name}-hint id_{name}-error", name
        assert by_id(doc, f"id_{name}-hint")["class"] == "field__hint"
        assert by_id(doc, f"id_{name}-error").text == f"Error: {messages[f'#id_{name}']}"
    topics = doc.find("fieldset", id="id_topics")
    assert topics["aria-describedby"] == "id_topics-hint id_topics-error"
    assert by_id(doc, "id_topics-hint").text == "Choose 1 to 3 topics."
    assert by_id(doc, "id_topics-error").text == "Error: Choose at least one topic"
    consent = doc.find("input", id="id_consent")
    assert (consent["aria-invalid"], consent["aria-describedby"]) == ("true", "id_consent-error")
    assert by_id(doc, "id_consent-error").text == "Error: Confirm that your council agrees to publication"


def test_submit_post_with_errors_leaves_valid_fields_unmarked(client, ref):
    data = valid_post_data(client, ref, title="")
    doc = page(client.post(SUBMIT_URL, data))
    assert [a["href"] for a in doc.find("div", class_="error-summary").find_all("a")] == ["#id_title"]
    partners = doc.find("textarea", id="id_partners")
    assert "aria-invalid" not in partners.attrs
    assert partners["aria-describedby"] == "id_partners-hint"
    assert doc.find_all(id="id_partners-error") == []
    assert doc.find("fieldset", id="id_topics")["aria-describedby"] == "id_topics-hint"
    assert doc.find("input", id="id_title")["aria-invalid"] == "true"


def test_submit_post_with_errors_keeps_every_typed_value(client, ref):
    typed = {
        **TEXT_ANSWERS,
        "title": "",
        "summary": words(101, "résumé"),
        "challenge": 'Rents rose <b>fast</b> & "quickly"',
        "contact_email": "not-an-email",
    }
    data = valid_post_data(
        client,
        ref,
        **typed,
        lead_council="LDS",
        topics=["housing", "health-and-care", "digital", "climate"],
        support_types=["grant"],
    )
    response = client.post(SUBMIT_URL, data)
    doc = page(response)
    assert response.status_code == 200
    assert [a.text for a in doc.find("div", class_="error-summary").find_all("a")] == [
        "Enter a title",
        "Summary must be 100 words or fewer (you have 101)",
        "Choose no more than 3 topics",
        "Enter an email address in the correct format, like name@example.org",
    ]
    for name in ("partners", "summary", "challenge", "solution", "impact", "sustainability", "lessons"):
        assert doc.find("textarea", id=f"id_{name}").text == typed[name], name
    for name in (
        "title",
        "contact_name",
        "contact_role",
        "contact_email",
        "submitter_name",
        "submitter_email",
    ):
        assert doc.find("input", id=f"id_{name}").attrs.get("value", "") == typed[name], name
    selected = [
        o["value"] for o in doc.find("select", id="id_lead_council").find_all("option", selected=True)
    ]
    assert selected == ["LDS"]
    assert checked_boxes(doc) == [
        ("topics", "housing"),
        ("topics", "health-and-care"),
        ("topics", "digital"),
        ("topics", "climate"),
        ("support_types", "grant"),
        ("consent", None),
    ]
    assert "Rents rose &lt;b&gt;fast&lt;/b&gt; &amp; &quot;quickly&quot;" in response.content.decode()
    assert CaseStudy.objects.count() == 0


def test_submit_form_has_no_maxlength_on_any_field(client, ref):
    form = page(client.get(SUBMIT_URL)).find("form", class_="submission-form")
    fields = form.find_all("input") + form.find_all("textarea")
    assert len(fields) > 20
    assert [node.attrs.get("name") for node in fields if "maxlength" in node.attrs] == []


def test_submit_long_paste_is_refused_naming_the_limit_and_kept_whole(client, ref):
    pasted = "x" * 50_000
    response = client.post(SUBMIT_URL, valid_post_data(client, ref, challenge=pasted))
    doc = page(response)
    assert response.status_code == 200
    assert [li.text for li in doc.find("div", class_="error-summary").find_all("li")] == [
        "The challenge must be 7,500 characters or fewer (you have 50,000)"
    ]
    assert doc.find("textarea", id="id_challenge").text == pasted
    assert doc.find("textarea", id="id_solution").text == TEXT_ANSWERS["solution"]
    assert CaseStudy.objects.count() == 0


def test_submit_post_sent_too_quickly_is_refused_and_keeps_answers(client, ref, settings):
    settings.SUBMISSION_MIN_SECONDS = 3
    response = client.post(SUBMIT_URL, valid_post_data(client, ref))
    doc = page(response)
    assert response.status_code == 200
    assert [li.text for li in doc.find("div", class_="error-summary").find_all("li")] == [
        "That was sent too quickly. Check your answers and send the form again."
    ]
    assert doc.find("input", id="id_title")["value"] == TEXT_ANSWERS["title"]
    assert doc.find("textarea", id="id_lessons").text == TEXT_ANSWERS["lessons"]
    assert CaseStudy.objects.count() == 0


def test_submit_empty_form_sent_at_once_shows_only_the_field_errors(client, ref, settings):
    settings.SUBMISSION_MIN_SECONDS = 3
    client.get(SUBMIT_URL)
    token = signing.dumps(time.time(), salt="casestudies.submission-form")
    response = client.post(SUBMIT_URL, {"form_token": token, "action": "submit"})
    doc = page(response)
    summary = [li.text for li in doc.find("div", class_="error-summary").find_all("li")]
    assert response.status_code == 200
    assert summary[:3] == ["Enter a title", "Choose the council that led the work", "Enter a summary"]
    assert "That was sent too quickly. Check your answers and send the form again." not in summary
    assert CaseStudy.objects.count() == 0


def test_submit_honeypot_filled_is_400_and_saves_nothing(client, ref):
    response = client.post(SUBMIT_URL, valid_post_data(client, ref, website="https://spam.example"))
    doc = page(response)
    assert response.status_code == 400
    assert [li.text for li in doc.find("div", class_="error-summary").find_all("li")] == [
        "We could not accept this form. Please try again."
    ]
    assert doc.find("input", name="website")["value"] == ""
    assert CaseStudy.objects.count() == 0
    assert ModerationEvent.objects.count() == 0


# Success


def test_submit_success_stores_one_submitted_case_study(client, ref):
    response = client.post(SUBMIT_URL, valid_post_data(client, ref))
    assert response.status_code == 302
    case_study = CaseStudy.objects.get()
    assert case_study.status == CaseStudy.Status.SUBMITTED
    assert REFERENCE.fullmatch(case_study.reference)
    assert case_study.reference == f"CS-{case_study.submitted_at.year}-{case_study.pk:05d}"
    assert (case_study.submitter_name, case_study.submitter_email) == ("Sam Jones", "sam.jones@wigan.example")
    assert case_study.publication_consent is True
    assert case_study.published_at is None
    assert case_study.lead_council == ref.council
    assert case_study.title == TEXT_ANSWERS["title"]
    assert case_study.slug == "wigan-warm-homes-for-older-residents"
    assert case_study.challenge == TEXT_ANSWERS["challenge"]
    assert sorted(case_study.topics.values_list("slug", flat=True)) == ["digital", "housing"]
    assert list(case_study.support_types.values_list("slug", flat=True)) == ["peer-support"]
    assert list(case_study.moderation_events.values_list("action", "from_status", "to_status", "actor")) == [
        ("submitted", "", "submitted", None)
    ]


def test_submit_success_is_not_public(client, ref):
    client.post(SUBMIT_URL, valid_post_data(client, ref))
    assert client.get("/case-studies/wigan-warm-homes-for-older-residents/").status_code == 404
    assert CaseStudy.objects.published().count() == 0


def test_submit_success_redirects_to_confirmation_showing_the_reference(client, ref):
    response = client.post(SUBMIT_URL, valid_post_data(client, ref), follow=True)
    reference = CaseStudy.objects.get().reference
    assert len(response.redirect_chain) == 1
    url, status = response.redirect_chain[0]
    assert status == 302
    assert re.fullmatch(r"/case-studies/submit/received/[\w:.-]+/", url)
    doc = page(response)
    assert response.status_code == 200
    assert doc.find("h1").text == "Case study received"
    assert doc.find("strong", class_="reference").text == reference
    assert "An editor will read your case study, usually within 10 working days." in doc.find("main").text


def test_submit_done_tampered_token_is_404(client, ref):
    response = client.post(SUBMIT_URL, valid_post_data(client, ref))
    url = response["Location"]
    token = url.rstrip("/").rsplit("/", 1)[1]
    value, signature = token.split(":", 1)
    forged = f"{value}:{signature[:-1]}{'A' if signature[-1] != 'A' else 'B'}"
    assert client.get(url).status_code == 200
    assert client.get(f"/case-studies/submit/received/{forged}/").status_code == 404
    assert client.get("/case-studies/submit/received/CS-2026-00001/").status_code == 404


def test_submit_success_query_count(client, ref, django_assert_num_queries):
    """Storing the submission (16 queries), then its first revision (9): a savepoint, the content type, the topics and
    support types it keeps, its outcomes (followed, issue 20), a check that the case study exists, the revision and
    its version, and the release."""
    data = valid_post_data(client, ref)
    ContentType.objects.clear_cache()  # as in a fresh process, whatever ran before
    with django_assert_num_queries(25):
        response = client.post(SUBMIT_URL, data)
    assert response.status_code == 302
    assert CaseStudy.objects.count() == 1


# Rate limit


def test_submit_rate_limit_refuses_third_submission_from_one_address(client, ref, settings):
    settings.SUBMISSION_RATE_LIMIT = 2
    for n in (1, 2):
        response = client.post(SUBMIT_URL, valid_post_data(client, ref), REMOTE_ADDR="203.0.113.5")
        assert response.status_code == 302, n
    response = client.post(
        SUBMIT_URL, valid_post_data(client, ref, title="A third case study"), REMOTE_ADDR="203.0.113.5"
    )
    doc = page(response)
    assert response.status_code == 429
    alert = doc.find("div", class_="error-summary")
    assert alert["role"] == "alert"
    assert alert.find("h2").text == RATE_LIMITED
    assert re.fullmatch(
        r"To protect the site from automated spam we accept a few submissions an hour from each connection\. "
        r"Please try again in about \d+ minutes?\. Your answers are still in the form below, so nothing is lost\.",
        alert.find("p").text,
    )
    assert doc.find("input", id="id_title")["value"] == "A third case study"
    assert doc.find("textarea", id="id_summary").text == TEXT_ANSWERS["summary"]
    assert checked_boxes(doc) == [
        ("topics", "housing"),
        ("topics", "digital"),
        ("support_types", "peer-support"),
        ("consent", None),
    ]
    assert CaseStudy.objects.count() == 2


def test_submit_rate_limit_is_per_address(client, ref, settings):
    settings.SUBMISSION_RATE_LIMIT = 2
    for _ in range(2):
        client.post(SUBMIT_URL, valid_post_data(client, ref), REMOTE_ADDR="203.0.113.5")
    assert client.post(SUBMIT_URL, valid_post_data(client, ref), REMOTE_ADDR="203.0.113.5").status_code == 429
    response = client.post(SUBMIT_URL, valid_post_data(client, ref), REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302
    assert CaseStudy.objects.count() == 3


def test_submit_rate_limit_counts_only_accepted_submissions(client, ref, settings):
    settings.SUBMISSION_RATE_LIMIT = 2
    for _ in range(3):
        response = client.post(SUBMIT_URL, valid_post_data(client, ref, title=""), REMOTE_ADDR="203.0.113.5")
        assert response.status_code == 200
    for _ in range(2):
        response = client.post(SUBMIT_URL, valid_post_data(client, ref), REMOTE_ADDR="203.0.113.5")
        assert response.status_code == 302
    assert CaseStudy.objects.count() == 2


REMAINING = (
    r"You can send {} from this connection in the next \d+ minutes?\. Answers you save and then send from the "
    r"emailed link do not count\."
)


@pytest.mark.parametrize(("sent", "left"), [(3, "2 more case studies"), (4, "1 more case study")])
def test_submit_form_says_how_many_submissions_remain_when_few_do(client, ref, settings, sent, left):
    settings.SUBMISSION_RATE_LIMIT = 5
    for _ in range(sent):
        assert client.post(SUBMIT_URL, valid_post_data(client, ref)).status_code == 302
    doc = page(client.get(SUBMIT_URL))
    assert re.fullmatch(REMAINING.format(left), doc.find("p", id="submissions-left").text)
    assert doc.find("button", value="submit")["aria-describedby"] == "submissions-left"


def test_submit_form_says_nothing_of_the_limit_while_plenty_remain(client, ref, settings):
    settings.SUBMISSION_RATE_LIMIT = 5
    for _ in range(2):
        client.post(SUBMIT_URL, valid_post_data(client, ref))
    doc = page(client.get(SUBMIT_URL))
    assert doc.find_all("p", id="submissions-left") == []
    assert "aria-describedby" not in doc.find("button", value="submit").attrs


def test_submit_form_at_the_limit_says_when_and_that_saving_still_works(client, ref, settings):
    settings.SUBMISSION_RATE_LIMIT = 1
    client.post(SUBMIT_URL, valid_post_data(client, ref))
    assert re.fullmatch(
        r"This connection has sent several case studies in the last hour, so a new one can be sent in about "
        r"\d+ minutes?\. You can save your answers now and send them from the emailed link: that does not count\.",
        page(client.get(SUBMIT_URL)).find("p", id="submissions-left").text,
    )
    refused = page(client.post(SUBMIT_URL, valid_post_data(client, ref)))
    assert refused.find("div", class_="error-summary").find("h2").text == RATE_LIMITED
    assert refused.find_all("p", id="submissions-left") == []  # the alert says it already


# Request protections


def test_submit_post_without_csrf_token_is_403_with_the_form_and_every_answer_kept(ref):
    client = Client(enforce_csrf_checks=True)
    response = client.post(SUBMIT_URL, valid_post_data(client, ref))
    doc = page(response)
    assert response.status_code == 403
    assert doc.find("h1").text == "Submit a case study"
    assert doc.find("div", class_="error-summary").find("h2").text == "Your form was not sent"
    assert doc.find("input", id="id_title")["value"] == TEXT_ANSWERS["title"]
    assert doc.find("textarea", id="id_challenge").text == TEXT_ANSWERS["challenge"]
    assert doc.find("option", value=ref.council.code, selected=True).text == ref.council.name
    checked = [box["value"] for box in doc.find_all("input", name="topics", checked=True)]
    assert checked == [ref.topics[0].slug, ref.topics[2].slug]
    assert doc.find("input", name="csrfmiddlewaretoken")["value"]  # a fresh token to send it again with
    assert CaseStudy.objects.count() == 0


def test_submit_post_with_csrf_token_from_the_form_is_accepted(ref):
    client = Client(enforce_csrf_checks=True)
    csrf = page(client.get(SUBMIT_URL)).find("input", name="csrfmiddlewaretoken")["value"]
    response = client.post(SUBMIT_URL, valid_post_data(client, ref, csrfmiddlewaretoken=csrf))
    assert response.status_code == 302
    assert CaseStudy.objects.count() == 1


def test_submit_oversized_post_is_400_not_500(client, ref):
    response = client.post(SUBMIT_URL, valid_post_data(client, ref, challenge="x" * 300 * 1024))
    assert response.status_code == 400
    assert page(response).find("h1").text == "Sorry, we could not understand that request"
    assert CaseStudy.objects.count() == 0


def test_submit_script_is_stored_verbatim_and_escaped_on_preview(client, ref):
    script = "<script>alert(1)</script>"
    client.post(SUBMIT_URL, valid_post_data(client, ref, title=f"Warm homes {script}", summary=script))
    case_study = CaseStudy.objects.get()
    assert case_study.title == f"Warm homes {script}"
    assert case_study.summary == script
    client.force_login(make_editor())
    response = client.get(case_study.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview — not published" in html
    assert script not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 3  # title, heading, summary
    assert page(response).find("h1").text == f"Warm homes {script}"

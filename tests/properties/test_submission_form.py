"""Property-based tests of the submission form: never a 5xx; valid-looking input saves exactly one case study
or shows errors, and nothing typed is lost."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casestudies.models import CaseStudy
from tests.factories import make_council, make_topic

pytestmark = pytest.mark.django_db
FIELDS = [
    "title",
    "lead_council",
    "partners",
    "summary",
    "challenge",
    "solution",
    "impact",
    "sustainability",
    "lessons",
    "topics",
    "support_types",
    "contact_name",
    "contact_role",
    "contact_email",
    "submitter_name",
    "submitter_email",
    "consent",
    "website",
    "form_token",
]
text = st.one_of(
    st.text(max_size=80),
    st.sampled_from(
        ["", " ", "\x00", "<script>alert(1)</script>", "x" * 3000, "word " * 800, "🚲", "Ynys Môn"]
    ),
)


@pytest.fixture
def form_setup(db, settings):
    settings.SUBMISSION_RATE_LIMIT = 10**6
    make_council("Wigan", code="WGN")
    make_topic("Digital", slug="digital")
    cache.clear()


def fresh_token(client) -> str:
    html = client.get("/case-studies/submit/").content.decode()
    return re.search(r'name="form_token" value="([^"]+)"', html).group(1)


def valid_data(token: str) -> dict:
    return {
        "title": "Warm homes in Wigan",
        "lead_council": "WGN",
        "partners": "",
        "summary": "A short summary.",
        "challenge": "The challenge.",
        "solution": "The solution.",
        "impact": "The impact.",
        "sustainability": "Sustained.",
        "lessons": "Lessons.",
        "topics": ["digital"],
        "contact_name": "Sam Lee",
        "contact_role": "Lead",
        "contact_email": "sam.lee@wigan.example",
        "submitter_name": "Sam Lee",
        "submitter_email": "sam.lee@wigan.example",
        "consent": "on",
        "form_token": token,
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    changes=st.dictionaries(st.sampled_from(FIELDS), st.one_of(text, st.lists(text, max_size=3)), max_size=6)
)
def test_submission_never_fails_and_saves_exactly_one_or_shows_errors(client, form_setup, changes):
    data = {**valid_data(fresh_token(client)), **changes}
    before = CaseStudy.objects.count()

    response = client.post("/case-studies/submit/", data)

    assert response.status_code in {200, 302, 400}
    saved = CaseStudy.objects.count() - before
    if response.status_code == 302:
        assert saved == 1
    else:
        assert saved == 0
        assert 'class="error-summary"' in response.content.decode()


def test_submission_without_csrf_token_is_403_and_shows_the_answers_again(form_setup):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/case-studies/submit/", valid_data(fresh_token(client)))

    assert response.status_code == 403
    assert "Your form was not sent" in response.content.decode()
    assert 'value="Warm homes in Wigan"' in response.content.decode()
    assert CaseStudy.objects.count() == 0


def test_submission_with_duplicated_fields_saves_one_case_study(client, form_setup):
    data = valid_data(fresh_token(client))
    body = "&".join(
        f"{key}={value}"
        for key, values in {**data, "title": ["First title", "Second title"]}.items()
        for value in (values if isinstance(values, list) else [values])
    )

    response = client.post("/case-studies/submit/", body, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 302
    assert list(CaseStudy.objects.values_list("title", flat=True)) == ["Second title"]


def test_submission_of_ten_megabytes_is_refused_with_400(client, form_setup):
    data = valid_data(fresh_token(client))
    data["challenge"] = "word " * (2 * 1024 * 1024)

    response = client.post("/case-studies/submit/", data)

    assert response.status_code == 400
    assert "Sorry, we could not understand that request" in response.content.decode()
    assert CaseStudy.objects.count() == 0

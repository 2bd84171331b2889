"""The form's pages go compressed to browsers that accept it: with every council an option of the lead-council
select they are the largest pages of the site, and never page-cached."""

import gzip

import pytest
from django.urls import resolve

from casestudies.submissions.views import form_after_csrf_failure
from tests.factories import make_council

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def test_submission_form_is_sent_compressed_to_a_browser_that_accepts_it(client):
    for n in range(60):
        make_council(f"Council {n:02}", code=f"C{n:02}", official_name=f"Council {n:02} Borough Council")

    plain = client.get("/case-studies/submit/")
    compressed = client.get("/case-studies/submit/", **GZIP)

    assert (plain.status_code, plain.has_header("Content-Encoding")) == (200, False)
    assert (compressed.status_code, compressed["Content-Encoding"]) == (200, "gzip")
    assert "Accept-Encoding" in compressed["Vary"]
    html = gzip.decompress(compressed.content)
    assert html.count(b"<option value=") == plain.content.count(b"<option value=") == 61
    assert b"<h1>Submit a case study</h1>" in html
    assert len(compressed.content) < len(plain.content) / 4


@pytest.mark.parametrize(
    ("url", "status"),
    [("/case-studies/submit/draft/forged/", 404), ("/case-studies/submit/changes/forged/", 404)],
)
def test_links_back_into_the_form_are_sent_compressed_too(client, url, status):
    response = client.get(url, **GZIP)

    assert (response.status_code, response["Content-Encoding"]) == (status, "gzip")


@pytest.mark.parametrize(
    "url", ["/case-studies/submit/", "/case-studies/submit/draft/x/", "/case-studies/submit/changes/x/"]
)
def test_compressed_form_pages_still_answer_a_csrf_failure_with_the_form(url):
    assert resolve(url).func.csrf_failure is form_after_csrf_failure

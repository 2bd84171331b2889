"""Back to results from a case study's page: the Referer, checked strictly, and the page cache keyed on it."""

import pytest
from django.test import RequestFactory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casestudies.public.backlink import cache_variant, results_url
from tests.factories import make_case_study
from tests.pages import page

pytestmark = pytest.mark.django_db


def request_with(referer: str | None, host: str = "testserver"):
    headers = {"HTTP_HOST": host}
    if referer is not None:
        headers["HTTP_REFERER"] = referer
    return RequestFactory().get("/case-studies/some-study/", **headers)


@pytest.mark.parametrize(
    ("referer", "expected"),
    [
        ("http://testserver/case-studies/", "/case-studies/"),
        (
            "http://testserver/case-studies/?q=&topic=housing&sort=newest",
            "/case-studies/?q=&topic=housing&sort=newest",
        ),
        ("http://testserver/case-studies/topics/housing/?page=2", "/case-studies/topics/housing/?page=2"),
        ("http://testserver/councils/WGN/", "/councils/WGN/"),
        ("http://testserver/case-studies/?q=caf%C3%A9#top", "/case-studies/?q=caf%C3%A9"),
        (None, None),
        ("http://testserver/", None),
        ("http://testserver/case-studies/feed/", None),
        ("http://testserver/case-studies/export.csv", None),
        ("http://testserver/case-studies/some-study/", None),
        ("http://other.example/case-studies/", None),
        ("http://user:pass@testserver/case-studies/", None),
        ("http://testserver/case-studies/\t", None),
        ("http://testserver/case-studies/?q=%00", "/case-studies/?q=%00"),  # encoded: the list handles it
    ],
)
def test_results_url_accepts_only_our_own_results_pages(referer, expected):
    assert results_url(request_with(referer)) == expected


def test_results_url_compares_the_port_too():
    assert results_url(request_with("http://localhost:8000/case-studies/", host="localhost:8000")) == (
        "/case-studies/"
    )
    assert results_url(request_with("http://localhost:9000/case-studies/", host="localhost:8000")) is None


def test_cache_variant_is_empty_without_a_results_page():
    assert cache_variant(request_with("https://evil.example/")) == ""
    assert cache_variant(request_with("http://testserver/councils/WGN/?page=3")) == "/councils/WGN/?page=3"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(referer=st.one_of(st.text(max_size=80), st.text(max_size=40).map(lambda t: "http://testserver/" + t)))
def test_results_url_is_always_an_own_path_or_nothing(referer):
    try:
        found = results_url(request_with(referer))
    except ValueError:  # a header value the test client itself refuses; browsers cannot send it either
        return
    assert found is None or (found.startswith("/") and not found.startswith("//") and "\\" not in found)


def back_link(response) -> str:
    return page(response).find("p", class_="back-link").find("a")["href"]


def test_cached_case_study_page_is_kept_per_results_page(client, page_cache):
    make_case_study("Warm homes", slug="warm-homes")
    from_page_two = {"referer": "http://testserver/case-studies/?page=2"}
    from_topic = {"referer": "http://testserver/case-studies/topics/housing/"}

    first = client.get("/case-studies/warm-homes/", headers=from_page_two)
    other = client.get("/case-studies/warm-homes/", headers=from_topic)
    again = client.get("/case-studies/warm-homes/", headers=from_page_two)
    foreign = client.get("/case-studies/warm-homes/", headers={"referer": "https://evil.example/"})
    none = client.get("/case-studies/warm-homes/")

    assert [r["X-Page-Cache"] for r in (first, other, again, foreign, none)] == [
        "miss",
        "miss",
        "hit",
        "miss",
        "hit",
    ]
    assert [back_link(r) for r in (first, other, again, foreign, none)] == [
        "/case-studies/?page=2",
        "/case-studies/topics/housing/",
        "/case-studies/?page=2",
        "/case-studies/",
        "/case-studies/",
    ]
    assert ["Referer" in r["Vary"] for r in (first, again, none)] == [True, True, True]


def test_cache_hit_for_a_case_study_reads_only_the_content_version(
    client, page_cache, django_assert_num_queries
):
    make_case_study("Warm homes", slug="warm-homes")
    headers = {"referer": "http://testserver/case-studies/?q=homes"}
    client.get("/case-studies/warm-homes/", headers=headers)

    with django_assert_num_queries(1):
        response = client.get("/case-studies/warm-homes/", headers=headers)

    assert (response["X-Page-Cache"], back_link(response)) == ("hit", "/case-studies/?q=homes")


def test_redirect_from_a_query_string_touches_no_database(client, page_cache, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/case-studies/warm-homes/?back=%2Fcase-studies%2F")

    assert (response.status_code, response["Location"]) == (301, "/case-studies/warm-homes/")

"""Welsh pages under /cy/ (issue 23): the language comes from the URL alone, English pages are unchanged, every page
links to itself in the other language (query string kept) and names both in hreflang, and the page cache keeps
the two apart."""

import re
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.utils import translation

from casestudies.public import languages
from tests.factories import make_case_study, make_council, make_topic
from tests.pages import count_text, page

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def library():
    housing = make_topic("Housing", slug="housing")
    council = make_council("Cardiff Council", code="CRF")
    published = datetime(2024, 3, 15, 12, tzinfo=ZoneInfo("Europe/London"))
    make_case_study("Warm homes", topics=[housing], council=council, published_at=published)
    make_case_study("Safe homes", topics=[housing], council=council, published_at=published)
    make_case_study("Library bus", council=council, published_at=published)


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)">', response.content.decode()).group(1)


def language_link(response):
    return page(response).find("a", class_="language-bar__link")


def alternates(response) -> dict[str, str]:
    return dict(
        re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', response.content.decode())
    )


def test_welsh_pages_are_in_welsh(client, library):
    response = client.get("/cy/case-studies/")

    assert response.status_code == 200
    assert html_lang(response) == "cy"
    doc = page(response)
    assert doc.find("h1").text == "Astudiaethau achos"
    assert count_text(doc) == "Mae 3 chanlyniad"
    assert doc.find("a", class_="skip-link").text == "Neidio i’r prif gynnwys"
    assert [a.text for a in doc.find("nav", class_="view-switch").find_all("a")] == [
        "Rhestr",
        "Map",
        "Dadansoddiad",
    ]
    first_order = doc.find("select", name="sort").find_all("option")[0]
    assert first_order.text == "Y mwyaf newydd yn gyntaf"
    assert response["Content-Language"] == "cy"


def test_english_pages_are_unchanged(client, library):
    response = client.get("/case-studies/")

    assert html_lang(response) == "en-GB"
    doc = page(response)
    assert doc.find("h1").text == "Case studies"
    assert count_text(doc) == "There are 3 results"
    assert response["Content-Language"] == "en-gb"


def test_the_language_comes_from_the_url_only(client, library):
    """No Accept-Language negotiation, no redirect, and no Vary: Accept-Language (one URL is one page)."""
    english = client.get("/case-studies/", HTTP_ACCEPT_LANGUAGE="cy")
    welsh = client.get("/cy/case-studies/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert (english.status_code, html_lang(english)) == (200, "en-GB")
    assert (welsh.status_code, html_lang(welsh)) == (200, "cy")
    for response in (english, welsh):
        assert "accept-language" not in response.get("Vary", "").lower()
    assert translation.get_language() == "en-gb"  # put back after each request


def test_a_search_counts_in_welsh(client, library):
    doc = page(client.get("/cy/case-studies/?topic=housing"))

    assert count_text(doc) == "Daeth eich chwiliad o hyd i 2 ganlyniad"


def test_operational_urls_are_not_translated(client, library):
    assert client.get("/healthz").status_code == 200
    assert client.get("/robots.txt").status_code == 200
    assert client.get("/cy/healthz").status_code == 404
    assert client.get("/cy/robots.txt").status_code == 404


def test_the_welsh_home_and_missing_slash_stay_welsh(client):
    assert client.get("/cy/")["Location"] == "/cy/case-studies/"
    assert client.get("/cy/case-studies")["Location"] == "/cy/case-studies/"


def test_a_missing_welsh_page_says_so_in_welsh(client):
    response = client.get("/cy/no-such-page/")

    assert response.status_code == 404
    assert html_lang(response) == "cy"
    assert page(response).find("h1").text == "Tudalen heb ei chanfod"


@pytest.mark.parametrize(
    ("url", "other", "name", "lang"),
    [
        ("/case-studies/", "/cy/case-studies/", "Cymraeg", "cy"),
        ("/cy/case-studies/", "/case-studies/", "English", "en"),
        (
            "/case-studies/?q=homes&topic=housing&page=1",
            "/cy/case-studies/?q=homes&topic=housing&page=1",
            "Cymraeg",
            "cy",
        ),
        (
            "/cy/case-studies/?topic=housing&q=caf%C3%A9",
            "/case-studies/?topic=housing&q=caf%C3%A9",
            "English",
            "en",
        ),
        ("/accessibility/", "/cy/accessibility/", "Cymraeg", "cy"),
    ],
)
def test_the_language_link_goes_to_the_same_page_with_the_same_query(client, library, url, other, name, lang):
    link = language_link(client.get(url))

    assert link.attrs["href"] == other
    assert link.text == name
    assert link.attrs["lang"] == lang


@pytest.mark.parametrize(
    ("url", "other"),
    [
        ("/cy//evil.example/", "/evil.example/"),
        ("/cy/%2Fevil.example/", "/evil.example/"),
        ("/cy/%5Cevil.example/", "/%5Cevil.example/"),  # browsers read /\host/ as //host/
    ],
)
def test_the_language_link_stays_on_the_site_when_the_path_starts_like_another_host(client, url, other):
    response = client.get(url)

    assert response.status_code == 404
    assert language_link(response).attrs["href"] == other


def test_the_language_link_keeps_an_encoded_question_mark_in_the_path(client):
    response = client.get("/cy/case-studies/%3Fx%3D1/")

    assert response.status_code == 404
    assert language_link(response).attrs["href"] == "/case-studies/%3Fx%3D1/"


def test_hreflang_names_the_page_in_both_languages(client, library):
    for url in ("/case-studies/?topic=housing", "/cy/case-studies/?topic=housing"):
        assert alternates(client.get(url)) == {
            "en-GB": "http://testserver/case-studies/?topic=housing",
            "cy": "http://testserver/cy/case-studies/?topic=housing",
            "x-default": "http://testserver/case-studies/?topic=housing",
        }


def test_the_language_link_round_trips():
    for path in ("/", "/case-studies/", "/councils/CRF/"):
        welsh = languages.welsh_path(path)
        assert welsh.startswith("/cy/")
        assert languages.english_path(welsh) == path
        assert languages.welsh_path(welsh) == welsh
    assert languages.english_path("/cy") == "/"
    assert languages.english_path("/cymru/") == "/cymru/"  # only the /cy/ prefix is Welsh


def test_welsh_dates_use_welsh_month_names(client, library):
    english = {time.text for time in page(client.get("/case-studies/")).find_all("time")}
    welsh = {time.text for time in page(client.get("/cy/case-studies/")).find_all("time")}

    assert english == {"15 March 2024"}
    assert welsh == {"15 Mawrth 2024"}


def test_links_on_a_welsh_page_stay_in_welsh(client, library):
    doc = page(client.get("/cy/case-studies/"))
    hrefs = [a.attrs["href"] for a in doc.find_all("a") if a.attrs.get("href", "").startswith("/")]
    internal = [
        href
        for href in hrefs
        if not href.startswith("/cy/") and urlsplit(href).path not in ("/case-studies/",)  # the language link
    ]
    assert internal == []


def test_the_page_cache_keeps_the_languages_apart(client, library, page_cache):
    english = client.get("/case-studies/?topic=housing")
    welsh = client.get("/cy/case-studies/?topic=housing")
    english_again = client.get("/case-studies/?topic=housing")
    welsh_again = client.get("/cy/case-studies/?topic=housing")

    assert (english["X-Page-Cache"], welsh["X-Page-Cache"]) == ("miss", "miss")
    assert (english_again["X-Page-Cache"], welsh_again["X-Page-Cache"]) == ("hit", "hit")
    assert html_lang(english_again) == "en-GB"
    assert html_lang(welsh_again) == "cy"
    assert welsh_again.content == welsh.content
    assert "accept-language" not in welsh_again.get("Vary", "").lower()

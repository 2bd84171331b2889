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

from casestudies.models import BestBet, BestBetPick, CaseStudy, Outcome, Topic
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


# --- The list page's remaining parts (spelling, best bets, empty state, cards, pagination, filter tags) ---------


def test_pagination_and_cards_in_welsh(client, library, settings):
    settings.CASE_STUDIES_PER_PAGE = 1
    welsh = page(client.get("/cy/case-studies/?sort=title&page=2"))
    english = page(client.get("/case-studies/?sort=title&page=2"))

    nav = welsh.find("nav", class_="pagination")
    assert nav.attrs["aria-label"] == "Tudalennau’r canlyniadau"
    assert nav.find("a", rel="prev").text == "Blaenorol (tudalen flaenorol)"
    assert nav.find("a", rel="next").text == "Nesaf (tudalen nesaf)"
    assert next(a.text for a in nav.find_all("a") if a.attrs.get("aria-current") == "page") == "Tudalen 2"
    assert welsh.find("p", class_="card__topic").text == "Gweld pob astudiaeth achos ar y pwnc Housing"

    nav = english.find("nav", class_="pagination")
    assert nav.attrs["aria-label"] == "Pagination"
    assert nav.find("a", rel="prev").text == "Previous page"
    assert nav.find("a", rel="next").text == "Next page"
    assert next(a.text for a in nav.find_all("a") if a.attrs.get("aria-current") == "page") == "Page 2"
    assert english.find("p", class_="card__topic").text == "View all Housing case studies"


def test_matching_text_in_welsh(client, library):
    welsh = page(client.get("/cy/case-studies/?q=solution"))
    english = page(client.get("/case-studies/?q=solution"))

    assert welsh.find_all("p", class_="card__excerpt")[0].find("span").text == "Testun sy’n cyfateb:"
    assert english.find_all("p", class_="card__excerpt")[0].find("span").text == "Matching text:"


def test_spelling_in_welsh(client, library):
    make_case_study("Kerbside recycling", summary="Tags on bins cut contamination in recycling.")

    def spelling(url):
        return page(client.get(url)).find("p", class_="spelling").text

    assert spelling("/cy/case-studies/?q=recyling") == (
        "Yn dangos canlyniadau ar gyfer recycling. Chwiliwch am recyling yn lle hynny"
    )
    assert spelling("/cy/case-studies/?q=recyling&as_typed=1") == "Oeddech chi’n golygu recycling?"
    assert (
        spelling("/case-studies/?q=recyling") == "Showing results for recycling. Search instead for recyling"
    )
    assert spelling("/case-studies/?q=recyling&as_typed=1") == "Did you mean recycling?"


def test_best_bets_in_welsh(client, library):
    bet = BestBet(query="homes")
    bet.clean()
    bet.save()
    BestBetPick.objects.create(best_bet=bet, case_study=CaseStudy.objects.get(title="Warm homes"), order=0)

    def label(url):
        return page(client.get(url)).find("p", class_="best-bets__label").text

    assert label("/cy/case-studies/?q=homes") == "Wedi’u hargymell gan ein golygyddion"
    assert label("/case-studies/?q=homes") == "Recommended by our editors"


def test_the_empty_state_and_filter_tags_in_welsh(client, library):
    def tips(url):
        doc = page(client.get(url))
        return [li.text for li in doc.find("div", class_="empty").find_all("li")], doc

    welsh, doc = tips("/cy/case-studies/?q=zeppelin&topic=housing")
    assert welsh == [
        "Gwiriwch sillafiad eich gair allweddol, neu rhowch gynnig ar air mwy cyffredinol.",
        "Tynnwch rai hidlwyr: mae pob grŵp o hidlwyr yn cyfyngu’r canlyniadau ymhellach.",
        "Pori pob astudiaeth achos.",
    ]
    filters = doc.find("div", class_="active-filters")
    assert filters.find("h2").text == "Hidlwyr ar waith"
    assert (
        filters.find_all("a", class_="tag")[0].find("span", class_="visually-hidden").text
        == "Tynnu’r hidlydd"
    )
    assert filters.find_all("a")[-1].text == "Clirio’r holl hidlwyr"

    english, doc = tips("/case-studies/?q=zeppelin&topic=housing")
    assert english == [
        "Check the spelling of your keyword or try a more general word.",
        "Remove some filters: each filter group narrows the results further.",
        "Browse all case studies.",
    ]
    filters = doc.find("div", class_="active-filters")
    assert filters.find("h2").text == "Active filters"
    assert (
        filters.find_all("a", class_="tag")[0].find("span", class_="visually-hidden").text == "Remove filter"
    )
    assert filters.find_all("a")[-1].text == "Clear all filters"


# --- The case study page -------------------------------------------------------------------------------------------


def case_study_page(client, prefix: str):
    return page(client.get(prefix + CaseStudy.objects.get(title="Warm homes").get_absolute_url()))


def test_the_case_study_page_in_welsh(client, library):
    doc = case_study_page(client, "/cy")

    assert doc.find("p", class_="back-link").text == "Pori pob astudiaeth achos"
    assert doc.find("nav", class_="breadcrumbs").attrs["aria-label"] == "Briwsion bara"
    assert doc.find("nav", class_="breadcrumbs").find_all("a")[0].text == "Astudiaethau achos"
    assert [dt.text for dt in doc.find("dl", class_="case-study__meta").find_all("dt")] == [
        "Cyngor",
        "Cyhoeddwyd",
    ]
    assert doc.find("h2", id="at-a-glance").text == "Cipolwg"
    assert [dt.text for dt in doc.find("dl", class_="glance__list").find_all("dt")] == [
        "Cost",
        "Arbedion neu incwm bob blwyddyn",
        "Lefel y dystiolaeth",
        "Cam",
        "Adolygwyd ddiwethaf",
    ]
    contents = doc.find("nav", class_="contents")
    assert contents.attrs["aria-label"] == "Cynnwys"
    assert contents.find("h2").text == "Cynnwys"
    assert [a.text for a in contents.find_all("a")] == [
        "Yr her",
        "Yr ateb",
        "Yr effaith",
        "Sut mae’r dull yn cael ei gynnal",
        "Gwersi a ddysgwyd",
        "Cyswllt",
    ]
    assert doc.find("h2", id="section-tags").text == "Pynciau a chymorth"
    assert doc.find("h2", id="share-heading").text == "Rhannu’r astudiaeth achos hon"
    assert doc.find("li", class_="share__copy").text == "Copïo’r ddolen"
    assert doc.find("ul", class_="share__list").find_all("a")[0].text == "E-bostio dolen"
    assert doc.find("h2", id="related-heading").text == "Astudiaethau achos cysylltiedig"


def test_the_english_case_study_page_is_unchanged(client, library):
    doc = case_study_page(client, "")

    assert doc.find("p", class_="back-link").text == "Browse all case studies"
    assert doc.find("nav", class_="breadcrumbs").attrs["aria-label"] == "Breadcrumb"
    assert [dt.text for dt in doc.find("dl", class_="case-study__meta").find_all("dt")] == [
        "Council",
        "Published",
    ]
    assert doc.find("h2", id="at-a-glance").text == "At a glance"
    assert [dt.text for dt in doc.find("dl", class_="glance__list").find_all("dt")] == [
        "Cost",
        "Savings or income a year",
        "Evidence level",
        "Stage",
        "Last reviewed",
    ]
    assert [a.text for a in doc.find("nav", class_="contents").find_all("a")] == [
        "The challenge",
        "The solution",
        "The impact",
        "How the approach is being sustained",
        "Lessons learned",
        "Contact",
    ]
    assert doc.find("h2", id="section-tags").text == "Topics and support"
    assert doc.find("h2", id="share-heading").text == "Share this case study"
    assert doc.find("h2", id="related-heading").text == "Related case studies"


def test_back_to_results_in_welsh(client, library):
    path = CaseStudy.objects.get(title="Warm homes").get_absolute_url()
    welsh = page(client.get("/cy" + path, HTTP_REFERER="http://testserver/cy/case-studies/?topic=housing"))
    english = page(client.get(path, HTTP_REFERER="http://testserver/case-studies/?topic=housing"))

    assert welsh.find("p", class_="back-link").text == "Yn ôl i’r canlyniadau"
    assert english.find("p", class_="back-link").text == "Back to results"


# --- Topic and council pages ---------------------------------------------------------------------------------------


def test_the_topic_page_in_welsh(client, library):
    welsh = page(client.get("/cy" + Topic.objects.get(slug="housing").get_absolute_url()))
    english = page(client.get(Topic.objects.get(slug="housing").get_absolute_url()))

    assert welsh.find("h1").text == "Astudiaethau achos ar y pwnc Housing"
    assert welsh.find("title").text.startswith("Astudiaethau achos ar y pwnc Housing – ")
    assert count_text(welsh) == "Mae 2 ganlyniad"
    assert "Cyfuno’r pwnc hwn â phynciau eraill" in [a.text for a in welsh.find_all("a")]
    assert english.find("h1").text == "Housing case studies"
    assert count_text(english) == "There are 2 results"
    assert "Combine this topic with others" in [a.text for a in english.find_all("a")]


def test_the_council_page_in_welsh(client, library):
    welsh = page(client.get("/cy/councils/CRF/"))
    english = page(client.get("/councils/CRF/"))

    assert welsh.find("title").text.startswith("Astudiaethau achos gan Cardiff Council – ")
    assert [dt.text for dt in welsh.find("dl", class_="council-facts").find_all("dt")][::2] == [
        "Math",
        "Gwlad",
    ]
    assert count_text(welsh) == "Mae 3 chanlyniad"
    assert welsh.find("h2", id="similar-heading").text == "Cynghorau tebyg i’r un hwn"
    assert english.find("title").text.startswith("Case studies from Cardiff Council – ")
    assert [dt.text for dt in english.find("dl", class_="council-facts").find_all("dt")][::2] == [
        "Type",
        "Nation",
    ]
    assert count_text(english) == "There are 3 results"
    assert english.find("h2", id="similar-heading").text == "Councils like this one"


def test_the_councils_page_counts_in_welsh(client, library):
    welsh = page(client.get("/cy/councils/"))
    english = page(client.get("/councils/"))

    assert welsh.find("h1").text == "Cynghorau"
    assert (
        welsh.find("p", class_="lead").text
        == "1 cyngor ag astudiaethau achos wedi’u cyhoeddi, yn ôl rhanbarth."
    )
    assert english.find("h1").text == "Councils"
    assert english.find("p", class_="lead").text == "1 council with published case studies, by region."


def test_the_outcomes_table_in_welsh(client, library):
    Outcome.objects.create(
        case_study=CaseStudy.objects.get(title="Warm homes"),
        measure="Winter hospital admissions",
        before=80,
        after=60,
    )

    def table(prefix):
        doc = case_study_page(client, prefix)
        outcomes = doc.find("table", class_="outcomes")
        return (
            doc.find("h2", id="outcomes").text,
            outcomes.find("caption").text,
            [th.text for th in outcomes.find("thead").find_all("th")],
        )

    assert table("/cy") == (
        "Deilliannau",
        "Deilliannau wedi’u mesur, fel y nododd y cyngor",
        ["Mesur", "Cyn", "Ar ôl", "Uned", "Cyfnod", "Ffynhonnell"],
    )
    assert table("") == (
        "Outcomes",
        "Measured outcomes, as reported by the council",
        ["Measure", "Before", "After", "Unit", "Period", "Source"],
    )

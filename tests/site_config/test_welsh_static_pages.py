"""The pages outside the catalogue in Welsh under /cy/ (issue 23): the error pages (400, 403, 404, 500, 503), the
accessibility statement and the open data page, the site's titles and descriptions, and English unchanged."""

import json
import re

import pytest
from django.db import OperationalError
from django.test import Client, RequestFactory
from django.utils import translation

from casestudies.ops.middleware import DatabaseUnavailableMiddleware
from casestudies.public import pages
from casestudies.public.exports import LICENCE
from tests.pages import page

pytestmark = pytest.mark.django_db


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)">', response.content.decode()).group(1)


def title(response) -> str:
    return page(response).find("title").text


def description(response) -> str:
    return page(response).find("meta", name="description").attrs["content"]


def main_text(response) -> list[str]:
    main = page(response).find("main")
    return [node.text for node in main.iter() if node.tag in ("h1", "p")]


# --- 500 and 503: rendered outside the middleware, so the language comes from the path -------------------------


def test_the_500_page_in_welsh_under_cy(settings):
    settings.ROOT_URLCONF = "tests.browser.urls_500"
    client = Client(raise_request_exception=False)

    response = client.get("/cy/test-only/boom/")

    assert response.status_code == 500
    assert html_lang(response) == "cy"
    assert response["Content-Language"] == "cy"
    assert title(response) == (
        "Mae’n ddrwg gennym, mae problem gyda’r gwasanaeth – Llyfrgell Astudiaethau Achos Cynghorau"
    )
    assert main_text(response) == [
        "Mae’n ddrwg gennym, mae problem gyda’r gwasanaeth",
        "Rhowch gynnig arall arni yn nes ymlaen. Os oeddech chi’n anfon astudiaeth achos a welsoch chi ddim "
        "tudalen gadarnhau gyda chyfeirnod, dydy hi ddim wedi’i chadw: ewch yn ôl a’i hanfon eto.",
        "Mynd i’r astudiaethau achos",
    ]
    doc = page(response)
    assert doc.find("a", class_="skip-link").text == "Neidio i’r prif gynnwys"
    assert [a.attrs["href"] for a in doc.find("nav", class_="site-nav").find_all("a")] == [
        "/cy/case-studies/",
        "/cy/case-studies/submit/",
    ]
    assert doc.find("footer").find_all("a")[0].attrs["href"] == "/cy/accessibility/"


def test_the_500_page_in_english_is_unchanged(settings):
    settings.ROOT_URLCONF = "tests.browser.urls_500"
    client = Client(raise_request_exception=False)

    response = client.get("/test-only/boom/")

    assert response.status_code == 500
    assert html_lang(response) == "en-GB"
    assert title(response) == "Sorry, there is a problem with the service – Council Case Study Library"
    assert main_text(response)[0] == "Sorry, there is a problem with the service"
    assert page(response).find("nav", class_="site-nav").find_all("a")[0].attrs["href"] == "/case-studies/"


def test_the_500_handler_takes_the_language_from_the_path_with_no_language_active():
    """As when the failure happened outside LanguageMiddleware: nothing has activated Welsh."""
    with translation.override("en-gb"):
        response = pages.server_error(RequestFactory().get("/cy/case-studies/"))

    assert response.status_code == 500
    assert html_lang(response) == "cy"
    assert main_text(response)[0] == "Mae’n ddrwg gennym, mae problem gyda’r gwasanaeth"


def test_the_503_page_in_welsh_under_cy():
    def database_down(request):
        raise OperationalError("could not connect to server")

    middleware = DatabaseUnavailableMiddleware(database_down)
    with translation.override("en-gb"):
        welsh = middleware(RequestFactory().get("/cy/case-studies/"))
        english = middleware(RequestFactory().get("/case-studies/"))

    assert (welsh.status_code, welsh["Retry-After"], welsh["Content-Language"]) == (503, "30", "cy")
    assert html_lang(welsh) == "cy"
    assert (
        title(welsh)
        == "Mae’n ddrwg gennym, dydy’r gwasanaeth ddim ar gael – Llyfrgell Astudiaethau Achos Cynghorau"
    )
    assert main_text(welsh) == [
        "Mae’n ddrwg gennym, dydy’r gwasanaeth ddim ar gael",
        "Rydyn ni’n cael trafferth cysylltu â’n cronfa ddata. Rhowch gynnig arall arni ymhen ychydig funudau.",
        "Os oeddech chi’n anfon astudiaeth achos a welsoch chi ddim tudalen gadarnhau gyda chyfeirnod, dydy hi "
        "ddim wedi’i chadw: ewch yn ôl, gwiriwch fod eich atebion yno o hyd, a’i hanfon eto ymhen ychydig funudau.",
    ]
    assert (english.status_code, html_lang(english)) == (503, "en-GB")
    assert main_text(english)[0] == "Sorry, the service is unavailable"


def test_the_503_from_a_view_under_cy_is_in_welsh(client, monkeypatch):
    """A database error raised by a view reaches the middleware's process_exception: Welsh on /cy/ too."""

    def database_down(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(pages, "render", database_down)
    response = client.get("/cy/accessibility/")

    assert response.status_code == 503
    assert html_lang(response) == "cy"
    assert main_text(response)[0] == "Mae’n ddrwg gennym, dydy’r gwasanaeth ddim ar gael"


# --- 400, 403 and 404 -------------------------------------------------------------------------------------------


def test_the_400_page_in_welsh_under_cy(settings):
    settings.ROOT_URLCONF = "tests.browser.urls_500"
    client = Client(raise_request_exception=False)

    welsh = client.get("/cy/test-only/bad-request/")
    english = client.get("/test-only/bad-request/")

    assert (welsh.status_code, html_lang(welsh)) == (400, "cy")
    assert title(welsh) == "Cais gwallus – Llyfrgell Astudiaethau Achos Cynghorau"
    assert main_text(welsh) == [
        "Mae’n ddrwg gennym, doedden ni ddim yn gallu deall y cais hwnnw",
        "Roedd y cais yn rhy fawr neu ddim mewn ffurf rydyn ni’n ei derbyn. Os oeddech chi’n anfon astudiaeth "
        "achos, ewch yn ôl: dylai eich atebion fod yn eich porwr o hyd. Gwnewch bob adran yn fyrrach na’i "
        "therfyn geiriau a’i hanfon eto.",
        "Mynd i’r astudiaethau achos",
    ]
    assert (english.status_code, html_lang(english)) == (400, "en-GB")
    assert title(english) == "Bad request – Council Case Study Library"
    assert main_text(english)[0] == "Sorry, we could not understand that request"


def test_the_403_page_in_welsh_under_cy():
    welsh = pages.csrf_failure(RequestFactory().get("/cy/case-studies/"))
    english = pages.csrf_failure(RequestFactory().get("/case-studies/"))

    assert (welsh.status_code, html_lang(welsh)) == (403, "cy")
    assert title(welsh) == "Dim caniatâd – Llyfrgell Astudiaethau Achos Cynghorau"
    assert main_text(welsh) == [
        "Allwch chi ddim gwneud hynny",
        "Os oeddech chi’n anfon ffurflen, efallai fod eich sesiwn wedi dod i ben. Ewch yn ôl, ail-lwythwch y "
        "dudalen a rhowch gynnig arall arni: gwiriwch fod eich atebion yno o hyd cyn i chi ei hanfon.",
        "Mynd i’r astudiaethau achos",
    ]
    assert page(welsh).find("main").find("a").attrs["href"] == "/cy/case-studies/"
    assert (english.status_code, html_lang(english)) == (403, "en-GB")
    assert title(english) == "Forbidden – Council Case Study Library"
    assert page(english).find("main").find("a").attrs["href"] == "/case-studies/"


def test_the_404_page_in_welsh_under_cy(client):
    welsh = client.get("/cy/no-such-page/")
    english = client.get("/no-such-page/")

    assert (welsh.status_code, html_lang(welsh)) == (404, "cy")
    assert title(welsh) == "Tudalen heb ei chanfod – Llyfrgell Astudiaethau Achos Cynghorau"
    assert main_text(welsh) == [
        "Tudalen heb ei chanfod",
        "Os gwnaethoch deipio’r cyfeiriad gwe, gwiriwch ei fod yn gywir. Os gwnaethoch ei gludo, gwiriwch eich "
        "bod wedi copïo’r cyfeiriad cyfan.",
        "Efallai hefyd fod yr astudiaeth achos wedi’i thynnu’n ôl, neu nad yw wedi’i chyhoeddi eto.",
        "Gallwch chwilio’r holl astudiaethau achos.",
    ]
    assert page(welsh).find("main").find("a").attrs["href"] == "/cy/case-studies/"
    assert (english.status_code, html_lang(english)) == (404, "en-GB")
    assert title(english) == "Page not found – Council Case Study Library"


# --- The accessibility statement and the open data page ------------------------------------------------------------


def test_the_accessibility_statement_in_welsh(client):
    response = client.get("/cy/accessibility/")
    doc = page(response)

    assert (response.status_code, html_lang(response)) == (200, "cy")
    assert title(response) == "Datganiad hygyrchedd – Llyfrgell Astudiaethau Achos Cynghorau"
    assert description(response) == (
        "Pa mor hygyrch yw’r Llyfrgell Astudiaethau Achos Cynghorau, beth rydyn ni’n gwybod sydd ddim yn iawn eto, "
        "a sut i roi gwybod i ni am broblem."
    )
    assert (
        doc.find("h1").text == "Datganiad hygyrchedd ar gyfer gwefan Llyfrgell Astudiaethau Achos Cynghorau"
    )
    assert [h2.text for h2 in doc.find("main").find_all("h2")] == [
        "Pa mor hygyrch yw’r wefan hon",
        "Adborth a manylion cyswllt",
        "Rhoi gwybod am broblemau hygyrchedd gyda’r wefan hon",
        "Y weithdrefn orfodi",
        "Gwybodaeth dechnegol am hygyrchedd y wefan hon",
        "Beth rydyn ni’n ei wneud i wella hygyrchedd",
        "Paratoi’r datganiad hygyrchedd hwn",
    ]
    assert [h3.text for h3 in doc.find("main").find_all("h3")] == [
        "Statws cydymffurfio",
        "Cynnwys nad yw’n hygyrch",
    ]
    assert len(doc.find("main").find_all("li")) == 8
    assert doc.find("main").find_all("p")[-2].text == (
        "Cafodd y datganiad hwn ei baratoi ar 26 Tachwedd 2026. Cafodd ei adolygu ddiwethaf ar 26 Tachwedd 2026."
    )


def test_the_english_accessibility_statement_is_unchanged(client):
    doc = page(client.get("/accessibility/"))

    assert doc.find("h1").text == "Accessibility statement for the Council Case Study Library"
    assert doc.find("main").find_all("h2")[0].text == "How accessible this website is"


def test_the_open_data_page_in_welsh(client):
    response = client.get("/cy/open-data/")
    doc = page(response)

    assert (response.status_code, html_lang(response)) == (200, "cy")
    assert title(response) == "Data agored – Llyfrgell Astudiaethau Achos Cynghorau"
    assert doc.find("h1").text == "Data agored"
    links = doc.find("main").find("ul").find_all("a")
    assert [(a.text, a.attrs["href"]) for a in links] == [
        ("Pob astudiaeth achos fel CSV", "/cy/case-studies/export.csv"),
        ("Pob astudiaeth achos fel JSON", "/cy/case-studies/export.json"),
        ("Ffrwd Atom o’r 50 mwyaf newydd", "/cy/case-studies/feed/"),
    ]
    assert (
        doc.find("main").find_all("code")[8].text == "/cy/case-studies/export.csv?topic=digital&region=wales"
    )
    assert [h2.text for h2 in doc.find("main").find_all("h2")] == ["Trwydded", "Colofnau"]
    assert (
        doc.find("main")
        .find_all("p")[2]
        .text.startswith("Testun yr astudiaethau achos: y Drwydded Llywodraeth")
    )
    rows = [[td.text for td in tr.find_all("td")] for tr in doc.find("tbody").find_all("tr")]
    assert rows[0] == ["url", "Tudalen yr astudiaeth achos"]
    assert rows[-1] == ["licence", "Y drwydded (CSV yn unig; mae’r JSON yn ei nodi unwaith ar y dechrau)"]
    assert [th.text for th in doc.find("thead").find_all("th")] == ["Colofn", "Ystyr"]


def test_the_english_open_data_page_is_unchanged(client):
    doc = page(client.get("/open-data/"))

    assert doc.find("h1").text == "Open data"
    assert doc.find("main").find_all("code")[8].text == "/case-studies/export.csv?topic=digital&region=wales"
    rows = [[td.text for td in tr.find_all("td")] for tr in doc.find("tbody").find_all("tr")]
    assert rows[0] == ["url", "The case study's page"]


def test_the_welsh_export_keeps_english_column_names_and_licence(client):
    """The data is the same in both languages: only the page that describes it is translated."""
    english = client.get("/case-studies/export.json")
    welsh = client.get("/cy/case-studies/export.json")

    assert welsh.status_code == 200
    welsh_data = json.loads(b"".join(welsh.streaming_content))
    english_data = json.loads(b"".join(english.streaming_content))
    assert welsh_data["licence"] == english_data["licence"] == LICENCE
    assert welsh_data["columns"] == english_data["columns"]
    assert welsh_data["columns"]["url"] == "The case study's page"
    assert welsh_data["source"] == "http://testserver/cy/case-studies/"


# --- Titles and descriptions ----------------------------------------------------------------------------------------


def test_the_default_description_and_open_graph_text_in_welsh(client):
    doc = page(client.get("/cy/councils/"))

    assert doc.find("meta", name="description").attrs["content"] == (
        "Pob cyngor sydd ag astudiaeth achos yn y llyfrgell, yn ôl rhanbarth, gyda nifer pob un."
    )
    assert (
        doc.find("meta", property="og:site_name").attrs["content"] == "Llyfrgell Astudiaethau Achos Cynghorau"
    )
    assert doc.find("meta", property="og:description").attrs["content"] == (
        "Astudiaethau achos am arloesi mewn llywodraeth leol yn y DU."
    )

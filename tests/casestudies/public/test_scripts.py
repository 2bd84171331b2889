"""The scripts' messages (issue 23): Django's JavaScript catalogue of djangojs.po, served from our own site at
/cy/jsi18n/ for Welsh pages, with only our messages, and cacheable."""

import json
import re

import pytest

pytestmark = pytest.mark.django_db


def catalogue_of(response) -> dict:
    return json.loads(re.search(r"const newcatalog = (\{.*?\});", response.content.decode(), re.S).group(1))


def test_the_welsh_catalogue_has_the_welsh_word_count(client):
    response = client.get("/cy/jsi18n/")

    assert response.status_code == 200
    assert response["Content-Type"] == 'text/javascript; charset="utf-8"'
    catalogue = catalogue_of(response)
    assert catalogue["%(count)s of %(limit)s words"] == "Geiriau: %(count)s o %(limit)s"
    assert catalogue["%(over)s too many"] == "%(over)s yn ormod"
    assert catalogue[
        "No council matches “%(typed)s”. Check the spelling or try another part of its name."
    ] == (
        "Does dim cyngor yn cyfateb i “%(typed)s”. Gwiriwch y sillafiad neu rhowch gynnig ar ran arall o’i enw."
    )


def test_the_welsh_catalogue_has_the_list_and_case_study_pages_messages(client):
    catalogue = catalogue_of(client.get("/cy/jsi18n/"))

    assert catalogue["Back to results"] == "Yn ôl i’r canlyniadau"
    assert catalogue["Show %(count)s result"] == [
        "Dangos %(count)s canlyniad",
        "Dangos %(count)s canlyniad",
        "Dangos %(count)s ganlyniad",
        "Dangos %(count)s chanlyniad",
        "Dangos %(count)s chanlyniad",
        "Dangos %(count)s o ganlyniadau",
    ]
    assert catalogue["Link copied. You can now paste it into a message or document."] == (
        "Mae’r ddolen wedi’i chopïo. Gallwch ei gludo mewn neges neu ddogfen nawr."
    )


@pytest.mark.parametrize(
    ("url", "loads"),
    [
        ("/cy/case-studies/", True),
        ("/case-studies/", False),
        ("/cy/case-studies/submit/", True),
        ("/case-studies/submit/", False),
    ],
)
def test_only_welsh_pages_load_the_catalogue(client, url, loads):
    assert ('<script src="/cy/jsi18n/" defer></script>' in client.get(url).content.decode()) is loads


def test_the_welsh_catalogue_counts_in_welshs_six_forms(client):
    content = client.get("/cy/jsi18n/").content.decode()

    assert "const v = (n==0) ? 0 : (n==1) ? 1 : (n==2) ? 2 : (n==3) ? 3 : (n==6) ? 4 : 5;" in content
    forms = catalogue_of(client.get("/cy/jsi18n/"))[
        "%(count)s council matches. Use the up and down arrow keys to choose one, then press Enter."
    ]
    assert len(forms) == 6


def test_the_catalogue_holds_only_our_messages(client):
    catalogue = catalogue_of(client.get("/cy/jsi18n/"))

    assert "Available %s" not in catalogue  # the admin's scripts' messages are not sent
    assert len(catalogue) == 21


def test_the_english_catalogue_is_empty(client):
    """English pages do not load it; if asked for, it has no messages (the scripts' English text stands)."""
    response = client.get("/jsi18n/")

    assert response.status_code == 200
    assert "newcatalog" not in response.content.decode()


def test_the_catalogue_may_be_kept_for_a_day_and_revalidated(client):
    response = client.get("/cy/jsi18n/")

    assert response["Cache-Control"] == "public, max-age=86400"
    assert client.get("/cy/jsi18n/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]).status_code == 304

"""Case studies in Welsh (issue 23): on a /cy/ page the Welsh version when there is one, else the English marked
lang="en" with a note in Welsh; English pages always in English, unchanged; the same number of queries."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casestudies.catalogue import bestbets
from casestudies.models import BestBet, BestBetPick
from tests.factories import make_case_study, make_council, make_topic
from tests.pages import page

pytestmark = pytest.mark.django_db

WELSH = {
    "title_cy": "Cartrefi cynnes i bawb",
    "summary_cy": "Fe wnaethon ni inswleiddio 400 o gartrefi.",
    "challenge_cy": "Roedd biliau ynni yn codi.",
    "solution_cy": "Fe wnaethon ni dalu am inswleiddio.",
    "impact_cy": "Mae biliau wedi gostwng.",
    "sustainability_cy": "Mae’r gronfa’n parhau.",
    "lessons_cy": "Siaradwch â thenantiaid yn gynnar.",
}
NOTE = "Mae’r astudiaeth achos hon ar gael yn Saesneg yn unig."


@pytest.fixture
def library():
    housing = make_topic("Housing", slug="housing")
    council = make_council("Cardiff Council", code="CRF")
    published = datetime(2024, 3, 15, 12, tzinfo=ZoneInfo("Europe/London"))
    welsh = make_case_study(
        "Warm homes for everyone",
        topics=[housing],
        council=council,
        published_at=published,
        summary="We insulated 400 homes.",
        challenge="Energy bills were rising.",
        partners="Care & Repair Cymru",
        contact_role="Housing officer",
        **WELSH,
    )
    english = make_case_study(
        "Safe homes",
        topics=[housing],
        council=council,
        published_at=published,
        summary="We fitted smoke alarms.",
        challenge="Fires were too common.",
        partners="South Wales Fire and Rescue Service",
        contact_role="Fire safety lead",
    )
    return welsh, english


def json_ld(doc) -> dict:
    return json.loads(doc.find("script", type="application/ld+json").text)


def test_a_welsh_page_shows_the_welsh_version(client, library):
    welsh, _ = library

    doc = page(client.get("/cy" + welsh.get_absolute_url()))

    assert doc.find("html").attrs["lang"] == "cy"
    assert (
        doc.find("title").text
        == "Cartrefi cynnes i bawb – Cardiff Council – Llyfrgell Astudiaethau Achos Cynghorau"
    )
    h1 = doc.find("h1")
    assert (h1.text, h1.attrs.get("lang")) == ("Cartrefi cynnes i bawb", None)
    assert doc.find_all("p", class_="case-study__language-note") == []
    summary = doc.find("div", class_="case-study__summary")
    assert (summary.text, summary.attrs.get("lang")) == ("Fe wnaethon ni inswleiddio 400 o gartrefi.", None)
    challenge = doc.find("section", aria_labelledby="challenge")
    assert [p.text for p in challenge.find_all("p")] == ["Roedd biliau ynni yn codi."]
    assert challenge.find_all(lang=True) == []
    assert doc.find("span", aria_current="page").text == "Cartrefi cynnes i bawb"
    assert doc.find("meta", name="description")["content"] == "Fe wnaethon ni inswleiddio 400 o gartrefi."
    ld = json_ld(doc)
    assert (ld["headline"], ld["description"], ld["inLanguage"]) == (
        "Cartrefi cynnes i bawb",
        "Fe wnaethon ni inswleiddio 400 o gartrefi.",
        "cy",
    )


def test_a_welsh_page_marks_what_has_no_welsh_as_english(client, library):
    welsh, _ = library

    doc = page(client.get("/cy" + welsh.get_absolute_url()))

    partners = doc.find("dl", class_="case-study__meta").find_all("dd")[1]
    assert (partners.text, partners.attrs["lang"]) == ("Care & Repair Cymru", "en")
    contact = doc.find("section", aria_labelledby="contact")
    assert contact.find("span", lang="en").text == "Housing officer"


def test_a_welsh_page_without_a_welsh_version_shows_the_english_marked_and_says_so(client, library):
    _, english = library

    doc = page(client.get("/cy" + english.get_absolute_url()))

    assert doc.find("html").attrs["lang"] == "cy"
    h1 = doc.find("h1")
    assert (h1.text, h1.attrs["lang"]) == ("Safe homes", "en")
    assert doc.find("p", class_="case-study__language-note").text == NOTE
    summary = doc.find("div", class_="case-study__summary")
    assert (summary.text, summary.attrs["lang"]) == ("We fitted smoke alarms.", "en")
    challenge = doc.find("section", aria_labelledby="challenge")
    assert challenge.find("h2").text == "Yr her"
    assert challenge.find("div", lang="en").text == "Fires were too common."
    assert doc.find("span", aria_current="page").attrs["lang"] == "en"
    assert json_ld(doc)["inLanguage"] == "en-GB"


def test_the_english_page_of_a_case_study_with_a_welsh_version_is_in_english(client, library):
    welsh, _ = library

    response = client.get(welsh.get_absolute_url())
    doc = page(response)

    assert doc.find("h1").text == "Warm homes for everyone"
    assert doc.find("div", class_="case-study__summary").text == "We insulated 400 homes."
    assert doc.find_all("p", class_="case-study__language-note") == []
    assert doc.find("article").find_all(lang=True) == []
    assert json_ld(doc)["inLanguage"] == "en-GB"
    assert "Cartrefi" not in response.content.decode()


def test_related_case_studies_in_the_page_language(client, library):
    welsh, english = library

    from_english = page(client.get("/cy" + english.get_absolute_url())).find("ul", class_="related__list")
    from_welsh = page(client.get("/cy" + welsh.get_absolute_url())).find("ul", class_="related__list")

    link = from_english.find("a")
    assert (link.text, link.attrs.get("lang")) == ("Cartrefi cynnes i bawb", None)
    link = from_welsh.find("a")
    assert (link.text, link.attrs["lang"]) == ("Safe homes", "en")


def cards(doc) -> list[tuple[str, str | None, str, str | None]]:
    found = []
    for card in doc.find_all("article", class_="card"):
        title, summary = card.find("h2"), card.find("p", class_="card__summary")
        found.append((title.text, title.attrs.get("lang"), summary.text, summary.attrs.get("lang")))
    return found


def test_welsh_cards_show_the_welsh_version_and_mark_the_english(client, library):
    doc = page(client.get("/cy/case-studies/?sort=title"))

    assert cards(doc) == [
        ("Safe homes", "en", "We fitted smoke alarms.", "en"),
        ("Cartrefi cynnes i bawb", None, "Fe wnaethon ni inswleiddio 400 o gartrefi.", None),
    ]


def test_english_cards_are_unchanged(client, library):
    doc = page(client.get("/case-studies/?sort=title"))

    assert cards(doc) == [
        ("Safe homes", None, "We fitted smoke alarms.", None),
        ("Warm homes for everyone", None, "We insulated 400 homes.", None),
    ]


def test_a_welsh_card_keeps_its_welsh_summary_when_a_search_matches_the_english(client, library):
    doc = page(client.get("/cy/case-studies/?q=insulated"))

    assert cards(doc) == [
        ("Cartrefi cynnes i bawb", None, "Fe wnaethon ni inswleiddio 400 o gartrefi.", None)
    ]


def test_an_excerpt_on_a_welsh_page_is_marked_english(client, library):
    doc = page(client.get("/cy/case-studies/?q=fires"))

    excerpt = doc.find("p", class_="card__excerpt", lang="en")
    assert excerpt.find("span", lang="cy").text == "Testun sy’n cyfateb:"
    # PostgreSQL's ts_headline leaves out the last full stop; FTS5's snippet() keeps it.
    assert excerpt.text.rstrip(".") == (
        "Testun sy’n cyfateb: "
        "Fires were too common. The solution text. The impact text. How it is sustained. Lessons learned"
    )


def test_the_welsh_list_page_makes_as_many_queries_as_the_english(client, library, django_assert_num_queries):
    client.get("/case-studies/")  # the catalogue index is built once per version

    with django_assert_num_queries(2):
        client.get("/case-studies/")
    with django_assert_num_queries(2):
        client.get("/cy/case-studies/")


def queries_of(client, url: str) -> int:
    client.get(url)  # the index and the search's caches are filled once
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


@pytest.mark.parametrize(("keyword", "welsh_excerpts"), [("smoke", 0), ("homes", 1)])
def test_welsh_excerpts_are_read_only_when_a_card_has_a_welsh_version(
    client, library, keyword, welsh_excerpts
):
    english = queries_of(client, f"/case-studies/?q={keyword}")

    assert queries_of(client, f"/cy/case-studies/?q={keyword}") == english + welsh_excerpts


def test_best_bets_are_held_per_language(client, library):
    welsh, _ = library
    bet = BestBet.objects.create(query="warm")
    BestBetPick.objects.create(best_bet=bet, case_study=welsh, order=1)
    bestbets.forget()

    english = page(client.get("/case-studies/?q=warm")).find_all("article", class_="card")[0].find("h2").text
    in_welsh = (
        page(client.get("/cy/case-studies/?q=warm")).find_all("article", class_="card")[0].find("h2").text
    )

    assert (english, in_welsh) == ("Warm homes for everyone", "Cartrefi cynnes i bawb")


def test_the_welsh_feed_has_the_welsh_versions(client, library):
    welsh_feed = client.get("/cy/case-studies/feed/").content.decode()
    english_feed = client.get("/case-studies/feed/").content.decode()

    assert "<title>Cartrefi cynnes i bawb</title>" in welsh_feed
    assert '<title xml:lang="en">Safe homes</title>' in welsh_feed  # English only, marked
    assert "<title>Warm homes for everyone</title>" in english_feed
    assert "Cartrefi" not in english_feed

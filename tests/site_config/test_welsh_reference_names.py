"""Topics, support types, regions, types of council and councils by their Welsh names on the Welsh pages (issue 23):
the list's filter panel and cards, the topic, council, councils and case study pages; English pages unchanged."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from casestudies.models import CaseStudy
from tests.factories import make_case_study, make_council, make_support_type, make_topic
from tests.pages import page

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    housing = make_topic("Housing and planning", slug="housing-and-planning", order=1)
    housing.name_cy = "Tai a chynllunio"
    housing.description = "New homes and planning."
    housing.description_cy = "Cartrefi newydd a chynllunio."
    housing.save()
    support = make_support_type("Peer challenge", slug="peer-challenge")
    support.name_cy = "Her gan gymheiriaid"
    support.save()
    cardiff = make_council(
        "Cardiff",
        code="CRF",
        region="Wales",
        nation="Wales",
        authority_type="Welsh unitary authority",
        official_name="Cardiff Council",
        name_cy="Caerdydd",
        official_name_cy="Cyngor Caerdydd",
    )
    published = datetime(2024, 3, 15, 12, tzinfo=ZoneInfo("Europe/London"))
    make_case_study(
        "Warm homes", topics=[housing], support_types=[support], council=cardiff, published_at=published
    )


def option_labels(doc, group: str) -> list[str]:
    fieldset = doc.find("fieldset", id=f"filter-{group}")
    return [label.children[0].strip() for label in fieldset.find_all("label")]


def test_the_welsh_filter_panel_names_the_options_in_welsh(client, library):
    doc = page(client.get("/cy/case-studies/"))

    assert option_labels(doc, "topic") == ["Tai a chynllunio"]
    assert option_labels(doc, "support_type") == ["Her gan gymheiriaid"]
    assert option_labels(doc, "region") == [
        "Gogledd-ddwyrain Lloegr",
        "Gogledd-orllewin Lloegr",
        "Swydd Efrog a’r Humber",
        "Dwyrain Canolbarth Lloegr",
        "Gorllewin Canolbarth Lloegr",
        "Dwyrain Lloegr",
        "Llundain",
        "De-ddwyrain Lloegr",
        "De-orllewin Lloegr",
        "Cymru",
        "Yr Alban",
        "Gogledd Iwerddon",
    ]
    assert option_labels(doc, "council_type") == [
        "Cyngor sir",
        "Cyngor dosbarth",
        "Awdurdod unedol",
        "Bwrdeistref fetropolitan",
        "Bwrdeistref yn Llundain",
        "Awdurdod cyfun",
        "Awdurdod unedol yng Nghymru",
        "Cyngor yn yr Alban",
        "Dosbarth yng Ngogledd Iwerddon",
    ]


def test_the_english_filter_panel_is_unchanged(client, library):
    doc = page(client.get("/case-studies/"))

    assert option_labels(doc, "topic") == ["Housing and planning"]
    assert option_labels(doc, "support_type") == ["Peer challenge"]
    assert option_labels(doc, "region")[9] == "Wales"
    assert option_labels(doc, "council_type")[6] == "Welsh unitary authority"


def test_the_welsh_cards_name_the_council_and_topic_in_welsh(client, library):
    welsh = page(client.get("/cy/case-studies/"))
    english = page(client.get("/case-studies/"))

    assert welsh.find("p", class_="card__meta").find("a").text == "Caerdydd"
    assert (
        welsh.find("p", class_="card__topic").text == "Gweld pob astudiaeth achos ar y pwnc Tai a chynllunio"
    )
    assert english.find("p", class_="card__meta").find("a").text == "Cardiff"
    assert english.find("p", class_="card__topic").text == "View all Housing and planning case studies"


def test_the_welsh_active_filter_tags_use_the_welsh_names(client, library):
    doc = page(client.get("/cy/case-studies/?topic=housing-and-planning&region=wales"))

    tags = [tag.text for tag in doc.find("div", class_="active-filters").find_all("a", class_="tag")]
    assert tags == ["Tynnu’r hidlydd Pynciau: Tai a chynllunio ×", "Tynnu’r hidlydd Rhanbarth: Cymru ×"]


def test_the_welsh_topic_page_heading_title_and_breadcrumb(client, library):
    welsh = page(client.get("/cy/case-studies/topics/housing-and-planning/"))
    english = page(client.get("/case-studies/topics/housing-and-planning/"))

    assert welsh.find("h1").text == "Astudiaethau achos ar y pwnc Tai a chynllunio"
    assert welsh.find("title").text == (
        "Astudiaethau achos ar y pwnc Tai a chynllunio – Llyfrgell Astudiaethau Achos Cynghorau"
    )
    assert (
        welsh.find("nav", class_="breadcrumbs").find("span", aria_current="page").text == "Tai a chynllunio"
    )
    assert welsh.find("p", class_="lead").text == "Cartrefi newydd a chynllunio."
    assert welsh.find("meta", name="description").attrs["content"] == "Cartrefi newydd a chynllunio."
    assert english.find("h1").text == "Housing and planning case studies"
    assert english.find("p", class_="lead").text == "New homes and planning."
    assert english.find("nav", class_="breadcrumbs").find("span", aria_current="page").text == (
        "Housing and planning"
    )


def test_the_welsh_council_page_heading_facts_and_breadcrumb(client, library):
    welsh = page(client.get("/cy/councils/CRF/"))
    english = page(client.get("/councils/CRF/"))

    assert welsh.find("h1").text == "Cyngor Caerdydd"
    assert (
        welsh.find("title").text == "Astudiaethau achos gan Caerdydd – Llyfrgell Astudiaethau Achos Cynghorau"
    )
    assert welsh.find("nav", class_="breadcrumbs").find("span", aria_current="page").text == "Caerdydd"
    assert [dd.text for dd in welsh.find("dl", class_="council-facts").find_all("dd")][:3] == [
        "Awdurdod unedol yng Nghymru",
        "Cymru",
        "Cymru",
    ]
    assert english.find("h1").text == "Cardiff Council"
    assert [dd.text for dd in english.find("dl", class_="council-facts").find_all("dd")][:3] == [
        "Welsh unitary authority",
        "Wales",
        "Wales",
    ]


def test_the_welsh_councils_page_names_regions_and_councils_in_welsh(client, library):
    welsh = page(client.get("/cy/councils/"))
    english = page(client.get("/councils/"))

    assert [h2.text for h2 in welsh.find("main").find_all("h2")] == ["Cymru"]
    assert welsh.find("ul", class_="council-list").find("a").text == "Caerdydd"
    assert [h2.text for h2 in english.find("main").find_all("h2")] == ["Wales"]
    assert english.find("ul", class_="council-list").find("a").text == "Cardiff"


def test_the_welsh_case_study_page_names_council_topics_and_support_in_welsh(client, library):
    path = CaseStudy.objects.get(title="Warm homes").get_absolute_url()
    welsh = page(client.get("/cy" + path))
    english = page(client.get(path))

    assert welsh.find("title").text == "Warm homes – Caerdydd – Llyfrgell Astudiaethau Achos Cynghorau"
    assert welsh.find("dl", class_="case-study__meta").find("a").text == "Caerdydd"
    assert [a.text for a in welsh.find_all("a", class_="tag")] == ["Tai a chynllunio", "Her gan gymheiriaid"]
    assert welsh.find("nav", class_="breadcrumbs").find_all("a")[1].text == "Tai a chynllunio"
    assert english.find("title").text == "Warm homes – Cardiff – Council Case Study Library"
    assert [a.text for a in english.find_all("a", class_="tag")] == ["Housing and planning", "Peer challenge"]

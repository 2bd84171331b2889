"""Welsh search (issue 23): on a /cy/ page a Welsh keyword finds the Welsh versions, without stemming and with
diacritics folded, on both databases; mutations through the editors' synonym groups; English pages search the
English text only and English keywords keep finding it."""

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from casestudies.models import CaseStudy, SynonymGroup
from tests.factories import make_case_study, make_council, make_topic
from tests.pages import page

pytestmark = pytest.mark.django_db

WELSH = {
    "title_cy": "Lonydd beicio parhaol yng Nghaerdydd",
    "summary_cy": "Mae beicio ar y prif lwybrau wedi codi mwy na hanner.",
    "challenge_cy": "Roedd tagfeydd ac ansawdd aer gwael yn broblem yn y ddinas.",
    "solution_cy": "Gosododd y tîm bum lôn feicio dros dro.",
    "impact_cy": "Cododd nifer y beicwyr 54% ar gyfartaledd.",
    "sustainability_cy": "Bydd y cownteri’n aros.",
    "lessons_cy": "Mae monitro o’r diwrnod cyntaf yn hanfodol.",
}


@pytest.fixture
def library():
    council = make_council("Cardiff", code="CRF")
    topic = make_topic("Transport", slug="transport")
    published = datetime(2024, 3, 15, 12, tzinfo=ZoneInfo("Europe/London"))
    make_case_study(
        "Pop-up cycleways made permanent",
        council=council,
        topics=[topic],
        published_at=published,
        summary="Cycling on the main corridors rose by more than half.",
        challenge="Congestion and poor air quality.",
        **WELSH,
    )
    make_case_study(
        "Bridge Street hub",
        council=council,
        topics=[topic],
        published_at=published,
        summary="A shared public estate.",
        challenge="Too many buildings.",
    )


def titles(response) -> list[str]:
    return [card.find("h2").text for card in page(response).find_all("article", class_="card")]


@pytest.mark.parametrize(
    "query",
    [
        "beicio",  # a word of the Welsh title and summary
        "tagfeydd",  # a word of a Welsh section only
        "Nghaerdydd",
        "lon",  # lôn, diacritics folded
        "TÎM",  # tîm, capitals and diacritics
        '"ansawdd aer"',  # a phrase
    ],
)
def test_a_welsh_keyword_on_a_welsh_page_finds_the_welsh_version(client, library, query):
    assert titles(client.get("/cy/case-studies/", {"q": query})) == ["Lonydd beicio parhaol yng Nghaerdydd"]


def test_a_welsh_keyword_on_an_english_page_finds_nothing(client, library):
    assert titles(client.get("/case-studies/", {"q": "tagfeydd"})) == []


def test_an_english_keyword_keeps_finding_the_english_text_on_both_pages(client, library):
    assert titles(client.get("/case-studies/", {"q": "congestion"})) == ["Pop-up cycleways made permanent"]
    assert titles(client.get("/cy/case-studies/", {"q": "congestion"})) == [
        "Lonydd beicio parhaol yng Nghaerdydd"
    ]
    assert titles(client.get("/cy/case-studies/", {"q": "shared estate"})) == ["Bridge Street hub"]


def test_a_mutated_place_name_finds_the_welsh_version_through_a_synonym_group(client, library):
    assert titles(client.get("/cy/case-studies/", {"q": "Caerdydd"})) == []
    SynonymGroup.objects.create(terms="Caerdydd\nGaerdydd\nNghaerdydd\nChaerdydd")

    assert titles(client.get("/cy/case-studies/", {"q": "Caerdydd"})) == [
        "Lonydd beicio parhaol yng Nghaerdydd"
    ]
    assert titles(client.get("/cy/case-studies/", {"q": "Gaerdydd"})) == [
        "Lonydd beicio parhaol yng Nghaerdydd"
    ]


def test_a_welsh_word_is_not_corrected_to_an_english_one(client, library):
    doc = page(client.get("/cy/case-studies/", {"q": "monitro"}))

    assert [card.find("h2").text for card in doc.find_all("article", class_="card")] == [
        "Lonydd beicio parhaol yng Nghaerdydd"
    ]
    assert doc.find_all(class_="spelling") == []


def test_the_welsh_index_follows_edits_and_unpublishing(client, library):
    case_study = CaseStudy.objects.get(title_cy=WELSH["title_cy"])
    case_study.challenge_cy = "Roedd y ffyrdd yn llawn ceir."
    case_study.save()

    assert titles(client.get("/cy/case-studies/", {"q": "tagfeydd"})) == []
    assert titles(client.get("/cy/case-studies/", {"q": "ceir"})) == ["Lonydd beicio parhaol yng Nghaerdydd"]

    CaseStudy.objects.filter(pk=case_study.pk).update(status=CaseStudy.Status.ARCHIVED)
    assert titles(client.get("/cy/case-studies/", {"q": "ceir"})) == []

    CaseStudy.objects.filter(pk=case_study.pk).update(status=CaseStudy.Status.PUBLISHED)
    assert titles(client.get("/cy/case-studies/", {"q": "ceir"})) == ["Lonydd beicio parhaol yng Nghaerdydd"]
    CaseStudy.objects.filter(pk=case_study.pk).update(**dict.fromkeys(CaseStudy.WELSH_FIELDS, ""))
    assert titles(client.get("/cy/case-studies/", {"q": "ceir"})) == []


def test_the_starter_mutation_groups_find_the_demo_welsh_versions(client):
    # The reference data with the starter synonym groups, then the demo case studies.
    call_command("load_demo", stdout=StringIO())

    gaerdydd = titles(client.get("/cy/case-studies/", {"q": "Gaerdydd"}))
    ngwynedd = titles(client.get("/cy/case-studies/", {"q": "Ngwynedd"}))

    assert gaerdydd[0] == "Lonydd beicio dros dro y pandemig yn dod yn rhai parhaol yng Nghaerdydd"
    assert ngwynedd[0] == (
        "Llyfrgell ar Grwydr: llyfrgell deithiol Gwynedd yn dod yn ganolfan ddigidol a chymunedol ddwyieithog"
    )

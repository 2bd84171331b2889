"""Welsh search (issue 23): on a /cy/ page a Welsh keyword finds the Welsh versions, without stemming and with
diacritics folded, on both databases; mutations through the editors' synonym groups; English pages search the
English text only and English keywords keep finding it."""

import importlib
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection

from casestudies.models import CaseStudy, SynonymGroup
from casestudies.search.common import FOLDED, fold
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


@pytest.fixture
def newport(library):
    """An English-only case study sharing rare words with the English of "Pop-up cycleways made permanent"."""
    make_case_study(
        "Segregated corridors for Newport",
        council=make_council("Newport", code="NWP"),
        summary="Segregated wands and kerbs along two corridors to the station.",
        challenge="Congestion on the corridors at rush hour.",
    )
    for n in range(10):  # the shared words are rare only in a catalogue of some size
        make_case_study(f"Library opening hours {n}", council=make_council(f"Council {n}", code=f"C{n}"))


def test_a_welsh_keyword_learns_no_related_terms_from_a_welsh_versions_english(client, newport):
    """Only the Welsh of "Pop-up cycleways made permanent" has "beicio": its English says nothing about that word,
    so the words it shares with Newport's case study do not bring that in."""
    assert titles(client.get("/cy/case-studies/", {"q": "beicio"})) == [
        "Lonydd beicio parhaol yng Nghaerdydd"
    ]


def test_an_english_keyword_learns_from_the_english_of_a_case_study_with_a_welsh_version(client, newport):
    """ "cycleways" is in the English of "Pop-up cycleways made permanent": its shared words bring in Newport's case
    study through related terms, on both pages."""
    assert titles(client.get("/case-studies/", {"q": "cycleways"})) == [
        "Pop-up cycleways made permanent",
        "Segregated corridors for Newport",
    ]
    assert titles(client.get("/cy/case-studies/", {"q": "cycleways"})) == [
        "Lonydd beicio parhaol yng Nghaerdydd",
        "Segregated corridors for Newport",
    ]


def test_a_welsh_keyword_in_a_starter_group_finds_english_case_studies_too(client):
    call_command("load_demo", stdout=StringIO())

    ailgylchu = titles(client.get("/cy/case-studies/", {"q": "ailgylchu"}))

    assert ailgylchu[0] == "Yn y bag iawn: ymgyrch Abertawe i leihau halogi mewn ailgylchu"
    # In English only, found through "recycling":
    assert {
        "Wiltshire Council: cutting contamination in kerbside recycling with tags, letters and data",
        "Gateshead: bringing weekly food waste collections to 92,000 homes",
    } < set(ailgylchu[:4])


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


def excerpt_of(response):
    """The first card's excerpt (or None) and its summary paragraph."""
    card = page(response).find_all("article", class_="card")[0]
    excerpts = card.find_all("p", class_="card__excerpt")
    return (excerpts[0] if excerpts else None), card.find("p", class_="card__summary")


def marked(element) -> list[str]:
    return [mark.text for mark in element.find_all("mark")]


@pytest.mark.parametrize(
    ("query", "marks"),
    # FTS5 marks a phrase as one, ts_headline word by word: the marked words are compared.
    [("tagfeydd", "tagfeydd"), ("lon", "lôn"), ("TÎM", "tîm"), ('"ansawdd aer"', "ansawdd aer")],
)
def test_a_match_in_the_welsh_sections_shows_a_welsh_excerpt(client, library, query, marks):
    excerpt, summary = excerpt_of(client.get("/cy/case-studies/", {"q": query}))

    assert " ".join(marked(excerpt)) == marks
    assert "lang" not in excerpt.attrs  # in the page's language
    assert "lang" not in excerpt.find("span", class_="visually-hidden").attrs
    assert "Gosododd y tîm bum lôn feicio dros dro." in excerpt.text  # the Welsh text as written
    assert summary.text == WELSH["summary_cy"]


def test_a_match_in_the_welsh_summary_only_marks_the_welsh_summary(client, library):
    response = client.get("/cy/case-studies/", {"q": "hanner"})
    excerpt, _ = excerpt_of(response)

    assert excerpt is None
    assert (
        '<p class="card__summary">Mae beicio ar y prif lwybrau wedi codi mwy na <mark>hanner</mark>.</p>'
        in (response.content.decode())
    )


def test_an_english_match_of_a_welsh_version_keeps_its_english_excerpt(client, library):
    excerpt, summary = excerpt_of(client.get("/cy/case-studies/", {"q": "congestion"}))

    assert (excerpt.attrs.get("lang"), marked(excerpt)) == ("en", ["Congestion"])
    assert summary.text == WELSH["summary_cy"]


def test_the_english_page_shows_no_welsh_excerpt(client, library):
    assert page(client.get("/case-studies/", {"q": "tagfeydd"})).find_all("p", class_="card__excerpt") == []
    excerpt, _ = excerpt_of(client.get("/case-studies/", {"q": "congestion"}))
    assert (excerpt.attrs.get("lang"), marked(excerpt)) == (None, ["Congestion"])


def test_a_welsh_excerpt_is_escaped(client, library):
    CaseStudy.objects.filter(title_cy=WELSH["title_cy"]).update(
        challenge_cy='Roedd <b>tagfeydd</b> & "mwg" <script>alert(1)</script> ym Môn.'
    )

    html = client.get("/cy/case-studies/", {"q": "tagfeydd mon"}).content.decode()

    assert (
        "</span>Roedd &lt;b&gt;<mark>tagfeydd</mark>&lt;/b&gt; &amp; &quot;mwg&quot; "
        "&lt;script&gt;alert(1)&lt;/script&gt; ym <mark>Môn</mark>."
    ) in html
    assert "<script>alert" not in html


def test_excerpts_fold_diacritics_as_the_welsh_index_does():
    migration = importlib.import_module("casestudies.migrations.0022_welsh_versions")
    text = "ÂÊÎ Ôû ŴŶ yng Nghaerdydd, Môn: ẅ ÿ ẃ ỳ"

    assert str.maketrans(migration.FOLDED_FROM, migration.FOLDED_TO) == FOLDED
    assert fold(text) == "aei ou wy yng nghaerdydd, mon: w y w y"
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT casestudies_fold(%s)", [text])
            assert cursor.fetchone()[0] == fold(text)

"""Welsh feeds under /cy/ (titles, subtitles, entry wording, links to Welsh pages) and the sitemap naming every page
in both languages with hreflang alternates both ways (issue 23)."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest

from casestudies.models import CaseStudy, EvidenceLevel, Stage
from tests.casestudies.discovery_helpers import ATOM, atom_links, atom_text, parse_atom
from tests.factories import make_case_study, make_council, make_topic

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
WELSH_AND_ENGLISH = [*CaseStudy.WELSH, *CaseStudy.WELSH.values()]


@pytest.fixture
def library():
    housing = make_topic("Housing and planning", slug="housing", order=1)
    housing.name_cy = "Tai a chynllunio"
    housing.save()
    cardiff = make_council("Cardiff", code="CRF", region="Wales", name_cy="Caerdydd")
    make_case_study(
        "Warm homes",
        slug="warm-homes",
        topics=[housing],
        council=cardiff,
        published_at=datetime(2024, 3, 15, 12, tzinfo=UTC),
        evidence_level_claimed=EvidenceLevel.DATA,
        stage=Stage.PILOT,
    )


def test_the_welsh_feed_is_in_welsh_with_welsh_links(client, library):
    response = client.get("/cy/case-studies/feed/?topic=housing")
    root = parse_atom(response)

    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "cy"
    assert atom_text(root, "title") == "Astudiaethau achos – Llyfrgell Astudiaethau Achos Cynghorau"
    assert atom_text(root, "subtitle") == "Pynciau: Tai a chynllunio"
    assert atom_links(root) == [
        ("alternate", "http://testserver/cy/case-studies/?topic=housing"),
        ("self", "http://testserver/cy/case-studies/feed/?topic=housing"),
    ]
    entry = root.find(f"{ATOM}entry")
    assert atom_links(entry) == [("alternate", "http://testserver/cy/case-studies/warm-homes/")]
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "Caerdydd"
    assert [category.get("term") for category in entry.findall(f"{ATOM}category")] == ["Tai a chynllunio"]
    summary = atom_text(entry, "summary")
    assert "Cost: heb ei nodi." in summary
    assert "(hunanasesiad)" in summary


def test_the_welsh_feed_without_a_search_has_a_welsh_subtitle(client, library):
    root = parse_atom(client.get("/cy/case-studies/feed/"))

    assert atom_text(root, "subtitle") == "Yr astudiaethau achos mwyaf newydd am arloesi gan gynghorau."


def test_the_welsh_topic_and_council_feeds_are_named_in_welsh(client, library):
    topic = parse_atom(client.get("/cy/case-studies/topics/housing/feed/"))
    council = parse_atom(client.get("/cy/councils/CRF/feed/"))

    assert atom_text(topic, "title") == (
        "Astudiaethau achos ar y pwnc Tai a chynllunio – Llyfrgell Astudiaethau Achos Cynghorau"
    )
    assert (
        atom_text(council, "title")
        == "Astudiaethau achos gan Caerdydd – Llyfrgell Astudiaethau Achos Cynghorau"
    )


def test_the_english_feed_is_unchanged(client, library):
    root = parse_atom(client.get("/case-studies/feed/?topic=housing"))

    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en-gb"
    assert atom_text(root, "title") == "Case studies – Council Case Study Library"
    assert atom_text(root, "subtitle") == "Topics: Housing and planning"
    entry = root.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "Cardiff"
    assert "Cost: not stated." in atom_text(entry, "summary")


def sitemap_entries(client) -> dict[str, dict[str, str]]:
    root = ET.fromstring(client.get("/sitemap.xml").content)
    return {
        url.find(f"{SITEMAP}loc").text: {
            link.get("hreflang"): link.get("href")
            for link in url.findall(f"{XHTML}link")
            if link.get("rel") == "alternate"
        }
        for url in root.findall(f"{SITEMAP}url")
    }


def test_the_sitemap_lists_every_page_in_both_languages_with_alternates_both_ways(client, library):
    entries = sitemap_entries(client)
    both = {
        "en-gb": "http://testserver/case-studies/warm-homes/",
        "cy": "http://testserver/cy/case-studies/warm-homes/",
        "x-default": "http://testserver/case-studies/warm-homes/",
    }

    assert entries["http://testserver/case-studies/warm-homes/"] == both
    assert entries["http://testserver/cy/case-studies/warm-homes/"] == both
    welsh = sorted(loc for loc in entries if loc.startswith("http://testserver/cy/"))
    assert welsh == [
        "http://testserver/cy/accessibility/",
        "http://testserver/cy/case-studies/",
        "http://testserver/cy/case-studies/map/",
        "http://testserver/cy/case-studies/submit/",
        "http://testserver/cy/case-studies/topics/housing/",
        "http://testserver/cy/case-studies/warm-homes/",
        "http://testserver/cy/councils/",
        "http://testserver/cy/councils/CRF/",
        "http://testserver/cy/insights/",
    ]
    assert len(entries) == 2 * len(welsh)
    assert entries["http://testserver/cy/councils/CRF/"]["en-gb"] == "http://testserver/councils/CRF/"


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def test_an_entry_not_in_the_feeds_language_is_marked(client, library):
    welsh_only = {
        field: "Cartrefi cynnes" if field.startswith("title") else "Testun." for field in WELSH_AND_ENGLISH
    }
    make_case_study(slug="cartrefi-cynnes", published_at=datetime(2024, 1, 1, tzinfo=UTC), **welsh_only)

    english_feed = parse_atom(client.get("/case-studies/feed/"))
    welsh_feed = parse_atom(client.get("/cy/case-studies/feed/"))

    def marks(root):
        return [
            (
                atom_text(entry, "title"),
                entry.find(f"{ATOM}title").get(XML_LANG),
                atom_text(entry, "summary")[:20],
            )
            for entry in root.findall(f"{ATOM}entry")
        ]

    assert marks(english_feed) == [
        ("Warm homes", None, "<p>Summary of case s"),
        ("Cartrefi cynnes", "cy", '<p lang="cy">Testun.'),
    ]
    assert marks(welsh_feed) == [
        ("Warm homes", "en", '<p lang="en">Summary'),
        ("Cartrefi cynnes", None, "<p>Testun.</p><p>Cos"),
    ]

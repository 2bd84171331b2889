"""Atom feeds of any search: /case-studies/feed/, a topic's feed and a council's feed."""

from datetime import UTC, datetime, timedelta

import pytest

from casestudies.models import CaseStudy
from tests.casestudies.discovery_helpers import (
    ATOM,
    atom_links,
    atom_text,
    count_queries,
    entry_titles,
    parse_atom,
)
from tests.factories import make_case_study, make_council, make_support_type, make_topic
from tests.pages import page

pytestmark = pytest.mark.django_db

START = datetime(2024, 1, 1, 9, tzinfo=UTC)


@pytest.fixture
def housing():
    return make_topic("Housing", slug="housing", order=1)


@pytest.fixture
def digital():
    return make_topic("Digital", slug="digital", order=2)


@pytest.fixture
def wigan():
    return make_council("Wigan", code="WGN", region="North West")


def test_feed_is_atom_with_title_id_updated_and_links(client, housing):
    make_case_study("Older", topics=[housing], published_at=START)
    make_case_study("Newer", topics=[housing], published_at=START + timedelta(days=1))
    latest_update = max(CaseStudy.objects.values_list("updated_at", flat=True))

    response = client.get("/case-studies/feed/?topic=housing&page=3&sort=newest")
    root = parse_atom(response)

    assert response.status_code == 200
    assert atom_text(root, "title") == "Case studies – Council Case Study Library"
    assert atom_text(root, "id") == "http://testserver/case-studies/?topic=housing"
    assert datetime.fromisoformat(atom_text(root, "updated")) == latest_update
    assert atom_text(root, "subtitle") == "Topics: Housing"
    assert atom_links(root) == [
        ("alternate", "http://testserver/case-studies/?topic=housing"),
        ("self", "http://testserver/case-studies/feed/?topic=housing"),
    ]
    assert entry_titles(root) == ["Newer", "Older"]


def test_feed_entry_has_title_link_dates_author_categories_and_summary(client, housing, digital, wigan):
    case_study = make_case_study(
        "Warm homes",
        slug="warm-homes",
        council=wigan,
        topics=[digital, housing],
        summary="Insulating 400 homes <before> winter & after.",
        published_at=datetime(2024, 3, 5, 10, 30, tzinfo=UTC),
    )
    case_study.refresh_from_db()

    root = parse_atom(client.get("/case-studies/feed/"))
    (entry,) = root.findall(f"{ATOM}entry")

    assert atom_text(entry, "title") == "Warm homes"
    assert atom_links(entry) == [("alternate", "http://testserver/case-studies/warm-homes/")]
    assert atom_text(entry, "id") == "http://testserver/case-studies/warm-homes/"
    assert datetime.fromisoformat(atom_text(entry, "published")) == datetime(2024, 3, 5, 10, 30, tzinfo=UTC)
    assert datetime.fromisoformat(atom_text(entry, "updated")) == case_study.updated_at
    assert [name.text for name in entry.findall(f"{ATOM}author/{ATOM}name")] == ["Wigan"]
    assert [category.get("term") for category in entry.findall(f"{ATOM}category")] == ["Housing", "Digital"]
    # type="html": what the council typed is escaped HTML, so "<before>" is text in a feed reader, not a tag.
    assert entry.find(f"{ATOM}summary").get("type") == "html"
    assert atom_text(entry, "summary") == (
        "<p>Insulating 400 homes &lt;before&gt; winter &amp; after.</p>"
        "<p>Cost: not stated. Evidence: not stated. Stage: not stated.</p>"
    )


def test_feed_has_the_newest_fifty_matching_newest_first(client, housing, digital):
    for n in range(55):
        make_case_study(f"Housing {n:02d}", topics=[housing], published_at=START + timedelta(days=n))
    make_case_study("Digital newest", topics=[digital], published_at=START + timedelta(days=100))
    make_case_study(
        "Housing draft", topics=[housing], status="draft", published_at=START + timedelta(days=101)
    )

    root = parse_atom(client.get("/case-studies/feed/?topic=housing"))

    assert entry_titles(root) == [f"Housing {n:02d}" for n in range(54, 4, -1)]


def test_feed_takes_the_list_parameters_and_ignores_the_sort(client, housing, wigan):
    grant = make_support_type("Grant", slug="grant")
    cardiff = make_council("Cardiff", code="CRF", region="Wales")
    make_case_study("Zeppelin in Wigan", council=wigan, topics=[housing], published_at=START)
    make_case_study(
        "Wigan zeppelin with grant",
        council=wigan,
        support_types=[grant],
        summary="A zeppelin.",
        published_at=START + timedelta(days=2),
    )
    make_case_study("Zeppelin in Cardiff", council=cardiff, published_at=START + timedelta(days=3))
    make_case_study("Wigan without the word", council=wigan, published_at=START + timedelta(days=4))
    make_case_study("Wigan zeppelin 2019", council=wigan, published_at=datetime(2019, 6, 1, tzinfo=UTC))

    root = parse_atom(
        client.get("/case-studies/feed/?q=zeppelin&region=north-west&year_from=2020&sort=title")
    )

    assert entry_titles(root) == ["Wigan zeppelin with grant", "Zeppelin in Wigan"]
    assert atom_text(root, "subtitle") == "Keyword: “zeppelin”; Region: North West; Published from: 2020"


def test_topic_feed_contains_only_its_topic(client, housing, digital):
    make_case_study("Housing one", topics=[housing], published_at=START)
    make_case_study("Both", topics=[digital, housing], published_at=START + timedelta(days=1))
    make_case_study("Digital only", topics=[digital], published_at=START + timedelta(days=2))

    response = client.get("/case-studies/topics/housing/feed/?topic=digital")
    root = parse_atom(response)

    assert entry_titles(root) == ["Both", "Housing one"]
    assert atom_text(root, "title") == "Housing case studies – Council Case Study Library"
    assert atom_links(root) == [
        ("alternate", "http://testserver/case-studies/topics/housing/"),
        ("self", "http://testserver/case-studies/topics/housing/feed/"),
    ]


def test_council_feed_contains_only_its_council(client, wigan):
    make_case_study("Wigan one", council=wigan, published_at=START)
    make_case_study("Wigan two", council=wigan, published_at=START + timedelta(days=1))
    make_case_study("Cardiff one", council=make_council("Cardiff", code="CRF"), published_at=START)
    make_case_study("Wigan draft", council=wigan, status="draft", published_at=START)

    root = parse_atom(client.get("/councils/WGN/feed/"))

    assert entry_titles(root) == ["Wigan two", "Wigan one"]
    assert atom_text(root, "title") == "Case studies from Wigan – Council Case Study Library"
    assert atom_links(root) == [
        ("alternate", "http://testserver/councils/WGN/"),
        ("self", "http://testserver/councils/WGN/feed/"),
    ]


def test_feed_without_matches_is_an_empty_valid_feed(client, housing):
    make_case_study("Housing one", topics=[housing])

    root = parse_atom(client.get("/case-studies/feed/?q=kumquat"))

    assert entry_titles(root) == []
    assert atom_text(root, "title") == "Case studies – Council Case Study Library"


@pytest.mark.parametrize("path", ["/case-studies/topics/nope/feed/", "/councils/NOPE/feed/"])
def test_feed_of_an_unknown_topic_or_council_is_404(client, path):
    assert client.get(path).status_code == 404


def test_feed_query_count_does_not_grow_with_entries(client, housing, digital):
    """The index's version token (topics and support types come from the index), the entries with their
    councils, and the entries' topics."""
    make_case_study("First", topics=[housing, digital], council=make_council("First council"))
    one = count_queries(client, "/case-studies/feed/")
    for n in range(30):
        make_case_study(f"More {n}", topics=[housing, digital], council=make_council(f"Council {n}"))

    assert one == count_queries(client, "/case-studies/feed/") == 3


@pytest.mark.parametrize(
    ("path", "query", "feed_href"),
    [
        ("/case-studies/", "", "/case-studies/feed/"),
        (
            "/case-studies/",
            "support_type=nope&region=wales&topic=housing&page=2",
            "/case-studies/feed/?topic=housing&region=wales",
        ),
        ("/case-studies/topics/housing/", "region=wales", "/case-studies/topics/housing/feed/?region=wales"),
        ("/councils/WGN/", "topic=housing", "/councils/WGN/feed/?topic=housing"),
    ],
)
def test_list_pages_link_to_their_feed_with_the_same_query(client, housing, wigan, path, query, feed_href):
    make_case_study("Warm homes", council=wigan, topics=[housing])

    doc = page(client.get(f"{path}?{query}"))

    alternate = doc.find("link", rel="alternate", type="application/atom+xml")
    assert (alternate["type"], alternate["href"]) == ("application/atom+xml", feed_href)
    visible = [a["href"] for a in doc.find_all("a") if a.text == "Subscribe to this search (Atom feed)"]
    assert visible == [feed_href]


def test_feed_survives_control_characters_in_keyword_and_text(client):
    from tests.factories import make_case_study

    make_case_study("Bell\x07 ringing", summary="Back\x08space and form\x0cfeed")

    response = client.get("/case-studies/feed/?q=%08bell")
    everything = client.get("/case-studies/feed/")

    assert response.status_code == 200
    assert everything.status_code == 200
    assert "<title>Bell ringing</title>" in everything.content.decode()
    assert "Backspace and formfeed" in everything.content.decode()


@pytest.mark.parametrize(
    ("fields", "line"),
    [
        (
            {
                "cost_band": "50k_250k",
                "evidence_level_claimed": 4,
                "evidence_level_confirmed": 3,
                "stage": "pilot",
            },
            "Cost: £50,000 to £250,000. Evidence: Level 3: compared with no change (confirmed by an editor). "
            "Stage: Pilot.",
        ),
        (
            {"cost_band": "under_10k", "evidence_level_claimed": 2, "stage": "stopped"},
            "Cost: Under £10,000. Evidence: Level 2: measured change (self-assessed). Stage: Stopped.",
        ),
    ],
)
def test_feed_entry_says_cost_band_evidence_level_and_stage(client, housing, fields, line):
    make_case_study("Bins", topics=[housing], summary="Fewer missed bins.", **fields)

    (entry,) = parse_atom(client.get("/case-studies/feed/")).findall(f"{ATOM}entry")

    assert atom_text(entry, "summary") == f"<p>Fewer missed bins.</p><p>{line}</p>"

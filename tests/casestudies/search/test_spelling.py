"""Spelling: the tolerance rule, and "Did you mean" / "Showing results for" on the list, on both databases."""

import json

import pytest

from casestudies.search.keyword import plan
from casestudies.search.spelling import best_candidate, tolerance
from tests.factories import make_case_study, make_council, make_topic
from tests.pages import card_titles, page


@pytest.mark.parametrize(
    ("word", "edits"),
    [("bins", 0), ("recyl", 1), ("recyling", 1), ("housng", 1), ("accomodation", 2), ("immunisaton", 2)],
)
def test_tolerance_is_none_under_five_letters_one_to_eight_then_two(word, edits):
    assert tolerance(word) == edits


@pytest.mark.parametrize(
    ("word", "candidates", "expected"),
    [
        ("recyling", [("recycling", 4), ("recycled", 9)], "recycling"),
        ("housng", [("housing", 24), ("hosing", 1)], "housing"),
        ("councel", [("council", 60), ("counsel", 2)], "council"),
        ("hosuing", [("housing", 3)], "housing"),  # a transposition is one edit
        ("recylcing", [("recycling", 3)], "recycling"),
        ("acommodaton", [("accommodation", 5)], "accommodation"),  # 11 letters: two edits allowed
        ("lbrary", [("library", 5), ("literary", 50)], "library"),
        ("recylng", [("recycling", 4)], None),  # 7 letters, two edits away: too far
        ("kumqat", [("kumquat", 2), ("kumqats", 9)], "kumqats"),  # the most frequent of the closest wins
        ("kumqat", [("kumquat", 2), ("kumqats2", 9), ("kumqatx", 1)], "kumquat"),  # letters only
        ("kumquaat", [("kumquat", 1), ("kumquats", 9)], "kumquat"),  # fewer edits beat frequency
        ("bins", [("bind", 9)], None),  # under five letters: never corrected
        ("organizaton", [("organisation", 3)], "organisation"),  # US spelling is not an edit
    ],
)
def test_best_candidate_follows_the_tolerance_rule_and_prefers_the_most_frequent(word, candidates, expected):
    assert best_candidate(word, candidates) == expected


@pytest.fixture
def library(db):
    waste = make_topic("Environment and waste", slug="environment-and-waste")
    make_case_study(
        "Kerbside recycling",
        council=make_council("Wiltshire", code="WIL"),
        topics=[waste],
        summary="Tags on bins cut contamination in recycling.",
    )
    make_case_study(
        "Food waste trial",
        summary="Weekly collections of food waste, and more recycling.",
        impact="Residents recycled more.",
    )
    make_case_study(
        "Reorganisation ready",
        summary="Preparing staff for reorganisation and a new organisation.",
        lessons="Immunisation clinics moved.",
    )


def spelling_text(response) -> str | None:
    found = page(response).find_all("p", class_="spelling")
    return found[0].text if found else None


def spelling_links(response) -> list[tuple[str, str]]:
    return [(a.text, a["href"]) for a in page(response).find("p", class_="spelling").find_all("a")]


def test_misspelt_keyword_that_finds_nothing_shows_the_corrected_results(client, library):
    response = client.get("/case-studies/?q=recyling")

    assert card_titles(page(response)) == ["Kerbside recycling", "Food waste trial"]
    assert spelling_text(response) == "Showing results for recycling. Search instead for recyling"
    assert spelling_links(response) == [
        ("recycling", "/case-studies/?q=recycling"),
        ("recyling", "/case-studies/?q=recyling&as_typed=1"),
    ]


def test_search_instead_link_keeps_the_typed_keyword_and_offers_the_correction(client, library):
    response = client.get("/case-studies/?q=recyling&as_typed=1")

    assert card_titles(page(response)) == []
    assert spelling_text(response) == "Did you mean recycling?"
    assert spelling_links(response) == [("recycling", "/case-studies/?q=recycling")]
    assert page(response).find("input", id="id_q")["value"] == "recyling"


def test_correction_keeps_the_other_filters_and_words(client, library):
    response = client.get("/case-studies/?q=recyling+tags&topic=environment-and-waste")

    assert card_titles(page(response)) == ["Kerbside recycling"]
    assert spelling_links(response) == [
        ("recycling tags", "/case-studies/?q=recycling+tags&topic=environment-and-waste"),
        ("recyling tags", "/case-studies/?q=recyling+tags&topic=environment-and-waste&as_typed=1"),
    ]


def test_unknown_word_beside_results_is_corrected_too(client, library):
    """With words that find something beside it, a misspelt word is still searched as corrected: otherwise
    "recyling food" would show food waste without recycling and no sign of why."""
    response = client.get("/case-studies/?q=recyling+OR+food")

    assert card_titles(page(response)) == ["Food waste trial", "Kerbside recycling"]
    assert (
        spelling_text(response)
        == "Showing results for recycling OR food. Search instead for recyling OR food"
    )


@pytest.mark.parametrize(
    ("typed", "catalogue_word"),
    [("older", "order"), ("wardens", "gardens"), ("bailiff", "plaintiff"), ("fostering", "hosting")],
)
def test_a_real_english_word_the_catalogue_lacks_is_never_corrected_into_one_it_has(
    client, library, typed, catalogue_word
):
    make_case_study("Catalogue words", summary=f"The {catalogue_word} of the day.")

    assert plan(typed).suggestion is None
    response = client.get(f"/case-studies/?q={typed}")
    assert spelling_text(response) is None
    assert card_titles(page(response)) == []


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("recieve", "receive"), ("goverment", "government"), ("acommodation", "accommodation")],
)
def test_a_common_misspelling_english_knows_is_corrected_into_a_far_more_common_word(
    client, library, typed, expected
):
    make_case_study("Catalogue words", summary=f"We {expected} the accommodation of government.")

    assert plan(typed).suggestion == expected


@pytest.mark.parametrize(
    ("typed", "expected", "title"),
    [
        ("lonelyness", "loneliness", "Tackling loneliness together"),
        ("homelesness", "homelessness", "Ending homelessness"),
        ("befreinding", "befriending", "Befriending older people"),
        ("allotmments", "allotments", "New allotments"),
    ],
    ids=["-ness", "-ness-long", "-ing", "plural"],
)
def test_derived_words_are_corrected_and_find_their_case_studies(client, db, typed, expected, title):
    make_case_study(title)

    response = client.get(f"/case-studies/?q={typed}")

    assert plan(typed).suggestion == expected
    assert card_titles(page(response)) == [title]


def test_a_misspelling_the_stemmer_reduces_to_a_known_stem_needs_no_correction(client, db):
    """ "volunteerring" and "volunteering" have the same stem: the case study is found as typed."""
    make_case_study("Volunteering in parks")

    response = client.get("/case-studies/?q=volunteerring")

    assert plan("volunteerring").suggestion is None
    assert card_titles(page(response)) == ["Volunteering in parks"]


def test_correctly_spelt_and_inflected_words_get_no_suggestion(client, library):
    for keyword in ["recycling", "recycles", "bins", "Wiltshire"]:
        response = client.get(f"/case-studies/?q={keyword}")
        assert spelling_text(response) is None, keyword
        assert card_titles(page(response)) != [], keyword


def test_council_and_topic_names_are_in_the_vocabulary(client, library):
    assert plan("wiltshre").suggestion == "wiltshire"
    assert plan("enviroment").suggestion == "environment"


def test_us_spellings_find_british_text_without_a_suggestion(client, library):
    for keyword, expected in [
        ("reorganization", ["Reorganisation ready"]),
        ("immunization", ["Reorganisation ready"]),
        ("organization", ["Reorganisation ready"]),
    ]:
        response = client.get(f"/case-studies/?q={keyword}")
        assert card_titles(page(response)) == expected, keyword
        assert spelling_text(response) is None, keyword


def test_nothing_close_gives_no_suggestion(client, library):
    response = client.get("/case-studies/?q=zyzzyva")

    assert card_titles(page(response)) == []
    assert spelling_text(response) is None


def test_feed_and_export_use_the_corrected_keyword_like_the_list(client, library):
    feed = client.get("/case-studies/feed/?q=recyling").content.decode()
    export = client.get("/case-studies/export.json?q=recyling")
    data = json.loads(b"".join(export.streaming_content))
    titles = sorted(item["title"] for item in data["case_studies"])

    assert "Kerbside recycling" in feed and "Food waste trial" in feed
    assert titles == ["Food waste trial", "Kerbside recycling"]


def test_words_of_unpublished_case_studies_are_never_suggested(client, library):
    make_case_study("Secret zeppelinhangar", status="draft", published_at=None, summary="zeppelinhangar")

    assert plan("zeppelinhanger").suggestion is None

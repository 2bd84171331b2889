"""``/case-studies/suggest/``: suggestions as you type, as JSON (casestudies/search/typeahead.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casestudies.models import CaseStudy
from tests.factories import make_case_study, make_council, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    make_topic("Housing and planning", slug="housing-and-planning")
    make_topic("Climate change", slug="climate-change")
    bradford = make_council("Bradford", code="BRD")
    make_council("Bradwell", code="BWL")  # leads no case study: never suggested
    hackney = make_council("Hackney", code="HCK")
    make_case_study(
        "A warm welcome in Bradford's libraries", council=bradford, published_at="2024-01-02T10:00Z"
    )
    make_case_study("Warm Welcome Birmingham", council=bradford, published_at="2024-03-01T10:00Z")
    make_case_study("Safe routes home", council=hackney, published_at="2023-05-01T10:00Z")
    make_case_study("Warm homes draft", status=CaseStudy.Status.DRAFT, published_at=None)


def suggest(client, typed: str) -> list[tuple[str, str, str]]:
    response = client.get("/case-studies/suggest/", {"q": typed})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return [(s["kind"], s["label"], s["url"]) for s in response.json()["suggestions"]]


def test_prefix_of_the_last_word_gives_newest_titles_first(client, library):
    assert suggest(client, "warm wel") == [
        ("case_study", "Warm Welcome Birmingham", url_of("Warm Welcome Birmingham")),
        (
            "case_study",
            "A warm welcome in Bradford's libraries",
            url_of("A warm welcome in Bradford's libraries"),
        ),
    ]


def url_of(title: str) -> str:
    return CaseStudy.objects.get(title=title).get_absolute_url()


def test_topics_and_councils_with_case_studies_are_suggested(client, library):
    assert suggest(client, "hous") == [
        ("topic", "Housing and planning", "/case-studies/topics/housing-and-planning/")
    ]
    assert suggest(client, "brad") == [
        (
            "case_study",
            "A warm welcome in Bradford's libraries",
            url_of("A warm welcome in Bradford's libraries"),
        ),
        ("council", "Bradford", "/councils/BRD/"),
    ]
    assert suggest(client, "hack") == [("council", "Hackney", "/councils/HCK/")]


def test_every_typed_word_must_be_in_the_title(client, library):
    assert suggest(client, "warm ho") == []  # the only warm home is a draft
    assert suggest(client, "routes saf") == [("case_study", "Safe routes home", url_of("Safe routes home"))]


@pytest.mark.parametrize("typed", ["", " ", "w", "!!!", "\x00", "x" * 500, '"NEAR( title: * ^'])
def test_short_empty_or_hostile_input_gives_an_empty_list(client, library, typed):
    assert suggest(client, typed) == []


def test_suggest_answers_the_typed_text(client, library):
    assert client.get("/case-studies/suggest/", {"q": " warm "}).json()["query"] == "warm"


def test_suggestions_follow_publishing(client, library):
    draft = CaseStudy.objects.get(title="Warm homes draft")
    draft.status = CaseStudy.Status.PUBLISHED
    draft.published_at = draft.created_at
    draft.save()

    assert [label for _, label, _ in suggest(client, "warm ho")] == ["Warm homes draft"]


def test_suggest_reads_the_version_token_and_the_chosen_titles_only(client, library):
    suggest(client, "warm")  # builds the index for this catalogue version
    with CaptureQueriesContext(connection) as queries:
        suggest(client, "warm")

    assert len(queries) == 2

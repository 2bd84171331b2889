"""``/case-studies/suggest/``: suggestions as you type, as JSON (casestudies/search/typeahead.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casestudies.models import CaseStudy, Topic
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


@pytest.fixture
def welsh_library():
    Topic.objects.create(name="Libraries", name_cy="Llyfrgelloedd", slug="libraries")
    make_topic("Leisure", slug="leisure")  # no Welsh name
    anglesey = make_council("Isle of Anglesey", code="IOA", name_cy="Ynys Môn")
    leeds = make_council("Leeds", code="LDS")
    make_case_study(
        "A school library on Anglesey",
        council=anglesey,
        published_at="2024-01-02T10:00Z",
        slug="school-library-anglesey",
        title_cy="Llyfrgell ysgol ar Ynys Môn",
        summary_cy="Crynodeb.",
    )
    make_case_study("Library at Leeds school", council=leeds, published_at="2024-02-02T10:00Z", slug="leeds")


def suggest_all(client, path: str, typed: str) -> list[dict]:
    response = client.get(path, {"q": typed})
    assert response.status_code == 200
    return response.json()["suggestions"]


def test_a_welsh_page_suggests_welsh_titles_and_names_by_their_welsh_words(client, welsh_library):
    assert suggest_all(client, "/cy/case-studies/suggest/", "ysgol mon") == [
        {
            "kind": "case_study",
            "label": "Llyfrgell ysgol ar Ynys Môn",
            "url": "/cy/case-studies/school-library-anglesey/",
        }
    ]
    assert suggest_all(client, "/cy/case-studies/suggest/", "llyfrgell") == [
        {
            "kind": "case_study",
            "label": "Llyfrgell ysgol ar Ynys Môn",
            "url": "/cy/case-studies/school-library-anglesey/",
        },
        {"kind": "topic", "label": "Llyfrgelloedd", "url": "/cy/case-studies/topics/libraries/"},
    ]
    assert suggest_all(client, "/cy/case-studies/suggest/", "ynys") == [
        {
            "kind": "case_study",
            "label": "Llyfrgell ysgol ar Ynys Môn",
            "url": "/cy/case-studies/school-library-anglesey/",
        },
        {"kind": "council", "label": "Ynys Môn", "url": "/cy/councils/IOA/"},
    ]


def test_a_welsh_page_marks_english_titles_and_names_english(client, welsh_library):
    assert suggest_all(client, "/cy/case-studies/suggest/", "library") == [
        {
            "kind": "case_study",
            "label": "Library at Leeds school",
            "url": "/cy/case-studies/leeds/",
            "lang": "en",
        }
    ]
    assert suggest_all(client, "/cy/case-studies/suggest/", "le") == [
        {
            "kind": "case_study",
            "label": "Library at Leeds school",
            "url": "/cy/case-studies/leeds/",
            "lang": "en",
        },
        {"kind": "topic", "label": "Leisure", "url": "/cy/case-studies/topics/leisure/", "lang": "en"},
        {"kind": "council", "label": "Leeds", "url": "/cy/councils/LDS/", "lang": "en"},
    ]


def test_an_english_page_keeps_the_english_titles_names_and_links(client, welsh_library):
    # The Welsh page first: the index and its names are built once for both languages.
    suggest_all(client, "/cy/case-studies/suggest/", "lib")

    assert suggest_all(client, "/case-studies/suggest/", "lib") == [
        {"kind": "case_study", "label": "Library at Leeds school", "url": "/case-studies/leeds/"},
        {
            "kind": "case_study",
            "label": "A school library on Anglesey",
            "url": "/case-studies/school-library-anglesey/",
        },
        {"kind": "topic", "label": "Libraries", "url": "/case-studies/topics/libraries/"},
    ]
    assert suggest_all(client, "/case-studies/suggest/", "ysgol") == []
    assert suggest_all(client, "/case-studies/suggest/", "isle") == [
        {"kind": "council", "label": "Isle of Anglesey", "url": "/councils/IOA/"}
    ]


def test_a_welsh_title_added_after_the_build_is_suggested_by_its_welsh_words(client, welsh_library):
    suggest_all(client, "/cy/case-studies/suggest/", "ysgol")  # builds the index
    make_case_study("Warm spaces", slug="warm", title_cy="Mannau cynnes", summary_cy="Crynodeb.")

    assert suggest_all(client, "/cy/case-studies/suggest/", "cynn") == [
        {"kind": "case_study", "label": "Mannau cynnes", "url": "/cy/case-studies/warm/"}
    ]
    assert suggest_all(client, "/cy/case-studies/suggest/", "warm") == []
    assert suggest_all(client, "/case-studies/suggest/", "warm") == [
        {"kind": "case_study", "label": "Warm spaces", "url": "/case-studies/warm/"}
    ]


def test_a_welsh_suggestion_reads_the_version_token_and_the_chosen_titles_only(client, welsh_library):
    suggest_all(client, "/cy/case-studies/suggest/", "ysgol")
    with CaptureQueriesContext(connection) as queries:
        suggest_all(client, "/cy/case-studies/suggest/", "ysgol")

    assert len(queries) == 2

"""Keyword search: the same hits on SQLite (word-by-word match) and PostgreSQL (full-text search)."""

from datetime import UTC, datetime

import pytest
from django.db import connection

from casestudies.models import CaseStudy
from casestudies.search import apply_keyword, keyword_words
from tests.factories import make_case_study, make_council

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search only"
)


@pytest.fixture
def library():
    """One distinctive word per place a keyword can match, and one case study with two of them."""
    make_case_study("Zeppelin tours of the estuary", published_at=datetime(2024, 1, 1, tzinfo=UTC))
    make_case_study(
        "Breakfast clubs",
        summary="Pupils were given marmalade on toast.",
        published_at=datetime(2024, 2, 1, tzinfo=UTC),
    )
    make_case_study(
        "Play streets",
        lessons="Borrow a trampoline for the launch day.",
        published_at=datetime(2024, 3, 1, tzinfo=UTC),
    )
    make_case_study(
        "Library lending",
        council=make_council("Wombleton"),
        published_at=datetime(2024, 4, 1, tzinfo=UTC),
    )
    make_case_study(
        "Zeppelin festival",
        solution="Stalls sold marmalade from local growers.",
        published_at=datetime(2024, 5, 1, tzinfo=UTC),
    )


def titles(keyword: str) -> list[str]:
    queryset = apply_keyword(CaseStudy.objects.all(), keyword).order_by("title")
    return [case_study.title for case_study in queryset]


@pytest.mark.parametrize(
    ("keyword", "expected"),
    [
        ("zeppelin", ["Zeppelin festival", "Zeppelin tours of the estuary"]),
        ("marmalade", ["Breakfast clubs", "Zeppelin festival"]),
        ("trampoline", ["Play streets"]),
        ("wombleton", ["Library lending"]),
        ("ZEPPELIN", ["Zeppelin festival", "Zeppelin tours of the estuary"]),
        ("kumquat", []),
        ("zeppelin marmalade", ["Zeppelin festival"]),
        ("marmalade zeppelin", ["Zeppelin festival"]),
        ("trampoline wombleton", []),
        ("zeppelin kumquat", []),
    ],
    ids=[
        "title",
        "summary",
        "body-section",
        "council-name",
        "upper-case",
        "no-match",
        "two-words-both-match",
        "two-words-reversed",
        "two-words-in-different-case-studies",
        "two-words-one-unknown",
    ],
)
def test_apply_keyword_hits_are_the_same_on_both_databases(library, keyword, expected):
    assert titles(keyword) == expected


def test_apply_keyword_blank_keyword_keeps_everything(library):
    assert CaseStudy.objects.count() == 5
    assert apply_keyword(CaseStudy.objects.all(), "   ").count() == 5


def test_apply_keyword_punctuation_only_matches_nothing(library):
    assert apply_keyword(CaseStudy.objects.all(), "!!! ???").count() == 0


def test_apply_keyword_punctuation_only_can_still_be_ordered_by_rank(library):
    queryset = apply_keyword(CaseStudy.objects.all(), "!!!", rank=True).order_by("-rank")

    assert list(queryset) == []


def test_apply_keyword_rank_puts_title_match_above_summary_and_body_match():
    make_case_study("Body", impact="A zeppelin flew over.", published_at=datetime(2025, 3, 1, tzinfo=UTC))
    make_case_study("Summary", summary="A zeppelin visited.", published_at=datetime(2025, 2, 1, tzinfo=UTC))
    make_case_study("Zeppelin in the title", published_at=datetime(2024, 1, 1, tzinfo=UTC))

    queryset = apply_keyword(CaseStudy.objects.all(), "zeppelin", rank=True).order_by("-rank")

    assert [case_study.title for case_study in queryset] == ["Zeppelin in the title", "Summary", "Body"]


def test_keyword_words_lowercases_splits_and_keeps_twelve():
    assert keyword_words("Zeppelin, MARMALADE & trampoline-club") == [
        "zeppelin",
        "marmalade",
        "trampoline",
        "club",
    ]
    assert keyword_words(" ".join(f"w{n}" for n in range(20))) == [f"w{n}" for n in range(12)]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite has no search vector")
def test_search_vector_stays_empty_on_sqlite():
    make_case_study("Zeppelin tours")

    assert list(CaseStudy.objects.values_list("search_vector", flat=True)) == [None]


def search_vector_text(case_study: CaseStudy) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM casestudies_casestudy WHERE id = %s", [case_study.pk])
        return cursor.fetchone()[0]


@postgres_only
def test_trigger_fills_search_vector_with_weights_on_insert():
    case_study = make_case_study(
        "Zeppelin",
        council=make_council("Wombleton"),
        summary="Marmalade.",
        challenge="Trampoline.",
        solution="",
        impact="",
        sustainability="",
        lessons="",
        partners="Quokka trust",
    )

    assert search_vector_text(case_study) == (
        "'marmalad':2B 'quokka':5C 'trampolin':4C 'trust':6C 'wombleton':3B 'zeppelin':1A"
    )


@postgres_only
def test_trigger_refreshes_search_vector_on_update():
    case_study = make_case_study("Zeppelin tours")
    case_study.title = "Airship tours"
    case_study.save()

    assert titles("zeppelin") == []
    assert titles("airship") == ["Airship tours"]


@postgres_only
def test_postgres_rank_puts_title_match_above_newer_body_matches():
    make_case_study(
        "Newest", lessons="Zeppelin zeppelin zeppelin.", published_at=datetime(2026, 1, 1, tzinfo=UTC)
    )
    make_case_study("A zeppelin", published_at=datetime(2020, 1, 1, tzinfo=UTC))

    queryset = apply_keyword(CaseStudy.objects.all(), "zeppelin", rank=True).order_by("-rank")

    assert [case_study.title for case_study in queryset] == ["A zeppelin", "Newest"]


@postgres_only
@pytest.mark.parametrize(
    ("keyword", "expected"),
    [
        ("zeppelin -marmalade", ["Zeppelin tours of the estuary"]),
        ("marmalade -zeppelin", ["Breakfast clubs"]),
        ('"marmalade on toast"', ["Breakfast clubs"]),
        ('"toast on marmalade"', []),
        ("trampoline or wombleton", ["Library lending", "Play streets"]),
        ("zeppelins", ["Zeppelin festival", "Zeppelin tours of the estuary"]),
    ],
    ids=["exclude-word", "exclude-other-word", "phrase", "phrase-wrong-order", "or", "stemmed-plural"],
)
def test_postgres_websearch_syntax(library, keyword, expected):
    assert titles(keyword) == expected

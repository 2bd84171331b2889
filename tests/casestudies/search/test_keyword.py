"""Keyword search: the same hits on SQLite (FTS5) and PostgreSQL (full-text search)."""

from datetime import UTC, datetime

import pytest
from django.db import connection, transaction

from casestudies.models import CaseStudy, SearchDocument
from casestudies.search.keyword import apply_keyword, has_words, ranked_matches
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


def ranked_titles(keyword: str) -> list[list[str]]:
    """The matches in groups of equal rank, best first; each group sorted by title."""
    names = dict(CaseStudy.objects.values_list("pk", "title"))
    matches = ranked_matches(keyword)
    groups: dict[float, list[str]] = {}
    for pk, rank in zip(matches.ids.tolist(), matches.ranks.tolist(), strict=True):
        groups.setdefault(rank, []).append(names[pk])
    return [sorted(groups[rank]) for rank in sorted(groups, reverse=True)]


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
        ("zeppelin marmalade", ["Breakfast clubs", "Zeppelin festival", "Zeppelin tours of the estuary"]),
        ("marmalade zeppelin", ["Breakfast clubs", "Zeppelin festival", "Zeppelin tours of the estuary"]),
        ("trampoline wombleton", ["Library lending", "Play streets"]),
        ("zeppelin kumquat", ["Zeppelin festival", "Zeppelin tours of the estuary"]),
    ],
    ids=[
        "title",
        "summary",
        "body-section",
        "council-name",
        "upper-case",
        "no-match",
        "two-words-both-match-first-then-each",
        "two-words-reversed",
        "two-words-in-different-case-studies-each-found-when-none-has-both",
        "a-word-no-case-study-has-is-left-out",
    ],
)
def test_keyword_hits_are_the_same_on_both_databases(library, keyword, expected):
    """The queryset filter (feeds, exports, alerts) and the ranked search (list pages) find the same."""
    assert titles(keyword) == expected
    assert sorted(title for group in ranked_titles(keyword) for title in group) == expected


def test_apply_keyword_blank_keyword_keeps_everything(library):
    assert CaseStudy.objects.count() == 5
    assert apply_keyword(CaseStudy.objects.all(), "   ").count() == 5


def test_apply_keyword_punctuation_only_matches_nothing(library):
    assert apply_keyword(CaseStudy.objects.all(), "!!! ???").count() == 0


def test_apply_keyword_punctuation_only_can_still_be_ordered_by_rank(library):
    queryset = apply_keyword(CaseStudy.objects.all(), "!!!", rank=True).order_by("-rank")

    assert list(queryset) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OR", False),
        ('"', False),
        ('""', False),
        ('" "', False),
        ("-", False),
        ("+ - OR", False),
        ("!!! ???", False),
        ("-food", True),
        ("OR food", True),
        ('"food"', True),
        ("ai", True),
    ],
)
def test_has_words_only_when_something_can_be_searched(text, expected):
    assert has_words(text) is expected


def test_apply_keyword_rank_puts_title_match_above_summary_and_body_match():
    make_case_study("Body", impact="A zeppelin flew over.", published_at=datetime(2025, 3, 1, tzinfo=UTC))
    make_case_study("Summary", summary="A zeppelin visited.", published_at=datetime(2025, 2, 1, tzinfo=UTC))
    make_case_study("Zeppelin in the title", published_at=datetime(2024, 1, 1, tzinfo=UTC))

    queryset = apply_keyword(CaseStudy.objects.all(), "zeppelin", rank=True).order_by("-rank")

    assert [case_study.title for case_study in queryset] == ["Zeppelin in the title", "Summary", "Body"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite has no search table")
def test_postgres_search_table_stays_empty_on_sqlite():
    make_case_study("Zeppelin tours")

    assert SearchDocument.objects.count() == 0


def search_vectors(case_study: CaseStudy) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rank_vector::text, full_vector::text FROM casestudies_searchdocument WHERE case_study_id = %s",
            [case_study.pk],
        )
        return cursor.fetchone()


@postgres_only
def test_trigger_fills_the_search_table_with_weights_on_insert():
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

    assert search_vectors(case_study) == (
        "'marmalad':2B 'wombleton':3B 'zeppelin':1A",
        "'marmalad':2B 'quokka':5C 'trampolin':4C 'trust':6C 'wombleton':3B 'zeppelin':1A",
    )


@postgres_only
def test_search_table_row_goes_with_its_case_study():
    case_study = make_case_study("Zeppelin tours")
    case_study.delete()

    assert SearchDocument.objects.count() == 0


@postgres_only
def test_trigger_refreshes_the_search_table_on_update():
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
def test_websearch_syntax_is_the_same_on_both_databases(library, keyword, expected):
    assert titles(keyword) == expected


# ranked_matches: what the list pages use


@pytest.mark.parametrize("keyword", ["!!!", "   ", ""])
def test_ranked_matches_of_punctuation_or_nothing_are_empty(library, keyword):
    matches = ranked_matches(keyword)

    assert (len(matches.ids), len(matches.ranks)) == (0, 0)


def test_ranked_matches_put_title_and_summary_hits_before_body_hits(library):
    groups = ranked_titles("marmalade")

    assert groups[0] == ["Breakfast clubs"]  # in the summary; the festival has it only in its solution
    assert groups[-1] == ["Zeppelin festival"]


def test_ranked_matches_of_unpublished_case_studies_never_reach_the_list():
    """PostgreSQL's search table holds every status and the catalogue index keeps the published ones; SQLite's FTS5
    table holds only published case studies. Either way a draft is not a result."""
    make_case_study("Zeppelin draft", status=CaseStudy.Status.DRAFT, published_at=None)
    make_case_study("Zeppelin published")

    expected = (
        [["Zeppelin draft", "Zeppelin published"]]
        if connection.vendor == "postgresql"
        else [["Zeppelin published"]]
    )
    assert ranked_titles("zeppelin") == expected


@postgres_only
def test_postings_function_pins_its_plans_to_the_gin_indexes(library):
    """migrations/0013: the function sets the planner so that its searches read the GIN indexes, never the whole
    search table (a sequential scan detoasts every full vector); the same statement under those settings shows it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT proconfig FROM pg_proc WHERE proname = 'casestudies_postings'")
        (settings,) = cursor.fetchone()
    assert sorted(settings) == ["enable_indexscan=off", "enable_seqscan=off"]
    for vector, index in (
        ("full_vector", "searchdocument_full_gin"),
        ("rank_vector", "searchdocument_rank_gin"),
    ):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
            cursor.execute(
                f"EXPLAIN SELECT case_study_id FROM casestudies_searchdocument doc "
                f"WHERE doc.{vector} @@ phraseto_tsquery('english', %s)",
                ["council"],
            )
            explained = "\n".join(row[0] for row in cursor.fetchall())
        assert f"Bitmap Index Scan on {index}" in explained
        assert "Seq Scan" not in explained


def test_the_case_studies_with_all_the_words_come_first(library):
    assert ranked_titles("zeppelin marmalade")[0] == ["Zeppelin festival"]

"""The search tables triggers keep in step: SQLite's FTS5 tables and PostgreSQL's vocabulary (migration 0009)."""

import pytest
from django.db import connection

from casestudies.models import CaseStudy, SearchWord
from casestudies.search.keyword import plan, ranked_matches
from tests.factories import make_case_study, make_council, make_topic

pytestmark = pytest.mark.django_db
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 tables")
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's vocabulary table")


def found(keyword: str) -> list[str]:
    names = dict(CaseStudy.objects.values_list("pk", "title"))
    published = set(CaseStudy.objects.published().values_list("pk", flat=True))
    return sorted(names[pk] for pk in ranked_matches(keyword).ids.tolist() if pk in published)


def fts_is_consistent() -> bool:
    """FTS5's own check of the index against the published case studies (raises when they differ)."""
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO casestudies_fts(casestudies_fts, rank) VALUES ('integrity-check', 1)")
        cursor.execute(
            "INSERT INTO casestudies_fts_words(casestudies_fts_words, rank) VALUES ('integrity-check', 1)"
        )
    return True


def test_search_follows_publishing_editing_withdrawing_and_deleting():
    case_study = make_case_study("Zeppelin tours", status=CaseStudy.Status.SUBMITTED, published_at=None)
    assert found("zeppelin") == []

    case_study.status = CaseStudy.Status.PUBLISHED
    case_study.published_at = case_study.created_at
    case_study.save()
    assert found("zeppelin") == ["Zeppelin tours"]

    case_study.title = "Airship tours"
    case_study.save()
    assert (found("zeppelin"), found("airship")) == ([], ["Airship tours"])

    case_study.status = CaseStudy.Status.ARCHIVED
    case_study.save()
    assert found("airship") == []

    case_study.status = CaseStudy.Status.PUBLISHED
    case_study.save()
    case_study.delete()
    assert found("airship") == []
    if connection.vendor == "sqlite":
        assert fts_is_consistent()


def test_council_rename_is_searchable_at_once():
    council = make_council("Wombleton")
    make_case_study("Library lending", council=council)

    council.name = "Quokkaton"
    council.save()

    assert (found("wombleton"), found("quokkaton")) == ([], ["Library lending"])
    if connection.vendor == "sqlite":
        assert fts_is_consistent()


@sqlite_only
def test_fts5_vocabulary_counts_published_documents_with_words_as_written():
    make_case_study("Recycling bins", summary="Recycling and more recycling.")
    make_case_study("Recycled paper", summary="Recycling again.")
    make_case_study("Draft recycling", status=CaseStudy.Status.DRAFT, published_at=None)

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT term, doc FROM casestudies_fts_vocab WHERE term IN ('recycling', 'recycled', 'recycl')"
        )
        assert sorted(cursor.fetchall()) == [("recycled", 1), ("recycling", 2)]


@postgres_only
def test_postgres_vocabulary_counts_published_documents_and_names():
    make_topic("Waste and recycling", slug="waste-recycling")
    make_council("Recyclington")
    first = make_case_study("Recycling bins", summary="Recycling and more recycling.")
    make_case_study("Recycled paper", summary="Recycling again.")
    make_case_study("Draft recycling", status=CaseStudy.Status.DRAFT, published_at=None)

    def counts(*words):
        return {w.word: (w.documents, w.names, w.stem) for w in SearchWord.objects.filter(word__in=words)}

    assert counts("recycling", "recycled", "recyclington") == {
        "recycling": (2, 1, "recycl"),
        "recycled": (1, 0, "recycl"),
        "recyclington": (0, 1, "recyclington"),
    }
    first.summary = "Bins."
    first.title = "Bins"
    first.save()
    assert counts("recycling", "bins")["recycling"][:2] == (1, 1)
    first.status = CaseStudy.Status.ARCHIVED
    first.save()
    assert counts("bins") == {"bins": (0, 0, "bin")}


def test_drafts_never_feed_the_spelling_vocabulary():
    make_case_study("Zeppelinhangar plans", status=CaseStudy.Status.DRAFT, published_at=None)
    make_case_study("Tours")

    assert plan("zeppelinhanger").suggestion is None


@postgres_only
def test_postgres_frequencies_looked_up_once_per_catalogue_version(django_assert_num_queries):
    from casestudies.search import postgres

    make_case_study("Allotment waiting lists")
    with django_assert_num_queries(1):
        first = postgres.frequencies("default", ["allotment"], version=101)
    make_case_study("Allotment rents")
    with django_assert_num_queries(0):
        same_version = postgres.frequencies("default", ["allotment"], version=101)
    with django_assert_num_queries(1):
        next_version = postgres.frequencies("default", ["allotment"], version=102)

    assert first["allotment"][0] == same_version["allotment"][0] == 1
    assert next_version["allotment"][0] == 2

"""Counting keyword searches: per query per day in memory, written in one upsert, nothing personal, never in the
way of a search."""

import logging
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casestudies.catalogue import searchlog
from casestudies.catalogue.searchlog import Entry
from casestudies.models import SearchCount, SynonymGroup
from tests.factories import make_case_study, make_council, make_topic
from tests.pages import page

pytestmark = pytest.mark.django_db
TABLE = SearchCount._meta.db_table


@pytest.fixture
def library():
    housing = make_topic("Housing", slug="housing", order=1)
    parks = make_topic("Parks", slug="parks", order=2)
    wigan = make_council("Wigan", code="WGN", region="North West")
    make_case_study("Zeppelin mooring tower", council=wigan, topics=[housing])
    make_case_study("Zeppelin hangar homes", council=make_council("Leeds", code="LDS"), topics=[parks])
    return {"housing": housing, "wigan": wigan}


def rows() -> list[tuple]:
    return sorted(
        SearchCount.objects.values_list(
            "query", "language", "filtered", "results", "corrected", "synonym", "searches"
        )
    )


def test_list_searches_aggregate_per_query_and_kind(client, library):
    client.get("/case-studies/?q=Zeppelin")
    client.get("/case-studies/?q=zeppelin++")
    client.get("/case-studies/?q=zeppelin&topic=housing")
    client.get("/case-studies/?q=zeppelin&sort=title")

    assert searchlog.recorder.pending == 4
    assert searchlog.flush() == 2
    assert rows() == [
        ("zeppelin", "en", False, 2, False, False, 3),
        ("zeppelin", "en", True, 1, False, False, 1),
    ]
    assert SearchCount.objects.get(filtered=True).day == timezone.localdate()


def test_counts_add_to_the_rows_already_written(client, library):
    client.get("/case-studies/?q=zeppelin")
    searchlog.flush()
    client.get("/case-studies/?q=zeppelin")
    client.get("/case-studies/?q=zeppelin")
    searchlog.flush()

    assert rows() == [("zeppelin", "en", False, 2, False, False, 3)]


def test_flush_is_one_insert_statement(client, library):
    for keyword in ["zeppelin", "hangar", "tower", "nothing-here"]:
        client.get(f"/case-studies/?q={keyword}")

    with CaptureQueriesContext(connection) as queries:
        written = searchlog.flush()

    inserts = [query["sql"] for query in queries if "INSERT" in query["sql"]]
    assert written == 4
    assert len(inserts) == 1
    assert SearchCount.objects.count() == 4


def test_search_that_finds_nothing_is_counted_with_no_results(client, library):
    client.get("/case-studies/?q=quokka")
    searchlog.flush()

    assert rows() == [("quokka", "en", False, 0, False, False, 1)]


def test_topic_council_map_and_insights_searches_are_counted_as_filtered_or_not(client, library):
    client.get("/case-studies/topics/housing/?q=zeppelin")
    client.get("/councils/WGN/?q=zeppelin")
    client.get("/case-studies/map/?q=zeppelin")
    client.get("/insights/?q=zeppelin")
    searchlog.flush()

    assert rows() == [
        ("zeppelin", "en", False, 2, False, False, 2),
        ("zeppelin", "en", True, 1, False, False, 2),
    ]


def test_pages_without_a_keyword_and_suggestions_are_not_counted(client, library):
    client.get("/case-studies/")
    client.get("/case-studies/?topic=housing")
    client.get("/case-studies/?q=+++")
    client.get("/case-studies/suggest/?q=zepp")
    client.get("/case-studies/count.json?q=zeppelin")

    assert searchlog.recorder.pending == 0


def test_synonym_applied_is_counted(client, library):
    SynonymGroup.objects.create(terms="zeppelin\nairship")
    client.get("/case-studies/?q=airship")
    searchlog.flush()

    assert rows() == [("airship", "en", False, 2, False, True, 1)]


def test_correction_searched_is_counted(client, library):
    client.get("/case-studies/?q=zepelin")
    searchlog.flush()

    assert rows() == [("zepelin", "en", False, 2, True, False, 1)]


def test_page_served_from_the_cache_is_counted(client, library, page_cache):
    first = client.get("/case-studies/?q=zeppelin")
    second = client.get("/case-studies/?q=zeppelin")
    searchlog.flush()

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert rows() == [("zeppelin", "en", False, 2, False, False, 2)]


PERSONAL = "call 07700 900123 or jo.bloggs@example.com at SW1A 1AA ref 98765432"


def test_personal_details_never_reach_the_database(client, library):
    client.get("/case-studies/", {"q": PERSONAL})

    with CaptureQueriesContext(connection) as queries:
        searchlog.flush()

    sent = " ".join(query["sql"] for query in queries)
    for secret in ["07700", "900123", "jo.bloggs", "example.com", "SW1A", "sw1a", "98765432"]:
        assert secret not in sent
    assert rows() == [("call [phone] or [email] at [postcode] ref [number]", "en", False, 0, False, False, 1)]


def test_flush_after_enough_searches_happens_when_the_response_is_done(client, library, settings):
    settings.SEARCH_LOG_FLUSH_EVERY = 2
    client.get("/case-studies/?q=zeppelin")
    assert SearchCount.objects.count() == 0

    client.get("/case-studies/?q=zeppelin")

    assert rows() == [("zeppelin", "en", False, 2, False, False, 2)]
    assert searchlog.recorder.pending == 0


def test_flush_after_enough_time(client, library, settings, monkeypatch):
    settings.SEARCH_LOG_FLUSH_SECONDS = 60
    client.get("/case-studies/?q=zeppelin")
    assert SearchCount.objects.count() == 0
    later = searchlog.time.monotonic() + 61
    monkeypatch.setattr(searchlog.time, "monotonic", lambda: later)

    client.get("/case-studies/?q=zeppelin")

    assert rows() == [("zeppelin", "en", False, 2, False, False, 2)]


def test_disabled_search_log_counts_nothing(client, library, settings):
    settings.SEARCH_LOG_ENABLED = False
    client.get("/case-studies/?q=zeppelin")

    assert searchlog.recorder.pending == 0


def test_missing_table_is_logged_and_the_page_is_unaffected(client, library, settings, caplog):
    expected = page(client.get("/case-studies/?q=zeppelin")).find("main").text
    searchlog.discard()
    settings.SEARCH_LOG_FLUSH_EVERY = 1
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABLE} RENAME TO casestudies_searchcount_away")
    try:
        with caplog.at_level(logging.ERROR, logger="casestudies.catalogue.searchlog"):
            response = client.get("/case-studies/?q=zeppelin")
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE casestudies_searchcount_away RENAME TO {TABLE}")

    assert response.status_code == 200
    assert page(response).find("main").text == expected
    assert [record.getMessage() for record in caplog.records] == [
        "Search counts not recorded (1 rows dropped)"
    ]
    assert searchlog.recorder.pending == 0
    assert SearchCount.objects.count() == 0


def test_locked_table_is_logged_and_ignored(library, caplog, is_postgres):
    """Another connection holds the table locked: the write gives up (PostgreSQL: after its lock timeout;
    SQLite: the shared in-memory test database reports the table locked) and the batch is dropped."""
    other = connections.create_connection("default")
    with other.cursor() as cursor:
        cursor.execute("BEGIN")
        if is_postgres:
            cursor.execute(f"LOCK TABLE {TABLE} IN ACCESS EXCLUSIVE MODE")
        else:
            cursor.execute(f"SELECT count(*) FROM {TABLE}")  # a reader holds the shared cache's table lock
            cursor.fetchall()
        searchlog.record(Entry("zeppelin", "en", False, 2, False, False))
        try:
            with caplog.at_level(logging.ERROR, logger="casestudies.catalogue.searchlog"):
                written = searchlog.flush()
        finally:
            cursor.execute("ROLLBACK")
    other.close()

    assert written == 0
    assert [record.getMessage() for record in caplog.records] == [
        "Search counts not recorded (1 rows dropped)"
    ]
    assert searchlog.recorder.pending == 0


@pytest.mark.parametrize(
    ("today", "cutoff"),
    [
        (date(2026, 12, 6), date(2025, 11, 6)),
        (date(2026, 1, 31), date(2024, 12, 31)),
        (date(2026, 3, 31), date(2025, 2, 28)),
        (date(2025, 1, 15), date(2023, 12, 15)),
    ],
)
def test_retention_cutoff_is_thirteen_months(today, cutoff):
    assert searchlog.retention_cutoff(today) == cutoff


def test_purge_command_deletes_rows_older_than_thirteen_months(monkeypatch):
    monkeypatch.setattr(searchlog.timezone, "localdate", lambda: date(2026, 12, 6))
    for day in [date(2025, 11, 4), date(2025, 11, 5), date(2025, 11, 6), date(2026, 12, 6)]:
        SearchCount.objects.create(day=day, query="housing", results=3, searches=2)

    from io import StringIO

    out = StringIO()
    call_command("purge_search_log", stdout=out)

    assert sorted(SearchCount.objects.values_list("day", flat=True)) == [date(2025, 11, 6), date(2026, 12, 6)]
    assert out.getvalue() == "Removed 2 search counts of days before 06 November 2025.\n"

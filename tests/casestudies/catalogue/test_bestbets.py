"""Best bets: the case studies editors pin for a query show first on its results, whatever the sort, and only while
they are public."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casestudies.models import BestBet, BestBetPick, CaseStudy, SynonymGroup
from tests.casestudies.discovery_helpers import count_queries, search_queries
from tests.factories import make_case_study, make_council, make_topic
from tests.pages import card_titles, page

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    housing = make_topic("Housing", slug="housing", order=1)
    parks = make_topic("Parks", slug="parks", order=2)
    wigan = make_council("Wigan", code="WGN")
    studies = {
        "tower": make_case_study("Zeppelin mooring tower", council=wigan, topics=[housing]),
        "hangar": make_case_study(
            "Zeppelin hangar homes", council=make_council("Leeds", code="LDS"), topics=[parks]
        ),
        "warm": make_case_study("Warm homes grants", council=wigan, topics=[housing]),
        "trees": make_case_study("Street trees", council=wigan, topics=[parks]),
    }
    return studies


def pin(query: str, *studies: CaseStudy, include_synonyms: bool = False) -> BestBet:
    bet = BestBet(query=query, include_synonyms=include_synonyms)
    bet.clean()
    bet.save()
    for order, study in enumerate(studies):
        BestBetPick.objects.create(best_bet=bet, case_study=study, order=order)
    return bet


def recommended(response) -> list[str]:
    section = page(response).find_all("section", class_="best-bets")
    if not section:
        return []
    assert section[0].find("p", class_="best-bets__label").text == "Recommended by our editors"
    return [h.text for h in section[0].find_all("h2", class_="card__title")]


def test_best_bets_show_first_in_their_order(client, library):
    pin("Zeppelin", library["trees"], library["warm"])

    response = client.get("/case-studies/?q=zeppelin")

    assert recommended(response) == ["Street trees", "Warm homes grants"]
    assert card_titles(page(response))[:2] == ["Street trees", "Warm homes grants"]


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest", "title"])
def test_best_bets_show_first_whatever_the_sort(client, library, sort):
    pin("zeppelin", library["trees"])

    response = client.get(f"/case-studies/?q=zeppelin&sort={sort}")

    assert card_titles(page(response))[0] == "Street trees"


def test_best_bet_matches_capitals_spaces_and_plurals(client, library):
    pin("zeppelin hangar", library["trees"])

    assert recommended(client.get("/case-studies/?q=Zeppelin++Hangars")) == ["Street trees"]


def test_best_bets_for_another_query_are_not_shown(client, library):
    pin("zeppelin hangar", library["trees"])

    assert recommended(client.get("/case-studies/?q=zeppelin")) == []


def test_best_bet_shows_for_a_search_that_finds_nothing(client, library):
    pin("airship", library["tower"])

    response = client.get("/case-studies/?q=airship")

    assert recommended(response) == ["Zeppelin mooring tower"]
    assert (
        page(response).find("div", class_="empty").find("h2").text
        == "No other case studies match your search"
    )


def test_best_bet_disappears_when_unpublished(client, library):
    pin("zeppelin", library["trees"], library["warm"])
    assert recommended(client.get("/case-studies/?q=zeppelin")) == ["Street trees", "Warm homes grants"]

    CaseStudy.objects.filter(pk=library["trees"].pk).update(status=CaseStudy.Status.ARCHIVED)

    assert recommended(client.get("/case-studies/?q=zeppelin")) == ["Warm homes grants"]


def test_best_bet_change_shows_at_once_with_the_page_cache(client, library, page_cache):
    bet = pin("zeppelin", library["trees"])
    assert recommended(client.get("/case-studies/?q=zeppelin")) == ["Street trees"]

    bet.picks.update(case_study=library["warm"])

    response = client.get("/case-studies/?q=zeppelin")
    assert response["X-Page-Cache"] == "miss"
    assert recommended(response) == ["Warm homes grants"]


def test_best_bet_for_synonyms_only_when_asked(client, library):
    SynonymGroup.objects.create(terms="zeppelin\nairship")
    pin("zeppelin", library["trees"])
    assert recommended(client.get("/case-studies/?q=airship")) == []

    BestBet.objects.update(include_synonyms=True)

    assert recommended(client.get("/case-studies/?q=airship")) == ["Street trees"]
    assert recommended(client.get("/case-studies/?q=airship+homes")) == []


def test_best_bets_stay_within_the_page_and_its_filters(client, library):
    pin("zeppelin", library["trees"], library["warm"])

    assert recommended(client.get("/case-studies/topics/housing/?q=zeppelin")) == ["Warm homes grants"]
    assert recommended(client.get("/case-studies/?q=zeppelin&topic=parks")) == ["Street trees"]
    assert recommended(client.get("/councils/LDS/?q=zeppelin")) == []


def test_best_bets_only_on_the_first_page(client, library, settings):
    settings.CASE_STUDIES_PER_PAGE = 1
    pin("zeppelin", library["trees"])

    assert recommended(client.get("/case-studies/?q=zeppelin&page=2")) == []


def test_best_bets_add_no_query_once_held(client, library):
    """The keyword page's queries are those of any keyword search: the best bets and their cards are held per
    version, so they cost nothing until a case study, a best bet or a synonym group changes."""
    pin("zeppelin", library["trees"])

    assert count_queries(client, "/case-studies/?q=zeppelin") == 3 + search_queries(2)


def test_best_bets_cost_two_queries_once_per_version(client, library):
    client.get("/case-studies/?q=zeppelin")
    with CaptureQueriesContext(connection) as before:
        client.get("/case-studies/?q=zeppelin")
    pin("zeppelin", library["trees"])
    client.get(
        "/case-studies/?q=zeppelin"
    )  # the catalogue index is rebuilt for the new version (not counted)
    from casestudies.catalogue import bestbets

    bestbets.forget()
    with CaptureQueriesContext(connection) as after:
        client.get("/case-studies/?q=zeppelin")

    assert len(after) - len(before) == 2


def test_scheduled_best_bet_shows_once_its_time_has_come(client, library, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    soon = timezone.now() + timedelta(hours=1)
    CaseStudy.objects.filter(pk=library["trees"].pk).update(published_at=soon)
    pin("zeppelin", library["trees"], library["warm"])
    assert recommended(client.get("/case-studies/?q=zeppelin")) == ["Warm homes grants"]

    later = soon + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)

    assert recommended(client.get("/case-studies/?q=zeppelin")) == ["Street trees", "Warm homes grants"]

"""The results of a keyword: ranked once per catalogue index when they are many, ranked again after a change."""

from datetime import UTC, datetime

import pytest

from casestudies.catalogue import index, results
from tests.factories import make_case_study

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(monkeypatch):
    """Searches remembered from one result on; counts how often a keyword is ranked."""
    calls = []
    original = results.ranked_matches

    def ranked_matches(plan, **kwargs):
        calls.append(plan.text)
        return original(plan, **kwargs)

    monkeypatch.setattr(index, "REMEMBER_FROM", 1)
    monkeypatch.setattr(results, "ranked_matches", ranked_matches)
    return calls


def test_keyword_with_many_results_is_ranked_once_per_index(counted, client):
    make_case_study("Allotment waiting lists", published_at=datetime(2024, 1, 1, tzinfo=UTC))
    make_case_study("Allotment rents", published_at=datetime(2024, 2, 1, tzinfo=UTC))

    first = client.get("/case-studies/", {"q": "allotment"})
    second = client.get("/case-studies/", {"q": "allotment", "page": "1", "sort": ""})

    assert counted == ["allotment"]
    assert first.context["page_obj"].paginator.count == second.context["page_obj"].paginator.count == 2


def test_keyword_is_ranked_again_when_the_catalogue_changes(counted, client):
    make_case_study("Allotment waiting lists", published_at=datetime(2024, 1, 1, tzinfo=UTC))
    client.get("/case-studies/", {"q": "allotment"})
    make_case_study("Allotment rents", published_at=datetime(2024, 2, 1, tzinfo=UTC))

    after = client.get("/case-studies/", {"q": "allotment"})

    assert counted == ["allotment", "allotment"]
    assert after.context["page_obj"].paginator.count == 2


def test_keyword_with_few_results_is_not_remembered(monkeypatch, client):
    monkeypatch.setattr(index, "REMEMBER_FROM", 5000)
    make_case_study("Allotment waiting lists", published_at=datetime(2024, 1, 1, tzinfo=UTC))

    client.get("/case-studies/", {"q": "allotment"})

    assert len(index.current().searches) == 0


def test_remembered_searches_are_bounded(monkeypatch):
    monkeypatch.setattr(index, "REMEMBER_FROM", 0)
    catalogue = index.current()
    for n in range(index.REMEMBERED + 3):
        catalogue.remembered(f"q{n}", lambda: index.RankedSearch(positions=[], related=()))

    assert list(catalogue.searches) == [f"q{n}" for n in range(3, index.REMEMBERED + 3)]

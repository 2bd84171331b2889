"""``/case-studies/count.json``: the count behind the filters' "Show N results" button (casestudies/public/count.py)."""

import json

import pytest

from tests.casestudies.discovery_helpers import count_queries
from tests.factories import make_case_study, make_council, make_support_type, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    housing = make_topic("Housing", slug="housing", order=1)
    health = make_topic("Health", slug="health", order=2)
    grant = make_support_type("Grant", slug="grant")
    wigan = make_council("Wigan", code="WGN", region="North West")
    leeds = make_council("Leeds", code="LDS", region="Yorkshire and The Humber")
    make_case_study("Warm homes", council=wigan, topics=[housing], support_types=[grant])
    make_case_study("Repairs", council=leeds, topics=[housing])
    make_case_study("Health checks", council=wigan, topics=[health], support_types=[grant])
    make_case_study("Draft", council=leeds, topics=[housing], status="submitted")


def counted(client, url: str) -> tuple[int, dict | None]:
    response = client.get(url)
    body = json.loads(response.content) if response["Content-Type"] == "application/json" else None
    return response.status_code, body


def test_count_without_filters_is_every_published_case_study(client, catalogue):
    assert counted(client, "/case-studies/count.json") == (200, {"count": 3})


def test_count_applies_every_filter_of_the_list(client, catalogue):
    assert counted(client, "/case-studies/count.json?topic=housing") == (200, {"count": 2})
    assert counted(client, "/case-studies/count.json?topic=housing&support_type=grant") == (200, {"count": 1})
    assert counted(client, "/case-studies/count.json?topic=housing&topic=health") == (200, {"count": 3})
    assert counted(client, "/case-studies/count.json?region=north-west") == (200, {"count": 2})


def test_count_in_a_topic_or_council_keeps_that_page_s_scope(client, catalogue):
    assert counted(client, "/case-studies/count.json?in_topic=health") == (200, {"count": 1})
    assert counted(client, "/case-studies/count.json?in_council=WGN&topic=housing") == (200, {"count": 1})


def test_count_for_an_unknown_topic_or_council_is_not_found(client, catalogue):
    assert counted(client, "/case-studies/count.json?in_topic=nope")[0] == 404
    assert counted(client, "/case-studies/count.json?in_council=XYZ")[0] == 404
    assert counted(client, "/case-studies/count.json?in_topic=a%00b")[0] == 404


@pytest.mark.parametrize(
    "query",
    [
        "topic=nope",
        "year_from=abc&year_to=20000",
        "page=-1",
        "sort=%00",
        "q=" + "x" * 500,
        "topic=%00&region=%ff",
    ],
)
def test_count_survives_any_query_string(client, catalogue, query):
    status, body = counted(client, f"/case-studies/count.json?{query}")
    assert status == 200
    assert set(body) == {"count"} and body["count"] in (0, 3)


def test_count_is_one_query_once_the_index_is_built(client, catalogue):
    assert count_queries(client, "/case-studies/count.json?topic=housing&support_type=grant") == 1

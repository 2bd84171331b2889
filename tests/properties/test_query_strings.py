"""Property-based tests: whatever the query string, public pages answer 200, 301/302, 400 or 404, never 5xx."""

import re
import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_case_study, make_council, make_support_type, make_topic

pytestmark = pytest.mark.django_db
ALLOWED = {200, 301, 302, 400, 404}
KEYS = [
    "q",
    "topic",
    "support_type",
    "region",
    "council_type",
    "council",
    "year_from",
    "year_to",
    "sort",
    "page",
    "order",
    "evidence",
    "cost",
    "stage",
    "has",
]
NASTY = [
    "'",
    '"',
    "&",
    "|",
    "!",
    ":*",
    "(",
    ")",
    "\\",
    "%",
    "_",
    "\x00",
    "' OR 1=1 --",
    '"; DROP TABLE casestudies_casestudy; --',
    "a & (b | !c:*)",
    "<script>alert(1)</script>",
    "-1",
    "0",
    "1e9",
    "99999999999999999999999",
    "NaN",
    "\u202e",
    "Môn",
    "🚲",
]
values = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.text(alphabet="abc'\"&|!:*()-\x00 ", min_size=1, max_size=12),
    st.just("x" * 5000),
)
keys = st.one_of(st.sampled_from(KEYS), st.text(min_size=1, max_size=12))
pairs = st.lists(st.tuples(keys, values), max_size=8)
PATHS = [
    "/case-studies/",
    "/case-studies/topics/digital/",
    "/councils/WGN/",
    "/case-studies/feed/",
    "/case-studies/map/",
    "/insights/",
]
EXAMPLES = 60


@pytest.fixture
def catalogue(db):
    digital = make_topic("Digital", slug="digital")
    support = make_support_type("Peer challenge", slug="peer-challenge")
    wigan = make_council(
        "Wigan", code="WGN", authority_type="Metropolitan district", latitude=53.54, longitude=-2.59
    )
    make_council(
        "Bolton", code="BOL", authority_type="Metropolitan district", latitude=53.58, longitude=-2.48
    )
    for n in range(3):
        make_case_study(f"Case study {n}", council=wigan, topics=[digital], support_types=[support])


def encode(items: list[tuple[str, str]]) -> str:
    return "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in items)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=pairs, path=st.sampled_from(PATHS))
def test_public_pages_never_fail_on_any_query_string(client, catalogue, items, path):
    response = client.get(f"{path}?{encode(items)}")

    assert response.status_code in ALLOWED


@settings(
    max_examples=EXAMPLES // 2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(items=pairs, extension=st.sampled_from(["csv", "json"]))
def test_exports_never_fail_on_any_query_string(client, catalogue, items, extension):
    response = client.get(f"/case-studies/export.{extension}?{encode(items)}")

    assert response.status_code in ALLOWED
    if response.status_code == 200:
        b"".join(response.streaming_content)


@settings(
    max_examples=EXAMPLES // 2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.text(alphabet="%&=;+?#abcQ0\x00/", max_size=60), path=st.sampled_from(PATHS))
def test_pages_survive_broken_percent_encoding(client, catalogue, raw, path):
    response = client.get(f"{path}?{raw}")

    assert response.status_code in ALLOWED


@settings(
    max_examples=EXAMPLES // 2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(items=pairs, path=st.sampled_from(["/case-studies/map/", "/insights/"]))
def test_map_and_insights_draw_valid_svg_on_any_query_string(client, catalogue, items, path):
    """Whatever the query string (the keyword and labels end up in titles, names and links), each chart still
    parses as XML."""
    response = client.get(f"{path}?{encode(items)}")

    assert response.status_code == 200
    for chunk in re.findall(rb"<svg\b.*?</svg>", response.content, flags=re.S):
        ET.fromstring(chunk)

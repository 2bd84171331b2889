"""Property-based tests of hostile keywords on the search's new paths (parser, FTS5 or tsquery compiler, spelling,
synonyms, excerpts, suggestions): never an exception, never a 500, on whichever database the suite runs on.

FTS5 raises on stray syntax (``"``, ``NEAR(``, ``*``, ``^``, ``col:``) and PostgreSQL on a malformed tsquery, so
any text reaching either unparsed would fail here.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casestudies.catalogue.context import SearchContext
from casestudies.models import CaseStudy, SynonymGroup
from casestudies.search.keyword import apply_keyword, excerpts, plan, ranked_matches
from tests.factories import make_case_study, make_council, make_topic

pytestmark = pytest.mark.django_db
OPERATORS = [
    '"',
    '""',
    "NEAR(",
    "NEAR(a b, 2)",
    "*",
    "a*",
    "^",
    "^title",
    "title:",
    "title:recycling",
    "{title summary}:x",
    "-",
    "--",
    '-"',
    "OR",
    "AND",
    "NOT",
    "or or or",
    "(",
    ")",
    "&",
    "|",
    "!",
    ":*",
    "<->",
    "\\",
    "'",
    "\x00",
    "\u202e",
    "Môn",
    "🚲",
    "e-bike",
    "AI",
    "recyling",
    "immunization",
]
words = st.one_of(
    st.sampled_from(OPERATORS),
    st.text(max_size=12),
    st.text(alphabet="\"'-*^:()NEARORT ab", min_size=1, max_size=10),
)
keywords = st.one_of(
    st.lists(words, max_size=12).map(" ".join),
    st.text(alphabet="!?.,;:\"'()*^-+&|~", min_size=1, max_size=40),
    st.just(" ".join(f"word{n}" for n in range(1000))),
    st.just('"' * 101),
)
EXAMPLES = 80


@pytest.fixture
def catalogue(db):
    SynonymGroup.objects.create(terms="AI\nartificial intelligence")
    SynonymGroup.objects.create(terms="e-bike\nelectric bike")
    topic = make_topic("Environment and waste", slug="environment-and-waste")
    council = make_council("Ynys Môn", code="AGY")
    make_case_study(
        "Recycling with AI", council=council, topics=[topic], summary='Bins, "tags" & NEAR(misses).'
    )
    make_case_study("Electric bikes", topics=[topic], summary="title: e-bikes * ^ OR deliveries")


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keyword=keywords)
def test_search_functions_never_raise_on_any_keyword(catalogue, keyword):
    planned = plan(keyword)
    matches = ranked_matches(planned)
    case_studies = list(CaseStudy.objects.filter(pk__in=matches.ids.tolist()))

    assert len(matches.ids) == len(matches.ranks) <= 2
    # A blank keyword is no filter at all; anything else filters exactly as the ranked search matches.
    expected = CaseStudy.objects.count() if not planned.text else len(case_studies)
    assert apply_keyword(CaseStudy.objects.published(), planned, rank=True).count() == expected
    for excerpt in excerpts(case_studies, planned).values():
        assert "<script" not in excerpt.html
    if planned.suggestion is not None:
        ranked_matches(plan(planned.suggestion, check_spelling=False))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keyword=keywords, as_typed=st.booleans())
def test_list_page_never_fails_on_any_keyword(client, catalogue, keyword, as_typed):
    params = {"q": keyword[:200], **({"as_typed": "1"} if as_typed else {})}
    response = client.get("/case-studies/", params)

    assert response.status_code in (200, 400)
    if response.status_code == 200:
        search = SearchContext.from_query(response.request["QUERY_STRING"])
        assert response.context["page_obj"].paginator.count == search.filterset.results().count()


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keyword=keywords)
def test_suggest_feed_and_export_never_fail_on_any_keyword(client, catalogue, keyword):
    suggest = client.get("/case-studies/suggest/", {"q": keyword})
    feed = client.get("/case-studies/feed/", {"q": keyword[:200]})
    export = client.get("/case-studies/export.csv", {"q": keyword[:200]})

    assert suggest.status_code == 200
    assert isinstance(suggest.json()["suggestions"], list)
    assert feed.status_code in (200, 400)
    assert export.status_code in (200, 400)
    if export.status_code == 200:
        b"".join(export.streaming_content)

"""Evidence levels by topic and reported savings by topic and year (catalogue.impact): exact figures on a small
library, brute-force ORM counts and sums over seeded random libraries and filters, and how often they are read."""

import random
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casestudies.catalogue import impact, index, insights
from casestudies.catalogue.context import SearchContext
from casestudies.models import CaseStudy
from tests.factories import make_case_study, make_council, make_support_type, make_topic

pytestmark = pytest.mark.django_db

NOT_STATED = 0


def at(year: int) -> datetime:
    return datetime(year, 6, 1, 12, tzinfo=UTC)


@pytest.fixture
def small_library():
    """Four published case studies, one draft and one scheduled."""
    housing = make_topic("Housing", slug="housing", order=1)
    digital = make_topic("Digital", slug="digital", order=2)
    wigan = make_council("Wigan", code="WGN", region="North West")
    cardiff = make_council("Cardiff", code="CRF", region="Wales")
    make_case_study(
        council=wigan,
        topics=[housing],
        published_at=at(2021),
        evidence_level_claimed=2,
        evidence_level_confirmed=4,  # an editor's level wins
        savings_per_year=250_000,
    )
    make_case_study(
        council=wigan,
        topics=[housing, digital],  # counts in both topics
        published_at=at(2023),
        evidence_level_claimed=1,
        savings_per_year=1_000_000,
    )
    make_case_study(council=cardiff, topics=[digital], published_at=at(2023), savings_per_year=0)
    make_case_study(council=cardiff, topics=[digital], published_at=at(2023), evidence_level_confirmed=5)
    make_case_study(
        council=cardiff, topics=[housing], status="draft", evidence_level_claimed=3, savings_per_year=7
    )
    make_case_study(
        council=cardiff,
        topics=[housing],
        published_at=timezone.now() + timedelta(days=3),
        evidence_level_claimed=3,
        savings_per_year=9,
    )


def evidence_table(found: insights.Insights) -> dict[str, list[int]]:
    table = {row.topic.value: [cell.count for cell in row.cells] for row in found.evidence.rows}
    table["all"] = [level.count for level in found.evidence.levels]
    return table


def test_evidence_by_topic_counts_the_confirmed_level_else_the_claimed_one(small_library):
    found = insights.build(SearchContext.from_query(""))

    #                   levels 1  2  3  4  5  not stated
    assert evidence_table(found) == {
        "housing": [1, 0, 0, 1, 0, 0],
        "digital": [1, 0, 0, 0, 1, 1],
        "all": [1, 0, 0, 1, 1, 1],
    }
    assert [level.label for level in found.evidence.levels] == [
        "Level 1",
        "Level 2",
        "Level 3",
        "Level 4",
        "Level 5",
        "Not stated",
    ]
    assert [(row.topic.label, row.topic.count, row.topic.url) for row in found.evidence.rows] == [
        ("Housing", 2, "/case-studies/?topic=housing"),
        ("Digital", 3, "/case-studies/?topic=digital"),
    ]
    assert all(cell.url == "" for row in found.evidence.rows for cell in row.cells)


def test_savings_by_topic_and_year_of_publication(small_library):
    savings = insights.build(SearchContext.from_query("")).savings

    assert (savings.total.total, savings.total.count, savings.total.text) == (1_250_000, 3, "£1.2m")
    assert [(s.label, s.total, s.count, s.text) for s in savings.topics] == [
        ("Housing", 1_250_000, 2, "£1.2m"),
        ("Digital", 1_000_000, 2, "£1m"),  # the £0 counts as a figure reported
    ]
    assert [(s.label, s.total, s.count, s.text, s.amount) for s in savings.years] == [
        ("2021", 250_000, 1, "£250k", "£250k a year, from 1 case study"),
        ("2022", 0, 0, "none reported", "no savings reported"),
        ("2023", 1_000_000, 2, "£1m", "£1m a year, from 2 case studies"),
    ]
    zero = insights.build(SearchContext.from_query("council=CRF")).savings
    assert (zero.total.total, zero.total.count, zero.total.text) == (0, 1, "£0")  # a reported £0 is a figure


def test_figures_follow_the_filters(small_library):
    found = insights.build(SearchContext.from_query("region=wales&year_from=2022"))

    assert evidence_table(found) == {
        "housing": [0, 0, 0, 0, 0, 0],
        "digital": [0, 0, 0, 0, 1, 1],
        "all": [0, 0, 0, 0, 1, 1],
    }
    assert (found.savings.total.total, found.savings.total.count) == (0, 1)
    chosen = insights.build(SearchContext.from_query("topic=housing"))
    assert [row.topic.value for row in chosen.evidence.rows] == ["housing"]
    assert [s.label for s in chosen.savings.topics] == ["Housing"]
    assert [(s.label, s.total) for s in chosen.savings.years] == [
        ("2021", 250_000),
        ("2022", 0),
        ("2023", 1_000_000),
    ]


def test_an_empty_catalogue_has_no_figures(db):
    make_topic("Housing", slug="housing")

    found = insights.build(SearchContext.from_query(""))

    assert evidence_table(found) == {"housing": [0] * 6, "all": [0] * 6}
    assert found.savings.total == impact.Saving("All", 0, 0)
    assert [(s.total, s.count) for s in found.savings.topics] == [(0, 0)]
    assert found.savings.years == []


def test_a_search_with_no_savings_reported_has_no_years(small_library):
    found = insights.build(SearchContext.from_query("council=CRF&year_to=2022"))

    assert found.total == 0
    assert found.savings.years == []
    assert found.savings.total.count == 0


def test_figures_are_read_once_per_index_and_again_after_a_change(small_library):
    catalogue = index.current()
    impact.forget()
    with CaptureQueriesContext(connection) as first:
        impact.figures(catalogue)
    with CaptureQueriesContext(connection) as second:
        held = impact.figures(catalogue)
    assert (len(first), len(second)) == (1, 0)

    CaseStudy.objects.filter(evidence_level_confirmed=5).update(evidence_level_confirmed=2)
    newer = index.current()
    assert newer is not catalogue  # the write gave the catalogue a new version
    assert impact.figures(newer) is not held
    assert impact.figures(newer).by_level[2].bit_count() == 1


@pytest.mark.parametrize(
    ("pounds", "text"),
    [
        (0, "£0"),
        (950, "£950"),
        (999, "£999"),
        (1000, "£1k"),
        (12_500, "£12.5k"),
        (99_949, "£99.9k"),
        (350_000, "£350k"),
        (999_499, "£999k"),
        (999_999, "£1m"),
        (1_234_567, "£1.2m"),
        (45_000_000, "£45m"),
        (3_000_000_000, "£3bn"),
        (10**12, "£1000bn"),
    ],
)
def test_money_is_short_and_consistent(pounds, text):
    assert impact.money(pounds) == text


# Brute force: seeded random libraries, the figures against ORM counts and sums under random filters.

TOPICS = ["housing", "digital", "care", "waste"]
REGIONS = {"north-west": "North West", "wales": "Wales", "london": "London"}
YEARS = range(2017, 2025)


def random_library(seed: int) -> None:
    rng = random.Random(seed)
    topics = [make_topic(slug.title(), slug=slug, order=n) for n, slug in enumerate(TOPICS)]
    grant = make_support_type("Grant", slug="grant")
    councils = [
        make_council(f"Council {n}", code=f"R{seed}{n:02d}", region=rng.choice(list(REGIONS.values())))
        for n in range(6)
    ]
    for n in range(rng.randint(25, 45)):
        status = rng.choices(["published", "draft", "scheduled"], weights=[8, 1, 1])[0]
        published_at = at(rng.choice(YEARS)) if status != "scheduled" else timezone.now() + timedelta(days=30)
        make_case_study(
            f"Random {seed} {n}",
            council=rng.choice(councils),
            topics=rng.sample(topics, rng.choice([1, 1, 2, 3])),
            support_types=[grant] if rng.random() < 0.4 else [],
            status="draft" if status == "draft" else "published",
            published_at=published_at if status != "draft" else None,
            evidence_level_claimed=rng.choice([None, None, 1, 2, 3, 4, 5]),
            evidence_level_confirmed=rng.choice([None, None, None, 1, 2, 3, 4, 5]),
            savings_per_year=rng.choice(
                [None, None, 0, rng.randint(1, 999), rng.randint(1000, 10**9), 10**12]
            ),
        )


def random_filters(rng: random.Random) -> tuple[str, Q]:
    """A query string for the insights page and the same filters as an ORM condition."""
    params, condition = [], Q()
    if rng.random() < 0.5:
        chosen = rng.sample(TOPICS, rng.randint(1, 2))
        params += [("topic", slug) for slug in chosen]
        condition &= Q(topics__slug__in=chosen)
    if rng.random() < 0.4:
        region = rng.choice(list(REGIONS))
        params.append(("region", region))
        condition &= Q(lead_council__region=REGIONS[region])
    if rng.random() < 0.4:
        start = rng.choice(YEARS)
        params.append(("year_from", str(start)))
        condition &= Q(published_at__year__gte=start)
    if rng.random() < 0.3:
        params.append(("support_type", "grant"))
        condition &= Q(support_types__slug="grant")
    return "&".join(f"{name}={value}" for name, value in params), condition


def matching(condition: Q):
    """The published case studies the filters find, each once, with their effective evidence level."""
    ids = CaseStudy.objects.published().filter(condition).values("pk").distinct()
    return CaseStudy.objects.filter(pk__in=ids).annotate(
        level=Coalesce("evidence_level_confirmed", "evidence_level_claimed")
    )


def brute_evidence(found_rows, condition: Q) -> dict[str, list[int]]:
    cases = matching(condition)
    table = {}
    for slug in [row.topic.value for row in found_rows]:
        in_topic = cases.filter(topics__slug=slug)
        table[slug] = [in_topic.filter(level=level).count() for level in range(1, 6)]
        table[slug].append(in_topic.filter(level__isnull=True).count())
    table["all"] = [cases.filter(level=level).count() for level in range(1, 6)]
    table["all"].append(cases.filter(level__isnull=True).count())
    return table


def brute_savings(cases) -> tuple[int, int]:
    figures = cases.aggregate(total=Sum("savings_per_year"), count=Count("savings_per_year"))
    return figures["total"] or 0, figures["count"]


@pytest.mark.parametrize("seed", range(5))
def test_figures_match_brute_force_orm_counts_and_sums(seed):
    random_library(seed)
    rng = random.Random(70_000 + seed)

    for _ in range(6):
        query, condition = random_filters(rng)
        found = insights.build(SearchContext.from_query(query))
        cases = matching(condition)
        shown = [s for s in TOPICS if f"topic={s}" in query] or TOPICS

        assert [row.topic.value for row in found.evidence.rows] == shown, query
        assert evidence_table(found) == brute_evidence(found.evidence.rows, condition), query
        assert sum(level.count for level in found.evidence.levels) == cases.count() == found.total, query
        savings = found.savings
        assert (savings.total.total, savings.total.count) == brute_savings(cases), query
        assert [(s.label, s.total, s.count) for s in savings.topics] == [
            (slug.title(), *brute_savings(cases.filter(topics__slug=slug))) for slug in shown
        ], query
        years = {
            year: brute_savings(cases.filter(published_at__year=year))
            for year in YEARS
            if cases.filter(published_at__year=year, savings_per_year__isnull=False).exists()
        }
        expected = (
            [
                (str(y), *brute_savings(cases.filter(published_at__year=y)))
                for y in range(min(years), max(years) + 1)
            ]
            if years
            else []
        )
        assert [(s.label, s.total, s.count) for s in savings.years] == expected, query

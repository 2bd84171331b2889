from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from casestudies.catalogue import index
from casestudies.catalogue.cards import Card, Headline, _statement, cards
from casestudies.models import CaseStudy, Outcome
from tests.factories import make_case_study, make_council, make_topic

pytestmark = pytest.mark.django_db


def test_cards_keep_the_order_of_ids_with_council_and_first_topic():
    zebra = make_topic("Zebra crossings", order=1)
    apples = make_topic("Apples", order=2)
    allotments = make_topic("Allotments", order=1)
    leeds, york = make_council("Leeds", code="LDS"), make_council("York", code="YOR")
    published = datetime(2024, 3, 5, 12, tzinfo=UTC)
    one = make_case_study("One", council=leeds, topics=[apples, zebra, allotments], published_at=published)
    two = make_case_study("Two", council=york, topics=[apples], published_at=published)

    found = cards([two.pk, one.pk], catalogue=index.current())

    assert found == [
        Card(two.pk, "Two", two.slug, two.summary, published, "YOR", "York", apples),
        Card(one.pk, "One", one.slug, one.summary, published, "LDS", "Leeds", allotments),
    ]


def test_cards_leave_out_unpublished_and_scheduled_case_studies():
    live = make_case_study("Live")
    draft = make_case_study("Draft", status=CaseStudy.Status.DRAFT)
    scheduled = make_case_study("Later", published_at=timezone.now() + timedelta(days=2))

    assert [card.title for card in cards([scheduled.pk, draft.pk, live.pk], catalogue=index.current())] == [
        "Live"
    ]


def test_cards_without_topics_have_none(django_assert_num_queries):
    lonely = make_case_study("No topics", topics=[])
    many = [make_case_study(f"Study {n}", topics=[make_topic(f"Topic {n}")]) for n in range(5)]
    catalogue = index.current()

    with django_assert_num_queries(1):
        found = cards([lonely.pk, *(m.pk for m in many)], catalogue=catalogue)

    assert [card.topic.name if card.topic else None for card in found] == [
        None,
        *(f"Topic {n}" for n in range(5)),
    ]


def test_cards_of_no_ids_make_no_query(django_assert_num_queries):
    catalogue = index.current()

    with django_assert_num_queries(0):
        assert cards([], catalogue=catalogue) == []


def test_cards_of_pages_of_the_same_size_each_get_their_own_rows():
    one, two, three, four = (make_case_study(title) for title in ("One", "Two", "Three", "Four"))
    catalogue = index.current()

    first = cards([one.pk, two.pk], catalogue=catalogue)
    second = cards([four.pk, three.pk], catalogue=catalogue)

    assert [card.title for card in first] == ["One", "Two"]
    assert [card.title for card in second] == ["Four", "Three"]


@pytest.mark.parametrize("with_outcomes", [False, True])
def test_cards_statement_is_compiled_on_either_database(with_outcomes):
    assert _statement("default", 3, with_outcomes) is not None


def test_cards_take_band_level_and_stage_from_the_index_and_the_first_outcome_by_position():
    study = make_case_study(
        "Warm homes", cost_band="10k_50k", evidence_level_claimed=2, evidence_level_confirmed=3, stage="pilot"
    )
    Outcome.objects.create(case_study=study, position=1, measure="Second", after=Decimal("2"), unit="")
    Outcome.objects.create(
        case_study=study, position=0, measure="First", before=Decimal("4.50"), after=1, unit="%"
    )
    plain = make_case_study("Nothing stated")

    warm, nothing = cards([study.pk, plain.pk], catalogue=index.current())

    assert (warm.cost_band, warm.evidence_level, warm.stage) == ("10k_50k", 3, "pilot")
    assert warm.headline == Headline("First", Decimal("4.50"), Decimal("1.00"), "%")
    assert (nothing.cost_band, nothing.evidence_level, nothing.stage, nothing.headline) == (
        "",
        None,
        "",
        None,
    )

"""The in-memory catalogue index: bit-set helpers, the build, the version token, pages and related case studies."""

import random
from datetime import UTC, datetime

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casestudies.catalogue import index as catalogue
from casestudies.models import CaseStudy, CatalogueVersion
from tests.factories import make_case_study, make_council, make_support_type, make_topic

pytestmark = pytest.mark.django_db


def bits(*positions: int) -> int:
    return sum(1 << p for p in set(positions))


# Bit-set helpers (no database)


@pytest.mark.parametrize("seed", range(5))
def test_ascending_matches_sorted_positions_for_any_window(seed):
    rng = random.Random(seed)
    size = rng.choice([1, 7, 64, 513, 5000])
    chosen = sorted(rng.sample(range(size), rng.randint(0, size)))
    mask = bits(*chosen)
    for start, stop in [(0, 20), (3, 9), (len(chosen) - 2, len(chosen) + 5), (len(chosen), len(chosen) + 1)]:
        start = max(0, start)
        assert catalogue.ascending(mask, size, start, stop) == chosen[start:stop]


def test_ascending_of_an_empty_window_or_mask_is_empty():
    assert catalogue.ascending(bits(1, 2), 8, 5, 5) == []
    assert catalogue.ascending(0, 8, 0, 20) == []


def test_in_order_follows_the_given_order_and_skips_unset_positions():
    order = [5, 0, 3, 2, 4, 1]

    assert catalogue.in_order(bits(0, 1, 2, 4), 6, order, 0, 10) == [0, 2, 4, 1]
    assert catalogue.in_order(bits(0, 1, 2, 4), 6, order, 1, 3) == [2, 4]


def test_at_least_counts_how_many_masks_hold_each_position():
    masks = [bits(0, 1, 2), bits(1, 2, 3), bits(2, 3, 4)]

    assert catalogue.at_least(masks, 1) == bits(0, 1, 2, 3, 4)
    assert catalogue.at_least(masks, 2) == bits(1, 2, 3)
    assert catalogue.at_least(masks, 3) == bits(2)


def test_bits_from_positions_sets_exactly_those_bits():
    assert catalogue.bits_from_positions([0, 3, 9], 16) == bits(0, 3, 9)
    assert catalogue.bits_from_positions([], 16) == 0


# The build


@pytest.fixture
def catalogue_data():
    housing = make_topic("Housing", slug="housing")
    digital = make_topic("Digital", slug="digital")
    grant = make_support_type("Grant", slug="grant")
    wigan = make_council("Wigan", region="North West", authority_type="Metropolitan district")
    cardiff = make_council("Cardiff", region="Wales", authority_type="Welsh unitary authority")
    studies = {
        "oldest": make_case_study(
            "Zebra crossings", council=wigan, topics=[housing], published_at=datetime(2020, 3, 1, tzinfo=UTC)
        ),
        "middle": make_case_study(
            "Apple orchards",
            council=cardiff,
            topics=[housing, digital],
            support_types=[grant],
            published_at=datetime(2023, 12, 31, 23, 30, tzinfo=UTC),  # 2023 in London as well
        ),
        "newest": make_case_study(
            "Market stalls",
            council=wigan,
            topics=[digital],
            published_at=datetime(2025, 6, 1, tzinfo=UTC),
        ),
    }
    make_case_study("Draft", topics=[housing], status=CaseStudy.Status.DRAFT, published_at=None)
    return studies


def test_build_orders_positions_newest_first_and_leaves_out_unpublished(catalogue_data):
    index = catalogue.current()

    assert index.ids.tolist() == [catalogue_data[k].pk for k in ("newest", "middle", "oldest")]
    assert index.everything == bits(0, 1, 2)


def test_build_makes_one_bit_set_per_option(catalogue_data):
    index = catalogue.current()
    housing, digital = (t.pk for t in sorted(index.topics, key=lambda t: t.slug, reverse=True))
    wigan = catalogue_data["oldest"].lead_council_id

    assert index.by_topic == {housing: bits(1, 2), digital: bits(0, 1)}
    assert list(index.by_support_type.values()) == [bits(1)]
    assert index.by_region == {"North West": bits(0, 2), "Wales": bits(1)}
    assert index.by_authority_type == {
        "Metropolitan district": bits(0, 2),
        "Welsh unitary authority": bits(1),
    }
    assert index.by_council[wigan] == bits(0, 2)
    assert index.by_year == {2025: bits(0), 2023: bits(1), 2020: bits(2)}
    assert index.title_order.tolist() == [1, 0, 2]  # Apple, Market, Zebra


def test_build_keeps_each_first_topic_in_display_order_and_council_names(catalogue_data):
    index = catalogue.current()
    topics = {topic.slug: topic for topic in index.topics}
    wigan = catalogue_data["oldest"].lead_council
    cardiff = catalogue_data["middle"].lead_council
    lonely = make_case_study("No topics", topics=[], council=wigan)
    index = catalogue.current()

    # Digital comes before Housing in the topics' order (by name, all at order 0).
    assert [index.first_topic_of(catalogue_data[k].pk) for k in ("newest", "middle", "oldest")] == [
        topics["digital"],
        topics["digital"],
        topics["housing"],
    ]
    assert index.first_topic_of(lonely.pk) is None
    assert index.first_topic_of(10**9) is None
    assert index.councils[wigan.pk] == (wigan.code, "Wigan")
    assert index.councils[cardiff.pk] == (cardiff.code, "Cardiff")


def test_build_query_count_does_not_grow_with_case_studies(catalogue_data):
    """The token; rows; councils; topic and support-type links; the title order; topics; support types."""
    with CaptureQueriesContext(connection) as one:
        catalogue.build("default", None)
    for n in range(20):
        make_case_study(f"More {n}", topics=[make_topic()])
    with CaptureQueriesContext(connection) as many:
        catalogue.build("default", None)

    assert len(one) == len(many) == 7


# The version token


def test_current_reuses_the_index_while_the_token_is_unchanged(catalogue_data):
    first = catalogue.current()
    with CaptureQueriesContext(connection) as queries:
        second = catalogue.current()

    assert second is first
    assert len(queries) == 1  # the token


@pytest.mark.parametrize(
    "change",
    [
        "publish",
        "unpublish",
        "delete",
        "add-topic",
        "remove-support-type",
        "council-region",
        "topic-slug",
    ],
)
def test_any_change_to_the_catalogue_tables_gives_a_new_token_and_a_fresh_index(catalogue_data, change):
    before = catalogue.current()
    oldest = catalogue_data["oldest"]
    if change == "publish":
        make_case_study("Brand new", topics=list(before.topics))
    elif change == "unpublish":
        CaseStudy.objects.filter(pk=oldest.pk).update(status=CaseStudy.Status.ARCHIVED)
    elif change == "delete":
        catalogue_data["middle"].delete()
    elif change == "add-topic":
        oldest.topics.add(*before.topics)
    elif change == "remove-support-type":
        catalogue_data["middle"].support_types.clear()
    elif change == "council-region":
        oldest.lead_council.region = "London"
        oldest.lead_council.save()
    elif change == "topic-slug":
        before.topics[0].slug = "renamed"
        before.topics[0].save()

    after = catalogue.current()

    assert after is not before
    assert after.token != before.token
    assert after.token == CatalogueVersion.objects.get(pk=1).token


@pytest.mark.parametrize("change", ["submit", "edit-draft", "draft-topics", "delete-draft"])
def test_changes_to_unpublished_case_studies_keep_the_token_and_the_index(catalogue_data, change):
    """A submission or an editor's work on a draft must not make every app server rebuild its index."""
    before = catalogue.current()
    draft = CaseStudy.objects.get(title="Draft")
    if change == "submit":
        make_case_study(
            "Submitted",
            council=draft.lead_council,
            status=CaseStudy.Status.SUBMITTED,
            published_at=None,
            topics=list(before.topics),
            support_types=list(before.support_types),
        )
    elif change == "edit-draft":
        draft.title = "Draft, edited"
        draft.save()
    elif change == "draft-topics":
        draft.topics.set(before.topics)
    elif change == "delete-draft":
        draft.delete()

    assert CatalogueVersion.objects.get(pk=1).token == before.token
    assert catalogue.current() is before


def test_publishing_a_draft_changes_the_token(catalogue_data):
    before = catalogue.current()
    CaseStudy.objects.filter(title="Draft").update(
        status=CaseStudy.Status.PUBLISHED, published_at=datetime(2026, 1, 1, tzinfo=UTC)
    )

    assert catalogue.current().token != before.token
    assert catalogue.current().size == 4


def test_fresh_index_reflects_the_change(catalogue_data):
    catalogue.current()
    CaseStudy.objects.filter(pk=catalogue_data["newest"].pk).update(status=CaseStudy.Status.ARCHIVED)

    assert catalogue.current().ids.tolist() == [catalogue_data["middle"].pk, catalogue_data["oldest"].pk]


# Pages and related case studies


def test_page_in_every_order(catalogue_data):
    index = catalogue.current()
    newest, middle, oldest = (catalogue_data[k].pk for k in ("newest", "middle", "oldest"))

    assert index.page(index.everything, order="newest", start=0, stop=20) == [newest, middle, oldest]
    assert index.page(index.everything, order="oldest", start=0, stop=2) == [oldest, middle]
    assert index.page(index.everything, order="oldest", start=2, stop=4) == [newest]
    assert index.page(index.everything, order="title", start=1, stop=3) == [newest, oldest]
    relevance = np.array([2, 0, 1])  # the oldest is the best match, then the newest, then the middle one
    assert index.page(index.everything, order="relevance", start=0, stop=3, ranked=relevance) == [
        oldest,
        newest,
        middle,
    ]
    assert index.page(bits(1, 2), order="relevance", start=1, stop=3, ranked=relevance) == [middle]


def test_relevance_order_is_rank_then_newest_and_drops_unpublished(catalogue_data):
    index = catalogue.current()
    newest, middle, oldest = (catalogue_data[k].pk for k in ("newest", "middle", "oldest"))
    draft = CaseStudy.objects.get(title="Draft").pk
    ids = np.array([oldest, draft, middle, newest, 10**9])
    ranks = np.array([0.1, 0.9, 0.5, 0.1, 0.9], dtype=np.float32)

    assert index.relevance_order(ids, ranks).tolist() == [1, 0, 2]  # middle; then newest before oldest


def test_page_rejects_an_unknown_order(catalogue_data):
    with pytest.raises(ValueError):
        catalogue.current().page(1, order="random", start=0, stop=1)


@pytest.mark.parametrize("seed", range(4))
def test_related_matches_brute_force(seed):
    rng = random.Random(seed)
    topics = [make_topic() for _ in range(5)]
    studies = []
    for n in range(30):
        chosen = rng.sample(topics, rng.randint(1, 3))
        published = datetime(2020, 1, 1, tzinfo=UTC).replace(day=1 + n % 28, month=1 + n % 12)
        studies.append((make_case_study(f"Study {n}", topics=chosen, published_at=published), chosen))
    target, target_topics = studies[rng.randrange(len(studies))]
    wanted = {t.pk for t in target_topics}

    def key(item):
        case_study, chosen = item
        return (-len(wanted & {t.pk for t in chosen}), -case_study.published_at.timestamp(), -case_study.pk)

    expected = [
        cs.pk
        for cs, chosen in sorted(studies, key=key)
        if cs.pk != target.pk and wanted & {t.pk for t in chosen}
    ][:4]

    assert catalogue.current().related(target.pk, sorted(wanted), limit=4) == expected


def test_related_without_topics_is_empty(catalogue_data):
    assert catalogue.current().related(catalogue_data["oldest"].pk, [], limit=3) == []

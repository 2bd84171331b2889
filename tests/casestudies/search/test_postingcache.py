"""The per-process cache of common terms' postings: same results as fetching, gone when the catalogue changes."""

from datetime import UTC, datetime

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casestudies.models import CatalogueVersion
from casestudies.search import postingcache
from casestudies.search.keyword import plan, ranked_matches
from casestudies.search.postingcache import PostingCache
from casestudies.search.scoring import Posting
from tests.factories import make_case_study


def posting(n: int) -> Posting:
    return Posting(ids=np.arange(n, dtype=np.int64), fields=np.zeros(n, dtype=np.uint8))


def test_posting_cache_gives_back_what_was_put_under_the_same_version():
    cache = PostingCache(max_bytes=10_000)
    kept = posting(10)
    cache.put(("default", 1), "council", kept)

    assert cache.get(("default", 1), "council") is kept
    assert cache.get(("default", 2), "council") is None
    assert cache.get(("default", 1), "housing") is None


def test_posting_cache_empties_on_a_new_version():
    cache = PostingCache(max_bytes=10_000)
    cache.put(("default", 1), "council", posting(10))
    cache.put(("default", 2), "housing", posting(10))

    assert cache.get(("default", 1), "council") is None
    assert cache.get(("default", 2), "housing") is not None


def test_posting_cache_drops_the_least_recently_used_past_its_size():
    cache = PostingCache(max_bytes=3 * 90)  # three postings of 10 (8-byte ids and 1-byte fields)
    for word in ("a", "b", "c"):
        cache.put(("default", 1), word, posting(10))
    cache.get(("default", 1), "a")
    cache.put(("default", 1), "d", posting(10))

    assert [w for w in "abcd" if cache.get(("default", 1), w) is not None] == ["a", "c", "d"]


def test_posting_cache_refuses_a_posting_larger_than_itself():
    cache = PostingCache(max_bytes=100)
    cache.put(("default", 1), "council", posting(1000))

    assert cache.get(("default", 1), "council") is None


@pytest.mark.django_db
def test_ranked_matches_from_cached_postings_equal_fetched_and_follow_a_change(monkeypatch):
    monkeypatch.setattr(postingcache, "MIN_MATCHES", 1)
    monkeypatch.setattr(postingcache, "cache", PostingCache())
    first = make_case_study("Allotment waiting lists", published_at=datetime(2024, 1, 1, tzinfo=UTC))
    second = make_case_study("Allotment rents", published_at=datetime(2024, 2, 1, tzinfo=UTC))

    def search():
        token = CatalogueVersion.objects.get(pk=1).token
        return ranked_matches(plan("allotment", version=token), size=3)

    fetched = search()
    with CaptureQueriesContext(connection) as captured:
        cached = search()
    third = make_case_study("Allotment volunteers", published_at=datetime(2024, 3, 1, tzinfo=UTC))
    after_change = search()

    assert sorted(fetched.ids.tolist()) == sorted([first.pk, second.pk])
    assert cached.ids.tolist() == fetched.ids.tolist()
    assert cached.ranks.tolist() == fetched.ranks.tolist()
    assert not any(
        "casestudies_postings" in q["sql"] or "MATCH" in q["sql"] for q in captured.captured_queries
    )
    assert sorted(after_change.ids.tolist()) == sorted([first.pk, second.pk, third.pk])

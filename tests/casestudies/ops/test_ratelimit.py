"""The per-address counters: how many remain, per scope and per address."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from casestudies.ops import ratelimit


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def request_from(address: str):
    return RequestFactory().post("/case-studies/submit/", REMOTE_ADDR=address)


def test_remaining_counts_down_to_zero_and_never_below(settings):
    settings.SUBMISSION_RATE_LIMIT = 3
    office = request_from("203.0.113.5")
    seen = []
    for _ in range(4):
        seen.append((ratelimit.remaining(office), ratelimit.is_limited(office)))
        ratelimit.record(office)
    assert seen == [(3, False), (2, False), (1, False), (0, True)]
    assert (ratelimit.remaining(office), ratelimit.is_limited(office)) == (0, True)


def test_remaining_is_per_address_and_per_scope(settings):
    settings.SUBMISSION_RATE_LIMIT = 3
    office = request_from("203.0.113.5")
    ratelimit.record(office)
    ratelimit.record(office, scope="save")
    assert ratelimit.remaining(office) == 2
    assert ratelimit.remaining(office, scope="save", limit=20) == 19
    assert ratelimit.remaining(request_from("198.51.100.7")) == 3

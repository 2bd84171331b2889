"""Fixtures shared by the app's tests."""

import pytest
from django.core.cache import cache


@pytest.fixture
def page_cache(settings):
    """The page cache switched on (the test settings leave it off), starting and ending empty."""
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()

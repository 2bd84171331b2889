"""Caching of rendered public list pages, invalidated by a version number.

Keys hold the page's path, its canonical query string and page number, and the current content version. Any
publication, edit or withdrawal bumps the version (after the transaction commits), so every cached page is
bypassed at once, on every app server sharing the cache. Signed-in users (editors) and pages that carry notes
about ignored parameters are never cached.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "casestudies:content-version"


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY) or 1
    return int(version)


def bump_version() -> None:
    """Invalidate every cached list page once the current transaction (if any) commits."""
    transaction.on_commit(_bump)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def page_key(*, path: str, query: str, page: int) -> str:
    digest = hashlib.sha256(f"{path}?{query}#{page}".encode()).hexdigest()[:32]
    return f"casestudies:page:{content_version()}:{digest}"


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0

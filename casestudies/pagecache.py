"""Caching of rendered public list pages, invalidated by a version number.

Keys hold the page's path, its normalised query string and the current content version; a hit is served before
the view does any work. Any publication, edit or withdrawal bumps the version (after the transaction commits), so
every cached page is bypassed at once, on every app server sharing the cache. Anyone with a session (editors) and
pages that carry notes about ignored parameters are never cached.
"""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import QueryDict

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


def normalise(params: QueryDict) -> str:
    """The query string with its keys in order (values keep theirs), so equivalent URLs share one entry."""
    return urlencode([(key, value) for key in sorted(params) for value in params.getlist(key)])


def page_key(*, path: str, query: str) -> str:
    digest = hashlib.sha256(f"{path}?{query}".encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"casestudies:page:{content_version()}:{digest}"


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0

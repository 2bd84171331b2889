"""Caching of rendered public list pages, invalidated by a version number.

Keys hold the page's path, its normalised query string and the current content version; a hit is served before
the view does any work. Any publication, edit or withdrawal bumps the version (after the transaction commits), so
every cached page is bypassed at once, on every app server sharing the cache. Anyone with a session (editors) and
pages that carry notes about ignored parameters are never cached.
"""

import hashlib
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict

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


def cached_public_page(view):
    """Serve anonymous GETs from the page cache before any work is done (no query, no form parsing).

    The key is the path and the normalised query string; a view marks a response it is happy to share by setting
    ``response.cacheable``. Anyone with a session (editors) always gets a fresh page.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not enabled() or request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return view(request, *args, **kwargs)
        key = page_key(path=request.path, query=normalise(request.GET))
        cached = cache.get(key)
        if cached is not None:
            response = HttpResponse(cached)
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if getattr(response, "cacheable", False) and response.status_code == 200:
            cache.set(key, response.content, timeout=settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    return wrapper

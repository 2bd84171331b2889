"""Caching of rendered public pages, invalidated by a version kept in the database.

Keys hold the page's path, its normalised query string and the current content version; a hit is served, with the
headers it was stored with (its content type above all: a JSON body must never come back as HTML), before the view
does any work. The content version is read from the database on every request (one primary-key read): the
catalogue's version token, which database triggers change whenever public content changes, whoever changes it
(admin, import, shell), and a page version that ``bump_version()`` changes for the rest (synonyms, files). So a
change is seen at once by every process, with Redis or with each process's own local-memory cache. Anyone with a
session (editors) and pages that carry notes about ignored parameters are never cached. A view can also say until
when its page holds (``response.cache_until``: the next scheduled publication), and the page is not kept past that
time.

The versions are read and written by functions the app registers (``register``, from ``apps.py``): ``ops`` knows no
model.
"""

import hashlib
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone
from django.utils.cache import patch_vary_headers

# Headers that belong to one response, never to the page: not stored with it.
PER_RESPONSE = {"set-cookie", "date", "x-page-cache", "content-length"}


@dataclass
class Versions:
    read: Callable[[], str]
    bump: Callable[[], None]


_versions = Versions(read=lambda: "0", bump=lambda: None)


def register(*, read: Callable[[], str], bump: Callable[[], None]) -> None:
    """Where the content version comes from (the app's ``ready()`` registers the database's)."""
    _versions.read, _versions.bump = read, bump


# Called with the ``cache_note`` a view left on a response, each time a cached copy of it is served: a page can
# still be counted (the search log) when its view does not run. Registered by the app; cheap (no query).
_hit_hooks: list[Callable[[object], None]] = []


def on_hit(hook: Callable[[object], None]) -> None:
    """Call ``hook(note)`` when a cached page whose response carried ``cache_note`` is served."""
    if hook not in _hit_hooks:
        _hit_hooks.append(hook)


def _served(cached: dict) -> None:
    note = cached.get("note")
    if note is not None:
        for hook in _hit_hooks:
            hook(note)


def content_version() -> str:
    return _versions.read()


def bump_version() -> None:
    """Invalidate every cached page once the current transaction (if any) commits."""
    transaction.on_commit(_versions.bump)


def normalise(params: QueryDict) -> str:
    """The query string with its keys in order (values keep theirs), so equivalent URLs share one entry."""
    return urlencode([(key, value) for key in sorted(params) for value in params.getlist(key)])


def page_key(*, path: str, query: str, variant: str = "") -> str:
    text = f"{path}?{query}" + (f"#{variant}" if variant else "")
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"casestudies:page:{content_version()}:{digest}"


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


@dataclass(frozen=True)
class Variant:
    """A page that differs by a request header: ``key(request)`` names the version a request gets (cheap, no
    query); it is part of the cache key, and ``header`` is added to ``Vary``."""

    header: str
    key: Callable[[HttpRequest], str]


def cached_public_page(view=None, *, variant: Variant | None = None):
    """Serve anonymous GETs from the page cache before any work is done (no query, no form parsing).

    The key is the path and the normalised query string (and the variant's key, if any); a view marks a response
    it is happy to share by setting ``response.cacheable``. Anyone with a session (editors) always gets a fresh
    page. Use as ``@cached_public_page`` or ``@cached_public_page(variant=Variant(...))``.
    """
    if view is None:
        return lambda view: cached_public_page(view, variant=variant)

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not enabled() or request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return _vary(view(request, *args, **kwargs), variant)
        key = page_key(
            path=request.path, query=normalise(request.GET), variant=variant.key(request) if variant else ""
        )
        cached = cache.get(key)
        if isinstance(cached, dict):
            response = HttpResponse(cached["content"], status=cached["status"])
            for name, value in cached["headers"]:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            _served(cached)
            return _vary(response, variant)
        response = view(request, *args, **kwargs)
        timeout = seconds_to_keep(response)
        if getattr(response, "cacheable", False) and response.status_code == 200 and timeout > 0:
            cache.set(key, stored(response), timeout=timeout)
            response["X-Page-Cache"] = "miss"
        return _vary(response, variant)

    return wrapper


def stored(response: HttpResponse) -> dict:
    """What the cache keeps of a response: its body, status and headers (content type included)."""
    headers = [(name, value) for name, value in response.items() if name.lower() not in PER_RESPONSE]
    return {
        "content": response.content,
        "status": response.status_code,
        "headers": headers,
        "note": getattr(response, "cache_note", None),
    }


def _vary(response: HttpResponse, variant: Variant | None) -> HttpResponse:
    """Whether a page comes from the cache depends on the session cookie, and on the variant's header."""
    patch_vary_headers(response, [variant.header, "Cookie"] if variant is not None else ["Cookie"])
    return response


def seconds_to_keep(response: HttpResponse) -> int:
    """``PAGE_CACHE_SECONDS``, or less when the view says its page stops being true sooner."""
    timeout = settings.PAGE_CACHE_SECONDS
    until = getattr(response, "cache_until", None)
    if until is not None:
        timeout = min(timeout, math.floor((until - timezone.now()).total_seconds()))
    return timeout

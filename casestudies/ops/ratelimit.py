"""A fixed-window counter per client address, kept in Django's cache (shared across servers with Redis)."""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


def _key(scope: str, client: str) -> tuple[str, int]:
    window = settings.SUBMISSION_RATE_WINDOW
    started = int(time.time() // window)
    return f"ratelimit:{scope}:{client}:{started}", window


def remaining(request: HttpRequest, *, scope: str = "submit", limit: int | None = None) -> int:
    """How many more this client may send in the current window (``limit`` defaults to
    ``SUBMISSION_RATE_LIMIT``)."""
    key, _ = _key(scope, client_address(request))
    return max(0, (settings.SUBMISSION_RATE_LIMIT if limit is None else limit) - (cache.get(key) or 0))


def is_limited(request: HttpRequest, *, scope: str = "submit", limit: int | None = None) -> bool:
    """Whether this client has used up ``limit`` (default ``SUBMISSION_RATE_LIMIT``) in the current window."""
    return remaining(request, scope=scope, limit=limit) == 0


def record(request: HttpRequest, *, scope: str = "submit") -> None:
    key, window = _key(scope, client_address(request))
    cache.add(key, 0, timeout=window)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)


def minutes_until_reset() -> int:
    window = settings.SUBMISSION_RATE_WINDOW
    return max(1, int((window - time.time() % window) // 60) + 1)

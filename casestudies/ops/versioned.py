"""Values held per process and per database alias until the catalogue version token changes.

The token is read by the caller (one primary-key lookup); a value is rebuilt when the token differs from the one
it was built for, when there is no token, or when the time ``expires(value)`` gives has passed (a scheduled
publication changes what is public with no write to the database); with ``refresh``, the value held is brought up to
date from itself instead of being built again. Used by the catalogue index, the title index of the suggestions and
SQLite's spelling vocabulary. Nothing is shared between processes, so app servers stay stateless.
"""

import threading
from collections.abc import Callable
from datetime import datetime
from typing import Generic, TypeVar

from django.utils import timezone

from . import memory

T = TypeVar("T")


class PerVersion(Generic[T]):
    def __init__(
        self,
        build: Callable[[str, int | None], T],
        *,
        expires: Callable[[T], datetime | None] | None = None,
        refresh: Callable[[str, int | None, T], T] | None = None,
    ):
        self._build = build
        self._expires = expires
        self._refresh = refresh
        self._lock = threading.Lock()
        self._held: dict[str, tuple[int | None, T]] = {}

    def get(self, using: str, token: int | None) -> T:
        held = self._held.get(using)
        if self._fresh(held, token):
            return held[1]
        with self._lock:
            held = self._held.get(using)
            if not self._fresh(held, token):
                if held is not None and self._refresh is not None:
                    held = (token, self._refresh(using, token, held[1]))
                else:
                    # The old value goes first, so that two are never held at once.
                    self._held.pop(using, None)
                    held = None
                    held = (token, self._build(using, token))
                self._held[using] = held
                memory.release()
        return held[1]

    def _fresh(self, held: tuple[int | None, T] | None, token: int | None) -> bool:
        if held is None or token is None or held[0] != token:
            return False
        expires = self._expires(held[1]) if self._expires is not None else None
        return expires is None or timezone.now() < expires

    def forget(self) -> None:
        with self._lock:
            self._held.clear()

"""Values held per process and per database alias until the catalogue version token changes.

The token is read by the caller (one primary-key lookup); a value is rebuilt when the token differs from the one
it was built for, or when there is no token. Used by the catalogue index, the title index of the suggestions and
SQLite's spelling vocabulary. Nothing is shared between processes, so app servers stay stateless.
"""

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class PerVersion(Generic[T]):
    def __init__(self, build: Callable[[str, int | None], T]):
        self._build = build
        self._lock = threading.Lock()
        self._held: dict[str, tuple[int | None, T]] = {}

    def get(self, using: str, token: int | None) -> T:
        held = self._held.get(using)
        if held is not None and held[0] == token and token is not None:
            return held[1]
        with self._lock:
            held = self._held.get(using)
            if held is None or held[0] != token or token is None:
                held = (token, self._build(using, token))
                self._held[using] = held
        return held[1]

    def forget(self) -> None:
        with self._lock:
            self._held.clear()

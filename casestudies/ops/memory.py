"""Giving memory back to the system after a large build that left most of what it read behind.

glibc keeps freed memory for the process that freed it: after the catalogue index is built at 100,000 case studies
about 60 MB of rows already read and dropped stayed resident in every app server worker until ``malloc_trim``
(measured in bench/RESULTS.md). Elsewhere (musl, macOS) there is no such call and nothing is done.
"""

import ctypes
import ctypes.util


def _malloc_trim():
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


_TRIM = _malloc_trim()


def release() -> bool:
    """Give freed memory back to the system; whether the platform could."""
    if _TRIM is None:
        return False
    _TRIM(0)
    return True

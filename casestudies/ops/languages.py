"""Which language a page is in (issue 23): the one place that knows Welsh's code and prefix.

Every layer asks it, from the mail and error pages of ``ops`` to the cards and search of ``catalogue`` and
``search`` and the reference names of ``models``, so it sits on the floor.
"""

import functools
from collections.abc import Callable

from django.conf import settings
from django.utils import translation

ENGLISH = "en-gb"  # settings.LANGUAGE_CODE: the default, without a prefix
WELSH = "cy"
WELSH_PREFIX = "/cy"


def is_welsh(language: str | None = None) -> bool:
    """Whether ``language`` (the active language when not given) is Welsh."""
    return (language or translation.get_language() or "") == WELSH


def localised(english: str, welsh: str, language: str | None = None) -> str:
    """``welsh`` on Welsh pages when there is one, else ``english``: a name as ``language`` (the active language when
    not given) shows it."""
    return welsh if welsh and is_welsh(language) else english


def language_from_path(path: str) -> str:
    """The language a URL is in: Welsh under ``/cy/``, otherwise the default (English)."""
    return WELSH if path == WELSH_PREFIX or path.startswith(WELSH_PREFIX + "/") else settings.LANGUAGE_CODE


def per_language(function: Callable[..., str]) -> Callable[..., str]:
    """``function`` (a translation: a name, or a message for a count) kept per active language and arguments.

    Django looks a message up afresh on every call, a few microseconds each; the map and the insights word the same
    few messages for hundreds of rows. Give it hashable arguments from a small set (names, counts). ``.given(language,
    *args)`` is the same for a language already known."""

    @functools.lru_cache(maxsize=4096)
    def cached(language: str, *args) -> str:
        if translation.get_language() == language:
            return function(*args)
        with translation.override(language):
            return function(*args)

    @functools.wraps(function)
    def in_active_language(*args) -> str:
        return cached(translation.get_language(), *args)

    # For a loop that has asked for the language once: asking costs about as much as a lookup.
    in_active_language.given = cached
    return in_active_language

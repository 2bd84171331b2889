"""The same page in the other language (issue 23): the language link at the top of every page and the ``hreflang``
alternates in its head.

English pages keep their URLs and Welsh ones are the same under ``/cy/`` (``i18n_patterns`` with
``prefix_default_language=False``), so a page's counterpart is its path with ``/cy`` added or taken off, and its
query string (the search, the filters, the page number) kept exactly as it was.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils.encoding import escape_uri_path

from casestudies.ops.languages import ENGLISH, WELSH, WELSH_PREFIX, is_welsh

# Language code (Django's) -> what goes in lang="" and hreflang="" (BCP 47), and the language's name in itself.
HTML_LANG = {ENGLISH: "en-GB", WELSH: "cy"}
NAMES = {ENGLISH: "English", WELSH: "Cymraeg"}


def html_lang(language: str | None = None) -> str:
    """``lang`` for ``<html>``: ``cy`` on Welsh pages, ``en-GB`` everywhere else."""
    return HTML_LANG[WELSH] if is_welsh(language) else HTML_LANG[ENGLISH]


def english_path(path: str) -> str:
    """The English page's path for a path in either language."""
    if path == WELSH_PREFIX or path.startswith(WELSH_PREFIX + "/"):
        return path[len(WELSH_PREFIX) :] or "/"
    return path


def welsh_path(path: str) -> str:
    """The Welsh page's path for a path in either language."""
    return WELSH_PREFIX + english_path(path)


def _with_query(path: str, query: str) -> str:
    return f"{path}?{query}" if query else path


@dataclass(frozen=True)
class Counterpart:
    """The same page in another language: its URL (relative), absolute URL, and how to name it."""

    language: str
    url: str
    absolute_url: str

    @property
    def lang(self) -> str:
        """For ``lang`` on the link's text: the language the link's own text is in ("en" is enough for English)."""
        return "cy" if self.language == WELSH else "en"

    @property
    def hreflang(self) -> str:
        return HTML_LANG[self.language]

    @property
    def name(self) -> str:
        return NAMES[self.language]


def _local(path: str) -> str:
    """The path as it goes in a link: percent-encoded again (``request.path`` is decoded, so an encoded ``?`` or
    ``#`` would otherwise start a query or fragment), and with one leading slash, never ``//host/`` (which a
    browser follows to another site: ``/cy//example.com/`` must not link to ``//example.com/``)."""
    return "/" + escape_uri_path(path).lstrip("/")


def counterpart(path: str, query: str, language: str) -> Counterpart:
    url = _with_query(_local(welsh_path(path) if language == WELSH else english_path(path)), query)
    return Counterpart(language=language, url=url, absolute_url=settings.SITE_URL + url)


def other_language(request: HttpRequest) -> Counterpart:
    """The page being shown, in the language it is not in (query string kept)."""
    query = request.META.get("QUERY_STRING", "")
    return counterpart(request.path, query, ENGLISH if is_welsh() else WELSH)


def alternates(request: HttpRequest) -> list[Counterpart]:
    """The page in each language, English first (also the ``x-default``)."""
    query = request.META.get("QUERY_STRING", "")
    return [counterpart(request.path, query, language) for language, _ in settings.LANGUAGES]

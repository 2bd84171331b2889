"""Where "Back to results" goes from a case study's page: the list of results the visitor came from.

Case study pages have one address each (no query string), so the search is read from the ``Referer`` header the
browser sends (our Referrer-Policy keeps the whole URL for our own pages). Only a page of our own that lists
results is accepted: the list, a topic or a council page, on the host the request was made to, as plain ``http``
or ``https``. Anything else (another site, another page of ours, a URL with a backslash, a NUL or a control
character) gives ``None`` and the page links to the list instead.
"""

from urllib.parse import unquote, urlsplit

from django.http import HttpRequest
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme

RESULT_PAGES = {"casestudies:list", "casestudies:topic", "casestudies:council"}
MAX_LENGTH = 2000


def results_url(request: HttpRequest) -> str | None:
    """The path and query string of the results page in the ``Referer``, or ``None``."""
    referer = request.headers.get("referer", "")
    if not referer or len(referer) > MAX_LENGTH:
        return None
    if "\\" in referer or any(ord(char) < 0x21 or ord(char) == 0x7F for char in referer):
        return None
    try:
        parts = urlsplit(referer)
        host = request.get_host()
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or parts.netloc != host or not parts.path.startswith("/"):
        return None
    if parts.path.startswith("//") or not url_has_allowed_host_and_scheme(referer, allowed_hosts={host}):
        return None
    try:
        match = resolve(unquote(parts.path))
    except Resolver404:
        return None
    if match.view_name not in RESULT_PAGES:
        return None
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def cache_variant(request: HttpRequest) -> str:
    """Which version of a case study's page a request gets: one per results page it links back to."""
    return results_url(request) or ""

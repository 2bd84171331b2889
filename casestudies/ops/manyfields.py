"""A form post with more fields than ``DATA_UPLOAD_MAX_NUMBER_FIELDS``, answered by its form instead of a 400.

Django refuses such a post before any view runs (the CSRF check reads ``request.POST``), and everything typed is
lost. A view that sets ``known_fields`` (a mapping: each name its form reads, and how many values it may carry)
gets the post with only those names, up to their counts, and ``request.dropped_fields`` (the names left out, the
first ``SAMPLE`` of them) so that its form can say what was wrong. Files always pass; Django still limits them.

Parsing stays bounded: an urlencoded body Django refused (too many fields, or over ``DATA_UPLOAD_MAX_MEMORY_SIZE``)
is read only up to ``OVERSIZE_FACTOR`` times that limit (4 MB) and scanned once, keeping at most the known names'
counts; a multipart body is filtered as it streams in (``PartFilter``), one part at a time with
a bounded buffer, so the parser never sees more fields than the known names allow.
"""

import re
from collections.abc import Callable, Mapping
from urllib.parse import unquote_plus

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

SAMPLE = 100
ALWAYS = {"csrfmiddlewaretoken": 1}
CHUNK = 64 * 1024
MAX_HEADER = 8 * 1024
# An urlencoded body up to this many times DATA_UPLOAD_MAX_MEMORY_SIZE is still read (then scanned once).
OVERSIZE_FACTOR = 16
DISPOSITION_NAME = re.compile(rb'(?:^|;)\s*name\s*=\s*(?:"([^"]*)"|([^;\s]*))', re.IGNORECASE)


class Tally:
    """Which names are kept (each up to its count) and which were dropped."""

    def __init__(self, known: Mapping[str, int]):
        self.known = {**ALWAYS, **known}
        self.seen: dict[str, int] = {}
        self.dropped: list[str] = []

    def keep(self, name: str) -> bool:
        count = self.seen.get(name, 0)
        if count < self.known.get(name, 0):
            self.seen[name] = count + 1
            return True
        if len(self.dropped) < SAMPLE:
            self.dropped.append(name)
        return False


def parse_urlencoded(body: bytes, known: Mapping[str, int]) -> tuple[QueryDict, list[str]]:
    tally = Tally(known)
    post = QueryDict(mutable=True)
    for match in re.finditer(rb"[^&]+", body):
        raw_name, _, raw_value = match[0].partition(b"=")
        name = unquote_plus(raw_name.decode("utf-8", "replace"), errors="replace")
        if tally.keep(name):
            post.appendlist(name, unquote_plus(raw_value.decode("utf-8", "replace"), errors="replace"))
    post._mutable = False
    return post, tally.dropped


class PartFilter:
    """A file-like view of a multipart body without the field parts a view does not read.

    Each part is decided from its headers (``Content-Disposition``'s name; a part with a file name always
    passes); a part left out is skipped up to the next delimiter. Headers longer than ``MAX_HEADER`` pass as
    they are, for Django's parser to refuse."""

    def __init__(self, stream, boundary: bytes, known: Mapping[str, int]):
        self.stream = stream
        self.delimiter = b"\r\n--" + boundary
        self.tally = Tally(known)
        # A leading CRLF lets the first boundary be found like the others; it becomes preamble, which is ignored.
        self.buffer = b"\r\n"
        self.out = bytearray()
        self.keeping = True
        self.in_headers = False
        self.ended = False

    @property
    def dropped(self) -> list[str]:
        return self.tally.dropped

    def read(self, size: int = -1) -> bytes:
        while (size < 0 or len(self.out) < size) and not self.ended:
            chunk = self.stream.read(CHUNK)
            if not chunk:
                self.ended = True
                self.out += self.buffer
                self.buffer = b""
                break
            self.buffer += chunk
            self._advance()
        size = len(self.out) if size < 0 else size
        taken = bytes(self.out[:size])
        del self.out[:size]
        return taken

    def _emit(self, data: bytes) -> None:
        if self.keeping:
            self.out += data

    def _advance(self) -> None:
        while True:
            if self.in_headers:
                end = self.buffer.find(b"\r\n\r\n", len(self.delimiter))
                if end == -1 and len(self.buffer) <= MAX_HEADER:
                    return
                self.keeping = end == -1 or self._wanted(self.buffer[len(self.delimiter) : end])
                cut = len(self.buffer) if end == -1 else end + 4
                self._emit(self.buffer[:cut])
                self.buffer = self.buffer[cut:]
                self.in_headers = False
                continue
            found = self.buffer.find(self.delimiter)
            if found == -1:
                safe = len(self.buffer) - len(self.delimiter) + 1
                if safe > 0:
                    self._emit(self.buffer[:safe])
                    self.buffer = self.buffer[safe:]
                return
            self._emit(self.buffer[:found])
            self.buffer = self.buffer[found:]
            if self.buffer[len(self.delimiter) : len(self.delimiter) + 2] == b"--":
                self.keeping = True  # the closing delimiter and the epilogue
                self._emit(self.buffer)
                self.buffer = b""
                return
            self.in_headers = True

    def _wanted(self, headers: bytes) -> bool:
        for line in headers.split(b"\r\n"):
            head, _, value = line.partition(b":")
            if head.strip().lower() != b"content-disposition":
                continue
            if re.search(rb"(?:^|;)\s*filename\*?\s*=", value, re.IGNORECASE):
                return True
            match = DISPOSITION_NAME.search(value)
            if match is None:
                return True
            raw = match[1] if match[1] is not None else match[2]
            return self.tally.keep(raw.decode("utf-8", "replace").strip())
        return True


KnownFields = Callable[[], Mapping[str, int]]


def read_body(request) -> bytes:
    """The body Django refused: read already (too many fields), or, too big for Django but within
    ``OVERSIZE_FACTOR`` times its limit, read now."""
    if hasattr(request, "_body"):
        return request.body
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE * OVERSIZE_FACTOR:
        raise RequestDataTooBig("Request body exceeded the known-fields limit.")
    return request.read(length)


class KnownFieldsMiddleware:
    """For a view with ``known_fields``: a post's unknown fields are left out instead of refusing the post.

    Sits before ``CsrfViewMiddleware`` (whose ``process_view`` reads ``request.POST``). A multipart post is
    filtered as it is parsed (``uploads.CheckedUploadHandler`` reads ``request.known_fields``); an urlencoded
    post is parsed as Django parses it, and only parsed again, keeping the known names, when Django refuses it
    for its number of fields."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        known: KnownFields | None = getattr(view_func, "known_fields", None)
        if known is None or request.method != "POST":
            return None
        request.known_fields = known()
        request.dropped_fields = []
        try:
            request.POST  # noqa: B018 (parse now, so that a refusal for its size is caught here)
        except (TooManyFieldsSent, RequestDataTooBig):
            if request.content_type != "application/x-www-form-urlencoded":
                raise
            post, dropped = parse_urlencoded(read_body(request), request.known_fields)
            request.POST = post
            request._files = MultiValueDict()  # Django left it unset when it refused the body
            request.dropped_fields = dropped
        return None

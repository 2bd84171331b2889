"""The postings of common terms, kept per process until the catalogue changes.

A word most case studies have ("council", "housing", "people") costs the database tens of milliseconds at 100,000
case studies for each search (every match read from the GIN index, with the fields it is in), and such words are
the ones people search for again and again. Their postings depend only on the catalogue's text, so they are kept
here under the catalogue version token the search was planned with (Lucene and Elasticsearch keep a cache of
frequently used filters for the same reason). A new token empties the cache; the cache never holds more than
``MAX_BYTES``, the least recently used leaving first. Rare terms are cheap to fetch and are not kept.
"""

from collections import OrderedDict
from collections.abc import Hashable
from threading import Lock

from .scoring import Posting

MIN_MATCHES = 5000  # a term expected to match fewer case studies is fetched each time
MAX_BYTES = 8 * 2**20


def size_of(posting: Posting) -> int:
    scores = posting.scores.nbytes if posting.scores is not None else 0
    english = posting.english.nbytes if posting.english is not None else 0
    return posting.ids.nbytes + posting.fields.nbytes + scores + english


class PostingCache:
    def __init__(self, max_bytes: int = MAX_BYTES):
        self.max_bytes = max_bytes
        self._lock = Lock()
        self._version: tuple | None = None
        self._entries: OrderedDict[Hashable, Posting] = OrderedDict()
        self._bytes = 0

    def get(self, version: tuple, key: Hashable) -> Posting | None:
        with self._lock:
            if version != self._version:
                return None
            posting = self._entries.get(key)
            if posting is not None:
                self._entries.move_to_end(key)
            return posting

    def put(self, version: tuple, key: Hashable, posting: Posting) -> None:
        size = size_of(posting)
        if size > self.max_bytes:
            return
        with self._lock:
            if version != self._version:
                self._version, self._entries, self._bytes = version, OrderedDict(), 0
            if key in self._entries:
                return
            self._entries[key] = posting
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= size_of(dropped)

    def clear(self) -> None:
        with self._lock:
            self._version, self._entries, self._bytes = None, OrderedDict(), 0


cache = PostingCache()

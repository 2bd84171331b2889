"""Counting the keyword searches of the public pages, so editors see what people look for and what finds nothing.

A search is recorded as an ``Entry`` (the query normalised and masked, the language, whether filters were used, the
number of results, whether a correction or a synonym applied): an increment of a counter in this process's memory,
which is all a request pays. The counts are written in one upsert statement (``flush``) when ``SEARCH_LOG_FLUSH_EVERY``
searches have been counted or ``SEARCH_LOG_FLUSH_SECONDS`` have passed, after the response has been sent
(``flush_if_due``, on Django's ``request_finished``), and when the process exits. Nothing about the person is ever
held: no IP address, session, user agent or referrer. A failure to write is logged and the batch dropped: counting
must never slow or break a search.
"""

import atexit
import logging
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import connections, router, transaction
from django.utils import timezone
from django.utils.translation import get_language

from casestudies.models import SearchCount, normalise_query
from casestudies.models.searchlog import RETENTION_MONTHS
from casestudies.search.query import SYNONYM

logger = logging.getLogger(__name__)
COLUMNS = ("day", "query", "language", "filtered", "results", "corrected", "synonym")
ROWS_PER_STATEMENT = 100  # 800 parameters: well under SQLite's limit


@dataclass(frozen=True, slots=True)
class Entry:
    query: str
    language: str
    filtered: bool
    results: int
    corrected: bool
    synonym: bool


def entry_for(search, *, results: int) -> Entry | None:
    """What is counted of a ``SearchContext``'s search that found ``results`` case studies (None: no keyword)."""
    filterset = search.filterset
    if not filterset.keyword:
        return None
    query = normalise_query(filterset.keyword)
    if not query:
        return None
    start, end = filterset.years()
    filtered = bool(
        search.topic
        or search.council
        or any(filterset.selected(name) for name in filterset.GROUPS if name in filterset.filters)
        or filterset.selected_councils()
        or start is not None
        or end is not None
    )
    plan = filterset.searched_plan()
    return Entry(
        query=query,
        language=(get_language() or settings.LANGUAGE_CODE).split("-")[0][:8],
        filtered=filtered,
        results=results,
        corrected=filterset.showing_corrected,
        synonym=any(term.kind == SYNONYM for clause in plan.query.clauses for term in clause.alternatives),
    )


class Recorder:
    """The counts not yet written, per day and entry."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[tuple[date, Entry]] = Counter()
        self._pending = 0
        self._since = time.monotonic()

    def add(self, entry: Entry, *, day: date | None = None) -> None:
        day = day or timezone.localdate()
        with self._lock:
            self._counts[(day, entry)] += 1
            self._pending += 1

    @property
    def pending(self) -> int:
        return self._pending

    def due(self) -> bool:
        if not self._pending:
            return False
        seconds = settings.SEARCH_LOG_FLUSH_SECONDS
        return self._pending >= settings.SEARCH_LOG_FLUSH_EVERY or (
            seconds is not None and time.monotonic() - self._since >= seconds
        )

    def take(self) -> Counter:
        with self._lock:
            counts, self._counts = self._counts, Counter()
            self._pending, self._since = 0, time.monotonic()
        return counts

    def flush(self) -> int:
        """Write the counts held (one upsert statement per ``ROWS_PER_STATEMENT`` rows); how many rows were
        written. On any failure the batch is logged and dropped."""
        counts = self.take()
        if not counts:
            return 0
        try:
            _write(counts)
        except Exception:
            logger.exception("Search counts not recorded (%d rows dropped)", len(counts))
            return 0
        return len(counts)


def _write(counts: Counter) -> None:
    using = router.db_for_write(SearchCount)
    connection = connections[using]
    quote = connection.ops.quote_name
    table = quote(SearchCount._meta.db_table)
    columns = ", ".join(quote(column) for column in (*COLUMNS, "searches"))
    conflict = ", ".join(quote(column) for column in COLUMNS)
    searches = quote("searches")
    items = list(counts.items())
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A locked table must not hold the request's worker: give up quickly instead.
            cursor.execute("SET LOCAL lock_timeout = '500ms'")
        for start in range(0, len(items), ROWS_PER_STATEMENT):
            chunk = items[start : start + ROWS_PER_STATEMENT]
            values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s)"] * len(chunk))
            params = []
            for (day, entry), count in chunk:
                params += [
                    connection.ops.adapt_datefield_value(day),
                    entry.query,
                    entry.language,
                    entry.filtered,
                    entry.results,
                    entry.corrected,
                    entry.synonym,
                    count,
                ]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {values} ON CONFLICT ({conflict}) "
                f"DO UPDATE SET {searches} = {table}.{searches} + EXCLUDED.{searches}",
                params,
            )


recorder = Recorder()


def record(entry: Entry | None) -> None:
    """Count a search (nothing is written now)."""
    if entry is not None and settings.SEARCH_LOG_ENABLED:
        recorder.add(entry)


def record_search(search, *, results: int) -> Entry | None:
    """Count the search of a page; the entry is returned so a cached copy of the page can count it again."""
    entry = entry_for(search, results=results)
    record(entry)
    return entry


def flush() -> int:
    return recorder.flush()


def flush_if_due(**_kwargs) -> None:
    """``request_finished``'s receiver: write the counts when enough have gathered (after the response)."""
    if recorder.due():
        recorder.flush()


def discard() -> None:
    """Forget the counts not yet written (tests)."""
    recorder.take()


atexit.register(flush)


def retention_cutoff(today: date | None = None) -> date:
    """The first day kept: ``RETENTION_MONTHS`` months before ``today`` (the same day of the month, or the month's
    last day when it has fewer)."""
    today = today or timezone.localdate()
    month_index = today.year * 12 + today.month - 1 - RETENTION_MONTHS
    year, month = divmod(month_index, 12)
    month += 1
    next_month = date(year + (month == 12), month % 12 + 1, 1)
    return min(
        today.replace(year=year, month=month, day=1) + timedelta(days=today.day - 1),
        next_month - timedelta(days=1),
    )


def purge(*, today: date | None = None) -> int:
    """Delete the counts of days before ``retention_cutoff(today)``; how many rows went."""
    with transaction.atomic(using=router.db_for_write(SearchCount)):
        deleted, _ = SearchCount.objects.filter(day__lt=retention_cutoff(today)).delete()
    return deleted

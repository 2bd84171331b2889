"""Suggestions as you type: case study titles, topics and councils for what has been typed so far.

Every word typed must be a word of the suggestion, the last one as a prefix ("warm wel" finds "A warm welcome").
The titles of the published case studies are held per process as a sorted list of their words, each with the
positions (newest first) of the titles that have it, so a prefix is two binary searches and its titles a few array
operations, at any catalogue size; only the chosen titles are read from the database.

When the catalogue version token changes the index is not built again: the case studies changed since it was read
(``updated_at``, and scheduled ones gone live) are read and held beside it, as titles left out of the built arrays
and titles added to a short list searched word by word (``refresh``). Only when that list grows long, or when the
number of public case studies does not add up (a row deleted, or a write that left ``updated_at`` alone), is the
index built again.
"""

import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

import numpy as np
from django.db import router
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from casestudies.models import CaseStudy, CatalogueVersion, Council, Topic
from casestudies.ops.versioned import PerVersion

from .query import strip_diacritics

MIN_PREFIX = 2
MAX_WORDS = 8
LIMITS = {"case_study": 5, "topic": 3, "council": 3}


def words(text: str) -> list[str]:
    return re.findall(r"\w+", strip_diacritics(text.lower()))


@dataclass(frozen=True)
class Suggestion:
    kind: str  # case_study, topic or council
    label: str
    url: str


@dataclass(eq=False)
class TitleIndex:
    token: int | None
    ids: np.ndarray  # position (newest first) -> case study id
    published: np.ndarray  # position -> publication time (microseconds since the epoch)
    vocabulary: np.ndarray  # sorted distinct title words
    starts: np.ndarray  # vocabulary[i]'s positions are postings[starts[i]:starts[i + 1]]
    postings: np.ndarray
    topics: list[tuple[list[str], str, str]]  # (words, name, url)
    councils: list[tuple[list[str], str, str]]
    read_at: datetime  # the database as it was then (case studies changed since are read by ``refresh``)
    seen: datetime | None  # the latest ``updated_at`` read
    # When the next scheduled case study goes live: the titles are read again then.
    next_change: datetime | None = None
    # Changes since the arrays were built: ids left out of them, and titles added (id -> publication, words).
    removed: frozenset[int] = frozenset()
    added: dict[int, tuple[int, list[str]]] = field(default_factory=dict)

    def _positions(self, word: str, *, prefix: bool) -> np.ndarray:
        lo = int(np.searchsorted(self.vocabulary, word, side="left"))
        hi = int(np.searchsorted(self.vocabulary, word + "\U0010ffff" if prefix else word, side="right"))
        if hi <= lo:
            return np.zeros(0, dtype=np.int32)
        return self.postings[self.starts[lo] : self.starts[hi]]

    def titles(self, typed: list[str], limit: int) -> list[int]:
        """Ids of the newest titles having every typed word (the last one as a prefix)."""
        found: list[tuple[int, int]] = []
        if len(self.ids):
            chosen = np.zeros(len(self.ids), dtype=bool)
            chosen[self._positions(typed[-1], prefix=True)] = True
            for word in typed[:-1]:
                having = np.zeros(len(self.ids), dtype=bool)
                having[self._positions(word, prefix=False)] = True
                chosen &= having
            positions = np.flatnonzero(chosen)
            if self.removed:
                positions = positions[~np.isin(self.ids[positions], list(self.removed))]
            positions = positions[:limit]
            found = list(zip(self.published[positions].tolist(), self.ids[positions].tolist(), strict=True))
        found += [(at, pk) for pk, (at, words) in self.added.items() if _matches(words, typed)]
        found.sort(reverse=True)
        return [pk for _, pk in found[:limit]]

    def size(self) -> int:
        """How many public titles it holds."""
        left_out = int(np.isin(self.ids, list(self.removed)).sum()) if self.removed else 0
        return len(self.ids) - left_out + len(self.added)


def _matches(name_words: list[str], typed: list[str]) -> bool:
    *complete, last = typed
    return all(word in name_words for word in complete) and any(w.startswith(last) for w in name_words)


MAX_ADDED = 500  # titles held beside the arrays before they are built again
SLACK = timedelta(minutes=5)


def _microseconds(moment: datetime) -> int:
    return int(moment.timestamp() * 1_000_000)


def build(using: str, token: int | None) -> TitleIndex:
    now = timezone.now()
    case_studies = CaseStudy.objects.using(using)
    seen = case_studies.aggregate(seen=Max("updated_at"))["seen"]
    rows = list(
        case_studies.published(at=now)
        .order_by("-published_at", "-id")
        .values_list("id", "title", "published_at")
    )
    by_word: dict[str, list[int]] = {}
    for position, (_, title, _) in enumerate(rows):
        for word in set(words(title)):
            by_word.setdefault(word, []).append(position)
    vocabulary = sorted(by_word)
    sizes = np.array([len(by_word[w]) for w in vocabulary], dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    postings = (
        np.concatenate([np.array(by_word[w], dtype=np.int32) for w in vocabulary])
        if vocabulary
        else np.zeros(0, dtype=np.int32)
    )
    return TitleIndex(
        token=token,
        ids=np.array([pk for pk, _, _ in rows], dtype=np.int64),
        published=np.array([_microseconds(at) for _, _, at in rows], dtype=np.int64),
        vocabulary=np.array(vocabulary, dtype=str),
        starts=starts,
        postings=postings,
        read_at=now,
        seen=seen,
        **_names(using, now),
    )


def _names(using: str, now: datetime) -> dict:
    """The topics, the councils that lead a public case study, and the next scheduled publication: cheap reads,
    made again at every refresh. (IN over one scan of the published case studies: SQLite ran an EXISTS per council
    as a scan each, seconds at 10,000 case studies.)"""
    case_studies = CaseStudy.objects.using(using)
    leading = case_studies.published(at=now).values("lead_council_id")
    councils = Council.objects.using(using).filter(pk__in=leading).order_by("name").only("name", "code")
    return {
        "topics": [(words(t.name), t.name, t.get_absolute_url()) for t in Topic.objects.using(using).all()],
        "councils": [
            (words(c.name), c.name, reverse("casestudies:council", kwargs={"code": c.code})) for c in councils
        ],
        "next_change": case_studies.next_publication(at=now),
    }


def refresh(using: str, token: int | None, held: TitleIndex) -> TitleIndex:
    """The index held, brought up to date with the case studies changed since it was read."""
    now = timezone.now()
    case_studies = CaseStudy.objects.using(using)
    went_live = Q(status=CaseStudy.Status.PUBLISHED, published_at__gt=held.read_at, published_at__lte=now)
    # Read again what changed shortly before the latest change seen: a transaction that committed after another may
    # have saved its rows before it.
    changed = case_studies.filter(went_live | Q(updated_at__gt=held.seen - SLACK) if held.seen else went_live)
    rows = list(changed.values_list("id", "title", "status", "published_at", "updated_at")[: MAX_ADDED + 1])
    if len(rows) > MAX_ADDED or held.seen is None:
        return build(using, token)
    removed, added = set(held.removed), dict(held.added)
    for pk, title, status, published_at, _ in rows:
        removed.add(pk)
        added.pop(pk, None)
        if status == CaseStudy.Status.PUBLISHED and published_at is not None and published_at <= now:
            added[pk] = (_microseconds(published_at), words(title))
    refreshed = replace(
        held,
        token=token,
        removed=frozenset(removed),
        added=added,
        read_at=now,
        seen=max([held.seen, *(updated_at for *_, updated_at in rows)]),
        **_names(using, now),
    )
    if len(refreshed.added) > MAX_ADDED or refreshed.size() != case_studies.published(at=now).count():
        return build(using, token)  # a deletion, or a write that left updated_at alone
    return refreshed


_indexes = PerVersion(build, expires=lambda index: index.next_change, refresh=refresh)


def current(using: str) -> TitleIndex:
    token = CatalogueVersion.objects.using(using).filter(pk=1).values_list("token", flat=True).first()
    return _indexes.get(using, token)


def suggest(text: str) -> tuple[list[Suggestion], datetime | None]:
    """Case studies (newest first), then topics and councils, for the text typed so far; and the time they stop
    being true without a write to the database (the next scheduled publication), or None."""
    typed = words(text)[:MAX_WORDS]
    if not typed or len("".join(typed)) < MIN_PREFIX:
        return [], None
    using = router.db_for_read(CaseStudy)
    index = current(using)
    ids = index.titles(typed, LIMITS["case_study"])
    rows = CaseStudy.objects.using(using).filter(pk__in=ids).only("title", "slug").in_bulk()
    found = [
        Suggestion("case_study", rows[pk].title, rows[pk].get_absolute_url()) for pk in ids if pk in rows
    ]
    for kind, items in (("topic", index.topics), ("council", index.councils)):
        chosen = [(label, url) for name_words, label, url in items if _matches(name_words, typed)]
        found += [Suggestion(kind, label, url) for label, url in chosen[: LIMITS[kind]]]
    return found, index.next_change

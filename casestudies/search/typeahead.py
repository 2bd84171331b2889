"""Suggestions as you type: case study titles, topics and councils for what has been typed so far.

Every word typed must be a word of the suggestion, the last one as a prefix ("warm wel" finds "A warm welcome").
The titles of the published case studies are held per process as a sorted list of their words, each with the
positions (newest first) of the titles that have it, so a prefix is two binary searches and its titles a few array
operations, at any catalogue size; only the chosen titles are read from the database. The index is rebuilt when the
catalogue version token changes, like the catalogue index.
"""

import re
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from django.db import router
from django.db.models import Exists, OuterRef
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
    vocabulary: np.ndarray  # sorted distinct title words
    starts: np.ndarray  # vocabulary[i]'s positions are postings[starts[i]:starts[i + 1]]
    postings: np.ndarray
    topics: list[tuple[list[str], str, str]]  # (words, name, url)
    councils: list[tuple[list[str], str, str]]
    # When the next scheduled case study goes live: the titles are read again then.
    next_change: datetime | None = None

    def _positions(self, word: str, *, prefix: bool) -> np.ndarray:
        lo = int(np.searchsorted(self.vocabulary, word, side="left"))
        hi = int(np.searchsorted(self.vocabulary, word + "\U0010ffff" if prefix else word, side="right"))
        if hi <= lo:
            return np.zeros(0, dtype=np.int32)
        return self.postings[self.starts[lo] : self.starts[hi]]

    def titles(self, typed: list[str], limit: int) -> list[int]:
        """Ids of the newest titles having every typed word (the last one as a prefix)."""
        if not len(self.ids):
            return []
        chosen = np.zeros(len(self.ids), dtype=bool)
        chosen[self._positions(typed[-1], prefix=True)] = True
        for word in typed[:-1]:
            having = np.zeros(len(self.ids), dtype=bool)
            having[self._positions(word, prefix=False)] = True
            chosen &= having
        return self.ids[np.flatnonzero(chosen)[:limit]].tolist()


def _matches(name_words: list[str], typed: list[str]) -> bool:
    *complete, last = typed
    return all(word in name_words for word in complete) and any(w.startswith(last) for w in name_words)


def build(using: str, token: int | None) -> TitleIndex:
    now = timezone.now()
    case_studies = CaseStudy.objects.using(using)
    rows = list(case_studies.published(at=now).order_by("-published_at", "-id").values_list("id", "title"))
    by_word: dict[str, list[int]] = {}
    for position, (_, title) in enumerate(rows):
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
    published = case_studies.published(at=now).filter(lead_council=OuterRef("pk"))
    councils = Council.objects.using(using).filter(Exists(published)).order_by("name")
    return TitleIndex(
        token=token,
        ids=np.array([pk for pk, _ in rows], dtype=np.int64),
        vocabulary=np.array(vocabulary, dtype=str),
        starts=starts,
        postings=postings,
        topics=[(words(t.name), t.name, t.get_absolute_url()) for t in Topic.objects.using(using).all()],
        councils=[
            (words(c.name), c.name, reverse("casestudies:council", kwargs={"code": c.code}))
            for c in councils.only("name", "code")
        ],
        next_change=case_studies.next_publication(at=now),
    )


_indexes = PerVersion(build, expires=lambda index: index.next_change)


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

"""Suggestions as you type: case study titles, topics and councils for what has been typed so far.

Every word typed must be a word of the suggestion, the last one as a prefix ("warm wel" finds "A warm welcome").
The titles of the published case studies are held per process as a sorted list of their words, each with the
positions (newest first) of the titles that have it, so a prefix is two binary searches and its titles a few array
operations, at any catalogue size; only the chosen titles are read from the database.

On a Welsh page (issue 23) a case study with a Welsh version is suggested by its Welsh title and found by that title's
words (diacritics folded: "mon" finds "Môn"); one without is found and suggested by its English title, marked ``lang``
"en" so the script can say so. The Welsh titles have postings of their own over the same positions:
a Welsh lookup is the English one without the positions that have a Welsh title, with the Welsh one's added.
Topics and councils are suggested by their Welsh names (their English name, marked, where they have none), and every
link leads to the page in the page's language.

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
from django.utils import timezone, translation

from casestudies.models import CaseStudy, CatalogueVersion, Council, Topic
from casestudies.ops.languages import ENGLISH, WELSH, is_welsh
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
    lang: str = ""  # "en" when the label is English on a Welsh page


# A topic's or council's name as a language shows it: (its words, the name, its page's URL, lang: "" or "en").
Name = tuple[list[str], str, str, str]


@dataclass(eq=False)
class Postings:
    """Title words and the positions of the titles that have each."""

    vocabulary: np.ndarray  # sorted distinct title words
    starts: np.ndarray  # vocabulary[i]'s positions are postings[starts[i]:starts[i + 1]]
    postings: np.ndarray

    @classmethod
    def of(cls, titles: list[tuple[int, str]]) -> "Postings":
        """The postings of ``titles``: (position, title) pairs."""
        by_word: dict[str, list[int]] = {}
        for position, title in titles:
            for word in set(words(title)):
                by_word.setdefault(word, []).append(position)
        vocabulary = sorted(by_word)
        sizes = np.array([len(by_word[w]) for w in vocabulary], dtype=np.int64)
        return cls(
            vocabulary=np.array(vocabulary, dtype=str),
            starts=np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64),
            postings=(
                np.concatenate([np.array(by_word[w], dtype=np.int32) for w in vocabulary])
                if vocabulary
                else np.zeros(0, dtype=np.int32)
            ),
        )

    def positions(self, word: str, *, prefix: bool) -> np.ndarray:
        lo = int(np.searchsorted(self.vocabulary, word, side="left"))
        hi = int(np.searchsorted(self.vocabulary, word + "\U0010ffff" if prefix else word, side="right"))
        if hi <= lo:
            return np.zeros(0, dtype=np.int32)
        return self.postings[self.starts[lo] : self.starts[hi]]

    def matching(self, typed: list[str]) -> np.ndarray:
        """The positions whose title has every typed word (the last one as a prefix), for few titles (the Welsh
        ones): intersections of the sorted positions, no array the size of the catalogue."""
        found = self.positions(typed[-1], prefix=True)
        for word in typed[:-1]:
            found = np.intersect1d(found, self.positions(word, prefix=False))
        return found

    def having(self, typed: list[str], size: int) -> np.ndarray:
        """A mask of the positions whose title has every typed word (the last one as a prefix)."""
        chosen = np.zeros(size, dtype=bool)
        chosen[self.positions(typed[-1], prefix=True)] = True
        for word in typed[:-1]:
            having = np.zeros(size, dtype=bool)
            having[self.positions(word, prefix=False)] = True
            chosen &= having
        return chosen


@dataclass(eq=False)
class TitleIndex:
    token: int | None
    ids: np.ndarray  # position (newest first) -> case study id
    published: np.ndarray  # position -> publication time (microseconds since the epoch)
    english: Postings  # every title
    welsh: Postings  # the Welsh titles (issue 23)
    welsh_positions: np.ndarray  # the positions of the titles that have a Welsh one
    names: dict[tuple[str, str], list[Name]]  # (kind, language) -> the topics' or councils' names
    read_at: datetime  # the database as it was then (case studies changed since are read by ``refresh``)
    seen: datetime | None  # the latest ``updated_at`` read
    # When the next scheduled case study goes live: the titles are read again then.
    next_change: datetime | None = None
    # Changes since the arrays were built: ids left out of them, and titles added (id -> publication, the English
    # title's words, the Welsh title's words or None).
    removed: frozenset[int] = frozenset()
    added: dict[int, tuple[int, list[str], list[str] | None]] = field(default_factory=dict)

    def titles(self, typed: list[str], limit: int, *, welsh: bool = False) -> list[int]:
        """Ids of the newest titles having every typed word (the last one as a prefix): on a Welsh page, the Welsh
        title where there is one."""
        found: list[tuple[int, int]] = []
        if len(self.ids):
            chosen = self.english.having(typed, len(self.ids))
            if welsh and len(self.welsh_positions):
                chosen[self.welsh_positions] = False
                chosen[self.welsh.matching(typed)] = True
            positions = np.flatnonzero(chosen)
            if self.removed:
                positions = positions[~np.isin(self.ids[positions], list(self.removed))]
            positions = positions[:limit]
            found = list(zip(self.published[positions].tolist(), self.ids[positions].tolist(), strict=True))
        found += [
            (at, pk)
            for pk, (at, english, cymraeg) in self.added.items()
            if _matches(cymraeg if welsh and cymraeg is not None else english, typed)
        ]
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
        .values_list("id", "title", "title_cy", "published_at")
    )
    welsh = [(position, title_cy) for position, (_, _, title_cy, _) in enumerate(rows) if _welsh(title_cy)]
    return TitleIndex(
        token=token,
        ids=np.array([pk for pk, *_ in rows], dtype=np.int64),
        published=np.array([_microseconds(at) for *_, at in rows], dtype=np.int64),
        english=Postings.of([(position, title) for position, (_, title, _, _) in enumerate(rows)]),
        welsh=Postings.of(welsh),
        welsh_positions=np.array([position for position, _ in welsh], dtype=np.int64),
        read_at=now,
        seen=seen,
        **_names(using, now),
    )


def _welsh(title_cy: str) -> bool:
    """Whether a case study has a Welsh version (``CaseStudy.has_welsh``)."""
    return bool(title_cy.strip())


def _names(using: str, now: datetime) -> dict:
    """The topics, the councils that lead a public case study, and the next scheduled publication: cheap reads,
    made again at every refresh. (IN over one scan of the published case studies: SQLite ran an EXISTS per council
    as a scan each, seconds at 10,000 case studies.)"""
    case_studies = CaseStudy.objects.using(using)
    leading = case_studies.published(at=now).values("lead_council_id")
    councils = list(
        Council.objects.using(using).filter(pk__in=leading).order_by("name").only("name", "name_cy", "code")
    )
    topics = list(Topic.objects.using(using).all())
    names: dict[tuple[str, str], list[Name]] = {}
    for language in (ENGLISH, WELSH):
        with translation.override(language):  # the links lead to the pages in that language
            names["topic", language] = [
                _name(t.name, t.name_cy, t.get_absolute_url(), language) for t in topics
            ]
            names["council", language] = sorted(
                (
                    _name(
                        c.name, c.name_cy, reverse("casestudies:council", kwargs={"code": c.code}), language
                    )
                    for c in councils
                ),
                key=lambda name: name[1],
            )
    return {"names": names, "next_change": case_studies.next_publication(at=now)}


def _name(english: str, welsh: str, url: str, language: str) -> Name:
    if language == WELSH and welsh:
        return (words(welsh), welsh, url, "")
    return (words(english), english, url, "en" if language == WELSH else "")


def refresh(using: str, token: int | None, held: TitleIndex) -> TitleIndex:
    """The index held, brought up to date with the case studies changed since it was read."""
    now = timezone.now()
    case_studies = CaseStudy.objects.using(using)
    went_live = Q(status=CaseStudy.Status.PUBLISHED, published_at__gt=held.read_at, published_at__lte=now)
    # Read again what changed shortly before the latest change seen: a transaction that committed after another may
    # have saved its rows before it.
    changed = case_studies.filter(went_live | Q(updated_at__gt=held.seen - SLACK) if held.seen else went_live)
    rows = list(
        changed.values_list("id", "title", "title_cy", "status", "published_at", "updated_at")[
            : MAX_ADDED + 1
        ]
    )
    if len(rows) > MAX_ADDED or held.seen is None:
        return build(using, token)
    removed, added = set(held.removed), dict(held.added)
    for pk, title, title_cy, status, published_at, _ in rows:
        removed.add(pk)
        added.pop(pk, None)
        if status == CaseStudy.Status.PUBLISHED and published_at is not None and published_at <= now:
            added[pk] = (
                _microseconds(published_at),
                words(title),
                words(title_cy) if _welsh(title_cy) else None,
            )
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
    welsh = is_welsh()
    ids = index.titles(typed, LIMITS["case_study"], welsh=welsh)
    fields = ("title", "title_cy", "slug") if welsh else ("title", "slug")
    rows = CaseStudy.objects.using(using).filter(pk__in=ids).only(*fields).in_bulk()
    found = [_case_study(rows[pk], welsh=welsh) for pk in ids if pk in rows]
    for kind in ("topic", "council"):
        chosen = [name for name in index.names[kind, WELSH if welsh else ENGLISH] if _matches(name[0], typed)]
        found += [Suggestion(kind, label, url, lang) for _, label, url, lang in chosen[: LIMITS[kind]]]
    return found, index.next_change


def _case_study(case_study: CaseStudy, *, welsh: bool) -> Suggestion:
    """A case study by its title in the page's language: on a Welsh page its Welsh title, else its English one
    marked "en"."""
    if not welsh:
        return Suggestion("case_study", case_study.title, case_study.get_absolute_url())
    if _welsh(case_study.title_cy):
        return Suggestion("case_study", case_study.title_cy, case_study.get_absolute_url())
    return Suggestion("case_study", case_study.title, case_study.get_absolute_url(), "en")

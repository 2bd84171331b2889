"""An in-memory index of the published catalogue, for the list, topic and council pages.

Every published case study has a position (0 is the newest; ties broken by id, as on the list). Each filter option
(topic, support type, region, type of council, council, year, evidence level, cost band, stage, reported results)
is a bit set of positions held in one Python ``int``, so a filter is a few ``&`` and ``|``, a count is
``int.bit_count()`` and the disjunctive facet counts of a whole page take well under a millisecond at 100,000 case
studies. Only the page's twenty rows are then read from the database.

The index is rebuilt when the catalogue version token changes (``CatalogueVersion``, written by database triggers
on every table it is built from), so each request costs one primary-key lookup to check it, and when the next
scheduled publication time passes (nothing is written then, so no trigger fires: the index remembers the time).
It is per process and per database alias; nothing in it is shared or written back, so app servers stay stateless.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain
from zoneinfo import ZoneInfo

import numpy as np
from django.db import router
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone

from casestudies.models import CaseStudy, CatalogueVersion, Council, Outcome, SupportType, Topic
from casestudies.models.evidence import effective_evidence_level
from casestudies.models.index import version_tokens
from casestudies.ops.versioned import PerVersion

from .bits import ascending, at_least, bits_from_positions, in_order

LONDON = ZoneInfo("Europe/London")


REMEMBER_FROM, REMEMBERED = 5000, 8


@dataclass(eq=False)
class RankedSearch:
    positions: np.ndarray  # index positions of the published matches, best first
    related: tuple[str, ...]  # the related terms learned from the first results
    mask: int | None = None  # the positions as a bit set, once asked for


@dataclass(eq=False)
class Catalogue:
    token: int | None
    ids: np.ndarray  # case study ids by position (int64; no Python int per row is kept)
    # The position of each id, or -1: an array indexed by id, so 100,000 search hits map in one step.
    position_by_id: np.ndarray
    everything: int
    topics: list[Topic]
    support_types: list[SupportType]
    by_topic: dict[int, int]
    by_support_type: dict[int, int]
    by_region: dict[str, int]
    by_authority_type: dict[str, int]
    by_council: dict[int, int]
    by_year: dict[int, int]
    title_order: np.ndarray
    # Impact, cost and evidence (issue 20): the effective evidence level (confirmed, else self-assessed; 0: none
    # stated), the cost band and the stage ("": not stated), and the case studies reporting measured outcomes or
    # savings. ``evidence_order``: positions by level, strongest first, newest first among equals.
    by_evidence: dict[int, int]
    by_cost_band: dict[str, int]
    by_stage: dict[str, int]
    with_outcomes: int
    with_savings: int
    evidence_order: np.ndarray
    # For the result cards: each position's first topic (an index into ``topics``, which are in display order;
    # -1 for none) and each council's code and name, so a page of cards is one narrow query; and each position's
    # level, cost band, stage and whether it has outcomes (``card_facts``: int8 rows; the band and the stage as
    # their number among the keys of ``by_cost_band`` and ``by_stage``, kept in ``band_names`` and ``stage_names``).
    first_topic: np.ndarray
    councils: dict[int, tuple[str, str]]
    welsh_council_names: dict[int, str]  # the councils that have a Welsh name (issue 23)
    card_facts: np.ndarray
    band_names: tuple[str, ...]
    stage_names: tuple[str, ...]
    labels: dict = field(default_factory=dict, repr=False)  # per language: ``labels.Labels``, built once
    # When the next scheduled case study goes live: the index is stale from then on.
    next_change: datetime | None = None
    # Keyword searches with many results, ranked against this index (see ``remembered``); they go with it.
    searches: OrderedDict = field(default_factory=OrderedDict, repr=False)

    def remembered(self, key: str, rank: Callable[[], "RankedSearch"]) -> "RankedSearch":
        """A keyword's ranked positions, ranked once per index for a search with many results: a word most of the
        catalogue has ("council") costs tens of milliseconds to rank at 100,000 case studies, and people page
        through it and filter it. At most ``REMEMBERED`` searches are kept, least recently used out first."""
        found = self.searches.get(key)
        if found is not None:
            self.searches.move_to_end(key)
            return found
        found = rank()
        if len(found.positions) >= REMEMBER_FROM:
            self.searches[key] = found
            while len(self.searches) > REMEMBERED:
                self.searches.popitem(last=False)
        return found

    @property
    def size(self) -> int:
        return len(self.ids)

    def union(self, masks: Iterable[int]) -> int:
        result = 0
        for mask in masks:
            result |= mask
        return result

    def evidence_at_least(self, level: int) -> int:
        """The case studies whose effective evidence level is ``level`` or higher (1 to 5)."""
        return self.union(mask for stated, mask in self.by_evidence.items() if stated and stated >= level)

    def years(self, start: int | None, end: int | None) -> int:
        return self.union(
            mask
            for year, mask in self.by_year.items()
            if (start is None or year >= start) and (end is None or year <= end)
        )

    def first_topic_of(self, case_study_id: int) -> Topic | None:
        position = self.position_of(case_study_id)
        number = int(self.first_topic[position]) if position >= 0 else -1
        return self.topics[number] if number >= 0 else None

    def facts_of(self, case_study_id: int) -> tuple[str, int | None, str, bool]:
        """A published case study's cost band, evidence level, stage ("", None: not stated) and whether it reports
        measured outcomes, from the index (no query)."""
        position = self.position_of(case_study_id)
        if position < 0:
            return "", None, "", True  # not in this index: the caller reads what it needs
        level, band, stage, outcomes = self.card_facts[position].tolist()
        return self.band_names[band], level or None, self.stage_names[stage], bool(outcomes)

    def tags_of(self, case_study_id: int) -> tuple[list[Topic], list[SupportType]] | None:
        """A published case study's topics and support types, in display order, from the bit sets (no query);
        None for a case study the index does not have."""
        position = self.position_of(case_study_id)
        if position < 0:
            return None
        bit = 1 << position
        topics = [topic for topic in self.topics if self.by_topic.get(topic.pk, 0) & bit]
        supports = [
            support for support in self.support_types if self.by_support_type.get(support.pk, 0) & bit
        ]
        return topics, supports

    def position_of(self, case_study_id: int) -> int:
        """The position of a published case study, or -1."""
        if 0 <= case_study_id < len(self.position_by_id):
            return int(self.position_by_id[case_study_id])
        return -1

    def relevance_order(self, ids: np.ndarray, ranks: np.ndarray) -> np.ndarray:
        """Positions of the published ones among ``ids``, highest rank first, newest first among equals."""
        positions, keep = self._published(ids)
        # One integer sort instead of a two-key sort: the bits of a non-negative float32 order like its value, so
        # (inverted rank bits, position) packed in 64 bits sorts by rank descending, then newest first.
        rank_bits = np.maximum(ranks[keep].astype(np.float32), 0).view(np.uint32).astype(np.uint64)
        keys = ((np.uint64(0xFFFFFFFF) - rank_bits) << np.uint64(32)) | positions.astype(np.uint64)
        keys.sort()
        return (keys & np.uint64(0xFFFFFFFF)).astype(np.int64)

    def _published(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The positions of the published ids, and which of ``ids`` they are."""
        known = (ids >= 0) & (ids < len(self.position_by_id))
        positions = np.full(len(ids), -1, dtype=np.int64)
        positions[known] = self.position_by_id[ids[known]]
        keep = positions >= 0
        return positions[keep], keep

    def page(
        self, mask: int, *, order: str, start: int, stop: int, ranked: np.ndarray | None = None
    ) -> list[int]:
        """Case study ids of the results ranked ``start`` to ``stop - 1`` under ``order``.

        For ``relevance``, ``ranked`` holds the positions of the keyword's matches, best first
        (``relevance_order``).
        """
        if order == "newest":
            chosen = ascending(mask, self.size, start, stop)
        elif order == "oldest":
            total = mask.bit_count()
            chosen = ascending(mask, self.size, max(0, total - stop), max(0, total - start))[::-1]
        elif order == "title":
            chosen = in_order(mask, self.size, self.title_order, start, stop)
        elif order == "evidence":
            chosen = in_order(mask, self.size, self.evidence_order, start, stop)
        elif order == "relevance":
            chosen = in_order(mask, self.size, ranked if ranked is not None else [], start, stop)
        else:
            raise ValueError(f"Unknown order {order!r}")
        return self.ids[np.asarray(chosen, dtype=np.int64)].tolist()

    def related(self, case_study_id: int, topic_ids: list[int], *, limit: int, within: int = -1) -> list[int]:
        """Ids of published case studies sharing most topics with this one (or with ``topic_ids``, for an id that
        is no case study), newest first among equals; only those in the bit set ``within``."""
        masks = [self.by_topic[pk] for pk in topic_ids if pk in self.by_topic]
        if not masks:
            return []
        position = self.position_of(case_study_id)
        exclude = ~(1 << position) if position >= 0 else -1
        chosen: list[int] = []
        above = 0
        for shared in range(len(masks), 0, -1):
            level = at_least(masks, shared) & exclude & within
            chosen += ascending(level & ~above, self.size, 0, limit - len(chosen))
            if len(chosen) >= limit:
                break
            above = level
        return self.ids[np.asarray(chosen, dtype=np.int64)].tolist()


def _title_order(title_ids: Iterable[int], position_by_id: np.ndarray) -> np.ndarray:
    ids = np.fromiter(title_ids, dtype=np.int64)
    ids = ids[ids < len(position_by_id)]
    positions = position_by_id[ids]
    return positions[positions >= 0]


def build(using: str, token: int | None) -> Catalogue:
    now = timezone.now()
    # Scheduled case studies come first in this order; they are left out, and the soonest says when the index
    # goes stale (read in the same query, so scheduling costs no query).
    published = CaseStudy.objects.using(using).filter(
        status=CaseStudy.Status.PUBLISHED, published_at__isnull=False
    )
    # The impact, cost and evidence columns come in the same query (whether a case study has outcomes is an
    # EXISTS), so they cost the build no query of its own.
    every = (
        published.order_by("-published_at", "-id")
        .annotate(
            level=effective_evidence_level(),
            has_outcomes=Exists(Outcome.objects.filter(case_study_id=OuterRef("pk"))),
            has_savings=ExpressionWrapper(Q(savings_per_year__isnull=False), output_field=BooleanField()),
        )
        .values_list(
            "id",
            "lead_council_id",
            ExtractYear("published_at", tzinfo=LONDON),
            "published_at",
            "level",
            "cost_band",
            "stage",
            "has_outcomes",
            "has_savings",
        )
    )
    rows, upcoming, impact = [], [], []
    for pk, council_id, year, published_at, *facts in every:
        if published_at > now:
            upcoming.append(published_at)
        else:
            rows.append((pk, council_id, year))
            impact.append(facts)
    # Only arrays outlive the build: Python ints kept from these rows would pin the memory of everything read with
    # them (about 40 MB at 100,000 case studies stayed resident).
    ids = np.fromiter((pk for pk, _, _ in rows), dtype=np.int64, count=len(rows))
    position_by_id = np.full(int(ids.max(initial=-1)) + 1, -1, dtype=np.int64)
    position_by_id[ids] = np.arange(len(ids))
    size = len(ids)

    def group(pairs: Iterable[tuple[object, int]]) -> dict:
        collected: dict[object, list[int]] = {}
        for key, position in pairs:
            collected.setdefault(key, []).append(position)
        return {key: bits_from_positions(found, size) for key, found in collected.items()}

    def links(relation: str, target: str) -> dict[int, np.ndarray]:
        """The positions linked to each target id."""
        through = getattr(CaseStudy, relation).through
        pairs = through.objects.using(using).values_list("casestudy_id", target).iterator(chunk_size=20000)
        flat = np.fromiter(chain.from_iterable(pairs), dtype=np.int64)
        case_ids, targets = flat[0::2], flat[1::2]
        known = case_ids < len(position_by_id)
        found = np.full(len(case_ids), -1, dtype=np.int64)
        found[known] = position_by_id[case_ids[known]]
        keep = found >= 0
        found, targets = found[keep], targets[keep]
        order = np.argsort(targets, kind="stable")
        found, targets = found[order], targets[order]
        keys, starts = np.unique(targets, return_index=True)
        ends = np.append(starts[1:], len(targets))[: len(starts)]
        return {int(key): found[start:end] for key, start, end in zip(keys, starts, ends, strict=True)}

    topics = list(Topic.objects.using(using).all())  # in display order
    topic_links = links("topics", "topic_id")
    first_topic = np.full(size, len(topics), dtype=np.int16)
    for number, topic in enumerate(topics):
        if topic.pk in topic_links:
            np.minimum.at(first_topic, np.asarray(topic_links[topic.pk], dtype=np.int64), number)
    first_topic[first_topic == len(topics)] = -1

    councils = {
        pk: (region, authority_type, code, name, name_cy)
        for pk, region, authority_type, code, name, name_cy in Council.objects.using(using).values_list(
            "pk", "region", "authority_type", "code", "name", "name_cy"
        )
    }
    by_council = group((council_id, position) for position, (_, council_id, _) in enumerate(rows))
    by_region: dict[str, int] = {}
    by_authority_type: dict[str, int] = {}
    for council_id, mask in by_council.items():
        region, authority_type = councils.get(council_id, ("", ""))[:2]
        by_region[region] = by_region.get(region, 0) | mask
        by_authority_type[authority_type] = by_authority_type.get(authority_type, 0) | mask
    levels = np.fromiter((level or 0 for level, *_ in impact), dtype=np.int64, count=size)
    # Strongest first, then newest first (position): a stable sort of the positions by level, descending.
    evidence_order = np.argsort(-levels, kind="stable")
    by_cost_band = group((band, position) for position, (_, band, *_) in enumerate(impact))
    by_stage = group((stage, position) for position, (_, _, stage, *_) in enumerate(impact))
    band_codes = {band: code for code, band in enumerate(by_cost_band)}
    stage_codes = {stage: code for code, stage in enumerate(by_stage)}
    card_rows = (
        (level or 0, band_codes[band], stage_codes[stage], has) for level, band, stage, has, _ in impact
    )
    card_facts = np.array(list(card_rows), dtype=np.int8).reshape(size, 4)
    title_ids = published.order_by("title", "id").values_list("id", flat=True).iterator(chunk_size=20000)
    return Catalogue(
        token=token,
        ids=ids,
        position_by_id=position_by_id,
        everything=(1 << size) - 1,
        topics=topics,
        support_types=list(SupportType.objects.using(using).all()),
        by_topic={pk: bits_from_positions(found, size) for pk, found in topic_links.items()},
        by_support_type={
            pk: bits_from_positions(found, size)
            for pk, found in links("support_types", "supporttype_id").items()
        },
        by_region=by_region,
        by_authority_type=by_authority_type,
        by_council=by_council,
        by_year=group((year, position) for position, (_, _, year) in enumerate(rows)),
        title_order=_title_order(title_ids, position_by_id),
        by_evidence=group((int(level), position) for position, level in enumerate(levels)),
        by_cost_band=by_cost_band,
        by_stage=by_stage,
        with_outcomes=bits_from_positions([p for p, facts in enumerate(impact) if facts[3]], size),
        with_savings=bits_from_positions([p for p, facts in enumerate(impact) if facts[4]], size),
        evidence_order=evidence_order,
        first_topic=first_topic,
        councils={pk: (code, name) for pk, (_, _, code, name, _) in councils.items()},
        welsh_council_names={pk: name_cy for pk, (*_, name_cy) in councils.items() if name_cy},
        card_facts=card_facts,
        band_names=tuple(by_cost_band),
        stage_names=tuple(by_stage),
        next_change=min(upcoming, default=None),
    )


# Rebuilt when the version token changes, and when the next scheduled publication time has passed.
_indexes = PerVersion(build, expires=lambda catalogue: catalogue.next_change)


# The version tokens this thread read last (both come in the one read): what else is held per version, such as the
# best bets, is keyed on them without another query.
_read = threading.local()


def current_token(using: str) -> int | None:
    tokens = version_tokens(using)
    _read.tokens = (tokens.get(CatalogueVersion.CATALOGUE), tokens.get(CatalogueVersion.PAGES))
    return _read.tokens[0]


def tokens_read() -> tuple[int | None, int | None] | None:
    """The catalogue and page tokens the last ``current()`` of this thread read (None before any)."""
    return getattr(_read, "tokens", None)


def current() -> Catalogue:
    """The index for the database public reads go to, rebuilt first if the catalogue has changed since."""
    using = router.db_for_read(CaseStudy)
    return _indexes.get(using, current_token(using))


def forget() -> None:
    """Drop every index held by this process (tests, and after bulk changes made with triggers off)."""
    _indexes.forget()

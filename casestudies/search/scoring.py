"""Ranking the matches of a planned keyword: which case studies are results, and in what order. Pure numpy: both
databases hand over the same postings (which case studies each term matches, in which fields and how much), so
both rank alike.

- A case study must have every required clause (a quoted phrase, a +word), none of the excluded ones, and most
  of the others: ``minimum_should_match`` (as Elasticsearch and Solr count it with "2<75%": all of one or two,
  2 of 3, 3 of 4, 75% of more, rounded down). Generic words ("stop", "people") and words no case study has are
  not counted, when there are others.
- Tiers: the case studies with all the words come first (``ALL``), then those with most of them (``MOST``), then
  the others: those about the same thing in other words (related terms learned from the catalogue, ``feedback``)
  and, when few case studies have most of the words, those with some of them. Nothing found only through related
  terms ever ranks above a case study that has the words.
- Within a tier, by score: for each clause its inverse document frequency (a rare word counts for more than a
  common one) times where it is (title above summary and lead council above the other sections, plus how much
  the case study says it) times how it matched (a synonym counts for less than the word typed); the words typed
  side by side in the title or summary add to it, and so do the related terms, at a lower weight.
"""

import math
from dataclasses import dataclass

import numpy as np

from .query import ADJACENT, RELATED, SYNONYM, TYPED, VARIANT

TITLE, SUMMARY = 1, 2  # field flags of a posting: in the title; in the summary or the lead council's name
FIELD_WEIGHT = np.array([1.0, 4.0, 2.0, 5.0])  # by flags: elsewhere only, title, summary, both
FREQUENCY_WEIGHT = 1.0  # how much "how much the case study says it" adds, for the one that says it most
KIND_WEIGHT = {TYPED: 1.0, VARIANT: 1.0, SYNONYM: 0.8, RELATED: 1.0, ADJACENT: 1.0}
RELATED_WEIGHT = 0.25  # a related term's relevance weight counts this much, relative to a word's idf
RELATED_MIN = 3.0  # the related terms' relevance weights a case study needs to be a result through them alone
ADJACENT_WEIGHT = 0.5  # the words typed side by side, in the title, summary or lead council
FEW = 10  # when fewer case studies have most of the words, those with some of them follow
ALL, MOST, OTHERS = 2, 1, 0


@dataclass(frozen=True)
class Posting:
    """The case studies a term matches, with the fields it is in (``TITLE | SUMMARY`` flags, 0: elsewhere) and, when
    asked for, how much each says it (``scores``: higher says more; the database's own measure, used relative to
    the highest)."""

    ids: np.ndarray
    fields: np.ndarray
    scores: np.ndarray | None = None
    # On a Welsh page, whether each match is in the English text (else only in the Welsh version); None: all are.
    english: np.ndarray | None = None

    @classmethod
    def empty(cls) -> "Posting":
        return cls(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint8))


@dataclass(frozen=True)
class ClauseMatches:
    """One clause of the query: each alternative's kind and posting."""

    alternatives: list[tuple[str, Posting]]
    negated: bool = False
    required: bool = False
    generic: bool = False  # a word such as "stop" or "people": scored, but not needed for "all the words"
    bonus: bool = False  # only adds to the score (the words typed side by side)


@dataclass(frozen=True)
class Ranked:
    """The results, best first (``ids``), with ``ranks`` (higher is better: the tier + a score below 1)."""

    ids: np.ndarray
    ranks: np.ndarray
    tiers: np.ndarray

    def direct(self) -> np.ndarray:
        """The results that have all or most of the words, best first."""
        return self.ids[self.tiers > OTHERS]


def minimum_should_match(n: int) -> int:
    if n <= 2:
        return n
    if n <= 4:
        return n - 1
    return math.floor(0.75 * n)


def idf(df: int, size: int) -> float:
    size = max(size, df)
    return math.log(1 + (size - df + 0.5) / (df + 0.5))


def _union(arrays: list[np.ndarray]) -> np.ndarray:
    """The sorted distinct ids of several arrays (a sort and a mask: numpy's hash-based unique is several times
    slower on 100,000 ids)."""
    if not arrays:
        return np.zeros(0, dtype=np.int64)
    ids = np.sort(np.concatenate(arrays))
    if len(ids) < 2:
        return ids
    return ids[np.concatenate(([True], ids[1:] != ids[:-1]))]


class Scorer:
    """The postings of a query's clauses over one universe of case studies (every id any posting has)."""

    def __init__(self, clauses: list[ClauseMatches], related: list[tuple[float, Posting]], size: int):
        postings = [p for c in clauses for _, p in c.alternatives] + [p for _, p in related]
        self.ids = _union([p.ids for p in postings])
        self.size = size
        self.clauses = clauses
        self.related = related

    def _weights(self, posting: Posting, kind: str) -> np.ndarray:
        weights = np.zeros(len(self.ids))
        if len(posting.ids):
            where = FIELD_WEIGHT[posting.fields & 3]
            if posting.scores is not None and posting.scores.max() > 0:
                where = where + FREQUENCY_WEIGHT * posting.scores / posting.scores.max()
            np.maximum.at(weights, np.searchsorted(self.ids, posting.ids), KIND_WEIGHT[kind] * where)
        return weights

    def _present(self, posting: Posting) -> np.ndarray:
        present = np.zeros(len(self.ids), dtype=bool)
        if len(posting.ids):
            present[np.searchsorted(self.ids, posting.ids)] = True
        return present

    def _counted(self) -> list[ClauseMatches]:
        """The clauses "all the words" counts: those some case study has (a word no case study has cannot be had),
        and not the generic words, unless nothing else is left."""
        positive = [c for c in self.clauses if not (c.negated or c.required or c.bonus)]
        matching = [c for c in positive if any(len(p.ids) for _, p in c.alternatives)] or positive
        return [c for c in matching if not c.generic] or matching

    def rank(self) -> Ranked:
        n_ids = len(self.ids)
        keep = np.ones(n_ids, dtype=bool)
        score = np.zeros(n_ids)
        coord = np.zeros(n_ids, dtype=np.int64)
        counted = self._counted()
        for clause in self.clauses:
            if clause.negated:
                for _, posting in clause.alternatives:
                    keep &= ~self._present(posting)
                continue
            weights = np.zeros(n_ids)
            for kind, posting in clause.alternatives:
                weights = np.maximum(weights, self._weights(posting, kind))
            matched = weights > 0
            factor = ADJACENT_WEIGHT if clause.bonus else 1.0
            score += factor * idf(int(matched.sum()), self.size) * weights
            if clause.required:
                keep &= matched
            elif any(clause is c for c in counted):
                coord += matched
        if counted:
            needed = max(minimum_should_match(len(counted)), 1)
            tiers = np.where(coord >= len(counted), ALL, np.where(coord >= needed, MOST, OTHERS))
        else:  # only required clauses: every case study that has them has all the words
            tiers = np.full(n_ids, ALL)
        others = np.zeros(n_ids, dtype=bool)
        if len(counted) > 1 and int(((tiers > OTHERS) & keep).sum()) < FEW:
            others |= coord > 0
        if self.related:
            evidence = np.zeros(n_ids)
            for weight, posting in self.related:
                evidence += weight * self._present(posting)
                score += RELATED_WEIGHT * weight * self._weights(posting, RELATED)
            others |= evidence >= RELATED_MIN
        keep &= (tiers > OTHERS) | others
        ids, tiers, score = self.ids[keep], tiers[keep], score[keep]
        ranks = (tiers + score / (1 + score)).astype(np.float32)
        order = np.argsort(-ranks, kind="stable")
        return Ranked(ids=ids[order], ranks=ranks[order], tiers=tiers[order])


def rank(clauses: list[ClauseMatches], *, size: int, related: list[tuple[float, Posting]] = ()) -> Ranked:
    return Scorer(clauses, list(related), size).rank()

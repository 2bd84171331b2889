"""One ranked search: each term's matches fetched from the backend in one statement, ranked (``scoring``), the
first results read for related terms (``feedback``), and ranked again with them.

Two costs are kept in hand at 100,000 case studies. A clause that may match more than half the catalogue (and more
than ``COMMON_MIN`` case studies) is left out of a keyword that has rarer words: it would match nearly everything
and tells little (Lucene's "common terms"); when every clause is that common, only the rarest is searched; below
``COMMON_MIN`` case studies nothing is left out. And
how much a case study says a term (``Posting.scores``) is asked for only where a term is in at most
``FREQUENCY_LIMIT`` case studies: on PostgreSQL it reads each match's full vector.
"""

from dataclasses import dataclass

import numpy as np

from casestudies.models import CaseStudy

from . import feedback, postingcache, scoring
from .common import searching_welsh
from .planning import Plan, backend
from .query import ADJACENT, RELATED, TYPED, Term
from .scoring import ClauseMatches, Posting

COMMON_SHARE, COMMON_MIN = 0.5, 5000
LEARNS_SHARE = 0.1
FREQUENCY_LIMIT = 1000


@dataclass(frozen=True)
class Matches:
    """Every case study matching a keyword, best first, with its rank (higher is better), and the related terms
    learned from the first results."""

    ids: np.ndarray
    ranks: np.ndarray
    related: tuple[str, ...] = ()

    @classmethod
    def none(cls) -> "Matches":
        return cls(ids=np.zeros(0, dtype=np.int64), ranks=np.zeros(0, dtype=np.float32))


def estimate(term: Term, frequencies: dict[str, int]) -> int:
    """How many case studies a term may match: its rarest word's (an unknown word: none)."""
    return min((frequencies.get(w, 0) for w in term.words), default=0)


class Search:
    """``live``: for each case study id, its position in the catalogue or -1 when it is not public (the catalogue
    index's ``position_by_id``); when given, matches that are not public are left out before ranking, so that how
    rare a word is and how many case studies have the words count public case studies only."""

    def __init__(self, planned: Plan, using: str, size: int, live: np.ndarray | None = None):
        self.planned, self.using, self.size, self.live = planned, using, size, live
        self.backend = backend(using)
        query = planned.query
        limit = max(COMMON_SHARE * size, COMMON_MIN)
        optional = [c for c in query.positive if not c.required]
        reach = {id(c): max(estimate(t, planned.frequencies) for t in c.alternatives) for c in optional}
        common = {id(c) for c in optional if reach[id(c)] > limit}
        if optional and len(common) == len(optional):  # every word is common: the rarest is searched
            common.discard(id(min(optional, key=lambda c: reach[id(c)])))
        self.clauses = [c for c in query.clauses if id(c) not in common]
        self.adjacent = query.adjacent_pairs()

    def rank(self) -> Matches:
        clauses = self._matches()
        first = scoring.rank(clauses, size=self.size)
        learns = any(not (c.negated or c.required or c.bonus) for c in clauses)
        # A keyword that much of a large catalogue matches has nothing to learn from its first results, and a
        # case study found through related terms would never reach a page before the direct matches end.
        learns &= len(first.direct()) <= max(LEARNS_SHARE * self.size, COMMON_MIN)
        related = self._related(first, clauses) if learns else []
        if not related:
            return Matches(ids=first.ids, ranks=first.ranks)
        final = scoring.rank(clauses, size=self.size, related=[(weight, p) for _, weight, p in related])
        return Matches(ids=final.ids, ranks=final.ranks, related=tuple(word for word, _, _ in related))

    def _postings(self, terms: list[Term], frequencies: dict[str, int]) -> list[Posting]:
        with_frequency = [
            t.kind != ADJACENT and 0 < estimate(t, frequencies) <= FREQUENCY_LIMIT for t in terms
        ]
        version = (self.using, self.planned.version)
        welsh = searching_welsh()  # a Welsh page's postings include the Welsh versions' matches
        keys = [
            (t.words, t.phrase, t.kind, scored, welsh)
            if self.planned.version is not None and estimate(t, frequencies) >= postingcache.MIN_MATCHES
            else None
            for t, scored in zip(terms, with_frequency, strict=True)
        ]
        found = [postingcache.cache.get(version, key) if key else None for key in keys]
        missing = [n for n, posting in enumerate(found) if posting is None]
        if missing:
            fetched = self.backend.postings(
                self.using, [terms[n] for n in missing], frequencies, [with_frequency[n] for n in missing]
            )
            for n, posting in zip(missing, fetched, strict=True):
                found[n] = posting
                if keys[n]:
                    postingcache.cache.put(version, keys[n], posting)
        return found if self.live is None else [self._public(posting) for posting in found]

    def _public(self, posting: Posting) -> Posting:
        ids = posting.ids
        public = (ids < len(self.live)) & (self.live[np.minimum(ids, len(self.live) - 1)] >= 0)
        if public.all():
            return posting
        scores = posting.scores[public] if posting.scores is not None else None
        english = posting.english[public] if posting.english is not None else None
        return Posting(ids=ids[public], fields=posting.fields[public], scores=scores, english=english)

    def _matches(self) -> list[ClauseMatches]:
        terms = [t for c in self.clauses for t in c.alternatives] + self.adjacent
        postings = iter(self._postings(terms, self.planned.frequencies))
        matched = [
            ClauseMatches(
                [(t.kind, next(postings)) for t in c.alternatives],
                negated=c.negated,
                required=c.required,
                generic=c.generic,
            )
            for c in self.clauses
        ]
        matched += [ClauseMatches([(ADJACENT, next(postings))], bonus=True) for _ in self.adjacent]
        if not any(not c.negated for c in self.clauses):  # only exclusions: everything else
            everything = self.backend.published_ids(self.using)
            every = Posting(ids=everything, fields=np.zeros(len(everything), dtype=np.uint8))
            matched.append(ClauseMatches([(TYPED, every)], required=True))
        return matched

    def _related(
        self, first: scoring.Ranked, clauses: list[ClauseMatches]
    ) -> list[tuple[str, float, Posting]]:
        """Related terms: candidates from the first results' text, kept when they go with the keyword."""
        matching = first.direct()
        if len(matching) < 2:  # few direct matches: read those with some of the words too
            matching = first.ids
        top = matching[: feedback.FEEDBACK_DOCUMENTS]
        ranks = first.ranks[: len(top)]
        welsh_only = _welsh_only(clauses) if searching_welsh() else ()
        if len(welsh_only):
            # Their English text is read: a case study matched only in its Welsh version is no evidence (its English
            # may lack the words typed, and the few with a Welsh version share Wales more than the keyword).
            head = matching[: feedback.FEEDBACK_DOCUMENTS + len(welsh_only)]
            kept = ~np.isin(head, welsh_only)
            top = head[kept][: feedback.FEEDBACK_DOCUMENTS]
            ranks = first.ranks[: len(head)][kept][: feedback.FEEDBACK_DOCUMENTS]
        if not len(top):
            return []
        fractions = ranks - np.floor(ranks)
        scores = fractions / (1 - fractions)
        weights = dict(zip(top.tolist(), (scores / max(scores.max(), 1e-9)).tolist(), strict=True))
        rows = CaseStudy.objects.using(self.using).filter(pk__in=top.tolist())
        texts = [
            (" ".join(row[1:]), weights[row[0]])
            for row in rows.values_list("pk", "title", "summary", *CaseStudy.SECTION_FIELDS)
        ]
        query_words = [w for c in self.planned.query.positive for t in c.alternatives for w in t.words]
        frequencies: dict[str, int] = {}

        def look_up(words: list[str]) -> dict[str, int]:
            found = self.backend.frequencies(self.using, words, version=self.planned.version)
            frequencies.update({w: documents for w, (documents, _) in found.items()})
            return frequencies

        words = feedback.candidates(texts, query_words=query_words, size=self.size, frequencies=look_up)
        if not words:
            return []
        postings = self._postings([Term((w,), kind=RELATED) for w in words], frequencies)
        by_word = dict(zip(words, postings, strict=True))
        chosen = feedback.related_terms([(w, by_word[w].ids) for w in words], top, self.size)
        return [(word, weight, by_word[word]) for word, weight in chosen]


def _welsh_only(clauses: list[ClauseMatches]) -> np.ndarray:
    """The case studies the positive clauses match in a Welsh version but nowhere in the English text (a Welsh
    page's postings: few, so each posting is looked at once for them)."""
    postings = [posting for clause in clauses if not clause.negated for _, posting in clause.alternatives]
    welsh = [posting.ids[~posting.english] for posting in postings if posting.english is not None]
    candidates = np.unique(np.concatenate(welsh)) if welsh else np.zeros(0, dtype=np.int64)
    if not len(candidates):
        return candidates
    in_english = np.zeros(len(candidates), dtype=bool)
    for posting in postings:
        english = posting.ids if posting.english is None else posting.ids[posting.english]
        if len(english):
            in_english |= np.isin(candidates, english, kind="table")
    return candidates[~in_english]


def ranked(planned: Plan, using: str, size: int, live: np.ndarray | None = None) -> Matches:
    if planned.empty:
        return Matches.none()
    return Search(planned, using, size, live).rank()

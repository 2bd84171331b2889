"""Related terms learned from the catalogue itself: pseudo-relevance feedback, weighed by co-occurrence.

The first results of a keyword are mostly about what was asked. The words they share and that are rare in the rest
of the catalogue are candidates for other ways of saying it (the idea of RM3). Each candidate is then weighed by
how well it goes with the keyword across the whole catalogue: Robertson and Sparck Jones's relevance weight, with
the first results read taken as the relevant ones (a case study with the words only in passing is no evidence,
and ranks below them). For "homelessness" that
keeps "eviction", "landlords" and "temporary accommodation" and drops words a few of the first results happen to
share. A case study that has enough related terms is a result even without the words typed, always below every
one that has them (``scoring``); among those, related terms add a little to the score. Nothing is stored: the
terms follow the catalogue as it is now.
"""

import math
from collections import Counter
from collections.abc import Callable, Iterable

import numpy as np
from rapidfuzz.distance import OSA

from .query import WORD_RE, fold
from .words import GENERIC_WORDS, QUESTION_WORDS, STOP_WORDS

FEEDBACK_DOCUMENTS = 10  # how many of the first results are read
CANDIDATES = 60  # how many of their shared words are checked against the catalogue (each one searched)
RELATED_TERMS = 30  # how many related terms are kept at most
MIN_SHARE = 0.2  # a candidate is in at least this share of the results read, and in two of them
MAX_DF_SHARE = 0.2  # and in at most this share of the catalogue (a common word is no evidence)
MAX_DF = 2000  # nor in more case studies than this, whatever the catalogue's size (each term is searched)
MIN_OVERLAP = 2  # a related term is in at least two of the results read (or the one, when only one is)
MIN_LENGTH = 4
LEFT_OUT = STOP_WORDS | QUESTION_WORDS | GENERIC_WORDS


def _counts(text: str) -> Counter:
    """How often each word of the text is in it (words of ``MIN_LENGTH`` letters or more, not left out)."""
    counts = Counter(WORD_RE.findall(text.lower()))
    for word in [w for w in counts if len(w) < MIN_LENGTH or not w.isalpha() or w in LEFT_OUT]:
        del counts[word]
    return counts


def candidates(
    texts: list[tuple[str, float]],
    *,
    query_words: Iterable[str],
    size: int,
    frequencies: Callable[[list[str]], dict[str, int]],
) -> list[str]:
    """Words the first results share, rare in the catalogue, best first: the candidates for related terms.

    ``texts``: each first result's text with its weight (its score relative to the best). ``frequencies`` gives
    the number of case studies that have each word, from the database's vocabulary.
    """
    if not texts:
        return []
    typed = {fold(part) for word in query_words for part in word.replace("-", " ").split()}
    near_typed = list(typed)
    evidence: Counter = Counter()
    documents: Counter = Counter()
    surface: Counter = Counter()  # (key, word as written): how often, over all the texts
    for text, weight in texts:
        by_key: dict[str, int] = {}
        for word, n in _counts(text).items():
            key = fold(word)
            if key in typed:
                continue
            by_key[key] = by_key.get(key, 0) + n
            surface[key, word] += n
        for key, n in by_key.items():
            evidence[key] += weight * (1 + math.log(n))
            documents[key] += 1
    # (A keyword only one case study has learns from that one: "rewilding" from a nature recovery strategy.)
    needed = min(len(texts), max(2, math.ceil(MIN_SHARE * len(texts))))
    kept = [
        key
        for key, n in documents.items()
        if n >= needed and not any(OSA.distance(key, word, score_cutoff=2) <= 2 for word in near_typed)
    ]
    # Each kept key as it is most often written (the first seen among equals, as Counter.most_common gives it).
    best: dict[str, tuple[int, str]] = {}
    wanted = set(kept)
    for (key, word), n in surface.items():
        if key in wanted and n > best.get(key, (0, ""))[0]:
            best[key] = (n, word)
    shared = {key: best[key][1] for key in kept}
    if not shared:
        return []
    df = frequencies(sorted(set(shared.values())))
    limit = min(MAX_DF_SHARE * size, MAX_DF)
    scored = [
        (evidence[key] * math.log((size + 1) / (df[word] + 0.5)), word)
        for key, word in shared.items()
        if 0 < df.get(word, 0) <= limit
    ]
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [word for _, word in scored[:CANDIDATES]]


def related_terms(
    found: list[tuple[str, np.ndarray]], matching: np.ndarray, size: int
) -> list[tuple[str, float]]:
    """The candidates that go with the keyword, with their relevance weights, best first.

    ``found``: each candidate with the case studies that have it; ``matching``: the first results read (those
    with the words that rank highest: the case studies with the words only in passing are no evidence). The
    weight is Robertson and Sparck Jones's, those case studies taken as the relevant ones:
    high when the case studies with the word mostly match the keyword and the others mostly do not. Terms are
    chosen by their offer weight (matches times weight), as in the Okapi system.
    """
    relevant = len(matching)
    top = int(matching.max(initial=-1))
    is_matching = np.zeros(top + 1, dtype=bool)
    is_matching[matching] = True
    chosen = []
    for word, ids in found:
        n = len(ids)
        r = int(is_matching[ids[ids <= top]].sum())
        if r < min(MIN_OVERLAP, relevant):
            continue
        weight = math.log(
            ((r + 0.5) * (size - n - relevant + r + 0.5)) / ((n - r + 0.5) * (relevant - r + 0.5))
        )
        if weight > 0:
            chosen.append((r * weight, weight, word))
    chosen.sort(key=lambda item: (-item[0], item[2]))
    return [(word, weight) for _, weight, word in chosen[:RELATED_TERMS]]

"""Spelling: which typed words the vocabulary does not know, and the word each was probably meant to be.

The vocabulary is every word of the published case studies, council names and topic names (PostgreSQL: the
``casestudies_searchword`` table with a trigram index; SQLite: FTS5's ``fts5vocab`` table), plus their stems, so
an inflection of a known word ("recycles") is known too. The tolerance rule is Meilisearch's default: no correction
for words under 5 letters, one edit for 5 to 8 letters, two for 9 or more; a transposed pair of letters is one edit.
Among the candidates within the tolerance the one with the fewest edits wins, then the most frequent, then the
first in the alphabet.
British and US spellings are not mistakes: they are searched as the same word (``synonyms.add_variants``).

A real English word is never corrected, even when the catalogue lacks it ("older" must not become "order"): a
word at least as common as ``ENGLISH`` on the Zipf scale (``words.zipf``) is left as typed, and a rarer word that
English knows is corrected only into a word far more common than it (``MORE_COMMON``: "recieve", 2.8, into
"receive", 4.9; not "wardens", 3.0, into "gardens", 4.0).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from .query import Term, british
from .words import STOP_WORDS, zipf

MIN_LENGTH = 5
ENGLISH = 3.3
MORE_COMMON = 1.5


def tolerance(word: str) -> int:
    """How many edits a correction of ``word`` may make."""
    if len(word) < MIN_LENGTH:
        return 0
    return 1 if len(word) <= 8 else 2


def distance(typed: str, candidate: str) -> int:
    """Edits between two words, British and US spellings counting as the same."""
    return OSA.distance(british(typed), british(candidate))


def checkable(word: str) -> bool:
    return len(word) >= MIN_LENGTH and word.isalpha() and word not in STOP_WORDS


def english(word: str) -> bool:
    """A word common enough in English that it is never a misspelling."""
    return zipf(word) >= ENGLISH


def best_candidate(word: str, candidates: Iterable[tuple[str, int]]) -> str | None:
    """The closest candidate within the tolerance for ``word``, the most frequent among equals (``candidates``:
    word, frequency)."""
    allowed = tolerance(word)
    typed_zipf = zipf(word)
    scored = []
    for candidate, frequency in candidates:
        if candidate == word or not candidate.isalpha():
            continue
        if typed_zipf and zipf(candidate) < typed_zipf + MORE_COMMON:
            continue
        edits = distance(word, candidate)
        if 0 < edits <= allowed:
            scored.append((edits, -frequency, candidate))
    return min(scored)[2] if scored else None


@dataclass(frozen=True)
class Correction:
    typed: str
    corrected: str
    span: tuple[int, int]


def corrections(
    typed_words: list[Term],
    *,
    known: set[str],
    variants: dict[str, list[str]],
    recognised: set[tuple[int, int]],
    find_candidates: Callable[[list[str]], dict[str, list[tuple[str, int]]]],
) -> list[Correction]:
    """A correction for each typed word that the vocabulary does not know and a known word is close to."""
    unknown = [
        term
        for term in typed_words
        if checkable(term.words[0])
        and term.words[0] not in known
        and not english(term.words[0])
        and not variants.get(term.words[0])
        and term.span not in recognised
    ]
    if not unknown:
        return []
    candidates = find_candidates(sorted({term.words[0] for term in unknown}))
    found = []
    for term in unknown:
        word = term.words[0]
        best = best_candidate(word, candidates.get(word, []))
        if best is not None:
            found.append(Correction(typed=word, corrected=best, span=term.span))
    return found


def corrected_text(text: str, found: list[Correction]) -> str:
    """The text with each corrected word replaced where it was typed."""
    for correction in sorted(found, key=lambda c: c.span[0], reverse=True):
        start, end = correction.span
        text = text[:start] + correction.corrected + text[end:]
    return text

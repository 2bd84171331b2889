"""Synonyms and British/US spellings, applied when a search runs: a term becomes the OR of its equivalents.

Editors keep the groups in the admin (``SynonymGroup``); they are read for every search, so an edit takes effect at
once and nothing is reindexed. Each equivalent is stemmed by the database like any other term.
"""

from dataclasses import replace

from casestudies.models import SynonymGroup

from .query import MAX_ALTERNATIVES, SYNONYM, VARIANT, Clause, Query, Term, key_of, words_of
from .words import STOP_WORDS

# A recognised run of this many words or more (stop words aside: "violence against women and girls") is searched as
# one clause a word, each with the synonyms, instead of one clause that needs them all ("electric vehicle").
SPLIT_RUN = 3
MAX_RUN = (
    6  # the longest run of typed words looked up as one term ("not in education employment or training")
)


# The last index built, with the groups it was built from and the page token they were read under: folding every
# term again would cost milliseconds, so the index is rebuilt only when the groups read differ; and a caller that
# has the page token (which the groups' triggers change) does not read them again while it is the same.
_built: dict[str, tuple[tuple[str, ...], dict[str, list[tuple[str, ...]]], int | None]] = {}


def synonym_index(using: str, *, version: int | None = None) -> dict[str, list[tuple[str, ...]]]:
    """Each term's key, with the words of every other term of its group(s). ``version``: the page token the caller
    read; without it the groups are read every time."""
    held = _built.get(using)
    if version is not None and held is not None and held[2] == version:
        return held[1]
    groups = tuple(SynonymGroup.objects.using(using).order_by("pk").values_list("terms", flat=True))
    if held is not None and held[0] == groups:
        _built[using] = (groups, held[1], version)
        return held[1]
    index = _index_of(groups)
    _built[using] = (groups, index, version)
    return index


def _index_of(groups: tuple[str, ...]) -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for terms in groups:
        words = [w for w in (words_of(line) for line in terms.splitlines()) if w]
        for term in words:
            others = [other for other in words if key_of(other) != key_of(term)]
            index.setdefault(key_of(term), []).extend(others)
    return index


def _synonym_terms(key: str, index: dict[str, list[tuple[str, ...]]]) -> list[Term]:
    """A synonym of several words is a phrase: "carbon neutral" must not match "carbon" in one place and
    "neutral" in another. (On PostgreSQL a phrase of common words is matched in the title, summary and lead
    council only: ``postgres.PHRASE_FULL_LIMIT``.)"""
    found = dict.fromkeys(index.get(key, []))
    return [Term(words, phrase=len(words) > 1, kind=SYNONYM) for words in found]


def _plain_word(clause: Clause) -> str | None:
    """The word of a clause that is one typed word and nothing else."""
    if clause.negated or len(clause.alternatives) != 1:
        return None
    term = clause.alternatives[0]
    return term.words[0] if term.span is not None and not term.exactly else None


def expand_synonyms(
    query: Query, index: dict[str, list[tuple[str, ...]]]
) -> tuple[Query, set[tuple[int, int]]]:
    """The query with each recognised term ORed with its synonyms, and where the recognised typed words are.

    Runs of typed words are matched longest first, so "electric vehicle charging" finds "electric vehicle".
    """
    if not index:
        return query, set()
    clauses = list(query.clauses)
    out: list[Clause] = []
    recognised: set[tuple[int, int]] = set()
    i = 0
    while i < len(clauses):
        run = []
        while i + len(run) < len(clauses) and len(run) < MAX_RUN:
            word = _plain_word(clauses[i + len(run)])
            if word is None:
                break
            run.append(word)
        for n in range(len(run), 0, -1):
            key = key_of(run[:n])
            if key in index:
                synonyms = _synonym_terms(key, index)
                if len(set(run[:n]) - STOP_WORDS) < SPLIT_RUN:  # a compound ("electric vehicle"): one clause
                    exact = clauses[i].alternatives[0] if n == 1 else Term(tuple(run[:n]))
                    out.append(Clause((exact, *synonyms)[:MAX_ALTERNATIVES]))
                else:  # a description: each word a clause, so most of them find a case study
                    out += [
                        Clause((clauses[j].alternatives[0], *synonyms)[:MAX_ALTERNATIVES])
                        for j in range(i, i + n)
                    ]
                recognised.update(clauses[j].alternatives[0].span for j in range(i, i + n))
                i += n
                break
        else:
            clause = clauses[i]
            if not clause.negated:
                extra = []
                for term in (t for t in clause.alternatives if not t.exactly):
                    found = _synonym_terms(key_of(term.words), index)
                    if found and term.span is not None:
                        recognised.add(term.span)
                    extra += found
                clause = replace(clause, alternatives=(*clause.alternatives, *extra)[:MAX_ALTERNATIVES])
            out.append(clause)
            i += 1
    return replace(query, clauses=tuple(out)), recognised


def add_variants(query: Query, variants: "dict[str, list[str]] | dict[str, dict[str, int]]") -> Query:
    """Each typed word ORed with its other spellings that the vocabulary knows (always the same word)."""
    clauses = []
    for clause in query.clauses:
        extra = [
            Term((variant,), kind=VARIANT)
            for term in clause.alternatives
            if len(term.words) == 1 and term.kind != SYNONYM and not term.exactly
            for variant in variants.get(term.words[0], [])
        ]
        clauses.append(replace(clause, alternatives=(*clause.alternatives, *extra)[:MAX_ALTERNATIVES]))
    return replace(query, clauses=tuple(clauses))

"""Planning a keyword: what a person typed (``query.parse``), with its synonyms, British/US spellings, irregular and
derived forms, without the words of a question that say nothing about its subject, with how many case studies have
each word, and with what an unknown word was probably meant to be (``spelling``) or starts (``admin``:
administration).
"""

from dataclasses import dataclass, field

from django.db import connections, router

from casestudies.models import CaseStudy

from . import postgres, spelling, sqlite
from .query import Query, parse, spelling_variants
from .synonyms import add_variants, expand_synonyms, synonym_index

# A word no case study has but the start of words they have ("admin": administration, administrative) is searched
# as those words (the most frequent few), when it is at least this long and no correction was found.
MIN_PREFIX = 4


def backend(using: str):
    """The search backend of a database alias: ``postgres`` or ``sqlite``."""
    return postgres if connections[using].vendor == "postgresql" else sqlite


@dataclass(frozen=True)
class Plan:
    """A keyword as it will be searched, the spelling it was probably meant to have (None if none), and how many
    case studies have each of its words."""

    text: str
    query: Query
    suggestion: str | None = None
    frequencies: dict[str, int] = field(default_factory=dict)
    version: int | None = None  # the catalogue version token it was planned with

    @property
    def empty(self) -> bool:
        return not self.query.clauses


def plan(
    text: str,
    *,
    version: int | None = None,
    check_spelling: bool = True,
    using: str | None = None,
    synonyms_version: int | None = None,
) -> Plan:
    """``text`` parsed and planned. ``version`` is the catalogue version token the caller has (it keys SQLite's
    vocabulary and the words looked up); ``synonyms_version`` the page token it has (it changes with the synonym
    groups, which are then read again; without it they are read every time)."""
    text = text.strip()
    using = using or router.db_for_read(CaseStudy)
    query = parse(text)
    if not query.clauses:
        return Plan(text=text, query=query, version=version)
    search = backend(using)
    query, recognised = expand_synonyms(query, synonym_index(using, version=synonyms_version))
    typed = query.typed_words()
    variant_candidates = {t.words[0]: spelling_variants(t.words[0]) for t in typed}
    words = {w for c in query.clauses for t in c.alternatives for w in t.words}
    words |= {v for found in variant_candidates.values() for v in found}
    typed_words = {w for c in query.clauses for t in c.alternatives for w in t.words}
    looked_up = search.frequencies(using, sorted(words), version=version, stems=typed_words)
    known = {w for w, (documents, names) in looked_up.items() if documents or names}
    variants = {w: sorted(v & known) for w, v in variant_candidates.items() if v & known}
    query = add_variants(query, variants).without_function_words()
    suggestion = None
    if check_spelling:
        found = spelling.corrections(
            [t for c in query.positive for t in c.alternatives if t in typed],
            known=known,
            variants=variants,
            recognised=recognised,
            find_candidates=lambda words: search.candidates(using, words, version=version),
        )
        suggestion = spelling.corrected_text(text, found) if found else None
    documents = {w: d for w, (d, _) in looked_up.items()}
    unknown = [
        t.words[0]
        for t in typed
        if len(t.words[0]) >= MIN_PREFIX and t.words[0].isalpha() and t.words[0] not in known
    ]
    if unknown and not suggestion:
        completions = search.completions(using, unknown, version=version)
        query = add_variants(query, {w: sorted(found) for w, found in completions.items() if found})
        documents |= {c: n for found in completions.values() for c, n in found.items()}
    return Plan(text=text, query=query, suggestion=suggestion, frequencies=documents, version=version)


def plan_of(keyword: "str | Plan", using: str) -> Plan:
    return keyword if isinstance(keyword, Plan) else plan(keyword, check_spelling=False, using=using)

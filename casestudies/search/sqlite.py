"""The embedded default's search: SQLite FTS5 (migrations/0009).

``casestudies_fts`` indexes the published case studies (title, summary, council, body, partners) with the
``porter unicode61 remove_diacritics 2`` tokenizer, and ``snippet()`` and ``highlight()`` make the excerpts. Each
term is compiled to FTS5 syntax with every word in double quotes, so nothing a person types is read as an FTS5
operator; a column filter tells whether a match is in the title or in the summary and lead council. Ranking is
``scoring``'s, the same on both databases. The vocabulary for spelling is ``casestudies_fts_vocab`` (the words as
written) with the council and topic names, held per process until the catalogue changes.
"""

import numpy as np
from django.db import connections
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from rapidfuzz import process
from rapidfuzz.distance import OSA

from casestudies.models import CatalogueVersion, Council, Topic
from casestudies.ops.versioned import PerVersion

from .common import MARK_END, MARK_START, searching_welsh
from .query import ADJACENT, Term, words_of
from .scoring import SUMMARY, TITLE, Posting
from .words import STOP_WORDS

MATCH = "SELECT rowid FROM casestudies_fts WHERE casestudies_fts MATCH %s"
# One term's matches: its number, the case study, bm25 with the title only (0: not in the title), with the summary
# and lead council only, and with every column the same (asked for only where a score is wanted).
POSTING = (
    "SELECT {n}, rowid, bm25(casestudies_fts, 1, 0, 0, 0, 0), bm25(casestudies_fts, 0, 1, 1, 0, 0), {score} "
    "FROM casestudies_fts WHERE casestudies_fts MATCH %s"
)
SCORE = "bm25(casestudies_fts, 1, 1, 1, 1, 1)"
# The Welsh versions (migration 0020): not stemmed, diacritics folded; searched on Welsh pages only.
WELSH_POSTING = (
    "SELECT {n}, rowid, bm25(casestudies_fts_cy, 1, 0, 0), bm25(casestudies_fts_cy, 0, 1, 0), {score} "
    "FROM casestudies_fts_cy WHERE casestudies_fts_cy MATCH %s"
)
WELSH_SCORE = "bm25(casestudies_fts_cy, 1, 1, 1)"
PUBLISHED = "SELECT id FROM casestudies_casestudy WHERE status = 'published'"
SNIPPET = "snippet(casestudies_fts, 3, %s, %s, '…', 35)"
HIGHLIGHT = "highlight(casestudies_fts, 1, %s, %s)"
# The Welsh table's columns: title, summary, body (the sections).
WELSH_SNIPPET = "snippet(casestudies_fts_cy, 2, %s, %s, '…', 35)"
WELSH_HIGHLIGHT = "highlight(casestudies_fts_cy, 1, %s, %s)"
COMPLETIONS = 3


def _quoted(words: tuple[str, ...]) -> str:
    return '"' + " ".join(words).replace('"', '""') + '"'


def fts_term(term: Term) -> str | None:
    """The term in FTS5 syntax, or None when it has only stop words (PostgreSQL's ``english`` drops them)."""
    if term.phrase:
        return _quoted(term.words) if set(term.words) - STOP_WORDS else None
    words = [w for w in term.words if w not in STOP_WORDS]
    if not words:
        return None
    parts = [_quoted((w,)) for w in words]
    return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"


def postings(
    using: str, terms: list[Term], frequencies: dict[str, int], with_scores: list[bool]
) -> list[Posting]:
    """Each term's matches, with the fields each is in and (where asked) how much each says it, from one statement.

    ``bm25()`` with every column but the title weighing nothing is 0 exactly where the title lacks the term, so the
    field flags come from the same index lookups; ``bm25()`` with every column weighing the same says how much a
    case study says the term (relative to its length).
    """
    arms, params, numbered = [], [], []
    welsh = searching_welsh()
    for n, (term, scored) in enumerate(zip(terms, with_scores, strict=True)):
        expression = fts_term(term)
        if expression is None:
            continue
        if term.kind == ADJACENT:  # side by side in the title, summary or lead council only
            expression = f"{{title summary council}} : ({expression})"
        arms.append(POSTING.format(n=n, score=SCORE if scored else "0"))
        params.append(expression)
        numbered.append(n)
        if welsh:
            arms.append(WELSH_POSTING.format(n=-1 - n, score=WELSH_SCORE if scored else "0"))  # told apart
            params.append(expression.replace("{title summary council}", "{title summary}"))
    found = [Posting.empty() for _ in terms]
    if not arms:
        return found
    with connections[using].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(arms), params)
        rows = np.array(cursor.fetchall(), dtype=np.float64).reshape(-1, 5)
    for n in numbered:
        mine = rows[(rows[:, 0] == n) | (rows[:, 0] == -1 - n)]
        mine = mine[np.argsort(mine[:, 1], kind="stable")]
        ids = mine[:, 1].astype(np.int64)
        fields = ((mine[:, 2] < 0) * TITLE + (mine[:, 3] < 0) * SUMMARY).astype(np.uint8)
        scores = -mine[:, 4]
        english = mine[:, 0] >= 0 if welsh and (mine[:, 0] < 0).any() else None
        if welsh and len(ids) > 1 and (ids[1:] == ids[:-1]).any():  # found in the English and the Welsh
            ids, first = np.unique(ids, return_index=True)
            fields, scores = np.bitwise_or.reduceat(fields, first), np.maximum.reduceat(scores, first)
            english = np.logical_or.reduceat(english, first)
        found[n] = Posting(ids=ids, fields=fields, scores=scores if with_scores[n] else None, english=english)
    return found


def published_ids(using: str) -> np.ndarray:
    with connections[using].cursor() as cursor:
        cursor.execute(PUBLISHED)
        return np.array([row[0] for row in cursor.fetchall()], dtype=np.int64)


def restrict(queryset: QuerySet, ids: list[int], *, rank: bool) -> QuerySet:
    """``queryset`` narrowed to ``ids`` (one JSON parameter), with ``rank`` (earlier in ``ids`` is higher)."""
    table = queryset.model._meta.db_table
    listed = "[" + ",".join(str(int(pk)) for pk in ids) + "]"
    queryset = queryset.filter(pk__in=RawSQL("SELECT value FROM json_each(%s)", [listed]))
    if rank:
        position = RawSQL(f'-(SELECT key FROM json_each(%s) WHERE value = "{table}"."id")', [listed])
        queryset = queryset.annotate(rank=position)
    return queryset


def excerpts(
    using: str, ids: list[int], terms: list[Term], *, welsh: bool = False
) -> dict[int, tuple[str, str]]:
    """For each case study, FTS5's ``snippet()`` of its sections when they have a matched word, else its summary
    with the matched words marked: (``"sections"`` or ``"summary"``, text with the marks, not escaped). ``welsh``:
    of the Welsh versions (``casestudies_fts_cy``, diacritics folded, so "Mon" marks "Môn"), for the case studies
    that have one."""
    parts = list(dict.fromkeys(p for p in (fts_term(term) for term in terms) if p))
    if not parts or not ids:
        return {}
    table, snippet, highlight = (
        ("casestudies_fts_cy", WELSH_SNIPPET, WELSH_HIGHLIGHT)
        if welsh
        else ("casestudies_fts", SNIPPET, HIGHLIGHT)
    )
    placeholders = ", ".join("%s" for _ in ids)
    sql = f"SELECT rowid, {snippet}, {highlight} FROM {table} WHERE {table} MATCH %s AND rowid IN ({placeholders})"
    marks = [MARK_START, MARK_END]
    with connections[using].cursor() as cursor:
        cursor.execute(sql, [*marks, *marks, " OR ".join(parts), *ids])
        rows = cursor.fetchall()
    return {
        pk: ("sections", body) if MARK_START in body else ("summary", summary) for pk, body, summary in rows
    }


# The vocabulary


class Vocabulary:
    """Words as written in the published case studies, with how many have each, and the council and topic
    names' words."""

    def __init__(self, documents: dict[str, int], names: dict[str, int]):
        self.documents = documents
        self.names = names
        self.frequencies = {w: documents.get(w, 0) + names.get(w, 0) for w in documents.keys() | names.keys()}
        self.words = list(self.frequencies)


def _build_vocabulary(using: str, version: int | None) -> Vocabulary:
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT term, doc FROM casestudies_fts_vocab")
        documents = {term: doc for term, doc in cursor.fetchall() if term.isalpha()}
        cursor.execute("SELECT term, doc FROM casestudies_fts_cy_vocab")  # Welsh words are words, not typos
        for term, doc in cursor.fetchall():
            if term.isalpha():
                documents[term] = max(documents.get(term, 0), doc)
    names: dict[str, int] = {}
    words = [*Council.objects.using(using).filter(is_current=True).values_list("name", flat=True)]
    words += Topic.objects.using(using).values_list("name", flat=True)
    for name in words:
        for word in set(words_of(name)):
            if word.isalpha():
                names[word] = names.get(word, 0) + 1
    return Vocabulary(documents, names)


_vocabularies = PerVersion(_build_vocabulary)


def vocabulary(using: str, version: int | None) -> Vocabulary:
    """The vocabulary for the catalogue version ``version`` (read when it changes; one per process and database)."""
    if version is None:
        version = CatalogueVersion.objects.using(using).filter(pk=1).values_list("token", flat=True).first()
    return _vocabularies.get(using, version)


def frequencies(
    using: str, words: list[str], *, version: int | None = None, stems: set[str] | None = None
) -> dict[str, tuple[int, int]]:
    """For each word: (case studies with it, as written or by its stem; council and topic names with it). Only the
    words in ``stems`` (all, when None) are looked up by their stem when the vocabulary lacks them as written: one
    index lookup each."""
    held = vocabulary(using, version)
    found = {}
    with connections[using].cursor() as cursor:
        for word in words:
            documents = held.documents.get(word, 0)
            if not documents and word.isalpha() and (stems is None or word in stems):
                cursor.execute(f"SELECT count(*) FROM ({MATCH})", [_quoted((word,))])
                documents = cursor.fetchone()[0]
            found[word] = (documents, held.names.get(word, 0))
    return found


def completions(using: str, words: list[str], *, version: int | None = None) -> dict[str, dict[str, int]]:
    """For each word, the most frequent words of the case studies that start with it (at most three)."""
    held = vocabulary(using, version)
    found = {}
    for word in words:
        longer = [(n, w) for w, n in held.documents.items() if w.startswith(word) and w != word]
        found[word] = {w: n for n, w in sorted(longer, key=lambda item: (-item[0], item[1]))[:COMPLETIONS]}
    return found


def candidates(
    using: str, words: list[str], *, version: int | None = None
) -> dict[str, list[tuple[str, int]]]:
    held = vocabulary(using, version)
    found = {}
    for word in words:
        close = process.extract(word, held.words, scorer=OSA.distance, score_cutoff=2, limit=None)
        found[word] = [(candidate, held.frequencies[candidate]) for candidate, _, _ in close]
    return found

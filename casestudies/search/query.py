"""The query parser both backends share: what a person typed, turned into terms, "phrases", -exclusions and OR.

The text is never handed to FTS5 or to ``to_tsquery``: each backend compiles the parsed ``Query`` itself, quoting
every word (``sqlite.py``) or passing it as a parameter to ``phraseto_tsquery`` (``postgres.py``). Anything that is
not a word, a quote, a leading ``-`` or ``+`` or the word ``OR`` is a separator, so ``NEAR(``, ``*``, ``^`` and
``title:`` are just words or nothing.

Grammar (the ``websearch`` syntax people know): each word is a clause, and a case study needs most of them
(``scoring.minimum_should_match``); ``"a phrase"`` must appear as written and ``+word`` must appear (both exactly:
no synonym, no correction); an unbalanced quote runs to the end; ``-word`` or ``-"a phrase"`` excludes; ``a OR b``
matches either.
"""

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

from .words import GENERIC_WORDS, IRREGULAR, QUESTION_WORDS, STOP_WORDS

MAX_CLAUSES = 12
MAX_PHRASE_WORDS = 12
MAX_ALTERNATIVES = 12
WORD = r"\w+(?:['’\-]\w+)*"
TOKENS = re.compile(rf'(?P<sign>(?:(?<=\s)|^)[-+])?(?:"(?P<phrase>[^"]*)(?:"|$)|(?P<word>{WORD}))')
WORD_RE = re.compile(WORD)

# What a term is: typed; a British/US spelling or irregular form of a typed word; an editor's synonym; a word
# learned from the catalogue (pseudo-relevance feedback, ``feedback.py``).
TYPED, VARIANT, SYNONYM, RELATED = "typed", "variant", "synonym", "related"
# Two words typed side by side, looked for side by side in the title, summary and lead council (a bonus).
ADJACENT = "adjacent"


@dataclass(frozen=True)
class Term:
    """Words that must all appear (``phrase``: next to each other, in this order)."""

    words: tuple[str, ...]
    phrase: bool = False
    kind: str = TYPED
    span: tuple[int, int] | None = None  # where a single typed word is in the text (for corrections)
    exactly: bool = False  # quoted or +word: searched as typed, with no synonym, variant or correction

    @property
    def exact(self) -> bool:
        return self.kind in (TYPED, VARIANT)

    @property
    def text(self) -> str:
        joined = " ".join(self.words)
        return f'"{joined}"' if self.phrase and len(self.words) > 1 else joined


@dataclass(frozen=True)
class Clause:
    """Alternatives (OR); a negated clause excludes what any of them matches."""

    alternatives: tuple[Term, ...]
    negated: bool = False

    @property
    def generic(self) -> bool:
        """One plain word such as "stop" or "people" (``words.GENERIC_WORDS``)."""
        typed = [t for t in self.alternatives if t.kind == TYPED]
        return (
            not self.negated
            and len(typed) == 1
            and not typed[0].exactly
            and len(typed[0].words) == 1
            and typed[0].words[0] in GENERIC_WORDS
        )

    @property
    def required(self) -> bool:
        """Quoted or +word: every result must have it (the other clauses only need to be mostly there)."""
        return not self.negated and all(term.exactly for term in self.alternatives if term.kind == TYPED)


@dataclass(frozen=True)
class Query:
    text: str
    clauses: tuple[Clause, ...]

    @property
    def positive(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if not c.negated)

    @property
    def negative(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if c.negated)

    @property
    def has_synonyms(self) -> bool:
        return any(not t.exact for c in self.clauses for t in c.alternatives)

    def exact(self) -> "Query":
        """The query without its synonyms: what counts as an exact match for ranking."""
        clauses = tuple(
            replace(c, alternatives=tuple(t for t in c.alternatives if t.exact)) for c in self.clauses
        )
        return replace(self, clauses=tuple(c for c in clauses if c.alternatives))

    def typed_words(self) -> list[Term]:
        """The single words as typed (not quoted, not +word), with their place in the text."""
        return [t for c in self.clauses for t in c.alternatives if t.span is not None and not t.exactly]

    def adjacent_pairs(self) -> list[Term]:
        """Each pair of plain words typed side by side (only spaces or punctuation between them), as a phrase."""
        words = [
            c.alternatives[0]
            for c in self.clauses
            if not c.negated and c.alternatives[0].span is not None and not c.alternatives[0].exactly
        ]
        pairs = []
        for first, second in pairwise(words):
            between = self.text[first.span[1] : second.span[0]]
            if not WORD_RE.search(between):
                pairs.append(Term((*first.words, *second.words), phrase=True, kind=ADJACENT))
        return pairs

    def without_function_words(self) -> "Query":
        """The query without the plain words that say nothing about a subject (``words.QUESTION_WORDS`` and stop
        words), when other words are left: "how do councils help lonely people" is about help, lonely, people."""

        def function_word(clause: Clause) -> bool:
            if clause.negated or len(clause.alternatives) != 1:
                return False
            term = clause.alternatives[0]
            return (
                term.kind == TYPED
                and not term.exactly
                and len(term.words) == 1
                and term.words[0] in STOP_WORDS | QUESTION_WORDS
            )

        kept = tuple(c for c in self.clauses if not function_word(c))
        if not any(not c.negated for c in kept):
            return self
        return replace(self, clauses=kept)


def words_of(text: str) -> tuple[str, ...]:
    return tuple(w.lower().replace("’", "'") for w in WORD_RE.findall(text))


def parse(text: str) -> Query:
    items: list[tuple[Term, bool] | str] = []
    for match in TOKENS.finditer(text):
        negated = match.group("sign") == "-"
        required = match.group("sign") == "+"
        if match.group("word") is not None:
            word = match.group("word").lower().replace("’", "'")
            if word == "or" and not match.group("sign"):
                items.append("OR")
                continue
            items.append((Term((word,), span=match.span("word"), exactly=required), negated))
        else:
            words = words_of(match.group("phrase"))[:MAX_PHRASE_WORDS]
            if words:
                items.append((Term(words, phrase=len(words) > 1, exactly=True), negated))
    clauses: list[Clause] = []
    previous_or = False
    for item in items:
        if item == "OR":
            previous_or = True
            continue
        term, negated = item
        last = clauses[-1] if clauses else None
        if previous_or and last and not last.negated and not negated:
            if len(last.alternatives) < MAX_ALTERNATIVES:
                clauses[-1] = replace(last, alternatives=(*last.alternatives, term))
        elif len(clauses) < MAX_CLAUSES:
            clauses.append(Clause((term,), negated=negated))
        previous_or = False
    return Query(text=text, clauses=tuple(clauses))


def strip_diacritics(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


# British and US spellings: always the same word. Each rule swaps one spelling for the other.
SPELLING_RULES = [
    (re.compile(r"^(\w{3,})is(e|es|ed|ing|er|ers|ation|ations)$"), r"\1iz\2"),
    (re.compile(r"^(\w{3,})iz(e|es|ed|ing|er|ers|ation|ations)$"), r"\1is\2"),
    (re.compile(r"^(\w{2,})ys(e|es|ed|ing|er|ers)$"), r"\1yz\2"),
    (re.compile(r"^(\w{2,})yz(e|es|ed|ing|er|ers)$"), r"\1ys\2"),
    (re.compile(r"^(\w{3,})our(s|ed|ing|ful|hood|hoods|ite|ites|able|er|ers|less)?$"), r"\1or\2"),
    (re.compile(r"^(\w{3,})or(s|ed|ing|ful|hood|hoods|ite|ites|able|er|ers|less)?$"), r"\1our\2"),
]


# Derived forms the stemmers keep apart (violent/violence, economic/economy, lonely/loneliness).
DERIVED_RULES = [
    (re.compile(r"^(\w{3,})ent$"), r"\1ence"),
    (re.compile(r"^(\w{3,})ence$"), r"\1ent"),
    (re.compile(r"^(\w{3,})ant$"), r"\1ance"),
    (re.compile(r"^(\w{3,})ance$"), r"\1ant"),
    (re.compile(r"^(\w{3,})ic$"), r"\1y"),
    (re.compile(r"^(\w{3,}[^aeiou])y$"), r"\1ic"),
    (re.compile(r"^(\w{3,})ly$"), r"\1liness"),
    (re.compile(r"^(\w{3,})liness$"), r"\1ly"),
]


def spelling_variants(word: str) -> set[str]:
    """The other spellings of a word (-ise/-ize, -isation/-ization, -yse/-yze, -our/-or), its irregular plural or
    singular (knives/knife) and its derived forms (violent/violence), not the word itself.

    Rules such as -or to -our also make non-words ("motour"); callers keep only the variants in the vocabulary.
    """
    found = {IRREGULAR[word]} if word in IRREGULAR else set()
    if len(word) < 5 or not word.isalpha():
        return found
    rules = SPELLING_RULES + DERIVED_RULES
    return (found | {rule.sub(swap, word) for rule, swap in rules if rule.match(word)}) - {word}


def british(word: str) -> str:
    """One spelling for -ise/-ize words, so keys compare equal; -our/-or needs the vocabulary, so it is left."""
    for rule, swap in SPELLING_RULES[1:4:2]:
        if rule.match(word):
            return rule.sub(swap, word)
    return word


@lru_cache(maxsize=20000)
def fold(word: str) -> str:
    """A word reduced for comparing synonym terms: lower case, no accents, singular, British spelling."""
    word = strip_diacritics(word.lower().replace("’", "'"))
    word = word.removesuffix("'s")
    word = british(word)
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def key_of(words: tuple[str, ...] | list[str]) -> str:
    """How a synonym term or a run of query words is looked up: folded words, hyphens and apostrophes as spaces."""
    parts = [part for word in words for part in re.split(r"['\-]", word) if part]
    return " ".join(fold(part) for part in parts)

"""The query parser both backends share: what a person typed, turned into terms, "phrases", -exclusions and OR.

The text is never handed to FTS5 or to ``to_tsquery``: each backend compiles the parsed ``Query`` itself, quoting
every word (``sqlite.py``) or passing it as a parameter to ``phraseto_tsquery`` (``postgres.py``). Anything that is
not a word, a quote, a leading ``-`` or the word ``OR`` is a separator, so ``NEAR(``, ``*``, ``^`` and ``title:``
are just words or nothing.

Grammar (the ``websearch`` syntax people know): words are ANDed; ``"a phrase"`` must appear as written (an
unbalanced quote runs to the end); ``-word`` or ``-"a phrase"`` excludes; ``a OR b`` matches either.
"""

import re
import unicodedata
from dataclasses import dataclass, replace

MAX_CLAUSES = 12
MAX_PHRASE_WORDS = 12
MAX_ALTERNATIVES = 12
WORD = r"\w+(?:['’\-]\w+)*"
TOKENS = re.compile(rf'(?P<neg>(?:(?<=\s)|^)-)?(?:"(?P<phrase>[^"]*)(?:"|$)|(?P<word>{WORD}))')
WORD_RE = re.compile(WORD)

# PostgreSQL's English stop words (the Snowball list its ``english`` configuration drops). FTS5 keeps every word,
# so the SQLite compiler drops these from plain terms too, and both databases ignore the same words.
STOP_WORDS = frozenset(
    [
        "i",
        "me",
        "my",
        "myself",
        "we",
        "our",
        "ours",
        "ourselves",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "he",
        "him",
        "his",
        "himself",
        "she",
        "her",
        "hers",
        "herself",
        "it",
        "its",
        "itself",
        "they",
        "them",
        "their",
        "theirs",
        "themselves",
        "what",
        "which",
        "who",
        "whom",
        "this",
        "that",
        "these",
        "those",
        "am",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "have",
        "has",
        "had",
        "having",
        "do",
        "does",
        "did",
        "doing",
        "a",
        "an",
        "the",
        "and",
        "but",
        "if",
        "or",
        "because",
        "as",
        "until",
        "while",
        "of",
        "at",
        "by",
        "for",
        "with",
        "about",
        "against",
        "between",
        "into",
        "through",
        "during",
        "before",
        "after",
        "above",
        "below",
        "to",
        "from",
        "up",
        "down",
        "in",
        "out",
        "on",
        "off",
        "over",
        "under",
        "again",
        "further",
        "then",
        "once",
        "here",
        "there",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "both",
        "each",
        "few",
        "more",
        "most",
        "other",
        "some",
        "such",
        "no",
        "nor",
        "not",
        "only",
        "own",
        "same",
        "so",
        "than",
        "too",
        "very",
        "s",
        "t",
        "can",
        "will",
        "just",
        "don",
        "should",
        "now",
    ]
)

TYPED, VARIANT, SYNONYM = "typed", "variant", "synonym"


@dataclass(frozen=True)
class Term:
    """Words that must all appear (``phrase``: next to each other, in this order)."""

    words: tuple[str, ...]
    phrase: bool = False
    kind: str = TYPED  # typed, a British/US spelling variant of a typed word, or a synonym
    span: tuple[int, int] | None = None  # where a single typed word is in the text (for corrections)

    @property
    def exact(self) -> bool:
        return self.kind != SYNONYM

    @property
    def text(self) -> str:
        joined = " ".join(self.words)
        return f'"{joined}"' if self.phrase and len(self.words) > 1 else joined


@dataclass(frozen=True)
class Clause:
    """Alternatives (OR); a negated clause excludes what any of them matches."""

    alternatives: tuple[Term, ...]
    negated: bool = False


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
        """The single words as typed, with their place in the text."""
        return [t for c in self.clauses for t in c.alternatives if t.span is not None]


def words_of(text: str) -> tuple[str, ...]:
    return tuple(w.lower().replace("’", "'") for w in WORD_RE.findall(text))


def parse(text: str) -> Query:
    items: list[tuple[Term, bool] | str] = []
    for match in TOKENS.finditer(text):
        negated = bool(match.group("neg"))
        if match.group("word") is not None:
            word = match.group("word").lower().replace("’", "'")
            if word == "or" and not negated:
                items.append("OR")
                continue
            items.append((Term((word,), span=match.span("word")), negated))
        else:
            words = words_of(match.group("phrase"))[:MAX_PHRASE_WORDS]
            if words:
                items.append((Term(words, phrase=len(words) > 1), negated))
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


def spelling_variants(word: str) -> set[str]:
    """The other spellings of a word (-ise/-ize, -isation/-ization, -yse/-yze, -our/-or), not the word itself.

    Rules such as -or to -our also make non-words ("motour"); callers keep only the variants in the vocabulary.
    """
    if len(word) < 5 or not word.isalpha():
        return set()
    return {rule.sub(swap, word) for rule, swap in SPELLING_RULES if rule.match(word)} - {word}


def british(word: str) -> str:
    """One spelling for -ise/-ize words, so keys compare equal; -our/-or needs the vocabulary, so it is left."""
    for rule, swap in SPELLING_RULES[1:4:2]:
        if rule.match(word):
            return rule.sub(swap, word)
    return word


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

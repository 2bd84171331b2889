"""Word lists the query planner uses: function words, irregular forms, and which words are real English.

- ``STOP_WORDS``: PostgreSQL's English stop words (the Snowball list its ``english`` configuration drops). FTS5
  keeps every word, so the SQLite compiler drops these from plain terms too, and both databases ignore the same
  words.
- ``QUESTION_WORDS``: words of a question that say nothing about its subject on this site (modal verbs, "council",
  "case study", "examples of"). They are left out of a keyword that has other words, never inside quotes.
- ``GENERIC_WORDS``: words that, in a question or a longer keyword, say what the person wants done rather than what
  about ("stop", "helping", "better", "people"): searched and scored, but a case study does not need them to count
  as having "all the words" (``scoring``), when the keyword has other words.
- ``IRREGULAR``: plurals and other forms that no stemmer joins (knife/knives, child/children): always the same
  word, like British and US spellings.
- ``english``: the frequency of a word in English (the Zipf scale: 3 is once per million words), from
  ``fixtures/english_words.txt`` (derived from wordfreq; see fixtures/README.md). The spelling corrector never
  corrects a real English word into a catalogue word.
"""

from functools import cache
from pathlib import Path

import numpy as np

STOP_WORDS = frozenset(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her
    hers herself it its itself they them their theirs themselves what which who whom this that these those
    am is are was were be been being have has had having do does did doing a an the and but if or because
    as until while of at by for with about against between into through during before after above below to
    from up down in out on off over under again further then once here there when where why how all any
    both each few more most other some such no nor not only own same so than too very s t can will just
    don should now
    """.split()  # noqa: SIM905
)
QUESTION_WORDS = frozenset(
    """
    could would might must may shall us get gets got getting council councils authority authorities case
    cases study studies example examples idea ideas way ways tips
    """.split()  # noqa: SIM905
)
GENERIC_WORDS = frozenset(
    """
    help helps helping helped support supports supporting supported stop stops stopping keep keeps keeping
    kept get gets getting make makes making made become becomes becoming became bring brings bringing
    brought use uses using used improve improves improving improved reduce reduces reducing reduced
    increase increases increasing cut cuts cutting tackle tackles tackling tackled deal deals dealing find
    finds finding found look looks looking want wants wanted need needs needed try tries trying tried able
    encourage encourages encouraging encouraged manage manages managing managed stay stays staying put
    puts putting go goes going went gone come comes coming came take takes taking took give gives giving
    gave run runs running let lets know knows think see say says tell ask asks asking happen happens
    happening start starts starting started end ending change changes changing changed turn turns turning
    sort sorting fix fixing boost boosting address addressing avoid avoiding handle more less most least
    better best good great bad worse worst new big bigger small smaller long longer short real whole full
    right wrong hard harder easy easier quick quicker quickly fast faster slow sure well really also still
    even just much many lot lots few several enough too very quite rather almost already always never
    often sometimes ever back again away around instead else nothing something anything everything thing
    things way kind kinds sort type types part parts number numbers lot piece side bit bits point people
    person someone anyone everyone everybody somebody nobody residents local area areas place places other
    others another different same own certain particular current currently actually
    """.split()  # noqa: SIM905
)
_IRREGULAR_PAIRS = [
    ("knife", "knives"),
    ("life", "lives"),
    ("wife", "wives"),
    ("leaf", "leaves"),
    ("half", "halves"),
    ("shelf", "shelves"),
    ("child", "children"),
    ("man", "men"),
    ("woman", "women"),
    ("foot", "feet"),
    ("tooth", "teeth"),
    ("mouse", "mice"),
    ("person", "people"),
    ("crisis", "crises"),
    ("analysis", "analyses"),
]
IRREGULAR = {a: b for a, b in _IRREGULAR_PAIRS} | {b: a for a, b in _IRREGULAR_PAIRS}
ENGLISH_WORDS = Path(__file__).resolve().parents[2] / "fixtures" / "english_words.txt"


@cache
def _english() -> tuple[np.ndarray, np.ndarray]:
    """The word list as a sorted array of words and their Zipf frequencies (tenths), searched by bisection."""
    words, zipfs = [], []
    for line in ENGLISH_WORDS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, zipf = line.split("\t")
            words.append(word)
            zipfs.append(int(zipf))
    array = np.array([w.encode("ascii") for w in words], dtype="S20")  # 1 byte a letter; the list is ASCII
    order = np.argsort(array)
    return array[order], np.array(zipfs, dtype=np.uint8)[order]


def zipf(word: str) -> float:
    """How common ``word`` is in English on the Zipf scale (0 when the list does not have it)."""
    if not word.isascii() or len(word) > 20:
        return 0.0
    words, zipfs = _english()
    key = word.encode("ascii")
    at = int(np.searchsorted(words, key))
    return zipfs[at] / 10 if at < len(words) and words[at] == key else 0.0

"""The query parser both backends share (casestudies/search/query.py): no database needed."""

import pytest

from casestudies.search.query import (
    MAX_CLAUSES,
    Clause,
    Term,
    fold,
    key_of,
    parse,
    spelling_variants,
)


def shape(text: str) -> list[tuple[bool, list[str]]]:
    """Each clause as (negated, [alternatives as text])."""
    return [(c.negated, [t.text for t in c.alternatives]) for c in parse(text).clauses]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Recycling  FOOD", [(False, ["recycling"]), (False, ["food"])]),
        ('"food waste" trial', [(False, ['"food waste"']), (False, ["trial"])]),
        ("recycling -food", [(False, ["recycling"]), (True, ["food"])]),
        ('recycling -"food waste"', [(False, ["recycling"]), (True, ['"food waste"'])]),
        ("gwynedd OR conwy libraries", [(False, ["gwynedd", "conwy"]), (False, ["libraries"])]),
        ("a or b or c", [(False, ["a", "b", "c"])]),
        ("e-bike", [(False, ["e-bike"])]),
        ("Hackney’s routes", [(False, ["hackney's"]), (False, ["routes"])]),
        ('"unbalanced quote', [(False, ['"unbalanced quote"'])]),
        ('""', []),
        ("or recycling or", [(False, ["recycling"])]),
        ("-food or recycling", [(True, ["food"]), (False, ["recycling"])]),
        ("well-being", [(False, ["well-being"])]),
        ("pre- school", [(False, ["pre"]), (False, ["school"])]),
    ],
    ids=[
        "words-and-case",
        "phrase",
        "exclusion",
        "excluded-phrase",
        "or",
        "or-chain",
        "hyphenated-word",
        "curly-apostrophe",
        "unbalanced-quote",
        "empty-phrase",
        "or-at-the-ends",
        "or-after-an-exclusion",
        "hyphen-inside",
        "trailing-hyphen",
    ],
)
def test_parse_gives_terms_phrases_exclusions_and_or(text, expected):
    assert shape(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "NEAR(recycling food)",
        "title: recycling",
        "recycling*",
        "^recycling",
        "recycling + {food}",
        "col:x AND y",
    ],
)
def test_parse_reads_fts5_operators_as_words_or_nothing(text):
    words = [w for clause in parse(text).clauses for term in clause.alternatives for w in term.words]

    assert all(word.replace("_", "").isalnum() for word in words)
    assert "recycling" in words or "x" in words


def test_parse_keeps_at_most_twelve_clauses():
    assert len(parse(" ".join(f"word{n}" for n in range(1000))).clauses) == MAX_CLAUSES


def test_parse_remembers_where_each_typed_word_is():
    text = "Recyling -bins"
    terms = parse(text).typed_words()

    assert [(t.words, text[t.span[0] : t.span[1]]) for t in terms] == [
        (("recyling",), "Recyling"),
        (("bins",), "bins"),
    ]


def test_exact_drops_the_synonyms_only():
    query = parse("ev")
    expanded = type(query)(
        text="ev",
        clauses=(Clause((Term(("ev",)), Term(("electric", "vehicle"), phrase=True, kind="synonym"))),),
    )

    assert expanded.has_synonyms
    assert [[t.text for t in c.alternatives] for c in expanded.exact().clauses] == [["ev"]]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("immunization", {"immunisation"}),
        ("reorganisation", {"reorganization"}),
        ("prioritised", {"prioritized"}),
        ("analyze", {"analyse"}),
        ("behavior", {"behaviour"}),
        ("neighbourhoods", {"neighborhoods"}),
        ("favourite", {"favorite"}),
        ("size", set()),
        ("for", set()),
        ("council", set()),
    ],
)
def test_spelling_variants_swap_british_and_us_endings(word, expected):
    assert spelling_variants(word) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ebikes", "ebike"),
        ("Disabilities", "disability"),
        ("organization", "organisation"),
        ("Môn", "mon"),
        ("council's", "council"),
    ],
)
def test_fold_makes_plural_us_and_accented_forms_compare_equal(a, b):
    assert fold(a) == fold(b)


def test_key_of_treats_hyphens_as_spaces():
    assert (
        key_of(("looked-after", "children"))
        == key_of(("looked", "after", "children"))
        == "looked after children"
    )

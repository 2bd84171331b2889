"""Related terms learned from the first results (``search.feedback``): which words are candidates, which are kept."""

import numpy as np

from casestudies.search.feedback import candidates, related_terms


def frequencies(words: list[str]) -> dict[str, int]:
    """Every word in two case studies of a hundred, but "council" in all of them."""
    return {word: 100 if word == "council" else 2 for word in words}


def test_candidates_of_a_keyword_one_case_study_has_come_from_that_one():
    texts = [("Rewilding the estuary: saltmarsh habitats and nesting birds, council land", 1.0)]

    found = candidates(texts, query_words=["rewilding"], size=100, frequencies=frequencies)

    assert sorted(found) == ["birds", "estuary", "habitats", "land", "nesting", "saltmarsh"]


def test_candidates_are_words_two_of_the_results_share():
    texts = [("Saltmarsh habitats by the estuary", 1.0), ("Nesting birds on saltmarsh", 0.5)]

    assert candidates(texts, query_words=["rewilding"], size=100, frequencies=frequencies) == ["saltmarsh"]


def test_related_terms_weigh_a_word_by_how_much_it_keeps_to_the_results_read():
    """Case studies 0-1 are the results read; "grants" is in them and in 40 others, "saltmarsh" in them and one
    more: "saltmarsh" goes with what was asked far more."""
    found = [("grants", np.arange(0, 42)), ("saltmarsh", np.array([0, 1, 50]))]

    chosen = dict(related_terms(found, np.array([0, 1]), size=100))

    assert list(chosen) == ["saltmarsh", "grants"]
    assert round(chosen["saltmarsh"], 2) == 5.78
    assert round(chosen["grants"], 2) == 1.98


def test_related_terms_of_a_single_result_need_only_that_one():
    found = [("saltmarsh", np.array([7, 50])), ("estuary", np.array([50, 51]))]

    assert [word for word, _ in related_terms(found, np.array([7]), size=100)] == ["saltmarsh"]

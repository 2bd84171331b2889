import math

import pytest

from .metrics import ndcg_at, precision_at, recall_at, recall_uncapped_at, reciprocal_rank

JUDGED = {"a": 2, "b": 1, "c": 2}


def test_ndcg_is_one_for_the_ideal_order():
    assert ndcg_at(10, ["a", "c", "b", "x"], JUDGED) == pytest.approx(1.0)


def test_ndcg_by_hand_for_a_worse_order():
    # DCG of x, b, a: 0 + 1/log2(3) + 3/log2(4); ideal a, c, b: 3 + 3/log2(3) + 1/log2(4)
    expected = (1 / math.log2(3) + 3 / 2) / (3 + 3 / math.log2(3) + 1 / 2)
    assert ndcg_at(10, ["x", "b", "a"], JUDGED) == pytest.approx(expected)


def test_ndcg_cuts_at_k():
    assert ndcg_at(1, ["b", "a"], JUDGED) == pytest.approx(1 / 3)


def test_recall_is_capped_at_k_and_uncapped_counts_everything():
    judged = {str(n): 1 for n in range(20)}
    top = [str(n) for n in range(10)]
    assert recall_at(10, top, judged) == 1.0
    assert recall_uncapped_at(10, top, judged) == 0.5
    assert recall_at(10, ["a", "x"], JUDGED) == pytest.approx(1 / 3)


def test_reciprocal_rank_and_precision():
    assert reciprocal_rank(["x", "y", "b"], JUDGED) == pytest.approx(1 / 3)
    assert reciprocal_rank(["x"], JUDGED) == 0.0
    assert precision_at(5, ["a", "x", "b"], JUDGED) == pytest.approx(2 / 5)


def test_a_query_expecting_nothing_scores_one_only_when_nothing_is_found():
    assert ndcg_at(10, [], {}) == 1.0
    assert ndcg_at(10, ["a"], {}) == 0.0
    assert recall_at(10, [], {}) == 1.0

"""Ranking measures over graded judgements (2 = about this, 1 = partly relevant, absent = not relevant).

Definitions used throughout (they follow the TREC conventions):
- nDCG@k: DCG = sum over the first k results of (2^grade - 1) / log2(position + 1), divided by the DCG of the ideal
  order of the judged grades (Järvelin and Kekäläinen; the exponential gain of Burges et al.).
- recall@k: the share of the relevant case studies (grade 1 or 2) among the first k, out of at most k: a query with
  20 relevant case studies scores 1 when its first 10 results are all relevant (R-capped recall).
- reciprocal rank: 1 / the position of the first relevant result (0 when none is in the results).
- precision@k: the share of the first k results that are relevant (k, not the number of results, below).
"""

import math


def dcg(grades: list[int]) -> float:
    return sum((2**grade - 1) / math.log2(position + 2) for position, grade in enumerate(grades))


def ndcg_at(k: int, ranked: list[str], judged: dict[str, int]) -> float:
    ideal = dcg(sorted(judged.values(), reverse=True)[:k])
    if ideal == 0:
        return 1.0 if not ranked else 0.0
    return dcg([judged.get(slug, 0) for slug in ranked[:k]]) / ideal


def recall_at(k: int, ranked: list[str], judged: dict[str, int]) -> float:
    relevant = {slug for slug, grade in judged.items() if grade > 0}
    if not relevant:
        return 1.0 if not ranked else 0.0
    return len(relevant.intersection(ranked[:k])) / min(len(relevant), k)


def recall_uncapped_at(k: int, ranked: list[str], judged: dict[str, int]) -> float:
    relevant = {slug for slug, grade in judged.items() if grade > 0}
    return len(relevant.intersection(ranked[:k])) / len(relevant) if relevant else 1.0


def reciprocal_rank(ranked: list[str], judged: dict[str, int]) -> float:
    return next((1 / position for position, slug in enumerate(ranked, 1) if judged.get(slug, 0) > 0), 0.0)


def precision_at(k: int, ranked: list[str], judged: dict[str, int]) -> float:
    return sum(1 for slug in ranked[:k] if judged.get(slug, 0) > 0) / k

"""Search quality on the relevance corpus, through the list page as its form sends a search.

224 case studies, graded judgements written by reading them (tests/search/corpus.py). The figures are printed at
the end of ``make test`` and by ``make relevance`` (both databases); set RELEVANCE_DETAIL=1 to see every query
that misses a relevant case study in its first ten results.
"""

import os

import pytest
from django.db import connection

from .conftest import FIGURES
from .corpus import KINDS, corpus_slugs, judged_queries, load_corpus, mean, ranked_slugs, scores, table

pytestmark = pytest.mark.django_db
# The floors this search reaches (nDCG@10 0.784 on SQLite and 0.769 on PostgreSQL, recall@10 0.762 and 0.742, when
# written), a little below, so that a change that loses relevance fails. The aim is 0.8 for both (issue 19): not
# reached yet.
MIN_NDCG, MIN_RECALL = 0.765, 0.74
# Precision@5 of the search before this work (commit 3d48d13, a URL with only q: best match), measured on this corpus
# with the same harness (the form then sent sort=newest and did worse: 0.333 and 0.338): recall may not be bought
# with precision.
BASELINE_PRECISION = {"sqlite": 0.406, "postgresql": 0.424}


def test_judged_queries_are_well_formed():
    queries = judged_queries()
    slugs = corpus_slugs()
    kinds = [q.kind for q in queries]

    assert len(slugs) >= 200
    assert len(queries) >= 120
    assert sum(1 for q in queries if q.kind == "question" and len(q.query.split()) >= 4) >= 40
    assert set(kinds) <= set(KINDS)
    assert len({q.query.casefold() for q in queries}) == len(queries)
    for q in queries:
        assert set(q.relevant) <= slugs, q.query
        assert set(q.relevant.values()) <= {1, 2}, q.query
    sizes = sorted(len(q.relevant) for q in queries)
    assert sum(1 for n in sizes if 5 <= n <= 20) > len(sizes) / 2


def test_relevance_on_the_judged_corpus(client):
    load_corpus()
    results = []
    for judged in judged_queries():
        ranked = ranked_slugs(client, judged.query)
        results.append((judged, ranked, scores(ranked, judged)))
    overall = mean([r for _, _, r in results])
    FIGURES.extend(table(results, connection.vendor))
    if os.environ.get("RELEVANCE_DETAIL"):
        for judged, ranked, score in results:
            if score.recall < 1 or score.ndcg < 0.8:
                missed = [s for s in judged.relevant if s not in ranked[:10]]
                wrong = [s for s in ranked[:10] if s not in judged.relevant]
                FIGURES.append(
                    f"  [{judged.kind}] {judged.query!r}: nDCG {score.ndcg:.2f} recall {score.recall:.2f}; "
                    f"missed {missed}; not relevant in top 10: {wrong}"
                )

    assert overall.ndcg >= MIN_NDCG
    assert overall.recall >= MIN_RECALL
    assert overall.precision >= BASELINE_PRECISION[connection.vendor]

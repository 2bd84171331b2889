"""The matching test set: the judged queries of judgements.py run against the 64 demo case studies.

Most of these queries have one or two expected answers, so they test matching (typos, synonyms, Welsh place names,
exclusions, OR), not ranking: the quality figures of the search are those of the relevance corpus
(test_corpus_relevance.py). This set computes recall@5 and the mean reciprocal rank on the database the suite runs
on, prints them at the end of the run, and asserts recall@5 >= 0.9 and MRR >= 0.8. The results are those of the
list page (``SearchContext``): synonyms, British/US spellings and the automatic spelling correction included.
"""

import json
from urllib.parse import urlencode

import pytest
from django.db import connection

from casestudies.catalogue.context import SearchContext
from casestudies.interchange.loading import demo_files, load_demo, load_reference

from .conftest import FIGURES
from .judgements import JUDGEMENTS, Judgement

pytestmark = pytest.mark.django_db
TOP = 5
MIN_RECALL, MIN_MRR = 0.9, 0.8


def council_codes() -> dict[str, str]:
    """Each demo case study's slug and the code of its lead council (unique among the demo case studies)."""
    items = [item for path in demo_files() for item in json.loads(path.read_text(encoding="utf-8"))]
    codes = {item["slug"]: item["council"] for item in items}
    assert len(set(codes.values())) == len(codes)
    return codes


def results(query: str, codes: dict[str, str]) -> list[str]:
    filterset = SearchContext.from_query(urlencode({"q": query})).filterset
    return [codes[case_study.slug] for case_study in filterset.results()[0:20]]


def scores(judgement: Judgement, found: list[str]) -> tuple[float, float]:
    """(recall@5, reciprocal rank) of one query."""
    top = found[:TOP]
    if not judgement.expected:
        score = 1.0 if not found else 0.0
        return score, score
    if set(judgement.absent) & set(top):
        return 0.0, 0.0
    recall = len(set(judgement.expected) & set(top)) / min(len(judgement.expected), TOP)
    rank = next((n for n, code in enumerate(found, start=1) if code in judgement.expected), None)
    return recall, (1 / rank if rank else 0.0)


@pytest.fixture
def demo():
    load_reference()
    load_demo()
    return council_codes()


def test_relevance_of_the_judged_queries(demo):
    rows = []
    for judgement in JUDGEMENTS:
        found = results(judgement.query, demo)
        recall, reciprocal = scores(judgement, found)
        rows.append((judgement, found, recall, reciprocal))
    recall_at_5 = sum(row[2] for row in rows) / len(rows)
    mrr = sum(row[3] for row in rows) / len(rows)

    misses = [
        f"  {judgement.kind:28} {judgement.query!r}: expected {list(judgement.expected)}, got {found[:TOP]}"
        for judgement, found, recall, reciprocal in rows
        if recall < 1 or reciprocal < 1
    ]
    FIGURES.append(
        f"{connection.vendor}: matching set, {len(rows)} queries over the demo case studies, recall@5 "
        f"{recall_at_5:.3f} (needs {MIN_RECALL}), MRR {mrr:.3f} (needs {MIN_MRR})"
    )
    FIGURES.extend(misses)

    assert len(rows) >= 60
    assert recall_at_5 >= MIN_RECALL, "\n".join(misses)
    assert mrr >= MIN_MRR, "\n".join(misses)


def test_scores_follow_the_definitions():
    judged = Judgement("q", "exact word", ("A", "B"), ("X",))

    assert scores(judged, ["C", "A", "D", "E", "F", "B"]) == (0.5, 0.5)
    assert scores(judged, ["A", "X"]) == (0.0, 0.0)
    assert scores(Judgement("q", "should find nothing", ()), []) == (1.0, 1.0)
    assert scores(Judgement("q", "should find nothing", ()), ["A"]) == (0.0, 0.0)
    assert scores(Judgement("q", "exact word", tuple("ABCDEFG")), list("ABCDE")) == (1.0, 1.0)

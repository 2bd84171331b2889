"""The relevance test set: the judged queries of judgements.py run against the demo case studies.

It computes recall@5 and the mean reciprocal rank on the database the suite runs on, prints them at the end of the
run, and asserts recall@5 >= 0.9 and MRR >= 0.8. The results are those of the list page (``SearchContext``):
synonyms, British/US spellings and the automatic spelling correction included.

The same first result on both databases: the first results of a SQLite run are recorded in first_results.json.
The SQLite run asserts that they are still its first results (so the recording cannot go stale: change the search,
and the file must be recorded again with ``RECORD_FIRST_RESULTS=1``), and the PostgreSQL run asserts that at least
80% of its first results are the recorded ones. A query finding nothing has ``null`` as its first result.
"""

import json
import os
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection

from casestudies.catalogue.context import SearchContext
from casestudies.interchange.loading import demo_files, load_demo, load_reference

from .conftest import FIGURES
from .judgements import JUDGEMENTS, Judgement

pytestmark = pytest.mark.django_db
RECORDED = Path(__file__).with_name("first_results.json")
TOP = 5
MIN_RECALL, MIN_MRR, MIN_SAME_FIRST = 0.9, 0.8, 0.8


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
    firsts = {judgement.query: (found[0] if found else None) for judgement, found, _, _ in rows}

    if os.environ.get("RECORD_FIRST_RESULTS") and connection.vendor == "sqlite":
        RECORDED.write_text(json.dumps(firsts, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    same = sum(firsts[query] == recorded.get(query, "missing") for query in firsts) / len(firsts)

    misses = [
        f"  {judgement.kind:28} {judgement.query!r}: expected {list(judgement.expected)}, got {found[:TOP]}"
        for judgement, found, recall, reciprocal in rows
        if recall < 1 or reciprocal < 1
    ]
    FIGURES.append(
        f"{connection.vendor}: {len(rows)} judged queries, recall@5 {recall_at_5:.3f} (needs {MIN_RECALL}), "
        f"MRR {mrr:.3f} (needs {MIN_MRR}); first result the same as SQLite's recorded run for {same:.0%} "
        f"of the queries (needs {MIN_SAME_FIRST:.0%})"
    )
    FIGURES.extend(misses)
    FIGURES.extend(
        f"  first result differs from SQLite's recorded run: {query!r} {first} (recorded {recorded.get(query)})"
        for query, first in firsts.items()
        if first != recorded.get(query, "missing")
    )
    print("\n".join(FIGURES))

    assert len(rows) >= 60
    assert recall_at_5 >= MIN_RECALL, "\n".join(misses)
    assert mrr >= MIN_MRR, "\n".join(misses)
    if connection.vendor == "sqlite":
        assert firsts == recorded, "the first results changed: record them again with RECORD_FIRST_RESULTS=1"
    else:
        assert same >= MIN_SAME_FIRST


def test_scores_follow_the_definitions():
    judged = Judgement("q", "exact word", ("A", "B"), ("X",))

    assert scores(judged, ["C", "A", "D", "E", "F", "B"]) == (0.5, 0.5)
    assert scores(judged, ["A", "X"]) == (0.0, 0.0)
    assert scores(Judgement("q", "should find nothing", ()), []) == (1.0, 1.0)
    assert scores(Judgement("q", "should find nothing", ()), ["A"]) == (0.0, 0.0)
    assert scores(Judgement("q", "exact word", tuple("ABCDEFG")), list("ABCDE")) == (1.0, 1.0)

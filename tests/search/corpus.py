"""The relevance corpus and its judged queries, and running a query the way the site's search form sends it.

The corpus is the 64 demo case studies (fixtures/demo/) and 160 more written for this test set
(tests/search/corpus/): 224 case studies of every length, several on each theme in different words. The judged
queries (tests/search/judged/) were written, and graded by reading the case studies, by people who never ran the
search engine: 2 = about this, 1 = partly relevant.
"""

import json
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from django.test import Client

from casestudies.interchange.loading import demo_files, load_demo, load_reference
from tests.pages import page

from .metrics import ndcg_at, precision_at, recall_at, recall_uncapped_at, reciprocal_rank

HERE = Path(__file__).resolve().parent
CORPUS_FILES = sorted((HERE / "corpus").glob("case_studies_*.json"))
JUDGED_FILES = sorted((HERE / "judged").glob("*.json"))
KINDS = ("keyword", "topic", "question", "misspelt", "related", "exact")


@dataclass(frozen=True)
class Judged:
    query: str
    kind: str
    relevant: dict[str, int]


@dataclass(frozen=True)
class Scores:
    ndcg: float
    recall: float
    recall_uncapped: float
    mrr: float
    precision: float


def judged_queries() -> list[Judged]:
    return [
        Judged(item["query"], item["kind"], dict(item["relevant"]))
        for path in JUDGED_FILES
        for item in json.loads(path.read_text(encoding="utf-8"))
    ]


def corpus_slugs() -> set[str]:
    files = [*demo_files(), *CORPUS_FILES]
    return {item["slug"] for path in files for item in json.loads(path.read_text(encoding="utf-8"))}


def load_corpus() -> None:
    load_reference()
    load_demo()
    load_demo(paths=CORPUS_FILES)


def form_url(query: str) -> str:
    """The list page's URL as its form sends it: every field, the unchosen ones empty. (RELEVANCE_SORT sets the
    order menu's value, to measure an older form that sent ``sort=newest``.)"""
    sort = os.environ.get("RELEVANCE_SORT", "")
    return "/case-studies/?" + urlencode([("q", query), ("year_from", ""), ("year_to", ""), ("sort", sort)])


def ranked_slugs(client: Client, query: str, *, pages: int = 1) -> list[str]:
    """The case studies of the first results pages, in order, read from the page's result cards."""
    slugs: list[str] = []
    for number in range(1, pages + 1):
        url = form_url(query) + (f"&page={number}" if number > 1 else "")
        response = client.get(url)
        assert response.status_code == 200, url
        for card in page(response).find_all("h2", class_="card__title"):
            slugs.append(card.find("a")["href"].strip("/").split("/")[-1])
        if len(slugs) < 20 * number:
            break
    return slugs


def scores(ranked: list[str], judged: Judged) -> Scores:
    return Scores(
        ndcg=ndcg_at(10, ranked, judged.relevant),
        recall=recall_at(10, ranked, judged.relevant),
        recall_uncapped=recall_uncapped_at(10, ranked, judged.relevant),
        mrr=reciprocal_rank(ranked, judged.relevant),
        precision=precision_at(5, ranked, judged.relevant),
    )


def mean(rows: list[Scores]) -> Scores:
    n = len(rows) or 1
    return Scores(*(sum(getattr(r, field) for r in rows) / n for field in Scores.__dataclass_fields__))


def table(results: list[tuple[Judged, list[str], Scores]], vendor: str) -> list[str]:
    lines = [
        f"{vendor}: {len(results)} judged queries over {len(corpus_slugs())} case studies",
        f"  {'kind':10} {'queries':>7} {'nDCG@10':>8} {'recall@10':>9} {'(uncapped)':>10} {'MRR':>6} {'P@5':>6}",
    ]
    groups = [(kind, [r for j, _, r in results if j.kind == kind]) for kind in KINDS]
    groups.append(("all", [r for _, _, r in results]))
    for kind, rows in groups:
        if rows:
            m = mean(rows)
            lines.append(
                f"  {kind:10} {len(rows):7} {m.ndcg:8.3f} {m.recall:9.3f} {m.recall_uncapped:10.3f} "
                f"{m.mrr:6.3f} {m.precision:6.3f}"
            )
    return lines

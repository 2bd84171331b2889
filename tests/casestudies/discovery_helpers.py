"""Helpers shared by the discovery tests: a seeded random library with a brute-force model of the filters,
readers for the rendered facets, Atom feeds and streamed exports, and a query counter.

The brute-force model is deliberately independent of ``casestudies.catalogue``: region and council-type slugs
and the authority types each kind covers are written out here, so a wrong mapping in the code fails a test.
"""

import csv
import io
import json
import random
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext

from casestudies.models import CaseStudy, Outcome
from casestudies.search.scoring import FEW
from tests.factories import make_case_study, make_council, make_support_type, make_topic
from tests.pages import Node

LONDON = ZoneInfo("Europe/London")
ATOM = "{http://www.w3.org/2005/Atom}"

# name, slug (in display order)
TOPICS = [
    ("Housing", "housing"),
    ("Digital", "digital"),
    ("Waste", "waste"),
    ("Transport", "transport"),
    ("Social care", "social-care"),
    ("Libraries", "libraries"),  # never used by a case study: always a zero count unless selected
]
SUPPORT_TYPES = [
    ("Grant", "grant"),
    ("Peer challenge", "peer-challenge"),
    ("Advice", "advice"),
    ("Training", "training"),  # never used
]
REGION_SLUGS = [
    "north-east",
    "north-west",
    "yorkshire-and-the-humber",
    "east-midlands",
    "west-midlands",
    "east-of-england",
    "london",
    "south-east",
    "south-west",
    "wales",
    "scotland",
    "northern-ireland",
]
COUNCIL_TYPE_SLUGS = [
    "county",
    "district",
    "unitary",
    "metropolitan",
    "london-borough",
    "combined-authority",
    "welsh-unitary",
    "scottish-council",
    "ni-district",
]
# name, code, region, authority type, region slug, council-type slug
COUNCILS = [
    ("Wigan", "WGN", "North West", "Metropolitan district", "north-west", "metropolitan"),
    ("Lancashire", "LAN", "North West", "County", "north-west", "county"),
    ("Preston", "PRE", "North West", "Non-metropolitan district", "north-west", "district"),
    (
        "Leeds",
        "LDS",
        "Yorkshire and The Humber",
        "Metropolitan district",
        "yorkshire-and-the-humber",
        "metropolitan",
    ),
    ("Camden", "CMD", "London", "London borough", "london", "london-borough"),
    ("City of London", "LND", "London", "City corporation", "london", "london-borough"),
    ("Cardiff", "CRF", "Wales", "Welsh unitary authority", "wales", "welsh-unitary"),
    ("Fife", "FIF", "Scotland", "Scottish unitary authority", "scotland", "scottish-council"),
    ("Belfast", "BFS", "Northern Ireland", "NI district", "northern-ireland", "ni-district"),
    ("Bristol", "BST", "South West", "Unitary authority", "south-west", "unitary"),
    ("Greater Manchester", "GMCA", "North West", "Combined authority", "north-west", "combined-authority"),
    (
        "North East Mayoral",
        "NEMA",
        "North East",
        "Strategic Regional Authority",
        "north-east",
        "combined-authority",
    ),
    ("Old Shire", "OLD", "", "Non-metropolitan district", "", "district"),
]
OPTIONS = {
    "topic": [slug for _, slug in TOPICS],
    "support_type": [slug for _, slug in SUPPORT_TYPES],
    "region": REGION_SLUGS,
    "council_type": COUNCIL_TYPE_SLUGS,
}
# Impact, cost and evidence (issue 20), written out here too. Cost and stage are ORed like the groups above;
# evidence is one "at least" level, and "results reported" ANDs its options.
COST_VALUES = ["under_10k", "10k_50k", "50k_250k", "250k_1m", "over_1m", "not_stated"]
STAGE_VALUES = ["idea", "pilot", "rolled_out", "embedded", "stopped"]
IMPACT_OPTIONS = {"cost": COST_VALUES, "stage": STAGE_VALUES}
OR_GROUPS = {**OPTIONS, **IMPACT_OPTIONS}
EVIDENCE_VALUES = ["", "1", "2", "3", "4", "5"]  # "": any level, or none stated
HAS_VALUES = ["outcomes", "savings"]
# The filter groups in the order the filter form shows them.
GROUP_ORDER = [*OPTIONS, "evidence", *IMPACT_OPTIONS, "has"]
KEYWORDS = ["", "", "zeppelin", "kumquat", "zeppelin kumquat"]
UNPUBLISHED = ["draft", "submitted", "rejected", "archived"]


@dataclass(frozen=True)
class Record:
    """What the brute-force model knows about one case study."""

    pk: int
    topic: frozenset[str]
    support_type: frozenset[str]
    region: frozenset[str]
    council_type: frozenset[str]
    council: frozenset[str]
    year: int
    words: frozenset[str]
    public: bool
    evidence: int = 0  # confirmed, else self-assessed; 0: none stated
    cost: frozenset[str] = frozenset()
    stage: frozenset[str] = frozenset()
    has: frozenset[str] = frozenset()


@dataclass
class Library:
    records: list[Record]
    council_codes: list[str]


def _published_at(rng: random.Random) -> datetime:
    year = rng.randint(2019, 2025)
    edge = rng.random()
    if edge < 0.1:
        return datetime(year, 1, 1, 0, 0, tzinfo=LONDON)  # the first instant of the year
    if edge < 0.2:
        return datetime(year, 12, 31, 23, 59, 59, tzinfo=LONDON)  # the last second of the year
    return datetime(year, rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), tzinfo=UTC)


def build_library(seed: int, *, size: int = 40) -> Library:
    """``size`` published case studies plus one of each unpublished state, all attributes chosen at random.

    The impact, cost and evidence answers come from a generator of their own, so the other attributes are the
    ones this seed always gave."""
    rng = random.Random(seed)
    impact_rng = random.Random(f"impact-{seed}")
    topics = [make_topic(name, slug=slug, order=n) for n, (name, slug) in enumerate(TOPICS)]
    supports = [make_support_type(name, slug=slug, order=n) for n, (name, slug) in enumerate(SUPPORT_TYPES)]
    councils = [
        (make_council(name, code=code, region=region, authority_type=kind), region_slug, type_slug)
        for name, code, region, kind, region_slug, type_slug in COUNCILS
    ]
    records = []
    statuses = ["published"] * size + UNPUBLISHED + ["published-without-date"]
    for n, status in enumerate(statuses):
        council, region_slug, type_slug = rng.choice(councils)
        chosen_topics = rng.sample(topics[:5], rng.choice([1, 1, 2, 3]))
        chosen_supports = rng.sample(supports[:3], rng.choice([0, 1, 1, 2]))
        words = set()
        summary = f"Summary number {n}."
        impact = "Lower bills."
        if rng.random() < 0.35:
            summary += " A zeppelin took residents to the town hall."
            words.add("zeppelin")
        if rng.random() < 0.3:
            impact += " Residents grew kumquat trees."
            words.add("kumquat")
        published_at = _published_at(rng)
        claimed = impact_rng.choice([None, None, 1, 2, 3, 4, 5])
        confirmed = impact_rng.choice([None, None, None, 1, 2, 3, 4, 5])
        cost_band = impact_rng.choice(["", *COST_VALUES[:-1]])
        stage = impact_rng.choice(["", *STAGE_VALUES])
        saved = impact_rng.choice([None, None, 0, 25000])
        outcomes = impact_rng.choice([0, 0, 1, 2])
        case_study = make_case_study(
            f"Study {seed}-{n}",
            council=council,
            topics=chosen_topics,
            support_types=chosen_supports,
            status="published" if status == "published-without-date" else status,
            published_at=published_at,
            summary=summary,
            impact=impact,
            evidence_level_claimed=claimed,
            evidence_level_confirmed=confirmed,
            cost_band=cost_band,
            stage=stage,
            savings_per_year=saved,
        )
        for number in range(outcomes):
            Outcome.objects.create(
                case_study=case_study, position=number, measure=f"Measure {number}", after=1
            )
        if status == "published-without-date":
            CaseStudy.objects.filter(pk=case_study.pk).update(published_at=None)
        records.append(
            Record(
                pk=case_study.pk,
                topic=frozenset(t.slug for t in chosen_topics),
                support_type=frozenset(s.slug for s in chosen_supports),
                region=frozenset([region_slug] if region_slug else []),
                council_type=frozenset([type_slug]),
                council=frozenset([council.code]),
                year=published_at.astimezone(LONDON).year,
                words=frozenset(words),
                public=status == "published",
                evidence=confirmed or claimed or 0,
                cost=frozenset([cost_band or "not_stated"]),
                stage=frozenset([stage] if stage else []),
                has=frozenset(
                    [*(["outcomes"] if outcomes else []), *(["savings"] if saved is not None else [])]
                ),
            )
        )
    return Library(records=records, council_codes=[code for _, code, *_ in COUNCILS])


def random_selection(rng: random.Random, library: Library) -> dict:
    """Some values in some groups (including options nothing has), maybe a keyword, maybe a year range."""
    selection = {
        group: rng.sample(options, rng.choice([0, 0, 1, 1, 2])) for group, options in OPTIONS.items()
    }
    selection["council"] = rng.sample(library.council_codes, rng.choice([0, 0, 0, 1, 2]))
    selection["q"] = rng.choice(KEYWORDS)
    selection["found"] = keyword_matches(library.records, selection["q"])
    years = [None, None, None, *range(2018, 2027)]
    selection["year_from"] = rng.choice(years)
    selection["year_to"] = rng.choice(years)
    # The impact, cost and evidence groups from a generator of their own (the draws above stay as they were).
    impact_rng = random.Random(rng.random())
    for group, options in IMPACT_OPTIONS.items():
        selection[group] = impact_rng.sample(options, impact_rng.choice([0, 0, 1, 1, 2]))
    selection["evidence"] = impact_rng.choice([None, None, 1, 2, 3, 4, 5])
    selection["has"] = impact_rng.sample(HAS_VALUES, impact_rng.choice([0, 0, 1, 2]))
    return selection


def selection_query(selection: dict, rng: random.Random) -> str:
    """The selection as a query string, parameters in a random order."""
    params = [
        (group, value) for group in (*OR_GROUPS, "council", "has") for value in selection.get(group, [])
    ]
    if selection.get("evidence") is not None:
        params.append(("evidence", str(selection["evidence"])))
    if selection["q"]:
        params.append(("q", selection["q"]))
    for name in ("year_from", "year_to"):
        if selection[name] is not None:
            params.append((name, str(selection[name])))
    rng.shuffle(params)
    return urlencode(params)


def keyword_matches(records: list[Record], keyword: str) -> set[int]:
    """Brute force of the keyword: the public case studies with every word; with two words and fewer than
    ``scoring.FEW`` such case studies, those with either word too (``search.scoring``). The library's text gives
    the search no related terms to learn: the words beside "zeppelin" and "kumquat" are in too many case studies."""
    words = set(keyword.split())
    public = [r for r in records if r.public]
    found = {r.pk for r in public if words <= r.words}
    if len(words) > 1 and len(found) < FEW:
        found |= {r.pk for r in public if words & r.words}
    return found


def matches(record: Record, selection: dict, *, exclude: str | None = None) -> bool:
    """Brute force: OR within a group, AND across groups, the keyword (``selection["found"]``, from
    ``keyword_matches``; every word when it is not there), the (swapped) years; an evidence level at least the
    chosen one, and every kind of result chosen."""
    if not record.public:
        return False
    for group in (*OR_GROUPS, "council"):
        chosen = set(selection.get(group, []))
        if chosen and group != exclude and not (getattr(record, group) & chosen):
            return False
    level = selection.get("evidence")
    if level is not None and exclude != "evidence" and record.evidence < level:
        return False
    if not set(selection.get("has", [])) <= record.has:
        return False
    found = selection.get("found")
    if selection["q"] and found is not None and record.pk not in found:
        return False
    if selection["q"] and found is None and not set(selection["q"].split()) <= record.words:
        return False
    start, end = selection["year_from"], selection["year_to"]
    if start is not None and end is not None and start > end:
        start, end = end, start
    if start is not None and record.year < start:
        return False
    return end is None or record.year <= end


def expected_facets(library: Library, selection: dict) -> dict[str, list[tuple[str, int, bool]]]:
    """Each option's count: the case studies matching every other group, the keyword and years, and it."""
    facets = {}
    for group, options in OR_GROUPS.items():
        others = [r for r in library.records if matches(r, selection, exclude=group)]
        facets[group] = [
            (option, sum(option in getattr(r, group) for r in others), option in selection[group])
            for option in options
        ]
    # Evidence: "at least" each level, counted without the chosen level ("": every one of them).
    others = [r for r in library.records if matches(r, selection, exclude="evidence")]
    chosen = selection.get("evidence")
    facets["evidence"] = [
        (value, sum(r.evidence >= int(value or 0) for r in others), (str(chosen) if chosen else "") == value)
        for value in EVIDENCE_VALUES
    ]
    # Results reported (AND): the results with each option added.
    results = [r for r in library.records if matches(r, selection)]
    facets["has"] = [
        (option, sum(option in r.has for r in results), option in selection.get("has", []))
        for option in HAS_VALUES
    ]
    return facets


def expected_pks(library: Library, selection: dict) -> set[int]:
    return {r.pk for r in library.records if matches(r, selection)}


@dataclass(frozen=True)
class RenderedOption:
    value: str
    label: str
    count: int
    checked: bool
    empty: bool


def rendered_facets(doc: Node) -> dict[str, list[RenderedOption]]:
    """The checkbox groups of the filter form: each option's value, label text, "(N" count and state."""
    groups = {}
    for fieldset in doc.find_all("fieldset", class_="checkbox-group"):
        options = []
        for div in fieldset.find_all("div", class_="checkbox"):
            box, label = div.find("input"), div.find("label")
            count = re.fullmatch(
                r"\((\d+) case stud(y|ies)(: no matches with your other choices)?\)",
                label.find("span", class_="facet-count").text,
            )
            assert count, label.text
            options.append(
                RenderedOption(
                    value=box["value"],
                    label=label.text,
                    count=int(count.group(1)),
                    checked="checked" in box.attrs,
                    empty="checkbox--empty" in div["class"].split(),
                )
            )
        groups[fieldset["id"].removeprefix("filter-")] = options
    return groups


def label_text(name: str, count: int) -> str:
    """The full text of a facet checkbox's label, including the visually hidden words."""
    noun = "case study" if count == 1 else "case studies"
    extra = ": no matches with your other choices" if count == 0 else ""
    return f"{name} ({count} {noun}{extra})"


def count_queries(client, url: str) -> int:
    """Queries of a request once the catalogue index is built (its build is counted in test_catalogue.py)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def search_queries(results: int) -> int:
    """The queries of a keyword search of one word that ``results`` case studies have, made a second time (as
    ``count_queries`` does).

    Both databases: one statement for every term's matches; with results, the text of the first ones (read for
    related terms). The synonym groups are read again only when the page token (which their triggers change) is
    not the one they were read under, and the vocabulary lookups (the typed words; the words the first results
    share) once per catalogue version: SQLite holds its vocabulary in process, PostgreSQL the words it has looked
    up. (With words the first results share that are rare in the catalogue, one more statement searches those
    related terms; these test libraries have none.)
    """
    return 1 + (results > 0)


# Feeds


def parse_atom(response) -> ET.Element:
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root


def atom_text(element: ET.Element, name: str) -> str:
    found = element.findall(f"{ATOM}{name}")
    assert len(found) == 1, f"expected one <{name}>, found {len(found)}"
    return found[0].text or ""


def atom_links(element: ET.Element) -> list[tuple[str, str]]:
    return [(link.get("rel"), link.get("href")) for link in element.findall(f"{ATOM}link")]


def entry_titles(root: ET.Element) -> list[str]:
    return [atom_text(entry, "title") for entry in root.findall(f"{ATOM}entry")]


# Exports


def streamed_text(response) -> str:
    assert response.streaming is True
    return b"".join(response.streaming_content).decode("utf-8")


def csv_table(response) -> list[list[str]]:
    text = streamed_text(response)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def json_document(response) -> dict:
    return json.loads(streamed_text(response))

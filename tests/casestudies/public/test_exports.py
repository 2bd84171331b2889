"""Open data: CSV and JSON downloads of any search, streamed; the open-data page; the list's download links."""

import csv
import io
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from casestudies.interchange.loading import load_reference
from casestudies.interchange.synthetic import generate_case_studies
from casestudies.models import CaseStudy, Outcome
from casestudies.public import exports
from tests.casestudies.discovery_helpers import csv_table, json_document, streamed_text
from tests.factories import make_case_study, make_council, make_support_type, make_topic
from tests.pages import page

pytestmark = pytest.mark.django_db

DOCUMENTED_COLUMNS = [
    "url",
    "slug",
    "title",
    "published_at",
    "council_name",
    "council_code",
    "council_gss_code",
    "region",
    "council_type",
    "partners",
    "topics",
    "support_types",
    "summary",
    "challenge",
    "solution",
    "impact",
    "sustainability",
    "lessons",
    "contact_name",
    "contact_role",
    "contact_email",
    "lead_image_url",
    "lead_image_alt",
    "document_urls",
    "cost_band",
    "cost_amount",
    "cost_covers",
    "savings_per_year",
    "savings_method",
    "evidence_level",
    "evidence_level_claimed",
    "evidence_level_confirmed",
    "evaluation_url",
    "stage",
    "stopped_reason",
    "start_year",
    "end_year",
    "last_reviewed",
    "outcomes",
    "title_cy",
    "summary_cy",
    "challenge_cy",
    "solution_cy",
    "impact_cy",
    "sustainability_cy",
    "lessons_cy",
]
SUBMITTER_NAME = "Zebedee Quuxworth"
SUBMITTER_EMAIL = "zebedee.private@submitter.example"
START = datetime(2024, 1, 1, 9, tzinfo=UTC)


@pytest.fixture
def housing():
    return make_topic("Housing", slug="housing", order=1)


@pytest.fixture
def digital():
    return make_topic("Digital", slug="digital", order=2)


@pytest.fixture
def warm_homes(housing, digital):
    wigan = make_council(
        "Wigan",
        code="WGN",
        gss_code="E08000010",
        region="North West",
        authority_type="Metropolitan district",
    )
    case_study = make_case_study(
        "Warm homes",
        slug="warm-homes",
        council=wigan,
        partners="Wigan and Leigh Housing",
        topics=[digital, housing],
        support_types=[make_support_type("Grant", slug="grant")],
        summary="Insulating 400 homes.",
        challenge="Cold homes.\n\nHigh bills.",
        solution="Loft insulation.",
        impact="Lower bills.",
        sustainability="Core budget.",
        lessons="Start early.",
        contact_name="Sam Patel",
        contact_role="Head of housing",
        contact_email="sam.patel@wigan.example",
        submitter_name=SUBMITTER_NAME,
        submitter_email=SUBMITTER_EMAIL,
        published_at=datetime(2024, 3, 5, 10, 30, tzinfo=UTC),
        cost_band="10k_50k",
        cost_amount=38_000,
        cost_covers="Surveys and insulation",
        evidence_level_claimed=3,
        evidence_level_confirmed=2,
        stage="embedded",
        start_year=2022,
        last_reviewed=date(2025, 1, 15),
        evaluation_url="https://wigan.example/evaluation",
    )
    Outcome.objects.create(
        case_study=case_study,
        position=2,
        measure="Residents satisfied",
        after=Decimal("81.5"),
        unit="%",
    )
    Outcome.objects.create(
        case_study=case_study,
        position=1,
        measure="Homes below EPC band C",
        before=400,
        after=112,
        unit="homes",
        period="2022 to 2024",
        source="Council housing data",
    )
    return case_study


WARM_HOMES_OUTCOMES = [
    {
        "measure": "Homes below EPC band C",
        "before": 400,
        "after": 112,
        "unit": "homes",
        "period": "2022 to 2024",
        "source": "Council housing data",
    },
    {
        "measure": "Residents satisfied",
        "before": None,
        "after": 81.5,
        "unit": "%",
        "period": "",
        "source": "",
    },
]
WARM_HOMES_OUTCOMES_CSV = (
    '[{"measure": "Homes below EPC band C", "before": 400, "after": 112, "unit": "homes", "period": "2022 to 2024", '
    '"source": "Council housing data"}, {"measure": "Residents satisfied", "before": null, "after": 81.5, '
    '"unit": "%", "period": "", "source": ""}]'
)
WARM_HOMES_ROW = {
    "url": "http://testserver/case-studies/warm-homes/",
    "slug": "warm-homes",
    "title": "Warm homes",
    "published_at": "2024-03-05T10:30:00+00:00",
    "council_name": "Wigan",
    "council_code": "WGN",
    "council_gss_code": "E08000010",
    "region": "North West",
    "council_type": "Metropolitan district",
    "partners": "Wigan and Leigh Housing",
    "topics": "housing;digital",
    "support_types": "grant",
    "summary": "Insulating 400 homes.",
    "challenge": "Cold homes.\n\nHigh bills.",
    "solution": "Loft insulation.",
    "impact": "Lower bills.",
    "sustainability": "Core budget.",
    "lessons": "Start early.",
    "contact_name": "Sam Patel",
    "contact_role": "Head of housing",
    "contact_email": "sam.patel@wigan.example",
    "lead_image_url": "",
    "lead_image_alt": "",
    "document_urls": "",
    "cost_band": "10k_50k",
    "cost_amount": "38000",
    "cost_covers": "Surveys and insulation",
    "savings_per_year": "",
    "savings_method": "",
    "evidence_level": "2",
    "evidence_level_claimed": "3",
    "evidence_level_confirmed": "2",
    "evaluation_url": "https://wigan.example/evaluation",
    "stage": "embedded",
    "stopped_reason": "",
    "start_year": "2022",
    "end_year": "",
    "last_reviewed": "2025-01-15",
    "outcomes": WARM_HOMES_OUTCOMES,
    **dict.fromkeys(CaseStudy.WELSH_FIELDS, ""),
}


def make_unpublished(**kwargs) -> None:
    for status in ["draft", "submitted", "rejected", "archived", "changes_requested"]:
        make_case_study(f"Hidden {status}", status=status, published_at=START, **kwargs)
    undated = make_case_study("Hidden undated", **kwargs)
    CaseStudy.objects.filter(pk=undated.pk).update(published_at=None)


# CSV


def test_csv_is_a_streamed_attachment_with_the_documented_columns_and_licence(client, warm_homes):
    response = client.get("/case-studies/export.csv")
    table = csv_table(response)

    assert response.status_code == 200
    assert response.streaming is True
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="case-studies.csv"'
    assert [name for name, _ in exports.COLUMNS] == DOCUMENTED_COLUMNS
    assert table[0] == [*DOCUMENTED_COLUMNS, "licence"]
    assert table[1:] == [[*{**WARM_HOMES_ROW, "outcomes": WARM_HOMES_OUTCOMES_CSV}.values(), exports.LICENCE]]
    assert exports.LICENCE.startswith("Case study text: Open Government Licence v3.0 ")


def test_csv_has_one_row_per_matching_published_case_study_newest_first(client, housing, digital):
    for n in range(3):
        make_case_study(f"Housing {n}", topics=[housing], published_at=START + timedelta(days=n))
    make_case_study("Digital", topics=[digital], published_at=START + timedelta(days=9))
    make_unpublished(topics=[housing])

    everything = csv_table(client.get("/case-studies/export.csv"))
    housing_only = csv_table(client.get("/case-studies/export.csv?topic=housing&page=2"))

    assert [row[2] for row in everything[1:]] == ["Digital", "Housing 2", "Housing 1", "Housing 0"]
    assert [row[2] for row in housing_only[1:]] == ["Housing 2", "Housing 1", "Housing 0"]


def test_csv_takes_the_list_parameters(client, housing):
    wigan = make_council("Wigan", code="WGN", region="North West")
    cardiff = make_council("Cardiff", code="CRF", region="Wales", authority_type="Welsh unitary authority")
    make_case_study(
        "Wigan zeppelin", council=wigan, topics=[housing], summary="A zeppelin.", published_at=START
    )
    make_case_study(
        "Cardiff zeppelin", council=cardiff, topics=[housing], summary="A zeppelin.", published_at=START
    )
    make_case_study("Wigan plain", council=wigan, topics=[housing], published_at=START)
    make_case_study(
        "Wigan zeppelin 2019",
        council=wigan,
        summary="A zeppelin.",
        published_at=datetime(2019, 5, 1, tzinfo=UTC),
    )

    def titles(query: str) -> list[str]:
        return [row[2] for row in csv_table(client.get(f"/case-studies/export.csv?{query}"))[1:]]

    assert titles("q=zeppelin&region=north-west&year_from=2020") == ["Wigan zeppelin"]
    assert titles("council_type=welsh-unitary") == ["Cardiff zeppelin"]
    assert titles("council=WGN&year_to=2019") == ["Wigan zeppelin 2019"]
    assert titles("q=kumquat") == []


def test_csv_never_contains_the_submitters_details(client, warm_homes):
    make_unpublished(submitter_name=SUBMITTER_NAME, submitter_email=SUBMITTER_EMAIL)

    text = streamed_text(client.get("/case-studies/export.csv"))

    assert "sam.patel@wigan.example" in text
    assert SUBMITTER_NAME not in text
    assert SUBMITTER_EMAIL not in text
    assert "submitter" not in text


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("title", '=HYPERLINK("http://evil.example","Click")', '\'=HYPERLINK("http://evil.example","Click")'),
        ("summary", "+SUM(1,1)", "'+SUM(1,1)"),
        ("summary", "-2+3", "'-2+3"),
        ("partners", "@SUM(A1)", "'@SUM(A1)"),
        ("lessons", "\t=1+1", "'\t=1+1"),
        ("summary", "Costs fell = good", "Costs fell = good"),
    ],
)
def test_csv_cells_that_a_spreadsheet_would_run_are_prefixed_with_an_apostrophe(
    client, field, value, expected
):
    make_case_study(**{"title": "Formula", **{field: value}})

    header, row = csv_table(client.get("/case-studies/export.csv"))
    json_row = json_document(client.get("/case-studies/export.json"))["case_studies"][0]

    assert row[header.index(field)] == expected
    assert json_row[field] == value


# JSON


def test_json_has_licence_columns_source_and_the_case_studies(client, warm_homes, housing):
    make_case_study("Other topic", topics=[make_topic("Waste")], published_at=START)
    make_unpublished(topics=[housing])

    response = client.get("/case-studies/export.json?topic=housing&support_type=nope")
    document = json_document(response)

    assert response.streaming is True
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="case-studies.json"'
    assert list(document) == ["licence", "source", "generated_at", "columns", "case_studies"]
    assert document["licence"] == exports.LICENCE
    assert document["source"] == "http://testserver/case-studies/?topic=housing"
    assert document["columns"] == dict(exports.COLUMNS)
    assert list(document["columns"]) == DOCUMENTED_COLUMNS
    assert document["case_studies"] == [WARM_HOMES_ROW]


def test_json_lists_every_matching_case_study(client, housing):
    for n in range(7):
        make_case_study(f"Housing {n}", topics=[housing], published_at=START + timedelta(days=n))
    make_unpublished(topics=[housing])

    document = json_document(client.get("/case-studies/export.json"))

    assert [item["title"] for item in document["case_studies"]] == [f"Housing {n}" for n in range(6, -1, -1)]


def test_json_of_no_results_is_valid_with_an_empty_list(client, warm_homes):
    document = json_document(client.get("/case-studies/export.json?q=kumquat"))

    assert document["case_studies"] == []
    assert document["source"] == "http://testserver/case-studies/?q=kumquat"


def test_json_never_contains_the_submitters_details(client, warm_homes):
    make_unpublished(submitter_name=SUBMITTER_NAME, submitter_email=SUBMITTER_EMAIL)

    text = streamed_text(client.get("/case-studies/export.json"))

    assert "sam.patel@wigan.example" in text
    assert SUBMITTER_NAME not in text
    assert SUBMITTER_EMAIL not in text
    assert "submitter" not in text


@pytest.mark.parametrize("path", ["/case-studies/export.csv", "/case-studies/export.json"])
@pytest.mark.parametrize("query", ["council=%00", "topic=%00&q=%00", "year_from=abc&region=nope", "page=-1"])
def test_exports_with_bad_parameters_still_stream_everything(client, warm_homes, path, query):
    response = client.get(f"{path}?{query}")

    assert response.status_code == 200
    assert "Warm homes" in streamed_text(response)


# Memory


def test_csv_export_memory_stays_flat_for_two_thousand_case_studies(client):
    """The export streams: peak Python memory while producing 2,000 rows stays far below building it in memory.

    Measured on SQLite and PostgreSQL: the CSV is about 10.5 MB and the peak is about 24 MB (21 MB before the
    impact, cost and evidence columns of issue 20), set by one
    iterator chunk (``exports.CHUNK`` = 1,000 case studies with their councils and prefetched topics); it is the
    same for 4,000 rows. Loading all 2,000 rows as model instances and building the text takes about 47 MB (95 MB
    for 4,000). The bound of 30 MB leaves room for measurement noise and fails any non-streaming export.
    """
    load_reference()
    assert generate_case_studies(count=2000, seed=1) == 2000

    tracemalloc.start()
    try:
        response = client.get("/case-studies/export.csv")
        chunks = iter(response.streaming_content)
        header = next(csv.reader(io.StringIO(next(chunks).decode("utf-8").removeprefix("\ufeff"))))
        rows = 0
        size = 0
        for chunk in chunks:
            size += len(chunk)
            (row,) = csv.reader(io.StringIO(chunk.decode("utf-8"), newline=""))
            assert len(row) == len(DOCUMENTED_COLUMNS) + 1
            rows += 1
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert header == [*DOCUMENTED_COLUMNS, "licence"]
    assert rows == 2000
    assert size > 8_000_000  # the rows are realistic: the whole document is several megabytes
    assert peak < 30_000_000, f"peak {peak / 1e6:.1f} MB"


# The open-data page and the list's download links


def test_open_data_page_lists_every_column_and_the_licence(client):
    response = client.get("/open-data/")
    doc = page(response)

    assert response.status_code == 200
    rows = doc.find("table").find("tbody").find_all("tr")
    assert [(tr.find_all("td")[0].text, tr.find_all("td")[1].text) for tr in rows] == [
        *exports.COLUMNS,
        ("licence", "The licence (CSV only; the JSON states it once at the top)"),
    ]
    licence = [p.text for p in doc.find("main").find_all("p") if p.text.startswith("Case study text:")]
    assert licence == [exports.LICENCE]
    assert [(a.text, a["href"]) for a in doc.find("main").find("ul").find_all("a")] == [
        ("All case studies as CSV", "/case-studies/export.csv"),
        ("All case studies as JSON", "/case-studies/export.json"),
        ("Atom feed of the newest 50", "/case-studies/feed/"),
    ]


@pytest.mark.parametrize(
    ("path", "query", "export_query"),
    [
        ("/case-studies/", "", ""),
        (
            "/case-studies/",
            "region=wales&topic=housing&page=2&q=homes",
            "?q=homes&topic=housing&region=wales",
        ),
        ("/case-studies/topics/housing/", "support_type=grant", "?topic=housing&support_type=grant"),
    ],
)
def test_list_pages_link_to_downloads_of_the_same_search(client, housing, path, query, export_query):
    make_support_type("Grant", slug="grant")
    make_case_study("Warm homes", topics=[housing])

    doc = page(client.get(f"{path}?{query}"))

    item = next(li for li in doc.find("div", class_="reuse").find_all("li") if li.text.startswith("Download"))
    assert item.text == "Download these results: CSV or JSON (free to reuse: Open Government Licence)"
    assert [(a.text, a["href"]) for a in item.find_all("a")] == [
        ("CSV", f"/case-studies/export.csv{export_query}"),
        ("JSON", f"/case-studies/export.json{export_query}"),
        ("free to reuse: Open Government Licence", "/open-data/"),
    ]


def test_json_export_never_carries_markup(client):
    make_case_study("Bins <b>emptied</b> & counted", summary="Fewer missed bins <script>x</script>.")

    raw = streamed_text(client.get("/case-studies/export.json"))

    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert "Bins \\u003cb\\u003eemptied\\u003c/b\\u003e \\u0026 counted" in raw
    assert json_document(client.get("/case-studies/export.json"))["case_studies"][0]["title"] == (
        "Bins <b>emptied</b> & counted"
    )

"""Impact, cost and evidence in the import/export format: a round trip keeps every field and outcome, a
``casestudies/1`` file still imports (and leaves existing evidence alone), and hostile values are per-record
errors."""

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from casestudies.interchange.evidenceformat import FIELDS
from casestudies.models import Attachment, CaseStudy, Outcome
from tests.casestudies.submission_helpers import make_reference_data
from tests.factories import make_case_study

pytestmark = pytest.mark.django_db
EVIDENCE = {
    "cost_band": "50k_250k",
    "cost_amount": 182_500,
    "cost_covers": "Two officers for a year and the evaluation",
    "savings_per_year": 64_000,
    "savings_method": "1,600 fewer missed collections at £40 each",
    "evidence_level_claimed": 4,
    "evaluation_url": "https://www.wigan.example/evaluation.pdf",
    "stage": "stopped",
    "stopped_reason": "The grant ended.",
    "start_year": 2021,
    "end_year": 2024,
    "evidence_level_confirmed": 3,
    "evidence_confirmed_at": datetime(2025, 3, 1, 9, 30, tzinfo=UTC),
    "last_reviewed": date(2025, 4, 2),
}
OUTCOMES = [
    (
        "Missed bin complaints a month",
        Decimal("412.00"),
        Decimal("96.00"),
        "complaints",
        "12 months",
        "Service data",
    ),
    ("Satisfied residents", None, Decimal("81.50"), "%", "", ""),
    ("Change in cost per case", Decimal("-12.25"), Decimal("-3.75"), "£", "2023", "Finance team"),
]


@pytest.fixture
def ref():
    return make_reference_data()


def with_evidence(ref) -> CaseStudy:
    case_study = make_case_study("Bins", council=ref.council, topics=[ref.topics[0]], **EVIDENCE)
    for position, (measure, before, after, unit, period, source) in enumerate(OUTCOMES, start=1):
        Outcome.objects.create(
            case_study=case_study,
            position=position,
            measure=measure,
            before=before,
            after=after,
            unit=unit,
            period=period,
            source=source,
        )
    return case_study


def stored(case_study: CaseStudy) -> tuple[dict, list]:
    case_study = CaseStudy.objects.get(slug=case_study.slug)
    values = {name: getattr(case_study, name) for name in FIELDS}
    rows = list(case_study.outcomes.values_list("measure", "before", "after", "unit", "period", "source"))
    return values, rows


def export(path) -> dict:
    call_command("export_case_studies", str(path), stdout=StringIO())
    return json.loads(path.read_text(encoding="utf-8"))


def run_import(path, *args) -> str:
    """What the command says, on standard output and standard error (where the per-record errors go)."""
    out, err = StringIO(), StringIO()
    call_command("import_case_studies", str(path), *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def counts(out: str) -> str:
    return out.split("case studies (")[1].split(")")[0]


def test_round_trip_keeps_every_evidence_field_and_outcome(ref, tmp_path):
    case_study = with_evidence(ref)
    before = stored(case_study)
    assert set(FIELDS) == {*EVIDENCE}  # the test covers every field the format carries
    path = tmp_path / "export.json"
    document = export(path)
    record = document["case_studies"][0]
    assert record["outcomes"][2] == {
        "measure": "Change in cost per case",
        "before": -12.25,
        "after": -3.75,
        "unit": "£",
        "period": "2023",
        "source": "Finance team",
    }
    assert (record["evidence_confirmed_at"], record["last_reviewed"]) == (
        "2025-03-01T09:30:00+00:00",
        "2025-04-02",
    )
    CaseStudy.objects.all().delete()

    run_import(path)

    assert stored(case_study) == before
    assert before[1][0] == OUTCOMES[0]
    assert counts(run_import(path)) == "0 created, 0 updated, 1 unchanged, 0 invalid skipped"


def test_changed_outcomes_alone_make_an_update(ref, tmp_path):
    case_study = with_evidence(ref)
    path = tmp_path / "export.json"
    document = export(path)
    document["case_studies"][0]["outcomes"] = [{"measure": "Only this", "after": 7}]
    path.write_text(json.dumps(document), encoding="utf-8")

    out = run_import(path)

    assert counts(out) == "0 created, 1 updated, 0 unchanged, 0 invalid skipped"
    assert stored(case_study)[1] == [("Only this", None, Decimal("7.00"), "", "", "")]


def test_a_version_1_file_still_imports_and_leaves_evidence_alone(ref, tmp_path):
    case_study = with_evidence(ref)
    before = stored(case_study)
    path = tmp_path / "export.json"
    record = export(path)["case_studies"][0]
    for name in [*FIELDS, "outcomes"]:
        record.pop(name)
    record["summary"] = "A new summary from an older system."
    path.write_text(json.dumps({"format": "casestudies/1", "case_studies": [record]}), encoding="utf-8")

    out = run_import(path)

    assert counts(out) == "0 created, 1 updated, 0 unchanged, 0 invalid skipped"
    assert CaseStudy.objects.get().summary == "A new summary from an older system."
    assert stored(case_study) == before


HOSTILE = [
    ({"cost_amount": -5}, "cost_amount must be from 0 to 1,000,000,000,000: -5"),
    ({"cost_amount": "45000"}, "cost_amount must be a number: '45000'"),
    ({"cost_amount": True}, "cost_amount must be a number: True"),
    ({"savings_per_year": 12.5}, "savings_per_year must be a whole number: 12.5"),
    ({"evidence_level_claimed": 7}, "evidence_level_claimed must be from 1 to 5: 7"),
    (
        {"cost_band": "free"},
        "cost_band must be one of under_10k, 10k_50k, 50k_250k, 250k_1m, over_1m: 'free'",
    ),
    ({"stage": "paused"}, "stage must be one of idea, pilot, rolled_out, embedded, stopped: 'paused'"),
    ({"start_year": 2024, "end_year": 2020}, "end_year 2020 is before start_year 2024"),
    ({"stage": "stopped", "stopped_reason": ""}, "a stopped case study needs stopped_reason"),
    ({"evaluation_url": "javascript:alert(1)"}, "evaluation_url is not a web address: 'javascript:alert(1)'"),
    ({"last_reviewed": "2025-13-40"}, "last_reviewed is not an ISO 8601 date: '2025-13-40'"),
    ({"outcomes": "lots"}, "outcomes must be a list"),
    ({"outcomes": [{"measure": "x", "after": 1}] * 10_000}, "outcomes has 10,000 rows; at most 6"),
    ({"outcomes": [{"measure": "", "after": 1}]}, "outcome 1 measure is required"),
    ({"outcomes": [{"measure": "x", "after": "NaN"}]}, "outcome 1 after must be a number: 'NaN'"),
    ({"outcomes": [{"measure": "x", "after": 1, "before": 1e13}]}, "outcome 1 before must be from"),
    ({"evaluation_report": "report.pdf"}, "evaluation_report must be a JSON object or null"),
    (
        {"evaluation_report": {"type": "exe", "size": 10, "url": "https://x.example/r"}},
        "evaluation_report type must be one of jpeg, png, webp, pdf, docx, xlsx, odt: 'exe'",
    ),
    (
        {"evaluation_report": {"type": "pdf", "size": -1, "url": "https://x.example/r"}},
        "evaluation_report size must be a whole number of bytes: -1",
    ),
    (
        {"evaluation_report": {"type": "pdf", "size": 1, "url": "file:///etc/passwd"}},
        "evaluation_report url is not a web address: 'file:///etc/passwd'",
    ),
]


@pytest.mark.parametrize(("change", "reason"), HOSTILE)
def test_a_hostile_value_is_a_per_record_error(ref, tmp_path, change, reason):
    with_evidence(ref)
    path = tmp_path / "export.json"
    document = export(path)
    good = dict(document["case_studies"][0], slug="good-one", reference=None)
    bad = dict(document["case_studies"][0], slug="bad-one", reference=None) | change
    path.write_text(json.dumps({"format": "casestudies/2", "case_studies": [good, bad]}), encoding="utf-8")

    out = run_import(path, "--skip-invalid")

    assert "good-one" in set(CaseStudy.objects.values_list("slug", flat=True))
    assert not CaseStudy.objects.filter(slug="bad-one").exists()
    assert reason in out


@pytest.mark.parametrize("text", ["1e309", "-1e309", "NaN", "Infinity"])
def test_json_infinity_and_nan_are_refused(ref, tmp_path, text):
    with_evidence(ref)
    path = tmp_path / "export.json"
    document = export(path)
    record = json.dumps(dict(document["case_studies"][0], slug="bad-one", reference=None))
    record = record.replace('"cost_amount": 182500', f'"cost_amount": {text}')
    path.write_text(f'{{"format": "casestudies/2", "case_studies": [{record}]}}', encoding="utf-8")

    out = run_import(path, "--skip-invalid")

    assert "cost_amount must be a number" in out
    assert not CaseStudy.objects.filter(slug="bad-one").exists()


def test_the_evaluation_report_is_exported_and_an_import_keeps_the_stored_file(ref, tmp_path):
    case_study = with_evidence(ref)
    report = Attachment.objects.create(
        case_study=case_study,
        kind="evaluation",
        title="Evaluation report",
        file_type="pdf",
        content_type="application/pdf",
        name="case-study-files/abc/document.pdf",
        size=1_258_291,
    )
    path = tmp_path / "export.json"

    record = export(path)["case_studies"][0]

    assert record["evaluation_report"] == {
        "title": "Evaluation report",
        "type": "pdf",
        "size": 1_258_291,
        "url": f"http://testserver/files/{report.key}/document.pdf",
    }
    assert counts(run_import(path)) == "0 created, 0 updated, 1 unchanged, 0 invalid skipped"
    assert list(case_study.attachments.values_list("kind", "size")) == [("evaluation", 1_258_291)]


def test_a_case_study_without_a_report_exports_null(ref, tmp_path):
    with_evidence(ref)

    assert export(tmp_path / "export.json")["case_studies"][0]["evaluation_report"] is None

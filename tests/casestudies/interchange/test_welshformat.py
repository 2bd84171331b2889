"""The Welsh version in the import/export format and the open-data exports (issue 23): carried both ways, optional
(files without it still import and leave a Welsh version alone), null removes it, a partial one is refused."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from reversion.models import Version

from casestudies.interchange.jsonformat import import_case_studies
from casestudies.models import CaseStudy
from tests.casestudies.discovery_helpers import csv_table, json_document
from tests.casestudies.submission_helpers import make_reference_data
from tests.factories import make_case_study

pytestmark = pytest.mark.django_db

WELSH = {
    "title": "Cartrefi cynnes",
    "summary": "Fe wnaethon ni inswleiddio 400 o gartrefi.",
    "challenge": "Roedd biliau’n codi.",
    "solution": "Inswleiddio.",
    "impact": "Biliau is.",
    "sustainability": "Cyllideb graidd.",
    "lessons": "Dechreuwch yn gynnar.",
}
WELSH_FIELDS = {f"{field}_cy": text for field, text in WELSH.items()}


@pytest.fixture
def ref():
    return make_reference_data()


def export_document(tmp_path) -> dict:
    path = tmp_path / "export.json"
    call_command("export_case_studies", str(path), stdout=StringIO())
    return json.loads(path.read_text(encoding="utf-8"))


def record(slug: str, **fields) -> dict:
    values = {
        "slug": slug,
        "status": "draft",
        "council": "WGN",
        "title": f"Title of {slug}",
        "summary": "Summary.",
        "challenge": "Challenge.",
        "solution": "Solution.",
        "impact": "Impact.",
        "sustainability": "Sustained.",
        "lessons": "Lessons.",
        "contact_name": "Priya Patel",
        "contact_role": "Head of housing",
        "contact_email": "housing@wigan.example",
        "topics": ["housing"],
    }
    return values | fields


def welsh_of(slug: str) -> dict[str, str]:
    case_study = CaseStudy.objects.get(slug=slug)
    return {name: getattr(case_study, name) for name in CaseStudy.WELSH_FIELDS}


def test_the_export_carries_the_welsh_version_or_null(ref, tmp_path):
    make_case_study("Warm homes", slug="warm-homes", council=ref.council, **WELSH_FIELDS)
    make_case_study("Safe homes", slug="safe-homes", council=ref.council)

    records = {r["slug"]: r for r in export_document(tmp_path)["case_studies"]}

    assert records["warm-homes"]["welsh"] == WELSH
    assert records["safe-homes"]["welsh"] is None


def test_a_round_trip_keeps_the_welsh_version(ref, tmp_path):
    make_case_study(
        "Warm homes", slug="warm-homes", council=ref.council, topics=[ref.topics[0]], **WELSH_FIELDS
    )
    make_case_study("Safe homes", slug="safe-homes", council=ref.council, topics=[ref.topics[0]])
    records = export_document(tmp_path)["case_studies"]
    CaseStudy.objects.all().delete()

    report = import_case_studies(records)

    assert (report.ok, report.created) == (True, 2)
    assert welsh_of("warm-homes") == WELSH_FIELDS
    assert welsh_of("safe-homes") == dict.fromkeys(CaseStudy.WELSH_FIELDS, "")
    assert import_case_studies(export_document(tmp_path)["case_studies"]).unchanged == 2


def test_a_record_without_the_key_leaves_the_welsh_version_alone(ref, tmp_path):
    make_case_study("Title of warm-homes", slug="warm-homes", council=ref.council, **WELSH_FIELDS)
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"format": "casestudies/1", "case_studies": [record("warm-homes")]}))

    call_command("import_case_studies", str(path), stdout=StringIO(), stderr=StringIO())

    assert CaseStudy.objects.get(slug="warm-homes").summary == "Summary."
    assert welsh_of("warm-homes") == WELSH_FIELDS


def test_null_removes_the_welsh_version(ref):
    make_case_study("Title of warm-homes", slug="warm-homes", council=ref.council, **WELSH_FIELDS)

    report = import_case_studies([record("warm-homes", welsh=None)])

    assert report.ok
    assert welsh_of("warm-homes") == dict.fromkeys(CaseStudy.WELSH_FIELDS, "")


def test_an_imported_welsh_version_is_a_text_change_with_a_revision(ref):
    import_case_studies([record("warm-homes")], reason="First")

    report = import_case_studies([record("warm-homes", welsh=WELSH)], reason="Welsh added")

    case_study = CaseStudy.objects.get(slug="warm-homes")
    assert (report.updated, case_study.has_welsh, case_study.text_updated_at is not None) == (1, True, True)
    version = Version.objects.get_for_object(case_study).first()
    assert (version.revision.comment, version.field_dict["title_cy"]) == ("Welsh added", "Cartrefi cynnes")


@pytest.mark.parametrize(
    ("welsh", "problems"),
    [
        (
            {"title": "Cartrefi cynnes", "summary": "Crynodeb."},
            "welsh.challenge is required (a Welsh version gives every field); "
            "welsh.solution is required (a Welsh version gives every field); "
            "welsh.impact is required (a Welsh version gives every field); "
            "welsh.sustainability is required (a Welsh version gives every field); "
            "welsh.lessons is required (a Welsh version gives every field)",
        ),
        ("Cartrefi cynnes", "welsh must be an object with the Welsh title, summary and sections, or null"),
        ({**WELSH, "partners": "Partneriaid"}, "welsh has unknown keys: partners"),
        ({**WELSH, "title": "x" * 201}, "welsh.title is longer than 200 characters"),
        ({**WELSH, "lessons": 5}, "welsh.lessons is required (a Welsh version gives every field)"),
    ],
)
def test_a_bad_welsh_version_is_refused_by_name(ref, welsh, problems):
    report = import_case_studies([record("warm-homes", welsh=welsh)])

    assert report.errors == [(1, "warm-homes", problems)]
    assert CaseStudy.objects.count() == 0


# The open-data exports


def test_the_csv_export_carries_the_welsh_columns(client, ref):
    make_case_study("Warm homes", council=ref.council, **WELSH_FIELDS)
    make_case_study("Safe homes", council=ref.council)

    header, *rows = csv_table(client.get("/case-studies/export.csv"))

    found = {
        row[header.index("title")]: (row[header.index("title_cy")], row[header.index("lessons_cy")])
        for row in rows
    }
    assert found == {"Warm homes": ("Cartrefi cynnes", "Dechreuwch yn gynnar."), "Safe homes": ("", "")}


def test_the_json_export_carries_the_welsh_version(client, ref):
    make_case_study("Warm homes", council=ref.council, **WELSH_FIELDS)

    document = json_document(client.get("/case-studies/export.json"))

    row = document["case_studies"][0]
    assert {name: row[name] for name in CaseStudy.WELSH_FIELDS} == WELSH_FIELDS
    assert document["columns"]["title_cy"] == "Title in Welsh (empty: no Welsh version)"

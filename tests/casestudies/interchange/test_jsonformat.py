"""Export and import (docs/data-format.md): round trips, idempotence, validation and the command output."""

import json
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from casestudies.interchange.synthetic import generate_case_studies
from casestudies.models import CaseStudy, ModerationEvent
from tests.casestudies.submission_helpers import make_reference_data
from tests.factories import make_case_study, make_council

pytestmark = pytest.mark.django_db

COMPARED_FIELDS = [
    field.name
    for field in CaseStudy._meta.concrete_fields
    # Not data but bookkeeping: imported records are marked as already notified, so nothing is re-sent; when the
    # text last changed is the import's business (tests/casestudies/interchange/test_revisions.py).
    if field.name
    not in (
        "id",
        "created_at",
        "updated_at",
        "search_vector",
        "submitter_notified_at",
        "editors_notified_at",
        "text_updated_at",
    )
]
EVIDENCE_KEYS = [
    "cost_band",
    "cost_amount",
    "cost_covers",
    "savings_per_year",
    "savings_method",
    "evidence_level_claimed",
    "evaluation_url",
    "stage",
    "stopped_reason",
    "start_year",
    "end_year",
    "evidence_level_confirmed",
    "evidence_confirmed_at",
    "last_reviewed",
    "outcomes",
    "evaluation_report",
]
PUBLIC_KEYS = [
    "slug",
    "reference",
    "status",
    "council",
    "council_gss_code",
    "title",
    "partners",
    "summary",
    "challenge",
    "solution",
    "impact",
    "sustainability",
    "lessons",
    "contact_name",
    "contact_role",
    "contact_email",
    "welsh",
    "topics",
    "support_types",
    *EVIDENCE_KEYS,
    "published_at",
    "submitted_at",
    "files",
]
PRIVATE_KEYS = ["submitter_name", "submitter_email", "publication_consent"]


@pytest.fixture
def ref():
    return make_reference_data()


def snapshot() -> dict[str, dict]:
    """Every stored value of every case study, by slug, with its topics and support types."""
    result = {}
    for case_study in CaseStudy.objects.prefetch_related("topics", "support_types"):
        values = {name: getattr(case_study, name) for name in COMPARED_FIELDS}
        values["topics"] = sorted(t.slug for t in case_study.topics.all())
        values["support_types"] = sorted(s.slug for s in case_study.support_types.all())
        result[case_study.slug] = values
    return result


def export(path, *args) -> str:
    out = StringIO()
    call_command("export_case_studies", str(path), *args, stdout=out)
    return out.getvalue()


def run_import(path, *args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_case_studies", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def last_line(text: str) -> str:
    """The summary line, without the timing at its end."""
    return text.strip().splitlines()[-1].rsplit(" in ", 1)[0]


def write_records(path, records) -> None:
    path.write_text(json.dumps({"format": "casestudies/1", "case_studies": records}), encoding="utf-8")


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
    values.update(fields)
    return values


def make_varied_case_studies(ref) -> None:
    make_case_study(
        "Café culture: £5 vouchers — Ysgol Gymraeg",
        slug="cafe-culture",
        council=ref.council,
        topics=[ref.topics[0], ref.topics[3]],
        support_types=ref.support_types,
        published_at=datetime(2025, 6, 30, 23, 15, 7, 123456, tzinfo=UTC),
        submitted_at=datetime(2025, 6, 1, 8, 0, tzinfo=UTC),
        reference="CS-2025-00007",
        partners='NHS trust, "Age UK" & <the university>',
        challenge="First paragraph.\n\nSecond paragraph with a line\nbreak.",
        submitter_name="Sam Jones",
        submitter_email="sam.jones@wigan.example",
        publication_consent=True,
    )
    make_case_study(
        "Waiting for review",
        slug="waiting",
        council=ref.other_council,
        topics=[ref.topics[1]],
        status="submitted",
        submitted_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        reference="CS-2026-00012",
        submitter_name="Ann Other",
        submitter_email="ann@leeds.example",
        publication_consent=True,
    )
    make_case_study(
        "An old draft", slug="old_draft", council=ref.former_council, topics=[ref.topics[2]], status="draft"
    )
    make_case_study(
        "Archived work",
        slug="archived-work",
        council=ref.council,
        topics=ref.topics[:3],
        status="archived",
        published_at=datetime(2020, 1, 1, tzinfo=UTC),
    )
    make_case_study("Refused", slug="refused", council=ref.council, topics=[ref.topics[0]], status="rejected")


# Round trips


def test_interchange_round_trip_into_empty_database_reproduces_everything(ref, tmp_path):
    make_varied_case_studies(ref)
    before = snapshot()
    path = tmp_path / "export.json"
    assert last_line(export(path)) == f"Exported 5 case studies to {path}"
    CaseStudy.objects.all().delete()
    out, err = run_import(path)
    assert err == ""
    assert last_line(out) == "Imported 5 case studies (5 created, 0 updated, 0 unchanged, 0 invalid skipped)"
    assert snapshot() == before
    assert sorted(ModerationEvent.objects.values_list("case_study__slug", "action", "to_status")) == [
        ("archived-work", "imported", "archived"),
        ("cafe-culture", "imported", "published"),
        ("old_draft", "imported", "draft"),
        ("refused", "imported", "rejected"),
        ("waiting", "imported", "submitted"),
    ]


def test_interchange_export_document_shape(ref, tmp_path):
    make_varied_case_studies(ref)
    path = tmp_path / "export.json"
    export(path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert list(document) == ["format", "exported_at", "case_studies"]
    assert document["format"] == "casestudies/2"
    first = document["case_studies"][0]
    assert list(first) == PUBLIC_KEYS + PRIVATE_KEYS
    assert first == {
        "slug": "cafe-culture",
        "reference": "CS-2025-00007",
        "status": "published",
        "council": "WGN",
        "council_gss_code": ref.council.gss_code,
        "title": "Café culture: £5 vouchers — Ysgol Gymraeg",
        "partners": 'NHS trust, "Age UK" & <the university>',
        "summary": first["summary"],
        "challenge": "First paragraph.\n\nSecond paragraph with a line\nbreak.",
        "solution": "The solution text.",
        "impact": "The impact text.",
        "sustainability": "How it is sustained.",
        "lessons": "Lessons learned.",
        "contact_name": "Alex Example",
        "contact_role": "Programme lead",
        "contact_email": "alex.example@council.example",
        "welsh": None,
        "topics": ["climate", "housing"],
        "support_types": ["grant", "peer-support"],
        **dict.fromkeys(EVIDENCE_KEYS),
        **dict.fromkeys(
            ["cost_band", "cost_covers", "savings_method", "evaluation_url", "stage", "stopped_reason"], ""
        ),
        "outcomes": [],
        "published_at": "2025-06-30T23:15:07.123456+00:00",
        "submitted_at": "2025-06-01T08:00:00+00:00",
        "files": [],
        "submitter_name": "Sam Jones",
        "submitter_email": "sam.jones@wigan.example",
        "publication_consent": True,
    }
    assert [r["slug"] for r in document["case_studies"]] == [
        "cafe-culture",
        "waiting",
        "old_draft",
        "archived-work",
        "refused",
    ]


def test_interchange_export_public_only_leaves_out_submitter_fields(ref, tmp_path):
    make_varied_case_studies(ref)
    path = tmp_path / "public.json"
    export(path, "--public-only")
    text = path.read_text(encoding="utf-8")
    records = json.loads(text)["case_studies"]
    assert [list(r) for r in records] == [PUBLIC_KEYS] * 5
    assert "sam.jones@wigan.example" not in text
    assert "Sam Jones" not in text


def test_interchange_import_twice_is_idempotent(ref, tmp_path):
    make_varied_case_studies(ref)
    path = tmp_path / "export.json"
    export(path)
    CaseStudy.objects.all().delete()
    run_import(path)
    after_first = snapshot()
    out, _ = run_import(path)
    assert last_line(out) == "Imported 5 case studies (0 created, 0 updated, 5 unchanged, 0 invalid skipped)"
    assert CaseStudy.objects.count() == 5
    assert snapshot() == after_first
    assert ModerationEvent.objects.count() == 5


def test_interchange_import_over_existing_updates_changed_records(ref, tmp_path):
    make_varied_case_studies(ref)
    path = tmp_path / "export.json"
    export(path)
    before = snapshot()
    CaseStudy.objects.filter(slug="waiting").update(title="Edited since the export")
    CaseStudy.objects.get(slug="refused").topics.set([ref.topics[3]])
    out, _ = run_import(path)
    assert last_line(out) == "Imported 5 case studies (0 created, 2 updated, 3 unchanged, 0 invalid skipped)"
    assert snapshot() == before
    assert sorted(ModerationEvent.objects.values_list("case_study__slug", flat=True)) == [
        "refused",
        "waiting",
    ]


def test_interchange_public_only_import_keeps_existing_private_fields(ref, tmp_path):
    make_varied_case_studies(ref)
    before = snapshot()
    path = tmp_path / "public.json"
    export(path, "--public-only")
    out, _ = run_import(path)
    assert last_line(out) == "Imported 5 case studies (0 created, 0 updated, 5 unchanged, 0 invalid skipped)"
    assert snapshot() == before


def test_interchange_public_only_import_into_empty_database_leaves_private_fields_empty(ref, tmp_path):
    make_varied_case_studies(ref)
    path = tmp_path / "public.json"
    export(path, "--public-only")
    CaseStudy.objects.all().delete()
    run_import(path)
    assert set(CaseStudy.objects.values_list("submitter_name", "submitter_email", "publication_consent")) == {
        ("", "", False)
    }


def test_interchange_round_trip_of_300_synthetic_case_studies(ref, tmp_path):
    assert generate_case_studies(count=300, seed=7) == 300
    before = snapshot()
    path = tmp_path / "synthetic.json"
    assert last_line(export(path)).startswith("Exported 300 case studies to")
    assert len(json.loads(path.read_text(encoding="utf-8"))["case_studies"]) == 300
    CaseStudy.objects.all().delete()
    out, err = run_import(path)
    assert err == ""
    assert (
        last_line(out) == "Imported 300 case studies (300 created, 0 updated, 0 unchanged, 0 invalid skipped)"
    )
    assert CaseStudy.objects.count() == 300
    assert snapshot() == before


# Councils


def test_interchange_council_may_be_given_by_gss_code(tmp_path):
    make_reference_data()
    wigan_gss = make_council("Wigan again", code="WGA", gss_code="E08000010")
    path = tmp_path / "gss.json"
    write_records(
        path,
        [
            record("by-gss", council="E08000010"),
            record("by-fallback", council="OLD-CODE", council_gss_code="E08000010"),
            record("by-code", council="WGA", council_gss_code="E99999999"),
        ],
    )
    run_import(path)
    assert dict(CaseStudy.objects.values_list("slug", "lead_council")) == {
        "by-gss": wigan_gss.pk,
        "by-fallback": wigan_gss.pk,
        "by-code": wigan_gss.pk,
    }


# Invalid records

BAD_FILE_ERRORS = [
    "Record 2 (bad-council): unknown council 'ZZZ' (give a registry code or GSS code)",
    "Record 3 (bad-topic): unknown topics: no-such-topic",
    "Record 4 (no-title): title is required",
    "Record 5 (bad-date): published_at is not an ISO 8601 date and time: 'last Tuesday'",
    "Record 6 (impossible-date): submitted_at is not an ISO 8601 date and time: '2024-13-45T10:00:00'",
    "Record 7 (published-undated): a published case study needs published_at",
    "Record 8 (good-one): slug 'good-one' appears more than once in the file",
    "Record 9: the record is not a JSON object",
]


def bad_file(path) -> None:
    write_records(
        path,
        [
            record("good-one"),
            record("bad-council", council="ZZZ"),
            record("bad-topic", topics=["housing", "no-such-topic"]),
            record("no-title", title=""),
            record("bad-date", published_at="last Tuesday"),
            record("impossible-date", submitted_at="2024-13-45T10:00:00"),
            record("published-undated", status="published", published_at=None),
            record("good-one", title="Again"),
            "just a string",
            record("good-two", support_types=["grant"]),
        ],
    )


def test_interchange_bad_records_import_nothing_and_are_all_reported(ref, tmp_path):
    path = tmp_path / "bad.json"
    bad_file(path)
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("import_case_studies", str(path), stdout=out, stderr=err)
    assert str(failed.value) == (
        "8 of 10 records are invalid; nothing was imported. Fix them, or use --skip-invalid to import the valid ones."
    )
    assert err.getvalue().splitlines() == BAD_FILE_ERRORS
    assert CaseStudy.objects.count() == 0
    assert ModerationEvent.objects.count() == 0


def test_interchange_skip_invalid_imports_the_valid_records(ref, tmp_path):
    path = tmp_path / "bad.json"
    bad_file(path)
    out, err = run_import(path, "--skip-invalid")
    assert err.splitlines() == BAD_FILE_ERRORS
    assert last_line(out) == "Imported 2 case studies (2 created, 0 updated, 0 unchanged, 8 invalid skipped)"
    assert dict(CaseStudy.objects.values_list("slug", "title")) == {
        "good-one": "Title of good-one",
        "good-two": "Title of good-two",
    }


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"topics": ["housing", {"slug": "digital"}]}, "unknown topics: {'slug': 'digital'}"),
        ({"topics": []}, "topics must be a list of at least one topic slug"),
        ({"support_types": [["grant"]]}, "unknown support types: ['grant']"),
        ({"council": ["WGN"]}, "unknown council ['WGN'] (give a registry code or GSS code)"),
        (
            {"status": "live"},
            "status must be one of draft, submitted, published, rejected, archived, changes_requested: 'live'",
        ),
        ({"contact_name": "x" * 151}, "contact_name is longer than 150 characters"),
        ({"contact_role": "x" * 151}, "contact_role is longer than 150 characters"),
        ({"submitter_name": "x" * 151}, "submitter_name is longer than 150 characters"),
        ({"title": "x" * 201}, "title is longer than 200 characters"),
        ({"contact_email": "not-an-email"}, "contact_email is not a valid email address: 'not-an-email'"),
        ({"published_at": 20240101}, "published_at is not an ISO 8601 date and time: 20240101"),
        (
            {"slug": "has space"},
            "slug 'has space' may contain only letters, numbers, hyphens and underscores",
        ),
        ({"reference": "R" * 21}, "reference must be text of at most 20 characters"),
        ({"lessons": 42}, "lessons must be text"),
    ],
)
def test_interchange_invalid_value_is_reported_not_raised(ref, tmp_path, fields, reason):
    path = tmp_path / "one.json"
    write_records(path, [{**record("the-one"), **fields}])
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_case_studies", str(path), stdout=StringIO(), stderr=err)
    slug = fields.get("slug", "the-one")
    assert err.getvalue().splitlines() == [f"Record 1 ({slug}): {reason}"]
    assert CaseStudy.objects.count() == 0


def test_interchange_reference_used_twice_in_a_file_is_kept_once(ref, tmp_path):
    path = tmp_path / "refs.json"
    write_records(
        path, [record("first", reference="CS-2026-00001"), record("second", reference="CS-2026-00001")]
    )
    run_import(path)
    assert dict(CaseStudy.objects.values_list("slug", "reference")) == {
        "first": "CS-2026-00001",
        "second": None,
    }


def test_interchange_reference_of_another_case_study_is_dropped(ref, tmp_path):
    make_case_study("Existing", slug="existing", reference="CS-2026-00001")
    path = tmp_path / "refs.json"
    write_records(path, [record("newcomer", reference="CS-2026-00001")])
    run_import(path)
    assert dict(CaseStudy.objects.values_list("slug", "reference")) == {
        "existing": "CS-2026-00001",
        "newcomer": None,
    }


def test_interchange_existing_case_study_keeps_its_reference_when_the_file_gives_a_taken_one(ref, tmp_path):
    make_case_study("Mine", slug="mine", reference="CS-2026-00001")
    make_case_study("Theirs", slug="theirs", reference="CS-2026-00002")
    path = tmp_path / "refs.json"
    write_records(path, [record("mine", reference="CS-2026-00002")])
    run_import(path)
    assert dict(CaseStudy.objects.values_list("slug", "reference")) == {
        "mine": "CS-2026-00001",
        "theirs": "CS-2026-00002",
    }


def test_interchange_time_without_offset_is_london_time(ref, tmp_path):
    path = tmp_path / "naive.json"
    write_records(path, [record("summer", status="published", published_at="2025-07-01T09:00:00")])
    run_import(path)
    assert CaseStudy.objects.get().published_at == datetime(2025, 7, 1, 8, 0, tzinfo=UTC)


def test_interchange_bare_list_is_accepted(ref, tmp_path):
    path = tmp_path / "bare.json"
    path.write_text(json.dumps([record("bare")]), encoding="utf-8")
    out, _ = run_import(path)
    assert out.splitlines()[0] == f"Read 1 records from {path}."
    assert list(CaseStudy.objects.values_list("slug", flat=True)) == ["bare"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "{not json",
            "is not valid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1).",
        ),
        ('{"format": "other/2", "case_studies": []}', "Unknown format 'other/2'; expected 'casestudies/2'."),
        ('{"format": "casestudies/1"}', 'Expected a list of case studies under "case_studies".'),
    ],
)
def test_interchange_unreadable_file_is_a_command_error(tmp_path, content, message):
    path = tmp_path / "broken.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as failed:
        run_import(path)
    assert str(failed.value).endswith(message)


def test_interchange_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError) as failed:
        run_import(tmp_path / "nowhere.json")
    assert str(failed.value) == f"Cannot read {tmp_path / 'nowhere.json'}: No such file or directory."


def test_interchange_imported_submissions_are_not_emailed_again(ref, tmp_path):
    from casestudies.submissions.services import pending_notifications

    path = tmp_path / "in.json"
    write_records(path, [record("waiting-elsewhere", status="submitted")])

    call_command("import_case_studies", str(path), stdout=StringIO())

    assert list(pending_notifications()) == []


def test_interchange_consent_must_be_a_boolean(ref, tmp_path):
    path = tmp_path / "in.json"
    write_records(path, [{**record("the-one"), "publication_consent": "false"}])
    stderr = StringIO()

    with pytest.raises(CommandError):
        call_command("import_case_studies", str(path), stdout=StringIO(), stderr=stderr)

    assert "Record 1 (the-one): publication_consent must be true or false" in stderr.getvalue()

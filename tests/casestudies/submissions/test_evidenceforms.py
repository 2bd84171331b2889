"""The form's "Impact, cost and evidence (optional)" section: skipping it, storing it with its outcomes, every
hostile value refused with its own error and nothing else typed lost, and drafts and requested changes keeping it."""

import re
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.test.client import BOUNDARY, encode_multipart

from casestudies.models import CaseStudy, Outcome
from casestudies.submissions.evidenceforms import OUTCOME_FIELDS
from casestudies.submissions.forms import SubmissionForm
from tests.casestudies.file_helpers import pdf_bytes, upload
from tests.casestudies.submission_helpers import (
    SUBMIT_URL,
    TEXT_ANSWERS,
    form_token_from_page,
    make_editor,
    make_reference_data,
    valid_form_data,
    valid_post_data,
)
from tests.pages import page

pytestmark = pytest.mark.django_db
DRAFT_LINK = re.compile(r"http://testserver(/case-studies/submit/draft/[^/\s]+/)")
CHANGES_LINK = re.compile(r"http://testserver(/case-studies/submit/changes/[^/\s]+/)")

EVIDENCE = {
    "cost_band": "10k_50k",
    "cost_amount": "£38,000",
    "cost_covers": "A project officer for nine months and the mailing",
    "savings_per_year": "64,000",
    "savings_method": "1,600 fewer missed collections at about £40 each",
    "evidence_level_claimed": "3",
    "stage": "stopped",
    "stopped_reason": "The grant ended and uptake was too low to fund it from the core budget.",
    "start_year": "2021",
    "end_year": "2023",
    "evaluation_url": "https://www.wigan.example/evaluation",
    "outcome_1_measure": "Missed bin complaints a month",
    "outcome_1_before": "412",
    "outcome_1_after": "96",
    "outcome_1_unit": "complaints",
    "outcome_1_period": "12 months",
    "outcome_1_source": "Council service data",
    "outcome_2_measure": "Residents satisfied with the service",
    "outcome_2_after": "81.5",
    "outcome_2_unit": "%",
}


@pytest.fixture
def ref():
    cache.clear()
    return make_reference_data()


def kept_values(doc) -> dict[str, str]:
    """Every answer of the page's form as it would be sent again: inputs, checked boxes, textareas, selects."""
    values: dict[str, str] = {}
    for field in doc.find_all("input"):
        kind = field.attrs.get("type", "text")
        if kind in ("radio", "checkbox"):
            if "checked" in field.attrs and kind == "radio" and field["value"]:
                values[field["name"]] = field["value"]
        elif kind in ("text", "email", "url") and field.attrs.get("value"):
            values[field["name"]] = field["value"]
    for field in doc.find_all("textarea"):
        if field.text:
            values[field["name"]] = field.text
    return values


def error_of(doc, name: str) -> str:
    return doc.find("p", id=f"id_{name}-error").text.removeprefix("Error: ")


def test_skipping_the_section_stores_nothing_stated(client, ref):
    response = client.post(SUBMIT_URL, valid_post_data(client, ref))

    assert response.status_code == 302
    case_study = CaseStudy.objects.get()
    stated = {name: getattr(case_study, name) for name in CaseStudy.EVIDENCE_FIELDS}
    assert stated == {
        "cost_band": "",
        "cost_amount": None,
        "cost_covers": "",
        "savings_per_year": None,
        "savings_method": "",
        "evidence_level_claimed": None,
        "evaluation_url": "",
        "stage": "",
        "stopped_reason": "",
        "start_year": None,
        "end_year": None,
    }
    assert (case_study.evidence_level_confirmed, case_study.outcomes.count()) == (None, 0)


def test_every_answer_is_stored_with_its_outcomes_in_order(client, ref):
    response = client.post(SUBMIT_URL, valid_post_data(client, ref, **EVIDENCE))

    assert response.status_code == 302
    case_study = CaseStudy.objects.get()
    stated = {name: getattr(case_study, name) for name in CaseStudy.EVIDENCE_FIELDS}
    assert stated == {
        "cost_band": "10k_50k",
        "cost_amount": 38000,
        "cost_covers": "A project officer for nine months and the mailing",
        "savings_per_year": 64000,
        "savings_method": "1,600 fewer missed collections at about £40 each",
        "evidence_level_claimed": 3,
        "evaluation_url": "https://www.wigan.example/evaluation",
        "stage": "stopped",
        "stopped_reason": "The grant ended and uptake was too low to fund it from the core budget.",
        "start_year": 2021,
        "end_year": 2023,
    }
    rows = list(
        case_study.outcomes.values_list("position", "measure", "before", "after", "unit", "period", "source")
    )
    assert rows == [
        (
            1,
            "Missed bin complaints a month",
            Decimal("412.00"),
            Decimal("96.00"),
            "complaints",
            "12 months",
            "Council service data",
        ),
        (2, "Residents satisfied with the service", None, Decimal("81.50"), "%", "", ""),
    ]


def test_an_exact_cost_without_a_band_chooses_the_band(client, ref):
    data = valid_post_data(client, ref, cost_amount="250000")

    client.post(SUBMIT_URL, data)

    assert CaseStudy.objects.get().cost_band == "250k_1m"


def test_why_it_stopped_is_only_kept_when_it_stopped(client, ref):
    data = valid_post_data(client, ref, stage="pilot", stopped_reason="Typed before changing the stage")

    client.post(SUBMIT_URL, data)

    assert (CaseStudy.objects.get().stage, CaseStudy.objects.get().stopped_reason) == ("pilot", "")


HOSTILE = [
    ("cost_amount", "-5000", "The exact cost cannot be less than zero"),
    ("cost_amount", "1e309", "Enter the exact cost as a number, like 45,000"),
    ("cost_amount", "NaN", "Enter the exact cost as a number, like 45,000"),
    ("cost_amount", "about forty thousand", "Enter the exact cost as a number, like 45,000"),
    ("cost_amount", "99999999999999", "Enter the exact cost as a number, like 45,000"),
    ("cost_amount", "2000000000000", "The exact cost must be 1,000,000,000,000 or less"),
    ("savings_per_year", "-1", "The savings or income a year cannot be less than zero"),
    ("savings_per_year", "inf", "Enter the savings or income a year as a number, like 120,000"),
    ("outcome_1_after", "1e309", "Enter the figure after for outcome 1 as a number, like 412 or 12.5"),
    ("outcome_1_before", "NaN", "Enter the figure before for outcome 1 as a number, like 412 or 12.5"),
    ("outcome_1_before", "-Infinity", "Enter the figure before for outcome 1 as a number, like 412 or 12.5"),
    ("savings_per_year", "Infinity", "Enter the savings or income a year as a number, like 120,000"),
    ("cost_amount", "-1e309", "Enter the exact cost as a number, like 45,000"),
    ("outcome_1_after", "ninety six", "Enter the figure after for outcome 1 as a number, like 412 or 12.5"),
    ("outcome_2_after", "lots", "Enter the figure after for outcome 2 as a number, like 412 or 12.5"),
    ("start_year", "twenty twenty", "Enter the start year as a number, like 2022"),
    ("start_year", "1850", "The start year must be 1900 or more"),
    ("end_year", "20221", "The end year must be 2100 or less"),
    ("end_year", "2020", "The end year must be the start year or later"),
    ("evidence_level_claimed", "9", "Choose an evidence level from the list"),
    ("cost_band", "free", "Choose a cost band from the list"),
    ("stage", "abandoned", "Choose a stage from the list"),
    ("evaluation_url", "not a link", "Enter a web address, like https://www.example.gov.uk/report"),
    ("stopped_reason", "", "Say why the work stopped"),
    ("outcome_2_measure", "", "Say what was measured for outcome 2"),
    ("cost_amount", "5000", "£5,000 is in the band “Under £10,000”: choose that band or correct the figure"),
]


@pytest.mark.parametrize(("name", "value", "message"), HOSTILE)
def test_a_hostile_value_gets_its_field_error_and_nothing_typed_is_lost(client, ref, name, value, message):
    data = valid_post_data(client, ref, **{**EVIDENCE, name: value})

    response = client.post(SUBMIT_URL, data)

    assert response.status_code == 200
    assert CaseStudy.objects.count() == 0
    doc = page(response)
    assert error_of(doc, name) == message
    errors = [p["id"] for p in doc.find_all("p", class_="field__error")]
    assert errors == [f"id_{name}-error"]
    radio = name in ("cost_band", "evidence_level_claimed", "stage")
    assert doc.find("a", href=f"#id_{name}{'_0' if radio else ''}").text == message
    # Every answer comes back, but a radio button cannot show a choice that it does not offer.
    expected = {
        k: v for k, v in {**TEXT_ANSWERS, **EVIDENCE, name: value}.items() if v and not (radio and k == name)
    }
    assert kept_values(doc) == expected


def test_ten_thousand_outcome_rows_get_one_error_and_the_six_rows_are_kept(ref):
    rows = {f"outcome_{n}_measure": f"Measure {n}" for n in range(1, 10_001)}
    rows |= {f"outcome_{n}_after": str(n) for n in range(1, 10_001)}
    form = SubmissionForm(valid_form_data(ref, **rows))

    assert not form.is_valid()
    assert dict(form.errors) == {
        "outcome_1_measure": [
            "You can give up to 6 outcomes, and the form had 10,000: keep the 6 that matter most"
        ]
    }
    assert [form[f"outcome_{n}_measure"].value() for n in range(1, 7)] == [
        f"Measure {n}" for n in range(1, 7)
    ]
    assert "outcome_7_measure" not in form.fields


def test_rows_beyond_six_sent_through_the_page_are_refused_with_the_rest_kept(client, ref):
    extra = {f"outcome_{n}_measure": f"Measure {n}" for n in range(7, 31)}
    data = valid_post_data(client, ref, **EVIDENCE, **extra)

    doc = page(client.post(SUBMIT_URL, data))

    assert error_of(doc, "outcome_1_measure") == (
        "You can give up to 6 outcomes, and the form had 26: keep the 6 that matter most"
    )
    assert kept_values(doc) == {**TEXT_ANSWERS, **EVIDENCE}


def test_the_section_renders_labelled_radios_hints_and_six_outcome_rows(client, ref):
    doc = page(client.get(SUBMIT_URL))

    levels = doc.find("fieldset", id="id_evidence_level_claimed")
    assert levels["aria-describedby"] == "id_evidence_level_claimed-hint"
    assert levels.find("legend").text == "How strong is your evidence?"
    options = [(i["value"], "checked" in i.attrs) for i in levels.find_all("input", type="radio")]
    assert options == [("", True)] + [(str(n), False) for n in range(1, 6)]
    level_4 = levels.find("input", id="id_evidence_level_claimed_4")
    assert level_4["aria-describedby"] == "id_evidence_level_claimed_4-hint"
    assert doc.find("span", id="id_evidence_level_claimed_4-hint").text.startswith(
        "An evaluation, done or checked"
    )
    assert [i["value"] for i in doc.find("fieldset", id="id_cost_band").find_all("input")] == [
        "",
        "under_10k",
        "10k_50k",
        "50k_250k",
        "250k_1m",
        "over_1m",
    ]
    assert [
        f["id"] for f in doc.find_all("fieldset", class_="file-slot") if f["id"].startswith("outcome")
    ] == [f"outcome-{n}" for n in range(1, 7)]
    more = doc.find("details", class_="more-outcomes")
    assert "open" not in more.attrs
    assert [f["id"] for f in more.find_all("fieldset")] == ["outcome-4", "outcome-5", "outcome-6"]
    assert doc.find("input", id="id_cost_amount")["inputmode"] == "numeric"
    assert doc.find("input", id="id_outcome_1_after")["inputmode"] == "decimal"


def test_a_saved_draft_keeps_the_section_as_typed(client, ref, django_capture_on_commit_callbacks):
    answers = {**EVIDENCE, "cost_amount": "1e309", "submitter_email": "sam@wigan.example"}
    answers.pop("cost_band")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            SUBMIT_URL, {"action": "save", "form_token": form_token_from_page(client), **answers}
        )
    assert response.status_code == 200  # a format error is shown, even when saving
    answers["cost_amount"] = "38000"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            SUBMIT_URL, {"action": "save", "form_token": form_token_from_page(client), **answers}
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    url = DRAFT_LINK.findall(message.body)[0]

    doc = page(Client().get(url))

    assert kept_values(doc) == answers


def test_requested_changes_open_with_the_section_and_keep_the_edits(
    client, ref, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SUBMIT_URL, valid_post_data(client, ref, **EVIDENCE))
    case_study = CaseStudy.objects.get()
    CaseStudy.objects.filter(pk=case_study.pk).update(evidence_level_confirmed=2)
    editor = Client()
    editor.force_login(make_editor())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(
            f"/admin/casestudies/casestudy/{case_study.pk}/request-changes/", {"note": "Add a figure."}
        )
    link = CHANGES_LINK.findall(mail.outbox[-1].body)[0]

    opened = page(client.get(link))

    expected = {
        **TEXT_ANSWERS,
        **EVIDENCE,
        "cost_amount": "38000",
        "savings_per_year": "64000",
        "language": "en",
    }
    expected |= {"outcome_1_before": "412", "outcome_1_after": "96", "outcome_2_after": "81.50"}
    assert kept_values(opened) == expected
    edits = {**EVIDENCE, "outcome_2_measure": "", "outcome_2_after": "", "outcome_2_unit": ""}
    edits |= {"outcome_3_measure": "Households signed up", "outcome_3_after": "5,210", "stage": "embedded"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, valid_post_data(client, ref, **edits))
    assert response.status_code == 302
    case_study.refresh_from_db()
    assert (case_study.stage, case_study.stopped_reason) == ("embedded", "")
    assert case_study.evidence_level_confirmed == 2  # the editor's confirmation is kept
    assert list(Outcome.objects.values_list("position", "measure", "after")) == [
        (1, "Missed bin complaints a month", Decimal("96.00")),
        (2, "Households signed up", Decimal("5210.00")),
    ]


def test_every_outcome_field_is_kept_by_a_draft():
    assert set(OUTCOME_FIELDS) <= set(SubmissionForm.DRAFT_FIELDS)


def ten_thousand_rows_in_page_order(client, ref) -> list[tuple[str, str]]:
    """A valid post in the order a browser sends the page, with 10,000 outcome rows where the rows are: more
    fields than Django parses (``DATA_UPLOAD_MAX_NUMBER_FIELDS``), with answers before and after them."""
    data = valid_post_data(client, ref, **EVIDENCE)
    rows = [(f"outcome_{n}_{part}", str(n)) for n in range(3, 10_001) for part in ("measure", "after")]
    before = [(k, v) for k, v in data.items() if k in TEXT_ANSWERS or k in EVIDENCE]
    after = [(k, v) for k, v in data.items() if k not in TEXT_ANSWERS and k not in EVIDENCE]
    return before + rows + after


def assert_refused_with_everything_kept(response, ref, **extra: str) -> None:
    assert response.status_code == 200
    assert CaseStudy.objects.count() == 0
    doc = page(response)
    assert error_of(doc, "outcome_1_measure") == (
        "You can give at most 6 outcomes, and the form had more than we could read: keep the 6 that matter most"
    )
    assert [p["id"] for p in doc.find_all("p", class_="field__error")] == ["id_outcome_1_measure-error"]
    six = {f"outcome_{n}_{part}": str(n) for n in range(3, 7) for part in ("measure", "after")}
    assert kept_values(doc) == {**TEXT_ANSWERS, **EVIDENCE, **six, **extra}
    assert doc.find("option", value=ref.council.code, selected=True)
    assert [box["value"] for box in doc.find_all("input", name="topics", checked=True)] == [
        ref.topics[0].slug,
        ref.topics[2].slug,
    ]
    assert doc.find("input", id="id_consent", checked=True)


def test_ten_thousand_outcome_rows_urlencoded_come_back_as_a_field_error_with_everything_kept(client, ref):
    pairs = ten_thousand_rows_in_page_order(client, ref)
    body = urlencode([(k, v) for k, value in pairs for v in (value if isinstance(value, list) else [value])])
    assert len(body) > 256 * 1024  # over DATA_UPLOAD_MAX_MEMORY_SIZE as well as the number of fields

    response = client.post(SUBMIT_URL, body, content_type="application/x-www-form-urlencoded")

    assert_refused_with_everything_kept(response, ref)


def test_ten_thousand_outcome_rows_in_a_multipart_post_keep_everything_and_the_file(client, ref):
    pairs = ten_thousand_rows_in_page_order(client, ref)
    fields = [encode_multipart(BOUNDARY, {k: v})[: -len(f"--{BOUNDARY}--\r\n")] for k, v in pairs]
    report = encode_multipart(BOUNDARY, {"document_1": upload("report.pdf", pdf_bytes())})
    body = (
        b"".join(fields)
        + encode_multipart(BOUNDARY, {"document_1_title": "Report"})[: -len(f"--{BOUNDARY}--\r\n")]
        + report
    )

    response = client.post(SUBMIT_URL, body, content_type=f"multipart/form-data; boundary={BOUNDARY}")

    assert_refused_with_everything_kept(response, ref, document_1_title="Report")
    doc = page(response)
    assert "Your file is saved: PDF, 162 bytes." in doc.find("fieldset", id="document-1").text
    assert doc.find("input", name="document_1_kept")["value"]


def test_a_post_within_the_field_limit_is_parsed_as_before(client, ref):
    data = valid_post_data(client, ref, **EVIDENCE)

    response = client.post(
        SUBMIT_URL, urlencode(data, doseq=True), content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 302
    assert CaseStudy.objects.get().outcomes.count() == 2


def test_a_body_far_over_the_limit_is_still_refused(client, ref):
    body = "outcome_9_measure=" + "x" * (4 * 1024 * 1024 + 1)

    response = client.post(SUBMIT_URL, body, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 400

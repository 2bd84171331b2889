"""The evaluation report in the form's evidence section (issue 20): checked like every document, stored as the
case study's ``evaluation`` file, and kept across form errors, saved drafts and requested changes."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from casestudies.models import Attachment, CaseStudy
from tests.casestudies.file_helpers import docx_bytes, image_bytes, pdf_bytes, upload
from tests.casestudies.submission_helpers import (
    SUBMIT_URL,
    TEXT_ANSWERS,
    form_token_from_page,
    make_editor,
    make_reference_data,
    valid_post_data,
)
from tests.pages import page

pytestmark = pytest.mark.django_db
DRAFT_LINK = re.compile(r"http://testserver(/case-studies/submit/draft/[^/\s]+/)")
CHANGES_LINK = re.compile(r"http://testserver(/case-studies/submit/changes/[^/\s]+/)")


@pytest.fixture
def ref():
    cache.clear()
    return make_reference_data()


def saved_note(doc) -> str:
    return doc.find("fieldset", id="evaluation-report").find("p", class_="file-kept").text


def kept_reference(doc) -> str:
    return doc.find("input", name="evaluation_report_kept")["value"]


def stored(case_study: CaseStudy) -> list[tuple[str, str, str]]:
    return sorted(case_study.attachments.values_list("kind", "title", "file_type"))


def test_the_report_is_asked_for_in_the_evidence_section(client, ref):
    doc = page(client.get(SUBMIT_URL))

    slot = doc.find("fieldset", id="evaluation-report")
    assert slot.find("legend").text == "Evaluation report as a file (optional)"
    field = slot.find("input", id="id_evaluation_report")
    assert (field["type"], field["accept"]) == ("file", ".pdf,.docx,.xlsx,.odt,application/pdf")


def test_an_uploaded_report_is_stored_as_the_evaluation_report(client, ref):
    data = valid_post_data(client, ref) | {"evaluation_report": upload("Final evaluation.pdf", pdf_bytes())}

    assert client.post(SUBMIT_URL, data).status_code == 302

    assert stored(CaseStudy.objects.get()) == [("evaluation", "Evaluation report", "pdf")]


def test_a_bad_report_gets_its_error_with_everything_else_kept(client, ref):
    data = valid_post_data(client, ref) | {
        "evaluation_report": upload("report.pdf", image_bytes("PNG", (50, 50))),
        "evaluation_url": "https://www.wigan.example/evaluation",
    }

    doc = page(client.post(SUBMIT_URL, data))

    error = doc.find("p", id="id_evaluation_report-error").text.removeprefix("Error: ")
    assert error == (
        "Documents must be PDF, Word (DOCX), Excel (XLSX) or OpenDocument text (ODT) files. This file is a PNG "
        "image, whatever its name says."
    )
    assert [p["id"] for p in doc.find_all("p", class_="field__error")] == ["id_evaluation_report-error"]
    assert doc.find("input", id="id_title")["value"] == TEXT_ANSWERS["title"]
    assert doc.find("input", id="id_evaluation_url")["value"] == "https://www.wigan.example/evaluation"
    assert CaseStudy.objects.count() == 0 and Attachment.objects.count() == 0


def test_a_good_report_is_kept_when_the_form_has_other_errors(client, ref):
    data = valid_post_data(client, ref, title="") | {"evaluation_report": upload("report.docx", docx_bytes())}

    doc = page(client.post(SUBMIT_URL, data))

    assert saved_note(doc).startswith("Your report is saved: Word document, ")
    again = valid_post_data(client, ref) | {"evaluation_report_kept": kept_reference(doc)}
    assert client.post(SUBMIT_URL, again).status_code == 302
    assert stored(CaseStudy.objects.get()) == [("evaluation", "Evaluation report", "docx")]
    assert Attachment.objects.filter(case_study=None, draft=None).count() == 0


def test_a_document_cannot_be_passed_off_as_the_report(client, ref):
    first = valid_post_data(client, ref, title="") | {
        "document_1": upload("costs.pdf", pdf_bytes()),
        "document_1_title": "Costs",
    }
    document_ref = page(client.post(SUBMIT_URL, first)).find("input", name="document_1_kept")["value"]

    again = valid_post_data(client, ref) | {"evaluation_report_kept": document_ref}
    assert client.post(SUBMIT_URL, again).status_code == 302

    assert stored(CaseStudy.objects.get()) == []


def test_a_saved_draft_keeps_the_report(client, ref, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            SUBMIT_URL,
            {
                "action": "save",
                "form_token": form_token_from_page(client),
                "submitter_email": "sam@wigan.example",
                "evaluation_report": upload("report.pdf", pdf_bytes()),
            },
        )
    assert response.status_code == 302
    url = DRAFT_LINK.findall(mail.outbox[-1].body)[0]

    doc = page(Client().get(url))

    assert (
        saved_note(doc) == "Your report is saved: PDF, 162 bytes. To replace it, choose another file below."
    )
    sent = valid_post_data(client, ref) | {"evaluation_report_kept": kept_reference(doc)}
    assert client.post(url, sent).status_code == 302
    assert stored(CaseStudy.objects.get()) == [("evaluation", "Evaluation report", "pdf")]


def test_requested_changes_open_with_the_report_and_can_remove_it(
    client, ref, django_capture_on_commit_callbacks
):
    data = valid_post_data(client, ref) | {"evaluation_report": upload("report.pdf", pdf_bytes())}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SUBMIT_URL, data)
    case_study = CaseStudy.objects.get()
    editor = Client()
    editor.force_login(make_editor())
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(
            f"/admin/casestudies/casestudy/{case_study.pk}/request-changes/", {"note": "Add a figure."}
        )
    link = CHANGES_LINK.findall(mail.outbox[-1].body)[0]

    doc = page(client.get(link))

    assert saved_note(doc).startswith("Your report is saved: PDF, 162 bytes.")
    kept = kept_reference(doc)
    failed = page(
        client.post(link, valid_post_data(client, ref, title="") | {"evaluation_report_kept": kept})
    )
    assert kept_reference(failed) == kept  # a form error keeps it too
    removed = valid_post_data(client, ref) | {
        "evaluation_report_kept": kept,
        "evaluation_report_remove": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(link, removed).status_code == 302
    assert stored(case_study) == []

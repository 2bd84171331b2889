"""The form's files end to end: good files stored under random names, every bad file of the issue refused with
a clear error next to its field and everything else kept, good files kept across a failed validation."""

import re

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage

from casestudies.models import Attachment, CaseStudy
from tests.casestudies.file_helpers import (
    bad_files,
    docx_bytes,
    image_bytes,
    multipart,
    pdf_bytes,
    upload,
)
from tests.casestudies.submission_helpers import (
    SUBMIT_URL,
    TEXT_ANSWERS,
    make_reference_data,
    valid_post_data,
)
from tests.pages import page

pytestmark = pytest.mark.django_db


@pytest.fixture
def ref():
    cache.clear()  # the submission rate limit lives in the cache
    return make_reference_data()


def field_error(doc, name: str) -> str:
    return doc.find("p", id=f"id_{name}-error").text.removeprefix("Error: ")


def assert_everything_else_kept(doc, ref) -> None:
    assert doc.find("input", id="id_title")["value"] == TEXT_ANSWERS["title"]
    assert doc.find("textarea", id="id_solution").text == TEXT_ANSWERS["solution"]
    assert doc.find("option", value=ref.council.code, selected=True)
    assert [box["value"] for box in doc.find_all("input", name="topics", checked=True)] == [
        ref.topics[0].slug,
        ref.topics[2].slug,
    ]
    assert doc.find("input", id="id_consent", checked=True)


def test_submit_with_image_and_documents_stores_them_under_random_names(client, ref):
    data = valid_post_data(client, ref)
    data |= {
        "lead_image": upload("IMG_2041 family photo.jpg", image_bytes("JPEG", (1800, 1200))),
        "lead_image_alt": "Volunteers fitting loft insulation",
        "document_1": upload("Evaluation (final).pdf", pdf_bytes()),
        "document_1_title": "Evaluation report",
        "document_2": upload("costs.docx", docx_bytes()),
        "document_2_title": "Costs",
    }
    response = client.post(SUBMIT_URL, data)

    assert response.status_code == 302
    case_study = CaseStudy.objects.get()
    image = case_study.attachments.get(kind="image")
    documents = list(case_study.attachments.documents())
    assert (image.title, image.decorative, image.file_type, image.width, image.height) == (
        "Volunteers fitting loft insulation",
        False,
        "jpeg",
        1600,
        1067,
    )
    assert [w for w, _, _ in image.renditions] == [480, 960, 1600]
    assert [(d.title, d.file_type, d.position) for d in documents] == [
        ("Evaluation report", "pdf", 1),
        ("Costs", "docx", 2),
    ]
    for attachment in [image, *documents]:
        for name in attachment.stored_names:
            assert re.fullmatch(r"case-study-files/[0-9a-f]{32}/(\d+\.jpg|document\.(pdf|docx))", name), name
            assert default_storage.exists(name)
    assert documents[0].size == len(pdf_bytes())


@pytest.mark.parametrize("case", list(bad_files()))
def test_each_bad_file_gets_its_error_next_to_its_field_and_the_answers_are_kept(client, ref, case):
    field, filename, content, message = bad_files()[case]
    data = valid_post_data(client, ref) | {field: upload(filename, content), f"{field}_title": "A title"}
    if field == "lead_image":
        data["lead_image_alt"] = "A photo"

    response = client.post(SUBMIT_URL, data)
    doc = page(response)

    assert response.status_code == 200
    assert field_error(doc, field) == message
    assert doc.find("div", class_="error-summary").find("a", href=f"#id_{field}").text == message
    assert_everything_else_kept(doc, ref)
    assert CaseStudy.objects.count() == 0
    assert Attachment.objects.count() == 0


def test_oversized_file_is_refused_while_it_arrives(client, ref, settings):
    settings.DOCUMENT_MAX_BYTES = 2 * 1024 * 1024
    big = pdf_bytes() + b"%" + bytes(2 * 1024 * 1024)
    data = valid_post_data(client, ref) | {"document_1": upload("big.pdf", big), "document_1_title": "Big"}

    doc = page(client.post(SUBMIT_URL, data))

    assert field_error(doc, "document_1") == "The file must be smaller than 2 MB."
    assert_everything_else_kept(doc, ref)
    assert Attachment.objects.count() == 0


def test_oversized_image_limit_is_ten_megabytes(client, ref):
    big = image_bytes("PNG", (10, 10)) + bytes(10 * 1024 * 1024)
    data = valid_post_data(client, ref) | {"lead_image": upload("big.png", big), "lead_image_alt": "x"}
    doc = page(client.post(SUBMIT_URL, data))
    assert field_error(doc, "lead_image") == "The file must be smaller than 10 MB."


@pytest.mark.parametrize(
    "filename", ["../../etc/photo.jpg", "C:\\Users\\sam\\Pictures\\photo.jpg", "photos/2025/photo.jpg", ".."]
)
def test_file_name_with_a_folder_path_is_refused(client, ref, filename):
    fields = valid_post_data(client, ref) | {"lead_image_alt": "A photo"}
    body = multipart(fields, {"lead_image": (filename, image_bytes("JPEG", (300, 200)))})

    response = client.generic(
        "POST", SUBMIT_URL, body, content_type="multipart/form-data; boundary=BoUnDaRyx7"
    )
    doc = page(response)

    assert response.status_code == 200
    assert field_error(doc, "lead_image") == (
        "The file name includes a folder path. Choose the file again from its folder."
    )
    assert_everything_else_kept(doc, ref)
    assert Attachment.objects.count() == 0


def test_plain_file_name_through_the_same_parser_is_accepted(client, ref):
    fields = valid_post_data(client, ref) | {"lead_image_alt": "A photo"}
    body = multipart(fields, {"lead_image": ("photo.jpg", image_bytes("JPEG", (300, 200)))})
    response = client.generic(
        "POST", SUBMIT_URL, body, content_type="multipart/form-data; boundary=BoUnDaRyx7"
    )
    assert response.status_code == 302
    assert CaseStudy.objects.get().attachments.get().kind == "image"


def kept_reference(doc, name: str) -> str:
    return doc.find("input", name=f"{name}_kept")["value"]


def test_good_files_are_kept_when_the_form_has_other_errors(client, ref):
    data = valid_post_data(client, ref, title="")
    data |= {
        "lead_image": upload("photo.webp", image_bytes("WEBP", (1000, 800))),
        "lead_image_alt": "The new library",
        "document_1": upload("report.pdf", pdf_bytes()),
        "document_1_title": "Report",
    }
    doc = page(client.post(SUBMIT_URL, data))

    assert field_error(doc, "title") == "Enter a title"
    image_ref, document_ref = kept_reference(doc, "lead_image"), kept_reference(doc, "document_1")
    assert image_ref and document_ref
    assert "Your image is saved: WebP, 1000 × 800 pixels" in doc.find("fieldset", id="lead-image").text
    assert "Your file is saved: PDF, 162 bytes." in doc.find("fieldset", id="document-1").text
    assert Attachment.objects.filter(case_study=None, draft=None).count() == 2

    again = valid_post_data(client, ref) | {
        "lead_image_kept": image_ref,
        "lead_image_alt": "The new library",
        "document_1_kept": document_ref,
        "document_1_title": "Report",
    }
    response = client.post(SUBMIT_URL, again)

    assert response.status_code == 302
    case_study = CaseStudy.objects.get()
    assert sorted(case_study.attachments.values_list("kind", "title")) == [
        ("document", "Report"),
        ("image", "The new library"),
    ]
    assert Attachment.objects.filter(case_study=None, draft=None).count() == 0


def test_forged_kept_reference_is_ignored(client, ref):
    data = valid_post_data(client, ref) | {"lead_image_kept": "not-a-signed-reference"}
    assert client.post(SUBMIT_URL, data).status_code == 302
    assert Attachment.objects.count() == 0


def test_image_needs_alt_text_unless_decorative(client, ref):
    image = image_bytes("JPEG", (300, 200))
    doc = page(client.post(SUBMIT_URL, valid_post_data(client, ref) | {"lead_image": upload("a.jpg", image)}))
    assert field_error(doc, "lead_image_alt") == "Describe the image, or tick “The image is decorative”"

    data = valid_post_data(client, ref) | {
        "lead_image": upload("a.jpg", image),
        "lead_image_decorative": "on",
    }
    assert client.post(SUBMIT_URL, data).status_code == 302
    assert CaseStudy.objects.get().attachments.get().decorative is True


def test_document_needs_a_title_and_a_title_needs_a_document(client, ref):
    data = valid_post_data(client, ref) | {
        "document_1": upload("report.pdf", pdf_bytes()),
        "document_2_title": "Costs",
    }
    doc = page(client.post(SUBMIT_URL, data))
    assert field_error(doc, "document_1_title") == "Enter a title for document 1"
    assert field_error(doc, "document_2") == "Choose the file for “Costs”, or delete its title"


def test_kept_file_can_be_removed(client, ref):
    data = valid_post_data(client, ref, title="") | {
        "document_1": upload("report.pdf", pdf_bytes()),
        "document_1_title": "Report",
    }
    reference = kept_reference(page(client.post(SUBMIT_URL, data)), "document_1")
    again = valid_post_data(client, ref) | {
        "document_1_kept": reference,
        "document_1_remove": "on",
        "document_1_title": "",
    }
    assert client.post(SUBMIT_URL, again).status_code == 302
    assert CaseStudy.objects.get().attachments.count() == 0

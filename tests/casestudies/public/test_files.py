"""A case study's files on its page (an image with srcset, width and height; documents with type and size) and
through the view that serves them: public only while the case study is, previewable by editors."""

import json
from dataclasses import asdict
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from casestudies.models import Attachment
from casestudies.models.files import FOLDER
from casestudies.ops import uploads
from tests.casestudies.discovery_helpers import count_queries
from tests.casestudies.file_helpers import docx_bytes, image_bytes, pdf_bytes, upload
from tests.casestudies.submission_helpers import make_editor
from tests.factories import make_case_study, make_topic
from tests.pages import page

pytestmark = pytest.mark.django_db


def attach(case_study, name: str, content: bytes, *, kind: str, title: str, position: int = 0) -> Attachment:
    checked = uploads.check_upload(upload(name, content), kind=kind)
    stored = uploads.store(checked, folder=FOLDER)
    return Attachment.objects.create(
        **asdict(stored), kind=kind, title=title, case_study=case_study, position=position
    )


@pytest.fixture
def published():
    case_study = make_case_study(
        "Warm homes", slug="warm-homes", published_at=timezone.now() - timedelta(days=1)
    )
    attach(
        case_study, "photo.jpg", image_bytes("JPEG", (2000, 1000)), kind="image", title="Fitting insulation"
    )
    attach(case_study, "report.pdf", pdf_bytes(), kind="document", title="Evaluation report", position=1)
    attach(case_study, "costs.docx", docx_bytes(), kind="document", title="Costs", position=2)
    return case_study


def test_page_shows_the_lead_image_with_sizes(client, published):
    image = published.attachments.get(kind="image")
    img = page(client.get("/case-studies/warm-homes/")).find("figure", class_="case-study__image").find("img")
    assert (img["width"], img["height"], img["alt"]) == ("1600", "800", "Fitting insulation")
    assert img["src"] == f"/files/{image.key}/1600.jpg"
    assert img["srcset"] == (
        f"/files/{image.key}/480.jpg 480w, /files/{image.key}/960.jpg 960w, /files/{image.key}/1600.jpg 1600w"
    )
    assert img["sizes"] == "(min-width: 48em) 46em, 100vw"


def test_decorative_image_has_empty_alt(client, published):
    published.attachments.filter(kind="image").update(decorative=True)
    img = page(client.get("/case-studies/warm-homes/")).find("figure", class_="case-study__image").find("img")
    assert img["alt"] == ""


def test_page_lists_documents_with_type_and_size(client, published):
    items = page(client.get("/case-studies/warm-homes/")).find("ul", class_="documents").find_all("li")
    pdf, docx = published.attachments.documents()
    assert [(li.find("a").text, li.find("a")["href"], li.find("span").text) for li in items] == [
        ("Evaluation report", f"/files/{pdf.key}/document.pdf", f"(PDF, {pdf.size} bytes)"),
        ("Costs", f"/files/{docx.key}/document.docx", f"(Word document, {docx.size} bytes)"),
    ]


def test_files_are_served_with_their_type_and_a_strict_policy(client, published):
    image = published.attachments.get(kind="image")
    response = client.get(f"/files/{image.key}/960.jpg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"
    assert response["Cache-Control"] == "public, max-age=300"
    assert (
        response["Content-Security-Policy"]
        == "default-src 'none'; img-src 'self'; sandbox; frame-ancestors 'none'"
    )
    assert response["X-Content-Type-Options"] == "nosniff"

    pdf = published.attachments.documents().first()
    download = client.get(pdf.url)
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="evaluation-report.pdf"'
    assert b"".join(download.streaming_content) == pdf_bytes()


@pytest.mark.parametrize(
    "status", ["draft", "submitted", "rejected", "archived", "changes_requested", "scheduled"]
)
def test_files_of_a_case_study_the_public_cannot_see_are_404_but_editors_preview_them(
    client, published, status
):
    if status == "scheduled":
        published.published_at = timezone.now() + timedelta(days=1)
    else:
        published.status = status
    published.save()
    image = published.attachments.get(kind="image")

    assert client.get(f"/files/{image.key}/960.jpg").status_code == 404
    editor = Client()
    editor.force_login(make_editor())
    response = editor.get(f"/files/{image.key}/960.jpg")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_files_of_drafts_and_unknown_names_are_404(client, published):
    image = published.attachments.get(kind="image")
    assert client.get(f"/files/{image.key}/2000.jpg").status_code == 404
    assert client.get(f"/files/{image.key}/..%2F..%2Fsettings.py").status_code == 404
    assert client.get("/files/0123456789abcdef0123456789abcdef/960.jpg").status_code == 404
    orphan = attach(None, "a.pdf", pdf_bytes(), kind="document", title="Pending")
    editor = Client()
    editor.force_login(make_editor())
    assert editor.get(orphan.url).status_code == 404


@pytest.mark.parametrize("documents", [0, 1, 5])
def test_case_study_page_with_an_image_and_documents_query_count(client, documents):
    """The page's queries do not grow with its files: one query reads the image and every document (the version
    token, the case study, its files, the related cards)."""
    housing = make_topic("Housing", slug="housing")
    case_study = make_case_study("Warm homes", slug="warm-homes", topics=[housing])
    attach(case_study, "photo.png", image_bytes("PNG", (1000, 600)), kind="image", title="Photo")
    for n in range(documents):
        attach(
            case_study,
            f"d{n}.pdf",
            pdf_bytes(f"report {n}"),
            kind="document",
            title=f"Doc {n}",
            position=n + 1,
        )
    for n in range(3):
        make_case_study(f"Related {n}", topics=[housing])

    assert count_queries(client, "/case-studies/warm-homes/") == 4


def test_exports_give_the_files_addresses(client, published):
    image = published.attachments.get(kind="image")
    pdf, docx = published.attachments.documents()
    rows = json.loads(b"".join(client.get("/case-studies/export.json").streaming_content))["case_studies"]
    (row,) = rows
    assert row["lead_image_url"] == f"http://testserver/files/{image.key}/1600.jpg"
    assert row["lead_image_alt"] == "Fitting insulation"
    assert row["document_urls"] == (
        f"http://testserver/files/{pdf.key}/document.pdf;http://testserver/files/{docx.key}/document.docx"
    )
    text = b"".join(client.get("/case-studies/export.csv").streaming_content).decode()
    assert f"http://testserver/files/{image.key}/1600.jpg" in text


def attach_report(case_study, *, size: int | None = None) -> Attachment:
    report = attach(case_study, "evaluation.pdf", pdf_bytes(), kind="document", title="Evaluation report")
    Attachment.objects.filter(pk=report.pk).update(kind="evaluation", **({"size": size} if size else {}))
    report.refresh_from_db()
    return report


def test_page_links_the_evaluation_report_with_its_type_and_size(client, published):
    report = attach_report(published, size=1_258_291)

    doc = page(client.get("/case-studies/warm-homes/"))

    link = doc.find("p", class_="evaluation-report").find("a")
    assert (link.text, link["href"]) == (
        "Evaluation report (PDF, 1.2 MB)",
        f"/files/{report.key}/document.pdf",
    )
    assert doc.find("h2", id="evaluation-report").text == "Evaluation"
    # Not listed again among the documents.
    assert [a.text for a in doc.find("ul", class_="documents").find_all("a")] == [
        "Evaluation report",
        "Costs",
    ]


def test_page_without_an_evaluation_report_has_no_evaluation_section(client, published):
    doc = page(client.get("/case-studies/warm-homes/"))

    assert doc.find_all("section", attrs={"aria-labelledby": "evaluation-report"}) == []


def test_evaluation_report_is_downloaded_and_only_while_the_case_study_is_public(client, published):
    report = attach_report(published)

    download = client.get(report.url)
    assert download["Content-Disposition"] == 'attachment; filename="evaluation-report.pdf"'
    assert b"".join(download.streaming_content) == pdf_bytes()

    published.status = "changes_requested"
    published.save()
    assert client.get(report.url).status_code == 404
    assert client.get("/case-studies/warm-homes/").status_code == 404


def test_case_study_page_with_an_evaluation_report_keeps_its_query_count(client, published):
    """The report comes with the other files, in the same query (tokens, the case study, its files)."""
    without = count_queries(client, "/case-studies/warm-homes/")
    attach_report(published)

    assert (without, count_queries(client, "/case-studies/warm-homes/")) == (3, 3)

"""Files in an S3-compatible store through django-storages, against moto's S3 server started here (on loopback),
and the settings that choose that store from the environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
from django.core.cache import cache
from moto.server import ThreadedMotoServer

from casestudies.models import CaseStudy, SubmissionDraft
from casestudies.submissions.drafts import purge_drafts
from tests.casestudies.file_helpers import image_bytes, pdf_bytes, upload
from tests.casestudies.submission_helpers import form_token_from_page, make_reference_data, valid_post_data

ROOT = Path(__file__).resolve().parents[3]
BUCKET = "casestudies-test"
REGION = "eu-west-2"
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


@pytest.fixture(scope="session")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3(s3_endpoint, settings):
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name=REGION, **CREDENTIALS)
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": REGION,
                "access_key": "testing",
                "secret_key": "testing",
                "default_acl": "private",
                "file_overwrite": False,
            },
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client) -> list[str]:
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


@pytest.mark.django_db
def test_submitted_files_are_stored_in_the_bucket_and_served_through_the_checking_view(client, s3):
    cache.clear()
    ref = make_reference_data()
    data = valid_post_data(client, ref) | {
        "lead_image": upload("photo.jpg", image_bytes("JPEG", (1200, 800))),
        "lead_image_alt": "Photo",
        "document_1": upload("report.pdf", pdf_bytes()),
        "document_1_title": "Report",
    }
    assert client.post("/case-studies/submit/", data).status_code == 302
    case_study = CaseStudy.objects.get()
    image = case_study.attachments.get(kind="image")
    document = case_study.attachments.get(kind="document")

    assert keys(s3) == sorted([*image.stored_names, document.name])
    assert all(key.startswith("case-study-files/") and "photo" not in key for key in keys(s3))
    stored = s3.get_object(Bucket=BUCKET, Key=document.name)["Body"].read()
    assert stored == pdf_bytes()

    assert client.get(document.url).status_code == 404  # not published yet
    CaseStudy.objects.filter(pk=case_study.pk).update(
        status="published", published_at=case_study.submitted_at
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    served = client.get(image.url)
    assert served["Content-Type"] == "image/jpeg"
    assert b"".join(served.streaming_content) == s3.get_object(Bucket=BUCKET, Key=image.name)["Body"].read()


@pytest.mark.django_db
def test_purging_a_draft_deletes_its_files_from_the_bucket(client, s3, django_capture_on_commit_callbacks):
    cache.clear()
    make_reference_data()

    client.post(
        "/case-studies/submit/",
        {
            "action": "save",
            "form_token": form_token_from_page(client),
            "submitter_email": "sam@wigan.example",
            "document_1": upload("report.pdf", pdf_bytes()),
            "document_1_title": "Report",
        },
    )
    assert len(keys(s3)) == 1
    SubmissionDraft.objects.update(expires_at="2000-01-01T00:00:00Z")

    report = purge_drafts()

    assert (report.drafts, report.files) == (1, 1)
    assert keys(s3) == []


def test_s3_is_chosen_from_the_environment():
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("S3_")},
        "S3_BUCKET": "council-files",
        "S3_ENDPOINT_URL": "https://s3.example.net",
        "S3_REGION": "eu-west-2",
        "S3_ACCESS_KEY_ID": "AKIAEXAMPLE",
        "S3_SECRET_ACCESS_KEY": "secret-example",
        "S3_PREFIX": "uploads",
    }
    code = "import json, site_config.settings.base as s; print(json.dumps(s.STORAGES['default']))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "council-files",
            "endpoint_url": "https://s3.example.net",
            "region_name": "eu-west-2",
            "access_key": "AKIAEXAMPLE",
            "secret_key": "secret-example",
            "location": "uploads",
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }


def test_without_a_bucket_files_go_to_the_project_folder():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("S3_", "MEDIA_ROOT"))}
    code = (
        "import json, site_config.settings.base as s; "
        "print(json.dumps([s.STORAGES['default'], str(s.MEDIA_ROOT)]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == [
        {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        str(ROOT / "media"),
    ]
    assert "media/" in (ROOT / ".gitignore").read_text().splitlines()

import re

import pytest
from django.contrib.auth.models import Group, User

from casestudies.models import CaseStudy
from casestudies.moderation import services
from tests.factories import make_case_study, make_council, make_topic

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def test_list_page_is_served_from_cache_on_second_request(client, page_cache):
    topic = make_topic("Housing", slug="housing")
    make_case_study("Warm homes", topics=[topic])

    first = client.get("/case-studies/?topic=housing")
    second = client.get("/case-studies/?topic=housing")

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert titles(second) == ["Warm homes"]


def test_publishing_invalidates_every_cached_list_page(
    client, page_cache, django_capture_on_commit_callbacks
):
    topic = make_topic("Housing", slug="housing")
    make_case_study("Warm homes", topics=[topic])
    waiting = make_case_study("Empty homes", topics=[topic], status=CaseStudy.Status.SUBMITTED)
    client.get("/case-studies/?topic=housing")
    client.get("/case-studies/topics/housing/")

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_case_study(case_study=waiting, actor=None)

    after = client.get("/case-studies/?topic=housing")
    topic_page = client.get("/case-studies/topics/housing/")
    assert after["X-Page-Cache"] == "miss"
    assert topic_page["X-Page-Cache"] == "miss"
    assert sorted(titles(after)) == ["Empty homes", "Warm homes"]


def test_withdrawing_invalidates_cached_list_page(client, page_cache, django_capture_on_commit_callbacks):
    case_study = make_case_study("Warm homes")
    assert titles(client.get("/case-studies/")) == ["Warm homes"]

    with django_capture_on_commit_callbacks(execute=True):
        services.archive_case_study(case_study=case_study, actor=None)

    response = client.get("/case-studies/")
    assert response["X-Page-Cache"] == "miss"
    assert titles(response) == []


def test_editor_changes_in_admin_invalidate_cached_list_page(
    admin_client, client, page_cache, django_capture_on_commit_callbacks
):
    case_study = make_case_study("Warm homes", council=make_council("Wigan", code="WGN"))
    client.get("/case-studies/")
    data = {
        "title": "Warmer homes",
        "slug": case_study.slug,
        "lead_council": case_study.lead_council.pk,
        "partners": "",
        "summary": case_study.summary,
        "challenge": "c",
        "solution": "s",
        "impact": "i",
        "sustainability": "s",
        "lessons": "l",
        "contact_name": "A",
        "contact_role": "B",
        "contact_email": "a@b.example",
        "topics": [t.pk for t in case_study.topics.all()],
        "moderation_events-TOTAL_FORMS": "0",
        "moderation_events-INITIAL_FORMS": "0",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "outcomes-TOTAL_FORMS": "0",
        "outcomes-INITIAL_FORMS": "0",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/casestudies/casestudy/{case_study.pk}/change/", data)

    assert response.status_code == 302
    assert titles(client.get("/case-studies/")) == ["Warmer homes"]


def test_page_with_ignored_parameters_is_not_cached(client, page_cache):
    make_case_study("Warm homes")

    client.get("/case-studies/?topic=no-such-topic")
    response = client.get("/case-studies/?topic=no-such-topic")

    assert response.has_header("X-Page-Cache") is False


def test_signed_in_editor_is_never_served_a_cached_page(client, page_cache):
    make_case_study("Warm homes")
    client.get("/case-studies/")
    editor = User.objects.create_user("ed", "ed@example.org", "pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    response = client.get("/case-studies/")

    assert response.has_header("X-Page-Cache") is False
    assert titles(response) == ["Warm homes"]


def test_submission_form_is_never_cached(client, page_cache):
    response = client.get("/case-studies/submit/")

    assert response.has_header("X-Page-Cache") is False
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_healthz_answers_ok_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert (response.status_code, response.content) == (200, b"ok\n")


def test_readyz_checks_database_and_cache(client):
    response = client.get("/readyz")

    assert (response.status_code, response.content) == (200, b"ready\n")


def test_readyz_reports_a_broken_cache(client, monkeypatch):
    monkeypatch.setattr("casestudies.ops.pagecache.cache.get", lambda *a, **k: None)

    response = client.get("/readyz")

    assert (response.status_code, response.content) == (503, b"not ready: cache\n")


def test_cache_hit_reads_only_the_content_version(client, page_cache, django_assert_num_queries):
    """One primary-key read of the version tokens, so that a change any process makes is seen at once."""
    topic = make_topic("Housing", slug="housing")
    make_case_study("Warm homes", topics=[topic])
    client.get("/case-studies/?topic=housing&sort=title")

    with django_assert_num_queries(1):
        response = client.get("/case-studies/?sort=title&topic=housing")  # same search, keys in another order

    assert response["X-Page-Cache"] == "hit"
    assert titles(response) == ["Warm homes"]


def test_case_study_page_is_cached_and_invalidated_by_an_edit(
    client, page_cache, django_capture_on_commit_callbacks
):
    case_study = make_case_study("Warm homes")
    url = case_study.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        services.archive_case_study(case_study=case_study, actor=None)

    assert client.get(url).status_code == 404


# What a hit serves: the stored page with its headers, never a body without them (a JSON body came back as HTML).


@pytest.fixture
def everything_cached(client, page_cache):
    topic = make_topic("Housing", slug="housing")
    make_case_study(
        "Warm homes", slug="warm-homes", topics=[topic], council=make_council("Wigan", code="WGN")
    )


@pytest.mark.parametrize(
    ("url", "content_type"),
    [
        ("/case-studies/", "text/html; charset=utf-8"),
        ("/case-studies/?topic=housing&q=warm", "text/html; charset=utf-8"),
        ("/case-studies/topics/housing/", "text/html; charset=utf-8"),
        ("/councils/WGN/", "text/html; charset=utf-8"),
        ("/case-studies/warm-homes/", "text/html; charset=utf-8"),
        ("/case-studies/map/", "text/html; charset=utf-8"),
        ("/insights/", "text/html; charset=utf-8"),
        ("/case-studies/suggest/?q=warm", "application/json"),
        ("/case-studies/count.json?topic=housing", "application/json"),
    ],
)
def test_every_cached_page_keeps_its_headers_on_a_hit(client, everything_cached, url, content_type):
    first = client.get(url)
    second = client.get(url)

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second["Content-Type"] == first["Content-Type"] == content_type
    kept = {name: value for name, value in first.items() if name not in {"X-Page-Cache", "Content-Length"}}
    assert {name: value for name, value in second.items() if name in kept} == kept
    assert second.content == first.content


@pytest.mark.parametrize(
    "url", ["/case-studies/suggest/?q=%3Cb%3Ewarm%26", "/case-studies/count.json?q=%3Cb%3E"]
)
def test_json_never_carries_markup_even_from_the_cache(client, everything_cached, url):
    for response in (client.get(url), client.get(url)):
        body = response.content.decode()
        assert response["Content-Type"] == "application/json"
        assert "<" not in body and ">" not in body and "&" not in body
    assert (
        "\\u003cb\\u003ewarm\\u0026" in client.get("/case-studies/suggest/?q=%3Cb%3Ewarm%26").content.decode()
    )


# The page version: database triggers change it for what pages show beyond the catalogue (migration 0014).


def attach_document(case_study) -> None:
    from dataclasses import asdict

    from casestudies.models import Attachment
    from casestudies.models.files import FOLDER
    from casestudies.ops import uploads
    from tests.casestudies.file_helpers import pdf_bytes, upload

    stored = uploads.store(uploads.check_upload(upload("r.pdf", pdf_bytes()), kind="document"), folder=FOLDER)
    Attachment.objects.create(
        **asdict(stored), kind="document", title="Report", position=0, case_study=case_study
    )


def test_page_version_changes_with_synonyms_and_the_files_of_published_case_studies_only():
    from casestudies.models import CatalogueVersion, SynonymGroup
    from casestudies.models.index import page_version

    published = make_case_study("Warm homes")
    draft = make_case_study("Warm hubs", status=CaseStudy.Status.DRAFT, published_at=None)
    catalogue = CatalogueVersion.objects.get(pk=CatalogueVersion.CATALOGUE).token
    versions = [page_version()]

    attach_document(draft)
    versions.append(page_version())
    SynonymGroup.objects.create(terms="EV\nelectric vehicle")
    versions.append(page_version())
    attach_document(published)
    versions.append(page_version())

    assert versions[1] == versions[0]  # a draft's file is no public page's business
    assert len(set(versions[1:])) == 3
    assert CatalogueVersion.objects.get(pk=CatalogueVersion.CATALOGUE).token == catalogue  # no index rebuilt

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


def test_cache_hit_touches_no_database(client, page_cache, django_assert_num_queries):
    topic = make_topic("Housing", slug="housing")
    make_case_study("Warm homes", topics=[topic])
    client.get("/case-studies/?topic=housing&sort=title")

    with django_assert_num_queries(0):
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

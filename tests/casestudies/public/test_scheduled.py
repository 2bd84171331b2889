"""Scheduled publishing: a case study with a publication time to come is on no public surface until that time,
and on every one from then on, with nothing run at that time. The clock is moved with time-machine; the
catalogue index and the page cache must notice by themselves (no write, so no new version token)."""

import re
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from casestudies.catalogue import index
from casestudies.models import CatalogueVersion, SearchAlert
from casestudies.moderation import services
from casestudies.ops.pagecache import seconds_to_keep
from tests.casestudies.submission_helpers import make_editor, make_submitted
from tests.factories import make_case_study, make_council, make_topic
from tests.pages import page

pytestmark = pytest.mark.django_db
SCHEDULED_TITLE = "Wigan: scheduled heat pumps for schools"


@pytest.fixture
def world(settings, django_capture_on_commit_callbacks):
    """A live case study, one scheduled an hour from now (by the service editors use), an alert, a page cache
    that would keep pages for a day."""
    settings.PAGE_CACHE_SECONDS = 24 * 3600
    cache.clear()
    index.forget()
    now = timezone.now()
    housing = make_topic("Housing", slug="housing")
    wigan = make_council("Wigan", code="WGN", latitude=53.545, longitude=-2.633)
    live = make_case_study(
        "Wigan: warm homes",
        slug="warm-homes",
        council=wigan,
        topics=[housing],
        published_at=now - timedelta(days=1),
    )
    scheduled = make_submitted(SCHEDULED_TITLE, council=wigan, topics=[housing], slug="draft-slug")
    publish_at = now + timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.schedule_publication(case_study=scheduled, actor=make_editor(), publish_at=publish_at)
    SearchAlert.objects.create(
        email="reader@example.org", query="topic=housing", confirmed_at=now - timedelta(hours=2)
    )
    mail.outbox.clear()
    scheduled.refresh_from_db()
    yield {"live": live, "scheduled": scheduled, "publish_at": publish_at}
    cache.clear()
    index.forget()


def text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


SURFACES = [
    "/case-studies/",
    "/case-studies/?q=heat+pumps",
    "/case-studies/topics/housing/",
    "/councils/WGN/",
    "/case-studies/feed/",
    "/case-studies/topics/housing/feed/",
    "/case-studies/export.csv",
    "/case-studies/export.json",
]


def test_scheduled_case_study_appears_everywhere_at_its_time_and_not_before(client, world):
    scheduled, publish_at = world["scheduled"], world["publish_at"]
    url = scheduled.get_absolute_url()
    assert scheduled.is_scheduled and scheduled.slug == "wigan-scheduled-heat-pumps-for-schools"
    token = CatalogueVersion.objects.get(pk=CatalogueVersion.CATALOGUE).token

    # Before: on no public surface; the list pages are cached (the page cache would keep them for a day).
    for surface in SURFACES:
        assert SCHEDULED_TITLE not in text(client, surface), surface
    assert client.get("/case-studies/").headers["X-Page-Cache"] == "hit"
    assert client.get(url).status_code == 404
    assert url not in text(client, "/sitemap.xml")
    assert "1 case study" in page(client.get("/councils/")).find("main").text
    assert "Related case studies" not in text(client, "/case-studies/warm-homes/")
    call_command("send_alerts", stdout=StringIO())
    assert mail.outbox == []
    assert "Wigan: 1 case study" in text(client, "/case-studies/map/")
    assert SCHEDULED_TITLE not in text(client, "/case-studies/suggest/?q=heat+pum")

    with time_machine.travel(publish_at + timedelta(seconds=1), tick=False):
        assert (
            CatalogueVersion.objects.get(pk=CatalogueVersion.CATALOGUE).token == token
        )  # nothing was written at that time
        list_page = client.get("/case-studies/")
        assert list_page.headers.get("X-Page-Cache") != "hit"
        for surface in SURFACES:
            assert SCHEDULED_TITLE in text(client, surface), surface
        assert page(client.get(url)).find("h1").text == SCHEDULED_TITLE
        assert f"http://testserver{url}" in text(client, "/sitemap.xml")
        assert "2 case studies" in page(client.get("/councils/")).find("main").text
        assert SCHEDULED_TITLE in text(client, "/case-studies/warm-homes/")  # related, from the index
        call_command("send_alerts", stdout=StringIO())
        (digest,) = mail.outbox
        assert SCHEDULED_TITLE in digest.body
        assert "Wigan: 2 case studies" in text(client, "/case-studies/map/")
        assert SCHEDULED_TITLE in text(client, "/case-studies/suggest/?q=heat+pum")


def test_editors_preview_a_scheduled_case_study(world):
    editor = Client()
    editor.force_login(make_editor("second-editor"))
    banner = page(editor.get(world["scheduled"].get_absolute_url())).find("p", class_="preview-banner").text
    local = timezone.localtime(world["publish_at"])
    assert banner.startswith(
        f"Preview — scheduled for publication at {local:%H:%M} on {local.day} {local:%B %Y}"
    )


def test_editors_preview_shows_topics_of_a_case_study_the_index_does_not_have(world):
    editor = Client()
    editor.force_login(make_editor("second-editor"))
    tags = page(editor.get(world["scheduled"].get_absolute_url())).find_all("a", class_="tag")

    assert [tag.text for tag in tags] == ["Housing"]


def test_index_knows_when_it_goes_stale(world):
    catalogue = index.current()
    assert catalogue.next_change == world["publish_at"]
    assert world["scheduled"].pk not in catalogue.ids.tolist()
    with time_machine.travel(world["publish_at"], tick=False):
        rebuilt = index.current()
    assert rebuilt is not catalogue
    assert world["scheduled"].pk in rebuilt.ids.tolist()
    assert rebuilt.next_change is None


def test_cached_page_is_kept_no_longer_than_the_next_publication(client, world, settings):
    response = client.get("/case-studies/")
    assert response.headers["X-Page-Cache"] == "miss"
    assert response.cache_until == world["publish_at"]
    assert 3590 <= seconds_to_keep(response) <= 3600


def test_scheduled_case_study_is_listed_as_scheduled_in_the_admin(world):
    editor = Client()
    editor.force_login(make_editor("third-editor"))
    doc = page(editor.get("/admin/casestudies/casestudy/?status=scheduled"))
    (status,) = [td.text for td in doc.find_all("td", class_="field-status_label")]
    assert re.fullmatch(r"Scheduled for \d\d \w{3} \d{4}, \d\d:\d\d", status)


def test_schedule_in_the_admin_asks_for_a_time_in_the_future(settings):
    editor = Client()
    editor.force_login(make_editor())
    case_study = make_submitted("Warm homes")
    url = f"/admin/casestudies/casestudy/{case_study.pk}/schedule/"
    past = page(editor.post(url, {"publish_at_0": "2020-01-01", "publish_at_1": "09:00"}))
    assert (
        "Choose a time in the future, or use Publish to publish now." in past.find("div", id="content").text
    )
    response = editor.post(url, {"publish_at_0": "2099-05-01", "publish_at_1": "09:00"})
    assert response.status_code == 302
    case_study.refresh_from_db()
    assert (case_study.status, timezone.localtime(case_study.published_at).strftime("%Y-%m-%d %H:%M")) == (
        "published",
        "2099-05-01 09:00",
    )


def test_publish_now_and_return_to_draft_of_a_scheduled_case_study(world):
    editor = make_editor("fourth-editor")
    scheduled = world["scheduled"]
    services.return_to_draft(case_study=scheduled, actor=editor)
    assert (scheduled.status, scheduled.published_at) == ("draft", None)
    services.schedule_publication(case_study=scheduled, actor=editor, publish_at=world["publish_at"])
    before = timezone.now()
    services.publish_case_study(case_study=scheduled, actor=editor)
    assert scheduled.is_live and scheduled.published_at >= before

"""The editors' moderation in the admin, in a real browser (issue 21): a scheduled case study says when it is
scheduled for, and returning a published case study to draft asks for confirmation and a reason, which goes to
the moderation history; the bulk action asks too."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone

from casestudies.models import CaseStudy

from .data import make_editor
from .helpers import screenshot

pytestmark = pytest.mark.browser
CHANGELIST = "/admin/casestudies/casestudy/"
REASON = "The savings figures are being checked again."


def sign_in_editor(page, live_server) -> None:
    """An editor who may publish (and so return to draft), signed in by a session cookie."""
    editor = make_editor()
    editor.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="casestudies", codename="publish_casestudy")
    )
    client = Client()
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def navigate(page, selector: str):
    with page.expect_navigation() as navigation:
        page.click(selector)
    return navigation.value


def status_shown(page) -> str:
    return page.inner_text(".field-status_label .readonly").strip()


def test_scheduled_case_study_says_scheduled_for_when(page, library, live_server):
    sign_in_editor(page, live_server)
    scheduled = library.published[1]
    scheduled.published_at = timezone.now() + timedelta(days=3)
    scheduled.save(update_fields=["published_at"])
    at = timezone.localtime(scheduled.published_at)

    page.goto(f"{CHANGELIST}{scheduled.pk}/change/")
    assert status_shown(page) == f"Scheduled for {at:%d %b %Y, %H:%M}"
    page.goto(f"{CHANGELIST}{library.published[0].pk}/change/")
    assert status_shown(page) == "Published"


def test_return_to_draft_asks_for_confirmation_and_a_reason(page, library, live_server, screenshot_dir):
    sign_in_editor(page, live_server)
    case_study = library.published[0]
    page.goto(f"{CHANGELIST}{case_study.pk}/change/")
    assert status_shown(page) == "Published"

    navigate(page, "text=Return to draft…")
    assert page.inner_text("h1") == f"Return {case_study.title} to draft"
    assert "This takes the case study off the public site at once" in page.inner_text("#content")
    screenshot(page, screenshot_dir, "admin-return-to-draft-confirm")
    # Changed their mind: nothing happens.
    navigate(page, "text=No, take me back")
    case_study.refresh_from_db()
    assert case_study.status == "published"

    navigate(page, "text=Return to draft…")
    page.fill("textarea[name=note]", "   ")
    navigate(page, "input[type=submit][value='Return to draft']")
    assert page.inner_text(".errorlist") == "Give a reason for returning it to draft."
    case_study.refresh_from_db()
    assert case_study.status == "published"

    page.fill("textarea[name=note]", REASON)
    navigate(page, "input[type=submit][value='Return to draft']")
    assert page.inner_text(".messagelist") == "Returned to draft."
    assert status_shown(page) == "Draft"
    history = page.locator("#moderation_events-group tbody tr.has_original").last
    assert history.locator(".field-action").inner_text().strip() == "Returned to draft"
    assert history.locator(".field-note").inner_text().strip() == REASON
    assert Client().get(case_study.get_absolute_url()).status_code == 404  # off the public site


def test_bulk_return_to_draft_asks_for_a_reason(page, library, live_server):
    sign_in_editor(page, live_server)
    first, second = library.published[0], library.published[1]
    page.goto(f"{CHANGELIST}?status=published")
    page.check(f"input[name=_selected_action][value='{first.pk}']")
    page.check(f"input[name=_selected_action][value='{second.pk}']")
    page.select_option("select[name=action]", "return_selected_to_draft")
    navigate(page, "button[name=index]")
    assert page.inner_text("h1") == "Return case studies to draft"
    assert CaseStudy.objects.filter(pk__in=[first.pk, second.pk], status="published").count() == 2

    page.fill("textarea[name=note]", REASON)
    navigate(page, "input[type=submit][value='Return to draft']")
    assert page.inner_text(".messagelist") == "Returned 2 case studies to draft."
    for case_study in (first, second):
        assert list(case_study.moderation_events.values_list("action", "from_status", "note")) == [
            ("returned_to_draft", "published", REASON)
        ]

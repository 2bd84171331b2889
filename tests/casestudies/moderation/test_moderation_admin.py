"""Moderation in the admin: the Editors group, the review queue, the buttons and bulk actions, and preview."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from casestudies.models import CaseStudy, ModerationEvent
from tests.casestudies.submission_helpers import make_editor, make_staff, make_submitted
from tests.factories import make_case_study, make_council
from tests.pages import page

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/casestudies/casestudy/"
EDITOR_PERMISSIONS = [
    "add_bestbet",
    "add_bestbetpick",
    "add_outcome",
    "add_supporttype",
    "add_synonymgroup",
    "add_topic",
    "change_attachment",
    "change_bestbet",
    "change_bestbetpick",
    "change_casestudy",
    "change_outcome",
    "change_supporttype",
    "change_synonymgroup",
    "change_topic",
    "delete_attachment",
    "delete_bestbet",
    "delete_bestbetpick",
    "delete_outcome",
    "delete_supporttype",
    "delete_synonymgroup",
    "delete_topic",
    "publish_casestudy",
    "reject_casestudy",
    "view_attachment",
    "view_bestbet",
    "view_bestbetpick",
    "view_casestudy",
    "view_council",
    "view_moderationevent",
    "view_outcome",
    "view_searchcount",
    "view_supporttype",
    "view_synonymgroup",
    "view_topic",
]
SUBMITTED_AT = datetime(2026, 3, 2, 9, 5, tzinfo=UTC)


@pytest.fixture
def editor():
    return make_editor()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def staff_client(client):
    client.force_login(make_staff())
    return client


def change_url(case_study: CaseStudy) -> str:
    return f"{CHANGELIST}{case_study.pk}/change/"


def action_url(case_study: CaseStudy, name: str) -> str:
    return f"{CHANGELIST}{case_study.pk}/{name}/"


def listed(response) -> list[tuple[str, ...]]:
    """(reference, title, council, submitted, status) of each row of the changelist."""
    doc = page(response)
    rows = doc.find("table", id="result_list").find("tbody").find_all("tr")
    return [
        tuple(
            row.find(class_=f"field-{name}").text
            for name in ("reference", "title", "lead_council", "submitted_at", "status_label")
        )
        for row in rows
    ]


def messages_of(response) -> list[str]:
    lists = page(response).find_all("ul", class_="messagelist")
    return [li.text for li in lists[0].find_all("li")] if lists else []


def history(case_study: CaseStudy) -> list[tuple]:
    return list(
        case_study.moderation_events.values_list(
            "action", "from_status", "to_status", "actor__username", "note"
        )
    )


def change_form_data(case_study: CaseStudy, **overrides) -> dict:
    """What the change form posts back, unchanged unless overridden (including the read-only inline's forms)."""
    events = case_study.moderation_events.count()
    data = {
        name: getattr(case_study, name)
        for name in (
            "title",
            "slug",
            "partners",
            "summary",
            *CaseStudy.SECTION_FIELDS,
            "contact_name",
            "contact_role",
            "contact_email",
        )
    }
    data |= {
        "lead_council": case_study.lead_council_id,
        "topics": [topic.pk for topic in case_study.topics.all()],
        "support_types": [support.pk for support in case_study.support_types.all()],
        "moderation_events-TOTAL_FORMS": events,
        "moderation_events-INITIAL_FORMS": events,
        "moderation_events-MIN_NUM_FORMS": 0,
        "moderation_events-MAX_NUM_FORMS": 0,
        "outcomes-TOTAL_FORMS": 0,
        "outcomes-INITIAL_FORMS": 0,
        "attachments-TOTAL_FORMS": 0,
        "attachments-INITIAL_FORMS": 0,
        "_save": "Save",
    }
    for index, pk in enumerate(case_study.moderation_events.values_list("pk", flat=True)):
        data[f"moderation_events-{index}-id"] = pk
        data[f"moderation_events-{index}-case_study"] = case_study.pk
    data.update(overrides)
    return data


# The Editors group


def test_editors_group_has_exactly_the_editor_permissions():
    group = Group.objects.get(name="Editors")
    permissions = sorted(group.permissions.values_list("content_type__app_label", "codename"))
    assert permissions == [("casestudies", codename) for codename in EDITOR_PERMISSIONS]


def test_editor_is_staff_not_superuser_with_group_permissions(editor):
    assert (editor.is_staff, editor.is_superuser) == (True, False)
    assert sorted(p.split(".")[1] for p in editor.get_all_permissions()) == EDITOR_PERMISSIONS


# The review queue


def test_admin_changelist_opens_on_submitted_queue(editor_client):
    council = make_council("Wigan", code="WGN")
    queued = make_submitted("Warm homes", council=council, submitted_at=SUBMITTED_AT)
    make_submitted("A draft", status="draft")
    make_submitted("Live already", status="published")
    response = editor_client.get(CHANGELIST)
    assert response.status_code == 200
    assert listed(response) == [
        (queued.reference, "Warm homes", "Wigan", "2 Mar 2026, 9:05 a.m.", "Submitted")
    ]


def test_admin_changelist_columns(editor_client):
    make_submitted()
    doc = page(editor_client.get(CHANGELIST))
    headers = [th.text for th in doc.find("table", id="result_list").find("thead").find_all("th")]
    assert headers == [
        "",
        "Reference",
        "Title",
        "Lead council",
        "Submitted",
        "Status",
        "Published",
        "Languages",
    ]


def test_admin_changelist_status_all_shows_every_case_study(editor_client):
    titles = {
        make_submitted(f"Case study {status}", status=status).title for status in CaseStudy.Status.values
    }
    response = editor_client.get(f"{CHANGELIST}?status=all")
    assert {row[1] for row in listed(response)} == titles
    assert len(listed(response)) == len(CaseStudy.Status.values) == 6


def test_admin_changelist_status_filter_picks_one_status(editor_client):
    make_submitted("Queued")
    make_submitted("Rejected one", status="rejected")
    response = editor_client.get(f"{CHANGELIST}?status=rejected")
    assert [row[1] for row in listed(response)] == ["Rejected one"]


@pytest.mark.parametrize(
    ("count", "text"), [(0, "0 case studies"), (1, "1 case study"), (2, "2 case studies")]
)
def test_admin_index_shows_how_many_are_waiting(editor_client, count, text):
    for n in range(count):
        make_submitted(f"Queued {n}")
    make_submitted("Draft", status="draft")
    make_submitted("Published", status="published")
    queue = page(editor_client.get("/admin/")).find(id="review-queue")
    link = queue.find("a")
    assert link.text == f"{text} waiting for review"
    assert link["href"] == f"{CHANGELIST}?status=submitted"


# The change form


@pytest.mark.parametrize(
    ("status", "buttons"),
    [
        ("submitted", ["Publish", "Schedule…", "Request changes…", "Reject…", "Return to draft…"]),
        ("draft", ["Publish", "Schedule…", "Request changes…", "Reject…"]),
        ("published", ["Return to draft…", "Mark as reviewed today"]),
        ("rejected", ["Return to draft…"]),
        ("archived", ["Publish", "Return to draft…"]),
        ("changes_requested", ["Publish", "Schedule…", "Request changes…", "Reject…", "Return to draft…"]),
    ],
)
def test_admin_change_form_shows_buttons_for_the_status(editor_client, status, buttons):
    case_study = make_submitted(status=status)
    doc = page(editor_client.get(change_url(case_study)))
    tools = [li.text for li in doc.find("ul", class_="object-tools").find_all("li")]
    assert tools == [*buttons, "History", "View on site"]
    forms = {
        form.find("button").text: form["action"] for form in doc.find_all("form", class_="moderation-button")
    }
    expected = {"Publish": action_url(case_study, "publish")} if "Publish" in buttons else {}
    if "Mark as reviewed today" in buttons:
        expected["Mark as reviewed today"] = action_url(case_study, "mark-reviewed")
    assert forms == expected
    if "Reject…" in buttons:
        assert doc.find("a", href=action_url(case_study, "reject")).text == "Reject…"
    if "Return to draft…" in buttons:  # a link to a page that asks for a reason first
        assert doc.find("a", href=action_url(case_study, "return-to-draft")).text == "Return to draft…"


def test_admin_change_form_links_to_preview(editor_client):
    case_study = make_submitted(slug="warm-homes")
    doc = page(editor_client.get(change_url(case_study)))
    assert doc.find("div", class_="field-public_link").find("a")["href"] == "/case-studies/warm-homes/"
    assert doc.find("div", class_="field-public_link").find("a").text == "Preview"


def test_admin_change_form_shows_moderation_history(
    editor_client, editor, django_capture_on_commit_callbacks
):
    case_study = make_submitted()
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(action_url(case_study, "return-to-draft"), {"note": "Add figures"})
        editor_client.post(action_url(case_study, "publish"))
    doc = page(editor_client.get(change_url(case_study)))
    group = doc.find("div", id="moderation_events-group")
    assert group.find("h2").text == "Moderation history"
    rows = [
        tuple(
            tr.find(class_=f"field-{name}").text
            for name in ("action", "from_status", "to_status", "actor", "note")
        )
        for tr in group.find("tbody").find_all("tr", class_="has_original")
    ]
    assert rows == [
        ("Returned to draft", "Submitted", "Draft", "editor", "Add figures"),
        ("Published", "Draft", "Published", "editor", "-"),
    ]


def test_admin_change_form_status_is_read_only(editor_client):
    case_study = make_submitted("Old title")
    response = editor_client.post(
        change_url(case_study), change_form_data(case_study, title="New title", status="published")
    )
    assert response.status_code == 302
    case_study.refresh_from_db()
    assert (case_study.title, case_study.status, case_study.published_at) == ("New title", "submitted", None)
    assert ModerationEvent.objects.count() == 0


def test_admin_change_form_slug_is_read_only_once_published(editor_client):
    case_study = make_submitted("Live", status="published", slug="live-slug")
    response = editor_client.post(change_url(case_study), change_form_data(case_study, slug="another-slug"))
    assert response.status_code == 302
    case_study.refresh_from_db()
    assert case_study.slug == "live-slug"


# The single-case-study buttons


def test_admin_publish_button_publishes_and_records_history(
    editor_client, editor, django_capture_on_commit_callbacks
):
    case_study = make_submitted()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(action_url(case_study, "publish"), follow=True)
    assert response.redirect_chain == [(change_url(case_study), 302)]
    assert messages_of(response) == ["Published."]
    case_study.refresh_from_db()
    assert case_study.status == "published"
    assert case_study.published_at is not None
    assert history(case_study) == [("published", "submitted", "published", "editor", "")]
    assert [message.subject for message in mail.outbox] == [
        f"Your case study is published ({case_study.reference})"
    ]


def test_admin_publish_by_get_changes_nothing(editor_client):
    case_study = make_submitted()
    response = editor_client.get(action_url(case_study, "publish"))
    assert (response.status_code, response["Location"]) == (302, change_url(case_study))
    case_study.refresh_from_db()
    assert case_study.status == "submitted"


def test_admin_publish_refused_transition_shows_message(editor_client):
    case_study = make_submitted(status="rejected")
    response = editor_client.post(action_url(case_study, "publish"), follow=True)
    assert messages_of(response) == [f"{case_study.reference}: A rejected case study cannot be published."]
    case_study.refresh_from_db()
    assert case_study.status == "rejected"
    assert history(case_study) == []


def test_admin_reject_view_asks_for_a_reason(editor_client):
    case_study = make_submitted("Too short")
    doc = page(editor_client.get(action_url(case_study, "reject")))
    assert doc.find("h1").text == f"Reject {case_study.reference}"
    assert doc.find("label", **{"for": "id_reason"}).text == "Reason (sent to the submitter):"
    assert doc.find("textarea", name="reason").text == ""


def test_admin_reject_view_with_reason_rejects(editor_client, django_capture_on_commit_callbacks):
    case_study = make_submitted()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            action_url(case_study, "reject"), {"reason": "Not about a council."}, follow=True
        )
    assert response.redirect_chain == [(change_url(case_study), 302)]
    assert messages_of(response) == ["Rejected. The submitter has been emailed the reason."]
    case_study.refresh_from_db()
    assert case_study.status == "rejected"
    assert history(case_study) == [("rejected", "submitted", "rejected", "editor", "Not about a council.")]
    assert "The editor's reason:\nNot about a council.\n" in mail.outbox[0].body


def test_admin_reject_view_without_reason_shows_error(editor_client):
    case_study = make_submitted()
    response = editor_client.post(action_url(case_study, "reject"), {"reason": "   "})
    assert response.status_code == 200
    assert page(response).find("ul", class_="errorlist").text == "This field is required."
    case_study.refresh_from_db()
    assert case_study.status == "submitted"


def test_admin_change_form_of_a_scheduled_case_study_says_scheduled_for_when(editor_client):
    case_study = make_submitted(status="published", published_at=datetime(2099, 12, 6, 14, 30, tzinfo=UTC))
    doc = page(editor_client.get(change_url(case_study)))
    status = doc.find("div", class_="field-status_label")
    assert status.find("label").text == "Status:"
    assert status.find("div", class_="readonly").text == "Scheduled for 06 Dec 2099, 14:30"


@pytest.mark.parametrize(
    ("status", "shown"), [("published", "Published"), ("submitted", "Submitted"), ("draft", "Draft")]
)
def test_admin_change_form_shows_the_status(editor_client, status, shown):
    doc = page(editor_client.get(change_url(make_submitted(status=status))))
    assert doc.find("div", class_="field-status_label").find("div", class_="readonly").text == shown


def test_admin_return_to_draft_of_a_published_case_study_asks_for_confirmation_and_a_reason(editor_client):
    case_study = make_submitted("Warm homes", status="published")
    doc = page(editor_client.get(action_url(case_study, "return-to-draft")))
    assert doc.find("h1").text == f"Return {case_study.reference} to draft"
    assert doc.find("div", id="content").find_all("p")[0].text == (
        "This takes the case study off the public site at once: its page, the lists, feeds, sitemap and "
        "exports. It goes back to draft, where it can be edited and published again. The reason is emailed "
        "to the submitter and kept in the moderation history."
    )
    form = doc.find("div", id="content").find("form", method="post")
    assert form.find("textarea", name="note").attrs.get("required") == ""
    assert form.find("input", type="submit")["value"] == "Return to draft"
    assert form.find("a", class_="cancel-link")["href"] == change_url(case_study)
    case_study.refresh_from_db()
    assert case_study.status == "published"


def test_admin_return_to_draft_of_a_submitted_case_study_says_it_stays_off_the_site(editor_client):
    case_study = make_submitted()
    doc = page(editor_client.get(action_url(case_study, "return-to-draft")))
    assert doc.find("div", id="content").find_all("p")[0].text == (
        "It goes back to draft, where it can be edited, then published, rejected or sent back. The reason is "
        "emailed to the submitter and kept in the moderation history."
    )


def test_admin_return_to_draft_without_reason_shows_error_and_changes_nothing(editor_client):
    case_study = make_submitted(status="published")
    response = editor_client.post(action_url(case_study, "return-to-draft"), {"note": "  "})
    assert response.status_code == 200
    assert page(response).find("ul", class_="errorlist").text == "Give a reason for returning it to draft."
    case_study.refresh_from_db()
    assert case_study.status == "published"
    assert history(case_study) == []


def test_admin_return_to_draft_button_records_note(editor_client):
    case_study = make_submitted(status="published")
    response = editor_client.post(
        action_url(case_study, "return-to-draft"), {"note": "Out of date"}, follow=True
    )
    assert messages_of(response) == ["Returned to draft."]
    case_study.refresh_from_db()
    assert case_study.status == "draft"
    assert history(case_study) == [("returned_to_draft", "published", "draft", "editor", "Out of date")]


# Bulk actions


def test_admin_bulk_publish_selected(editor_client, editor):
    first, second = make_submitted("First"), make_submitted("Second")
    untouched = make_submitted("Third")
    response = editor_client.post(
        CHANGELIST,
        {"action": "publish_selected", "_selected_action": [first.pk, second.pk], "index": 0},
        follow=True,
    )
    assert messages_of(response) == ["Published 2 case studies."]
    assert sorted(CaseStudy.objects.values_list("title", "status")) == [
        ("First", "published"),
        ("Second", "published"),
        ("Third", "submitted"),
    ]
    assert history(first) == [("published", "submitted", "published", "editor", "")]
    assert history(untouched) == []


def test_admin_bulk_publish_reports_refusals(editor_client):
    ok = make_submitted("Fine")
    refused = make_submitted("Refused", status="rejected")
    response = editor_client.post(
        f"{CHANGELIST}?status=all",
        {"action": "publish_selected", "_selected_action": [ok.pk, refused.pk], "index": 0},
        follow=True,
    )
    assert sorted(messages_of(response)) == sorted(
        ["Published 1 case study.", f"{refused.reference}: A rejected case study cannot be published."]
    )
    refused.refresh_from_db()
    assert refused.status == "rejected"


def test_admin_bulk_reject_asks_for_reason_then_rejects(editor_client, django_capture_on_commit_callbacks):
    first, second = make_submitted("First"), make_submitted("Second")
    response = editor_client.post(
        CHANGELIST, {"action": "reject_selected", "_selected_action": [first.pk, second.pk], "index": 0}
    )
    assert response.status_code == 200
    doc = page(response)
    assert doc.find("h1").text == "Reject case studies"
    assert sorted(li.text for li in doc.find("div", id="content").find_all("li")) == sorted(
        [f"{first.reference} First", f"{second.reference} Second"]
    )
    assert CaseStudy.objects.filter(status="submitted").count() == 2
    form = doc.find("div", id="content").find("form", method="post")
    hidden = [
        (i["name"], i["value"])
        for i in form.find_all("input", type="hidden")
        if i["name"] != "csrfmiddlewaretoken"
    ]
    assert sorted(hidden) == sorted(
        [
            ("_selected_action", str(first.pk)),
            ("_selected_action", str(second.pk)),
            ("action", "reject_selected"),
        ]
    )
    data = {
        "action": "reject_selected",
        "_selected_action": [v for n, v in hidden if n == "_selected_action"],
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(CHANGELIST, {**data, "reason": "Duplicates"}, follow=True)
    assert messages_of(response) == ["Rejected 2 case studies."]
    assert history(first) == [("rejected", "submitted", "rejected", "editor", "Duplicates")]
    assert history(second) == [("rejected", "submitted", "rejected", "editor", "Duplicates")]
    assert len(mail.outbox) == 2


def test_admin_bulk_reject_without_reason_asks_again(editor_client):
    case_study = make_submitted()
    response = editor_client.post(
        CHANGELIST, {"action": "reject_selected", "_selected_action": [case_study.pk], "reason": ""}
    )
    assert response.status_code == 200
    assert page(response).find("ul", class_="errorlist").text == "This field is required."
    case_study.refresh_from_db()
    assert case_study.status == "submitted"


def test_admin_bulk_return_selected_to_draft_asks_for_a_reason_then_returns(
    editor_client, django_capture_on_commit_callbacks
):
    first, second = make_submitted("First"), make_submitted("Second", status="published")
    selected = {"action": "return_selected_to_draft", "_selected_action": [first.pk, second.pk]}
    response = editor_client.post(f"{CHANGELIST}?status=all", {**selected, "index": 0})
    doc = page(response)
    assert response.status_code == 200
    assert doc.find("h1").text == "Return case studies to draft"
    assert doc.find("div", id="content").find_all("p")[0].text == (
        "Published case studies among them come off the public site at once. The reason is emailed to each "
        "submitter and kept in the moderation history."
    )
    form = doc.find("div", id="content").find("form", method="post")
    assert form.find("label").text == (
        "Reason (emailed to the submitter and kept in the moderation history):"
    )
    assert form.find("input", type="submit")["value"] == "Return to draft"
    assert ("action", "return_selected_to_draft") in [
        (i["name"], i["value"]) for i in form.find_all("input", type="hidden")
    ]
    assert list(CaseStudy.objects.order_by("title").values_list("status", flat=True)) == [
        "submitted",
        "published",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"{CHANGELIST}?status=all", {**selected, "note": "Out of date"}, follow=True
        )
    assert messages_of(response) == ["Returned 2 case studies to draft."]
    assert history(first) == [("returned_to_draft", "submitted", "draft", "editor", "Out of date")]
    assert history(second) == [("returned_to_draft", "published", "draft", "editor", "Out of date")]
    assert sorted(m.subject for m in mail.outbox) == [
        f"Your case study needs changes ({first.reference})",
        f"Your case study needs changes ({second.reference})",
    ]


def test_admin_bulk_return_selected_to_draft_without_reason_asks_again(editor_client):
    case_study = make_submitted(status="published")
    response = editor_client.post(
        CHANGELIST, {"action": "return_selected_to_draft", "_selected_action": [case_study.pk], "note": " "}
    )
    assert response.status_code == 200
    assert page(response).find("ul", class_="errorlist").text == "Give a reason for returning it to draft."
    case_study.refresh_from_db()
    assert case_study.status == "published"
    assert history(case_study) == []


def test_admin_bulk_actions_offered_to_editors(editor_client):
    make_submitted()
    doc = page(editor_client.get(CHANGELIST))
    options = [o["value"] for o in doc.find("select", name="action").find_all("option")]
    assert options == [
        "",
        "publish_selected",
        "request_changes_selected",
        "reject_selected",
        "return_selected_to_draft",
        "mark_reviewed_selected",
    ]


# Staff without the Editors group


def test_admin_staff_without_group_cannot_open_changelist(staff_client):
    make_submitted()
    assert staff_client.get(CHANGELIST).status_code == 403


@pytest.mark.parametrize("name", ["publish", "reject", "return-to-draft"])
def test_admin_staff_without_group_cannot_moderate(staff_client, name):
    case_study = make_submitted()
    response = staff_client.post(action_url(case_study, name), {"reason": "No", "note": "No"})
    assert response.status_code == 403
    case_study.refresh_from_db()
    assert case_study.status == "submitted"
    assert history(case_study) == []


def test_admin_staff_without_group_cannot_change(staff_client):
    case_study = make_submitted("Old title")
    assert staff_client.get(change_url(case_study)).status_code == 403
    response = staff_client.post(change_url(case_study), change_form_data(case_study, title="New title"))
    assert response.status_code == 403
    case_study.refresh_from_db()
    assert case_study.title == "Old title"


def test_admin_anonymous_publish_redirects_to_login(client):
    case_study = make_submitted()
    response = client.post(action_url(case_study, "publish"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")
    case_study.refresh_from_db()
    assert case_study.status == "submitted"


def test_admin_editor_cannot_delete_case_studies(editor_client):
    case_study = make_submitted()
    assert editor_client.get(f"{CHANGELIST}{case_study.pk}/delete/").status_code == 403
    assert CaseStudy.objects.count() == 1


# Preview


@pytest.mark.parametrize("status", ["draft", "submitted", "rejected", "archived"])
def test_preview_editor_sees_unpublished_page_not_cached(editor_client, status):
    case_study = make_submitted("Pending work", status=status, slug="pending-work")
    response = editor_client.get("/case-studies/pending-work/")
    assert response.status_code == 200
    doc = page(response)
    assert doc.find("p", class_="preview-banner").text == (
        f"Preview — not published. Status: {status.capitalize()} ({case_study.reference}). "
        "Only editors can see this page."
    )
    assert doc.find("h1").text == "Pending work"
    assert sorted(d.strip() for d in response["Cache-Control"].split(",")) == ["no-store", "private"]
    assert doc.find("meta", name="robots")["content"] == "noindex"


def test_preview_published_page_for_editor_has_no_banner(editor_client):
    make_case_study("Live", slug="live")
    response = editor_client.get("/case-studies/live/")
    assert response.status_code == 200
    assert page(response).find_all("p", class_="preview-banner") == []
    assert "no-store" not in response.get("Cache-Control", "")


def test_preview_anonymous_gets_404(client):
    make_submitted(slug="pending-work")
    assert client.get("/case-studies/pending-work/").status_code == 404


def test_preview_staff_without_group_gets_404(staff_client):
    make_submitted(slug="pending-work")
    assert staff_client.get("/case-studies/pending-work/").status_code == 404

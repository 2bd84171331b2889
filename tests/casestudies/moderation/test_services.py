"""The moderation services: every transition allowed or refused, what each one records and whom it emails."""

import logging
from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from casestudies.models import CaseStudy
from casestudies.moderation import services
from casestudies.moderation.services import TransitionNotAllowed
from tests.casestudies.submission_helpers import (
    make_editor,
    make_submitted,
)
from tests.factories import make_case_study

pytestmark = pytest.mark.django_db

# "scheduled" is a state of its own for moderation: status *published*, publication time still to come.
STATUSES = ["draft", "submitted", "published", "rejected", "archived", "changes_requested", "scheduled"]
ACTIONS = ["published", "rejected", "returned_to_draft", "archived", "changes_requested", "scheduled"]
ALLOWED = {
    "published": {"submitted", "draft", "archived", "changes_requested", "scheduled"},
    "scheduled": {"submitted", "draft", "changes_requested", "scheduled"},
    "rejected": {"submitted", "draft", "changes_requested"},
    "returned_to_draft": {"submitted", "rejected", "published", "archived", "changes_requested", "scheduled"},
    "archived": {"published"},
    "changes_requested": {"submitted", "draft", "changes_requested"},
}
TARGET = {
    "published": "published",
    "scheduled": "published",
    "rejected": "rejected",
    "returned_to_draft": "draft",
    "archived": "archived",
    "changes_requested": "changes_requested",
}
PUBLISH_AT = datetime(2030, 1, 2, 9, 0, tzinfo=UTC)
NOTES = {
    "published": "",
    "rejected": "Not enough detail about costs.",
    "returned_to_draft": "Please add figures for the impact.",
    "archived": "Superseded by a newer case study.",
    "changes_requested": "Please add the cost of the scheme.",
    "scheduled": "To be published at 09:00 on 02 January 2030",
}
REFUSAL_SUBJECT = {
    "draft": "A draft",
    "submitted": "A submitted",
    "published": "A published",
    "rejected": "A rejected",
    "archived": "An archived",
    "changes_requested": "A sent-back",
    "scheduled": "A scheduled",
}
ACTION_WORDS = {
    "published": "published",
    "rejected": "rejected",
    "returned_to_draft": "returned to draft",
    "archived": "archived",
    "changes_requested": "sent back for changes",
    "scheduled": "scheduled",
}
FIRST_PUBLISHED = datetime(2025, 3, 4, 10, 30, tzinfo=UTC)
SOON = datetime(2029, 6, 1, 8, 0, tzinfo=UTC)
PAIRS = [(status, action) for status in STATUSES for action in ACTIONS]


@pytest.fixture
def editor():
    return make_editor()


def in_status(status: str, **fields) -> CaseStudy:
    if status in ("published", "archived"):
        fields.setdefault("published_at", FIRST_PUBLISHED)
    if status == "scheduled":
        return make_submitted("A scheduled case study", status="published", published_at=SOON, **fields)
    return make_submitted(f"A {status} case study", status=status, **fields)


def run(action: str, case_study: CaseStudy, actor, *, padded: bool = False) -> CaseStudy:
    note = f"  {NOTES[action]}\n " if padded else NOTES[action]
    if action == "published":
        return services.publish_case_study(case_study=case_study, actor=actor)
    if action == "rejected":
        return services.reject_case_study(case_study=case_study, actor=actor, reason=note)
    if action == "returned_to_draft":
        return services.return_to_draft(case_study=case_study, actor=actor, note=note)
    if action == "changes_requested":
        return services.request_changes(case_study=case_study, actor=actor, note=note)
    if action == "scheduled":
        return services.schedule_publication(case_study=case_study, actor=actor, publish_at=PUBLISH_AT)
    return services.archive_case_study(case_study=case_study, actor=actor, note=note)


def snapshot(case_study: CaseStudy) -> dict:
    row = CaseStudy.objects.values().get(pk=case_study.pk)
    return {**row, "events": case_study.moderation_events.count()}


def test_services_allowed_transitions_table():
    assert {action: set(statuses) for action, statuses in services.ALLOWED_TRANSITIONS.items()} == ALLOWED
    assert {action: str(status) for action, status in services.TARGET_STATUS.items()} == TARGET


@pytest.mark.parametrize(("status", "action"), [p for p in PAIRS if p[0] in ALLOWED[p[1]]])
def test_services_allowed_transition_changes_status_and_records_event(
    status, action, editor, django_capture_on_commit_callbacks
):
    case_study = in_status(status)
    with django_capture_on_commit_callbacks(execute=True):
        result = run(action, case_study, editor, padded=True)
    assert result.status == TARGET[action]
    assert case_study.status == TARGET[action]  # the caller's instance is refreshed
    assert CaseStudy.objects.get(pk=case_study.pk).status == TARGET[action]
    event = case_study.moderation_events.get()
    assert (event.action, event.from_status, event.to_status, event.actor, event.note) == (
        action,
        "published" if status == "scheduled" else status,
        TARGET[action],
        editor,
        NOTES[action],
    )


@pytest.mark.parametrize(("status", "action"), [p for p in PAIRS if p[0] not in ALLOWED[p[1]]])
def test_services_refused_transition_raises_and_changes_nothing(
    status, action, editor, django_capture_on_commit_callbacks
):
    case_study = in_status(status)
    before = snapshot(case_study)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(TransitionNotAllowed) as refused,
    ):
        run(action, case_study, editor)
    assert refused.value.messages == [
        f"{REFUSAL_SUBJECT[status]} case study cannot be {ACTION_WORDS[action]}."
    ]
    assert refused.value.code == "transition_not_allowed"
    assert snapshot(case_study) == before
    assert case_study.status == ("published" if status == "scheduled" else status)
    assert callbacks == []
    assert mail.outbox == []


def test_services_transition_without_actor_records_none(django_capture_on_commit_callbacks):
    case_study = in_status("submitted")
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_case_study(case_study=case_study, actor=None)
    assert list(case_study.moderation_events.values_list("actor", "action")) == [(None, "published")]


# Publishing


def test_publish_first_time_sets_published_at_and_slug_from_edited_title(editor):
    case_study = in_status("submitted", slug="original-title")
    case_study.title = "Warm homes: the edited title"
    case_study.save()
    before = timezone.now()
    services.publish_case_study(case_study=case_study, actor=editor)
    after = timezone.now()
    assert before <= case_study.published_at <= after
    assert case_study.slug == "warm-homes-the-edited-title"
    assert CaseStudy.objects.published().get() == case_study


def test_publish_again_keeps_published_at_and_slug(editor):
    case_study = in_status("submitted", slug="original-title")
    case_study.title = "First title"
    case_study.save()
    services.publish_case_study(case_study=case_study, actor=editor)
    first_published, first_slug = case_study.published_at, case_study.slug
    services.return_to_draft(case_study=case_study, actor=editor, note="The title needs work.")
    case_study.title = "A second, different title"
    case_study.save()
    services.publish_case_study(case_study=case_study, actor=editor)
    services.archive_case_study(case_study=case_study, actor=editor)
    services.publish_case_study(case_study=case_study, actor=editor)
    case_study.refresh_from_db()
    assert (case_study.status, case_study.published_at, case_study.slug) == (
        "published",
        first_published,
        "first-title",
    )
    assert first_slug == "first-title"
    assert list(case_study.moderation_events.values_list("action", flat=True)) == [
        "published",
        "returned_to_draft",
        "published",
        "archived",
        "published",
    ]


def test_publish_draft_with_earlier_published_at_keeps_slug(editor):
    case_study = in_status("draft", slug="kept-slug", published_at=FIRST_PUBLISHED)
    services.publish_case_study(case_study=case_study, actor=editor)
    assert (case_study.published_at, case_study.slug) == (FIRST_PUBLISHED, "kept-slug")


def test_publish_slug_from_title_avoids_a_taken_slug(editor):
    make_case_study("Another", slug="warm-homes")
    case_study = in_status("submitted", slug="warm-homes-draft")
    case_study.title = "Warm homes"
    case_study.save()
    services.publish_case_study(case_study=case_study, actor=editor)
    assert case_study.slug == "warm-homes-2"


def test_publish_keeps_own_slug_when_it_already_matches_the_title(editor):
    case_study = in_status("submitted", slug="a-submitted-case-study")
    services.publish_case_study(case_study=case_study, actor=editor)
    assert case_study.slug == "a-submitted-case-study"


# Rejecting


@pytest.mark.parametrize("reason", ["", "   \n\t "])
def test_reject_without_reason_is_refused_and_changes_nothing(
    reason, editor, django_capture_on_commit_callbacks
):
    case_study = in_status("submitted")
    before = snapshot(case_study)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValidationError) as refused,
    ):
        services.reject_case_study(case_study=case_study, actor=editor, reason=reason)
    assert refused.value.messages == ["Give a reason: it is sent to the submitter."]
    assert refused.value.code == "reason_required"
    assert snapshot(case_study) == before
    assert callbacks == []


# Emails


def test_publish_emails_the_submitter_the_link(editor, django_capture_on_commit_callbacks):
    case_study = in_status("submitted", slug="first-slug")
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_case_study(case_study=case_study, actor=editor)
    [message] = mail.outbox
    assert message.to == ["sam.jones@wigan.example"]
    assert message.subject == f"Your case study is published ({case_study.reference})"
    assert message.body == (
        "Dear Sam Jones,\n\n"
        f'Your case study "A submitted case study" ({case_study.reference}) is now published:\n\n'
        "http://testserver/case-studies/a-submitted-case-study/\n\n"
        "Thank you for sharing your council's work.\n\n"
        "Council Case Study Library\n\n"
    )


def test_reject_emails_the_submitter_the_reason(editor, django_capture_on_commit_callbacks):
    case_study = in_status("submitted")
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_case_study(case_study=case_study, actor=editor, reason="  It is an advert.\n")
    [message] = mail.outbox
    assert message.to == ["sam.jones@wigan.example"]
    assert message.subject == f"Your case study was not published ({case_study.reference})"
    assert "The editor's reason:\nIt is an advert.\n\n" in message.body
    assert case_study.moderation_events.get().note == "It is an advert."


def test_return_to_draft_emails_the_submitter_the_note(editor, django_capture_on_commit_callbacks):
    case_study = in_status("submitted")
    with django_capture_on_commit_callbacks(execute=True):
        services.return_to_draft(case_study=case_study, actor=editor, note=" Add the costs. ")
    [message] = mail.outbox
    assert message.to == ["sam.jones@wigan.example"]
    assert message.subject == f"Your case study needs changes ({case_study.reference})"
    assert "\nThe editor's note:\nAdd the costs.\n" in message.body


@pytest.mark.parametrize("note", ["", "  \n "])
def test_return_to_draft_of_a_live_case_study_needs_a_reason(editor, note):
    case_study = in_status("published")
    with pytest.raises(ValidationError) as refused:
        services.return_to_draft(case_study=case_study, actor=editor, note=note)
    assert refused.value.code == "reason_required"
    assert refused.value.messages == [
        "Give a reason for taking this case study off the site: it is kept in the moderation history and sent "
        "to the submitter."
    ]
    case_study.refresh_from_db()
    assert case_study.status == "published"
    assert case_study.moderation_events.count() == 0


def test_return_to_draft_of_a_live_case_study_keeps_the_reason_in_the_history(editor):
    case_study = in_status("published")
    services.return_to_draft(case_study=case_study, actor=editor, note=" Figures out of date. ")
    assert list(case_study.moderation_events.values_list("action", "from_status", "note")) == [
        ("returned_to_draft", "published", "Figures out of date.")
    ]


def test_return_to_draft_without_note_leaves_the_note_out(editor, django_capture_on_commit_callbacks):
    case_study = in_status("rejected")
    with django_capture_on_commit_callbacks(execute=True):
        services.return_to_draft(case_study=case_study, actor=editor)
    [message] = mail.outbox
    assert "note" not in message.body
    assert "returned your case study" in message.body


def test_archive_sends_no_email(editor, django_capture_on_commit_callbacks):
    case_study = in_status("published")
    with django_capture_on_commit_callbacks(execute=True):
        services.archive_case_study(case_study=case_study, actor=editor)
    assert case_study.status == "archived"
    assert mail.outbox == []


def test_transition_emails_wait_for_the_commit(editor, django_capture_on_commit_callbacks):
    case_study = in_status("submitted")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.publish_case_study(case_study=case_study, actor=editor)
    assert mail.outbox == []
    for callback in callbacks:  # what the commit would do
        callback()
    assert [message.to for message in mail.outbox] == [["sam.jones@wigan.example"]]


def test_transition_without_submitter_email_sends_nothing_and_logs(
    editor, caplog, django_capture_on_commit_callbacks
):
    case_study = in_status("submitted", submitter_email="")
    with (
        caplog.at_level(logging.WARNING, logger="casestudies.ops.mail"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.publish_case_study(case_study=case_study, actor=editor)
    assert mail.outbox == []
    assert [r.getMessage() for r in caplog.records if r.name == "casestudies.ops.mail"] == [
        "Email 'published' not sent: no recipients"
    ]


# Impact, cost and evidence (issue 20): confirming the level, and marking a case study reviewed


def test_confirm_evidence_keeps_both_levels_and_records_it():
    editor = make_editor()
    case_study = make_case_study(evidence_level_claimed=4)
    when = datetime(2026, 5, 4, 10, 30, tzinfo=UTC)

    with time_machine.travel(when, tick=False):
        services.confirm_evidence(case_study=case_study, level=2, user=editor)

    case_study.refresh_from_db()
    assert (case_study.evidence_level_claimed, case_study.evidence_level_confirmed) == (4, 2)
    assert (case_study.evidence_confirmed_at, case_study.evidence_level) == (when, 2)
    events = list(
        case_study.moderation_events.values_list("action", "from_status", "to_status", "actor", "note")
    )
    assert events == [
        (
            "evidence_confirmed",
            "published",
            "published",
            editor.pk,
            "Level 2: measured change (self-assessed: Level 4: independently evaluated)",
        )
    ]


def test_confirm_evidence_with_none_withdraws_the_confirmation():
    case_study = make_case_study(evidence_level_claimed=None, evidence_level_confirmed=3)

    services.confirm_evidence(case_study=case_study, level=None, user=None)

    case_study.refresh_from_db()
    assert (case_study.evidence_level_confirmed, case_study.evidence_confirmed_at) == (None, None)
    assert case_study.moderation_events.get().note == "Confirmation withdrawn (self-assessed: not stated)"


@pytest.mark.parametrize("level", [0, 6, -1])
def test_confirm_evidence_refuses_a_level_off_the_scale(level):
    case_study = make_case_study(evidence_level_claimed=2)

    with pytest.raises(ValidationError) as refused:
        services.confirm_evidence(case_study=case_study, level=level, user=None)

    assert refused.value.messages == ["Choose an evidence level from 1 to 5."]
    case_study.refresh_from_db()
    assert (case_study.evidence_level_confirmed, case_study.moderation_events.count()) == (None, 0)


def test_mark_reviewed_sets_today_and_records_it():
    editor = make_editor()
    case_study = make_case_study(last_reviewed=None)

    with time_machine.travel(datetime(2026, 7, 1, 9, 0, tzinfo=UTC), tick=False):
        services.mark_reviewed(case_study=case_study, actor=editor)

    case_study.refresh_from_db()
    assert case_study.last_reviewed.isoformat() == "2026-07-01"
    assert list(case_study.moderation_events.values_list("action", "actor", "note")) == [
        ("reviewed", editor.pk, "Marked as reviewed by an editor")
    ]

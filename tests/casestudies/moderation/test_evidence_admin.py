"""The admin's impact, cost and evidence: the Evidence panel, confirming a level from the change form, the outcomes
inline, the "Evidence" list filter, "Mark as reviewed today", and revisions that keep all of it."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
import time_machine
from reversion.models import Version

from casestudies.models import Attachment, CaseStudy, Outcome
from casestudies.models.revisions import save_revision
from casestudies.moderation import history
from tests.casestudies.submission_helpers import make_editor
from tests.factories import make_case_study
from tests.pages import page

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/casestudies/casestudy/"
NOW = datetime(2026, 9, 14, 11, 0, tzinfo=UTC)


@pytest.fixture
def editor():
    return make_editor()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def titles(doc) -> list[str]:
    return sorted(cell.text for cell in doc.find("table", id="result_list").find_all(class_="field-title"))


def test_evidence_filter_lists_exactly_each_group(editor_client):
    make_case_study("Claimed only", evidence_level_claimed=2)
    make_case_study("Claimed and confirmed", evidence_level_claimed=4, evidence_level_confirmed=3)
    make_case_study("Confirmed without a claim", evidence_level_confirmed=1)
    make_case_study("Nothing stated")
    make_case_study("Claimed, a draft", status="draft", evidence_level_claimed=5)

    found = {
        value: titles(page(editor_client.get(f"{CHANGELIST}?status=all&evidence={value}")))
        for value in ("unconfirmed", "confirmed", "none")
    }

    assert found == {
        "unconfirmed": ["Claimed only", "Claimed, a draft"],
        "confirmed": ["Claimed and confirmed", "Confirmed without a claim"],
        "none": ["Nothing stated"],
    }
    choices = page(editor_client.get(f"{CHANGELIST}?status=all")).find("nav", id="changelist-filter")
    assert "Self-assessed, not yet confirmed" in choices.text


def test_evidence_filter_ignores_an_unknown_value(editor_client):
    make_case_study("Claimed only", evidence_level_claimed=2)

    response = editor_client.get(f"{CHANGELIST}?status=all&evidence=%00nonsense")

    assert response.status_code == 200
    assert titles(page(response)) == ["Claimed only"]


def test_change_form_shows_the_evidence_panel_and_the_outcomes(editor_client):
    case_study = make_case_study("Bins", evidence_level_claimed=3, cost_band="10k_50k", stage="pilot")
    Outcome.objects.create(
        case_study=case_study,
        position=1,
        measure="Missed bins a month",
        before=412,
        after=96,
        unit="complaints",
    )

    response = editor_client.get(f"{CHANGELIST}{case_study.pk}/change/")

    assert response.status_code == 200
    doc = page(response)
    panel = doc.find("div", class_="field-evidence_claimed_panel")
    assert panel.find("strong").text == "Level 3: compared with no change"
    assert "similar ones that did not (or with the time before)" in panel.text
    confirmed = doc.find("select", name="evidence_level_confirmed")
    assert [o["value"] for o in confirmed.find_all("option")] == ["", "1", "2", "3", "4", "5"]
    assert doc.find("select", name="cost_band").find("option", selected=True)["value"] == "10k_50k"
    assert doc.find("input", name="outcomes-0-measure")["value"] == "Missed bins a month"
    assert doc.find("input", name="outcomes-0-before")["value"] == "412.00"
    assert doc.find("input", name="outcomes-TOTAL_FORMS")["value"] == "1"


def test_evidence_panel_shows_the_evaluation_report_or_says_there_is_none(editor_client):
    case_study = make_case_study("Bins", evaluation_url="https://www.wigan.example/evaluation")
    url = f"{CHANGELIST}{case_study.pk}/change/"

    none = page(editor_client.get(url)).find("div", class_="field-evaluation_report_panel")
    report = Attachment.objects.create(
        case_study=case_study,
        kind="evaluation",
        title="Evaluation report",
        file_type="pdf",
        content_type="application/pdf",
        name="case-study-files/abc/document.pdf",
        size=1_258_291,
    )
    doc = page(editor_client.get(url))
    panel = doc.find("div", class_="field-evaluation_report_panel")

    assert none.find("div", class_="readonly").text == "No file uploaded"
    link = panel.find("a")
    assert (link.text, link["href"]) == ("Evaluation report (PDF, 1.2 MB)", report.url)
    holding = [
        f.find_all("h2")[0].text for f in doc.find_all("fieldset") if "Evaluation report (PDF" in f.text
    ]
    assert holding == ["Evidence"]


def change_form_data(case_study: CaseStudy, **overrides) -> dict:
    data = {name: getattr(case_study, name) for name in (*CaseStudy.TEXT_FIELDS, "slug")}
    data |= {
        "lead_council": case_study.lead_council_id,
        "topics": [topic.pk for topic in case_study.topics.all()],
        "support_types": [],
        "cost_band": case_study.cost_band,
        "stage": case_study.stage,
        "evidence_level_confirmed": case_study.evidence_level_confirmed or "",
        "moderation_events-TOTAL_FORMS": 0,
        "moderation_events-INITIAL_FORMS": 0,
        "outcomes-TOTAL_FORMS": 0,
        "outcomes-INITIAL_FORMS": 0,
        "attachments-TOTAL_FORMS": 0,
        "attachments-INITIAL_FORMS": 0,
        "_save": "Save",
    }
    return data | overrides


def test_confirming_the_level_in_the_change_form_goes_through_the_service(editor_client, editor):
    case_study = make_case_study("Bins", evidence_level_claimed=3)
    outcome = {
        "outcomes-TOTAL_FORMS": 1,
        "outcomes-0-position": 1,
        "outcomes-0-measure": "Missed bins a month",
        "outcomes-0-before": "412",
        "outcomes-0-after": "96",
    }

    with time_machine.travel(NOW, tick=False):
        response = editor_client.post(
            f"{CHANGELIST}{case_study.pk}/change/",
            change_form_data(case_study, evidence_level_confirmed="2", **outcome),
        )

    assert response.status_code == 302
    case_study.refresh_from_db()
    assert (case_study.evidence_level_claimed, case_study.evidence_level_confirmed) == (3, 2)
    assert case_study.evidence_confirmed_at == NOW
    assert list(case_study.moderation_events.values_list("action", "actor", "note")) == [
        (
            "evidence_confirmed",
            editor.pk,
            "Level 2: measured change (self-assessed: Level 3: compared with no change)",
        )
    ]
    assert list(case_study.outcomes.values_list("measure", "before", "after")) == [
        ("Missed bins a month", Decimal("412.00"), Decimal("96.00"))
    ]
    (version,) = Version.objects.get_for_object(case_study)
    assert history.readable(version)["outcomes"] == "Missed bins a month: 412.00 → 96.00"
    assert history.readable(version)["evidence_level_confirmed"] == "Level 2: measured change"


def test_saving_without_changing_the_level_records_no_confirmation(editor_client):
    case_study = make_case_study("Bins", evidence_level_claimed=3, evidence_level_confirmed=3)

    editor_client.post(
        f"{CHANGELIST}{case_study.pk}/change/", change_form_data(case_study, summary="New summary")
    )

    assert case_study.moderation_events.count() == 0


def test_mark_reviewed_button_and_bulk_action(editor_client, editor):
    one = make_case_study("One")
    two = make_case_study("Two")
    three = make_case_study("Three")

    with time_machine.travel(NOW, tick=False):
        button = editor_client.post(f"{CHANGELIST}{one.pk}/mark-reviewed/")
        bulk = editor_client.post(
            f"{CHANGELIST}?status=all",
            {"action": "mark_reviewed_selected", "_selected_action": [two.pk, three.pk]},
        )

    assert (button.status_code, button["Location"]) == (302, f"{CHANGELIST}{one.pk}/change/")
    assert bulk.status_code == 302
    reviewed = dict(CaseStudy.objects.values_list("title", "last_reviewed"))
    assert {title: day.isoformat() for title, day in reviewed.items()} == {
        "One": "2026-09-14",
        "Two": "2026-09-14",
        "Three": "2026-09-14",
    }
    assert one.moderation_events.get().action == "reviewed"
    assert (
        editor_client.get(f"{CHANGELIST}{one.pk}/mark-reviewed/").status_code == 302
    )  # a GET changes nothing


def test_reverting_puts_back_the_evidence_and_the_outcomes(editor):
    case_study = make_case_study("Bins", cost_band="under_10k", stage="pilot", evidence_level_claimed=2)
    Outcome.objects.create(case_study=case_study, position=1, measure="Missed bins", after=96)
    save_revision(case_study, comment="First")
    case_study.cost_band, case_study.stage = "over_1m", "stopped"
    case_study.stopped_reason = "Funding ended"
    case_study.save()
    case_study.outcomes.all().delete()
    save_revision(case_study, comment="Second")
    first = Version.objects.get_for_object(case_study).get(revision__comment="First")

    diffs = {
        diff.label: diff for diff in history.compare(first, Version.objects.get_for_object(case_study)[0])
    }
    history.revert_to_version(case_study=case_study, version=first, actor=editor)

    assert [label for label, diff in diffs.items() if diff.changed] == [
        "Cost band",
        "Stage",
        "Why it stopped",
        "Measured outcomes",
    ]
    case_study.refresh_from_db()
    assert (case_study.cost_band, case_study.stage, case_study.stopped_reason) == ("under_10k", "pilot", "")
    assert list(case_study.outcomes.values_list("position", "measure", "after")) == [
        (1, "Missed bins", Decimal("96.00"))
    ]

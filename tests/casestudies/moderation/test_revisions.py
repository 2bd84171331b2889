"""Revisions: every saved change (admin, import, resubmission) with who, when and why; the history, a
side-by-side diff of two revisions, Revert to this version (itself a revision); "Last updated" on the page."""

import json
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from reversion.models import Version

from casestudies.models import CaseStudy
from casestudies.models.revisions import save_revision
from tests.casestudies.submission_helpers import make_editor, make_submitted
from tests.factories import make_council, make_topic
from tests.pages import page

pytestmark = pytest.mark.django_db
PUBLISHED = datetime(2025, 3, 4, 10, 30, tzinfo=UTC)


@pytest.fixture
def editor():
    return make_editor()


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


def change_url(case_study) -> str:
    return f"/admin/casestudies/casestudy/{case_study.pk}/change/"


def form_data(case_study, **overrides) -> dict:
    data = {name: getattr(case_study, name) for name in (*CaseStudy.TEXT_FIELDS, "slug")}
    data |= {
        "lead_council": case_study.lead_council_id,
        "topics": [t.pk for t in case_study.topics.all()],
        "support_types": [s.pk for s in case_study.support_types.all()],
        "moderation_events-TOTAL_FORMS": 0,
        "moderation_events-INITIAL_FORMS": 0,
        "outcomes-TOTAL_FORMS": 0,
        "outcomes-INITIAL_FORMS": 0,
        "attachments-TOTAL_FORMS": 0,
        "attachments-INITIAL_FORMS": 0,
        "_save": "Save",
    }
    return data | overrides


def versions(case_study) -> list[tuple[str, str | None, str]]:
    return [
        (v.revision.comment, v.revision.user.username if v.revision.user else None, v.field_dict["summary"])
        for v in Version.objects.get_for_object(case_study)
    ]


def test_admin_save_is_a_revision_with_who_when_and_why(editor_client, editor):
    case_study = make_submitted("Warm homes", summary="First summary.")
    data = form_data(case_study, summary="Second summary.", change_reason="Corrected the figures")

    assert editor_client.post(change_url(case_study), data).status_code == 302

    (version,) = Version.objects.get_for_object(case_study)
    assert version.revision.user == editor
    assert version.revision.comment == "Corrected the figures (Edited in the admin: Summary)"
    assert version.field_dict["summary"] == "Second summary."
    assert set(version.field_dict) >= {"title", "summary", "lead_council_id", "topics", "support_types"}
    assert "status" not in version.field_dict  # moderation state is not content


def test_admin_save_without_a_reason_says_what_changed(editor_client):
    case_study = make_submitted("Warm homes")
    topic = make_topic("Energy", slug="energy")
    editor_client.post(change_url(case_study), form_data(case_study, title="Warmer homes", topics=[topic.pk]))
    assert versions(case_study)[0][0] == "Edited in the admin: Title, Topics"


def test_admin_save_without_changes_adds_no_revision(editor_client):
    case_study = make_submitted("Warm homes")
    editor_client.post(change_url(case_study), form_data(case_study))
    assert versions(case_study) == []


def two_revisions(editor_client) -> CaseStudy:
    case_study = make_submitted("Warm homes", summary="Insulated 300 homes in the first winter.")
    save_revision(case_study, comment="Submitted through the form by Sam Jones")
    editor_client.post(
        change_url(case_study),
        form_data(
            case_study, summary="Insulated 400 homes in the first winter.", change_reason="Figure corrected"
        ),
    )
    return case_study


def test_history_lists_every_revision_newest_first(editor_client):
    case_study = two_revisions(editor_client)
    doc = page(editor_client.get(f"/admin/casestudies/casestudy/{case_study.pk}/history/"))
    rows = doc.find_all("table", class_="revisions")[0].find("tbody").find_all("tr")
    cells = [[td.text for td in row.find_all("td")][2:5] for row in rows]
    assert [c[1:] for c in cells] == [
        ["editor", "Figure corrected (Edited in the admin: Summary)"],
        ["the submitter or an import", "Submitted through the form by Sam Jones"],
    ]
    assert rows[1].find("a").text == "Revert to this version…"


def test_diff_of_two_revisions_side_by_side(editor_client):
    case_study = two_revisions(editor_client)
    newer, older = Version.objects.get_for_object(case_study)
    response = editor_client.get(
        f"/admin/casestudies/casestudy/{case_study.pk}/compare/?from={newer.pk}&to={older.pk}"
    )
    doc = page(response)
    row = next(tr for tr in doc.find("table", class_="revision-diff").find_all("tr") if "Summary" in tr.text)
    old, new = row.find_all("td")
    assert old.find("del").text == "300"
    assert new.find("ins").text == "400"
    assert old.text == "Insulated 300 homes in the first winter."
    assert new.text == "Insulated 400 homes in the first winter."
    unchanged = next(tr for tr in doc.find_all("tr") if "Title" in tr.text)
    assert "(no change)" in unchanged.text


def test_diff_escapes_the_text(editor_client):
    case_study = make_submitted("Warm homes", summary="<b>plain</b>")
    save_revision(case_study, comment="one")
    case_study.summary = "<script>x</script>"
    case_study.save()
    save_revision(case_study, comment="two")
    newer, older = Version.objects.get_for_object(case_study)
    content = editor_client.get(
        f"/admin/casestudies/casestudy/{case_study.pk}/compare/?from={older.pk}&to={newer.pk}"
    ).content.decode()
    assert "<script>x</script>" not in content
    assert "&lt;script&gt;x&lt;/script&gt;" in content


def test_compare_with_a_version_of_another_case_study_is_404(editor_client):
    one, other = two_revisions(editor_client), make_submitted("Other")
    save_revision(other, comment="other")
    foreign = Version.objects.get_for_object(other).get()
    mine = Version.objects.get_for_object(one).first()
    url = f"/admin/casestudies/casestudy/{one.pk}/compare/?from={mine.pk}&to={foreign.pk}"
    assert editor_client.get(url).status_code == 404
    assert editor_client.get(f"/admin/casestudies/casestudy/{one.pk}/compare/?from=x&to=1").status_code == 404


def test_revert_to_a_version_restores_it_and_is_itself_recorded(editor_client, editor):
    case_study = two_revisions(editor_client)
    older = Version.objects.get_for_object(case_study).last()
    url = f"/admin/casestudies/casestudy/{case_study.pk}/revert/{older.pk}/"

    confirm = page(editor_client.get(url))
    assert confirm.find("input", type="submit")["value"] == "Revert to this version"
    response = editor_client.post(url)

    assert response.status_code == 302
    case_study.refresh_from_db()
    assert case_study.summary == "Insulated 300 homes in the first winter."
    assert case_study.status == "submitted"  # the moderation state stays
    latest = Version.objects.get_for_object(case_study).first()
    assert latest.revision.user == editor
    assert latest.revision.comment.startswith("Reverted to the version of ")
    assert len(versions(case_study)) == 3


def test_revert_puts_back_council_and_topics(editor_client):
    housing, energy = make_topic("Housing", slug="housing"), make_topic("Energy", slug="energy")
    wigan, leeds = make_council("Wigan", code="WGN"), make_council("Leeds", code="LDS")
    case_study = make_submitted("Warm homes", council=wigan, topics=[housing])
    save_revision(case_study, comment="first")
    editor_client.post(
        change_url(case_study), form_data(case_study, lead_council=leeds.pk, topics=[energy.pk])
    )
    first = Version.objects.get_for_object(case_study).last()
    editor_client.post(f"/admin/casestudies/casestudy/{case_study.pk}/revert/{first.pk}/")
    case_study.refresh_from_db()
    assert (case_study.lead_council, list(case_study.topics.all())) == (wigan, [housing])


def test_staff_without_permissions_cannot_see_history_or_revert(client, django_user_model):
    case_study = make_submitted("Warm homes")
    save_revision(case_study, comment="one")
    version = Version.objects.get_for_object(case_study).get()
    staff = django_user_model.objects.create_user("staff", is_staff=True)
    client.force_login(staff)
    assert client.get(f"/admin/casestudies/casestudy/{case_study.pk}/history/").status_code == 403
    assert (
        client.post(f"/admin/casestudies/casestudy/{case_study.pk}/revert/{version.pk}/").status_code == 403
    )


def test_import_records_revisions_and_when_the_text_changed(tmp_path):
    make_submitted("Warm homes", slug="warm-homes", status="published", published_at=PUBLISHED)
    record = {
        **{name: "text" for name in CaseStudy.TEXT_FIELDS},
        "slug": "warm-homes",
        "title": "Warm homes",
        "contact_email": "a@b.example",
        "status": "published",
        "council": CaseStudy.objects.get().lead_council.code,
        "topics": [CaseStudy.objects.get().topics.get().slug],
        "published_at": PUBLISHED.isoformat(),
        "summary": "Changed by the import.",
    }
    path = tmp_path / "in.json"
    path.write_text(json.dumps({"format": "casestudies/1", "case_studies": [record]}))

    call_command("import_case_studies", str(path), stdout=StringIO())

    case_study = CaseStudy.objects.get()
    assert versions(case_study) == [
        ("Imported from in.json (manage.py import_case_studies)", None, "Changed by the import.")
    ]
    assert case_study.text_updated_at is not None and case_study.last_updated == case_study.text_updated_at


def test_public_page_shows_last_updated_only_when_the_text_changed_after_publication(client, editor_client):
    case_study = make_submitted("Warm homes", slug="warm-homes", status="published", published_at=PUBLISHED)
    meta = page(client.get("/case-studies/warm-homes/")).find("dl", class_="case-study__meta").text
    assert "Last updated" not in meta

    editor_client.post(
        change_url(case_study), form_data(case_study, topics=[make_topic().pk])
    )  # not the text
    assert (
        "Last updated"
        not in page(client.get("/case-studies/warm-homes/")).find("dl", class_="case-study__meta").text
    )

    editor_client.post(change_url(case_study), form_data(case_study, impact="Bills fell by a third."))
    case_study.refresh_from_db()
    meta = page(client.get("/case-studies/warm-homes/")).find("dl", class_="case-study__meta")
    assert case_study.text_updated_at > PUBLISHED
    updated = meta.find_all("div")[-1]
    assert updated.find("dt").text == "Last updated"
    assert updated.find("time")["datetime"] == f"{case_study.text_updated_at:%Y-%m-%d}"

"""The admin and a case study's languages (issue 23): the languages column, the language filter, and the Welsh
version on the change form (whole or absent, kept in the revision)."""

import pytest
from reversion.models import Version

from casestudies.models import CaseStudy
from tests.casestudies.submission_helpers import make_editor
from tests.factories import WELSH_VERSION, make_case_study, welsh_only
from tests.pages import page

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/casestudies/casestudy/"
# Written in Welsh only, as the submission form stores it: the English fields hold the Welsh version.
WELSH_ONLY = welsh_only()


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def rows(doc) -> dict[str, str]:
    table = doc.find("table", id="result_list")
    titles = [cell.text for cell in table.find_all(class_="field-title")]
    return dict(zip(titles, (cell.text for cell in table.find_all(class_="field-languages")), strict=True))


def test_the_list_says_which_languages_each_case_study_has(editor_client):
    make_case_study("Warm homes", **WELSH_VERSION)
    make_case_study("Safe homes")
    make_case_study(**WELSH_ONLY)

    doc = page(editor_client.get(f"{CHANGELIST}?status=all"))

    assert rows(doc) == {"Warm homes": "English, Welsh", "Safe homes": "English", "Cartrefi cynnes": "Welsh"}
    assert doc.find("th", class_="column-languages").text == "Languages"


@pytest.mark.parametrize(
    ("language", "titles"),
    [
        ("cy", ["Cartrefi cynnes", "Warm homes"]),
        ("en", ["Safe homes"]),
        ("cy_only", ["Cartrefi cynnes"]),
        ("", ["Cartrefi cynnes", "Safe homes", "Warm homes"]),
    ],
)
def test_the_language_filter_lists_exactly_each_group(editor_client, language, titles):
    make_case_study("Warm homes", **WELSH_VERSION)
    make_case_study("Safe homes")
    make_case_study(**WELSH_ONLY)

    doc = page(editor_client.get(f"{CHANGELIST}?status=all&language={language}"))

    assert sorted(rows(doc)) == titles


def test_the_language_filter_names_its_choices(editor_client):
    doc = page(editor_client.get(f"{CHANGELIST}?status=all"))

    choices = [
        a.text for a in doc.find("nav", id="changelist-filter").find_all("a") if "language=" in a["href"]
    ]
    assert choices == ["With a Welsh version", "English only", "Welsh only"]


def change_form_data(case_study: CaseStudy, **overrides) -> dict:
    data = {
        name: getattr(case_study, name) for name in (*CaseStudy.TEXT_FIELDS, *CaseStudy.WELSH_FIELDS, "slug")
    }
    data |= {
        "lead_council": case_study.lead_council_id,
        "topics": [topic.pk for topic in case_study.topics.all()],
        "support_types": [],
        "moderation_events-TOTAL_FORMS": 0,
        "moderation_events-INITIAL_FORMS": 0,
        "outcomes-TOTAL_FORMS": 0,
        "outcomes-INITIAL_FORMS": 0,
        "attachments-TOTAL_FORMS": 0,
        "attachments-INITIAL_FORMS": 0,
        "change_reason": "Added the Welsh version",
        "_save": "Save",
    }
    return data | overrides


def test_the_change_form_has_the_welsh_fields(editor_client):
    case_study = make_case_study("Warm homes")

    doc = page(editor_client.get(f"{CHANGELIST}{case_study.pk}/change/"))

    label_of = {label.attrs.get("for"): label.text for label in doc.find_all("label")}
    labels = [label_of[f"id_{name}"] for name in CaseStudy.WELSH_FIELDS]
    assert labels == [
        "Title (Welsh):",
        "Summary (Welsh):",
        "The challenge (Welsh):",
        "The solution (Welsh):",
        "The impact (Welsh):",
        "How the approach is being sustained (Welsh):",
        "Lessons learned (Welsh):",
    ]


def test_saving_a_welsh_version_keeps_it_in_a_revision(editor_client):
    case_study = make_case_study("Warm homes")

    response = editor_client.post(
        f"{CHANGELIST}{case_study.pk}/change/", change_form_data(case_study, **WELSH_VERSION)
    )

    assert response.status_code == 302
    case_study.refresh_from_db()
    assert case_study.languages == ("en", "cy")
    assert case_study.text_updated_at is not None
    version = Version.objects.get_for_object(case_study).first()
    assert version.field_dict["title_cy"] == "Cartrefi cynnes"
    assert version.revision.comment == (
        "Added the Welsh version (Edited in the admin: Title (Welsh), Summary (Welsh), The challenge (Welsh), "
        "The solution (Welsh), The impact (Welsh), How the approach is being sustained (Welsh), "
        "Lessons learned (Welsh))"
    )


def test_a_partial_welsh_version_is_refused_field_by_field(editor_client):
    case_study = make_case_study("Warm homes")
    partial = {"title_cy": "Cartrefi cynnes", "summary_cy": "Crynodeb."}

    response = editor_client.post(
        f"{CHANGELIST}{case_study.pk}/change/", change_form_data(case_study, **partial)
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert sorted(errors) == ["challenge_cy", "impact_cy", "lessons_cy", "solution_cy", "sustainability_cy"]
    assert errors["impact_cy"] == ["Fill in every Welsh field, or leave them all empty."]
    case_study.refresh_from_db()
    assert case_study.title_cy == ""


def test_correcting_only_the_welsh_of_a_welsh_only_case_study_keeps_it_welsh_only(editor_client):
    case_study = make_case_study(**WELSH_ONLY)

    response = editor_client.post(
        f"{CHANGELIST}{case_study.pk}/change/", change_form_data(case_study, lessons_cy="Gwersi newydd.")
    )

    assert response.status_code == 302
    case_study.refresh_from_db()
    assert (case_study.lessons, case_study.lessons_cy, case_study.languages) == (
        "Gwersi newydd.",
        "Gwersi newydd.",
        ("cy",),
    )


def test_typing_an_english_version_over_a_welsh_only_case_study_makes_it_bilingual(editor_client):
    case_study = make_case_study(**WELSH_ONLY)
    english = {
        "title": "Warm homes",
        "summary": "A summary.",
        "challenge": "The challenge.",
        "solution": "Ours.",
    }
    english |= {"impact": "It worked.", "sustainability": "Funded.", "lessons": "Talk early."}

    response = editor_client.post(
        f"{CHANGELIST}{case_study.pk}/change/", change_form_data(case_study, **english)
    )

    assert response.status_code == 302
    case_study.refresh_from_db()
    assert (case_study.title, case_study.title_cy, case_study.languages) == (
        "Warm homes",
        "Cartrefi cynnes",
        ("en", "cy"),
    )

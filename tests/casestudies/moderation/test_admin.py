"""The admin, as a superuser: every changelist, change form and add form loads and shows the right things."""

from datetime import UTC, datetime

import pytest

from casestudies.models import CaseStudy, Council, SupportType, Topic
from tests.factories import make_case_study, make_council, make_support_type, make_topic
from tests.pages import page

pytestmark = pytest.mark.django_db


def column(doc, name: str) -> list[str]:
    """The texts of one list_display column of the changelist, in row order."""
    return [cell.text for cell in doc.find("table", id="result_list").find_all(class_=f"field-{name}")]


@pytest.fixture
def library():
    housing = make_topic("Housing", slug="housing", order=1)
    digital = make_topic("Digital", slug="digital", order=2)
    grant = make_support_type("Grant", slug="grant")
    wigan = make_council("Wigan", code="WGN", region="North West")
    cardiff = make_council("Cardiff", code="CRF", region="Wales", nation="Wales")
    make_case_study(
        "Warm homes",
        council=wigan,
        topics=[housing, digital],
        support_types=[grant],
        published_at=datetime(2024, 3, 5, 10, tzinfo=UTC),
    )
    make_case_study(
        "Bus lanes", council=cardiff, topics=[housing], published_at=datetime(2023, 1, 1, tzinfo=UTC)
    )
    make_case_study("Draft idea", council=wigan, topics=[digital], status=CaseStudy.Status.DRAFT)
    make_case_study("Rejected idea", council=cardiff, topics=[digital], status=CaseStudy.Status.REJECTED)


def test_admin_requires_login(client, library):
    response = client.get("/admin/casestudies/casestudy/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/casestudies/casestudy/"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?status=published", ["Warm homes", "Bus lanes"]),
        ("?status=draft", ["Draft idea"]),
        ("?status=rejected", ["Rejected idea"]),
        ("?status=all", ["Warm homes", "Bus lanes", "Draft idea", "Rejected idea"]),
    ],
)
def test_case_study_changelist_status_filter(admin_client, library, query, expected):
    response = admin_client.get(f"/admin/casestudies/casestudy/{query}")
    doc = page(response)

    assert response.status_code == 200
    assert sorted(column(doc, "title")) == sorted(expected)
    assert response.context["cl"].result_count == len(expected)


def test_case_study_changelist_shows_council_and_status(admin_client, library):
    doc = page(admin_client.get("/admin/casestudies/casestudy/?status=published&o=2"))

    rows = list(
        zip(column(doc, "title"), column(doc, "lead_council"), column(doc, "status_label"), strict=True)
    )
    assert rows == [("Bus lanes", "Cardiff", "Published"), ("Warm homes", "Wigan", "Published")]


def test_case_study_changelist_search_and_related_filters(admin_client, library):
    housing = Topic.objects.get(slug="housing")

    searched = page(admin_client.get("/admin/casestudies/casestudy/?status=all&q=warm"))
    by_topic = page(
        admin_client.get(f"/admin/casestudies/casestudy/?status=all&topics__id__exact={housing.pk}")
    )
    by_nation = page(admin_client.get("/admin/casestudies/casestudy/?status=all&lead_council__nation=Wales"))

    assert column(searched, "title") == ["Warm homes"]
    assert sorted(column(by_topic, "title")) == ["Bus lanes", "Warm homes"]
    assert sorted(column(by_nation, "title")) == ["Bus lanes", "Rejected idea"]


def test_case_study_change_form_shows_the_case_study(admin_client, library):
    case_study = CaseStudy.objects.get(title="Warm homes")

    response = admin_client.get(f"/admin/casestudies/casestudy/{case_study.pk}/change/")
    doc = page(response)

    assert response.status_code == 200
    assert doc.find("input", name="title")["value"] == "Warm homes"
    assert doc.find("textarea", name="summary").text == case_study.summary
    selected_topics = doc.find("select", name="topics").find_all("option", selected=True)
    assert [option.text for option in selected_topics] == ["Housing", "Digital"]


def test_case_study_add_form_loads(admin_client, library):
    response = admin_client.get("/admin/casestudies/casestudy/add/")
    doc = page(response)

    assert response.status_code == 200
    assert doc.find("h1").text == "Add case study"
    assert "value" not in doc.find("input", name="title").attrs
    assert [option.text for option in doc.find("select", name="topics").find_all("option")] == [
        "Housing",
        "Digital",
    ]


def test_council_changelist_lists_and_filters_councils(admin_client, library):
    everything = page(admin_client.get("/admin/casestudies/council/"))
    welsh = page(admin_client.get("/admin/casestudies/council/?nation__exact=Wales"))
    searched = page(admin_client.get("/admin/casestudies/council/?q=WGN"))

    assert column(everything, "name") == ["Cardiff", "Wigan"]
    assert column(everything, "code") == ["CRF", "WGN"]
    assert column(welsh, "name") == ["Cardiff"]
    assert column(searched, "name") == ["Wigan"]


def test_council_change_and_add_forms(admin_client, library):
    wigan = Council.objects.get(code="WGN")

    change = admin_client.get(f"/admin/casestudies/council/{wigan.pk}/change/")
    add = admin_client.get("/admin/casestudies/council/add/")

    assert change.status_code == 200
    assert page(change).find("input", name="name")["value"] == "Wigan"
    assert page(change).find("input", name="code")["value"] == "WGN"
    assert add.status_code == 200
    assert page(add).find("h1").text == "Add council"


@pytest.mark.parametrize(
    ("url", "names", "counts"),
    [
        ("/admin/casestudies/topic/", ["Housing", "Digital"], ["2", "3"]),
        ("/admin/casestudies/supporttype/", ["Grant"], ["1"]),
    ],
)
def test_reference_changelists_show_names_in_order_with_case_study_counts(
    admin_client, library, url, names, counts
):
    doc = page(admin_client.get(url))

    assert column(doc, "name") == names
    assert column(doc, "case_study_count") == counts


@pytest.mark.parametrize(
    ("model", "slug", "name", "verbose"),
    [(Topic, "housing", "Housing", "topic"), (SupportType, "grant", "Grant", "support type")],
)
def test_reference_change_and_add_forms(admin_client, library, model, slug, name, verbose):
    obj = model.objects.get(slug=slug)
    base = f"/admin/casestudies/{model._meta.model_name}/"

    change = admin_client.get(f"{base}{obj.pk}/change/")
    add = admin_client.get(f"{base}add/")

    assert change.status_code == 200
    assert page(change).find("input", name="name")["value"] == name
    assert page(change).find("input", name="slug")["value"] == slug
    assert add.status_code == 200
    assert page(add).find("h1").text == f"Add {verbose}"


def test_topic_add_form_creates_a_topic(admin_client):
    response = admin_client.post(
        "/admin/casestudies/topic/add/",
        {"name": "Libraries", "slug": "libraries", "description": "Books and more.", "order": "5"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/casestudies/topic/"
    assert list(Topic.objects.values_list("name", "slug", "order")) == [("Libraries", "libraries", 5)]

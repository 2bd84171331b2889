"""The finder's filter groups (templates/includes/finder.html, checkbox_group.html): each group folds away in a
<details> that is open when it has a selection, with the count in its summary; the "Show N results" button and the count on "Apply filters"."""

import pytest

from tests.factories import make_case_study, make_council, make_support_type, make_topic
from tests.pages import page

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    housing = make_topic("Housing", slug="housing", order=1)
    health = make_topic("Health", slug="health", order=2)
    grant = make_support_type("Grant", slug="grant")
    wigan = make_council("Wigan", code="WGN", region="North West")
    make_case_study("Warm homes", council=wigan, topics=[housing], support_types=[grant])
    make_case_study("Health checks", council=wigan, topics=[health])
    return {"housing": housing, "wigan": wigan}


def groups(doc) -> list[tuple[str, str, bool]]:
    """Each filter group's id, summary text and whether it is rendered open."""
    return [
        (details["id"], details.find("summary").text, "open" in details.attrs)
        for details in doc.find_all("details", class_="filter-group")
    ]


def test_filter_groups_without_a_selection_are_closed_with_plain_names(client, catalogue):
    doc = page(client.get("/case-studies/"))

    assert groups(doc) == [
        ("filter-topic-group", "Topics", False),
        ("filter-support_type-group", "Support received", False),
        ("filter-region-group", "Region", False),
        ("filter-council_type-group", "Type of council", False),
        ("filter-evidence-group", "Evidence level", False),
        ("filter-cost-group", "Cost", False),
        ("filter-stage-group", "Stage", False),
        ("filter-has-group", "Results reported", False),
        ("filter-years-group", "Published", False),
    ]


def test_filter_groups_with_a_selection_are_open_and_say_how_many_are_selected(client, catalogue):
    doc = page(client.get("/case-studies/?topic=housing&topic=health&support_type=grant&year_from=2020"))

    assert groups(doc) == [
        ("filter-topic-group", "Topics, 2 selected", True),
        ("filter-support_type-group", "Support received, 1 selected", True),
        ("filter-region-group", "Region", False),
        ("filter-council_type-group", "Type of council", False),
        ("filter-evidence-group", "Evidence level", False),
        ("filter-cost-group", "Cost", False),
        ("filter-stage-group", "Stage", False),
        ("filter-has-group", "Results reported", False),
        ("filter-years-group", "Published, from 2020", True),
    ]


@pytest.mark.parametrize(
    "query, summary",
    [
        ("year_from=2019&year_to=2023", "Published, from 2019 to 2023"),
        ("year_to=2023", "Published, up to 2023"),
        ("year_from=<b>x", "Published, from <b>x"),  # kept as typed (and escaped), so nothing is lost
    ],
)
def test_years_group_is_open_with_the_years_given(client, catalogue, query, summary):
    doc = page(client.get(f"/case-studies/?{query}"))

    assert doc.find("details", id="filter-years-group").find("summary").text == summary
    assert "open" in doc.find("details", id="filter-years-group").attrs


def test_filter_groups_keep_the_legend_for_screen_readers(client, catalogue):
    doc = page(client.get("/case-studies/?topic=housing"))

    fieldset = doc.find("details", id="filter-topic-group").find("fieldset", id="filter-topic")
    assert fieldset.find("legend").text == "Topics"
    assert fieldset.find("legend")["class"] == "visually-hidden"


def test_show_results_button_has_the_page_s_count_and_lands_on_the_results(client, catalogue):
    doc = page(client.get("/case-studies/?topic=housing"))

    show = doc.find("button", class_="filter-form__show")
    assert show.text == "Show 1 result"
    assert show["formaction"] == "/case-studies/#results"
    assert (
        page(client.get("/case-studies/")).find("button", class_="filter-form__show").text == "Show 2 results"
    )


def test_apply_button_has_the_page_s_count_without_javascript(client, catalogue):
    doc = page(client.get("/case-studies/?topic=housing"))

    actions = doc.find("div", class_="filter-form__actions")
    assert actions.find("button", class_="filter-form__apply").text == "Apply filters (1 result)"
    # The live region is empty until JavaScript has a new count to say.
    status = actions.find("p", data_count_status=True)
    assert (status.text, status["aria-live"]) == ("", "polite")
    assert (
        page(client.get("/case-studies/")).find("button", class_="filter-form__apply").text
        == "Apply filters (2 results)"
    )


@pytest.mark.parametrize(
    "url, count_url, show",
    [
        ("/case-studies/", "/case-studies/count.json", "Show 2 results"),
        ("/case-studies/topics/housing/", "/case-studies/count.json?in_topic=housing", "Show 1 result"),
        ("/councils/WGN/", "/case-studies/count.json?in_council=WGN", "Show 2 results"),
        ("/case-studies/map/?topic=health", "/case-studies/count.json", "Show 1 result"),
        ("/insights/?topic=housing", "/case-studies/count.json", "Show 1 result"),
    ],
)
def test_every_finder_counts_its_own_scope(client, catalogue, url, count_url, show):
    doc = page(client.get(url))

    assert doc.find("form", class_="filter-form")["data-count-url"] == count_url
    assert doc.find("button", class_="filter-form__show").text == show

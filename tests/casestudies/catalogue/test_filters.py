"""The query parameters of the list: filter groups, keyword, sort, notes, active filter tags and the count."""

from datetime import UTC, datetime

import pytest
from django.test import RequestFactory

from casestudies.catalogue.filters import CaseStudyFilter
from casestudies.models import CaseStudy, Topic
from tests.factories import make_case_study, make_council, make_support_type, make_topic
from tests.pages import card_titles, count_text, notes, page

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    housing = make_topic("Housing", slug="housing", order=1)
    digital = make_topic("Digital", slug="digital", order=2)
    waste = make_topic("Waste", slug="waste", order=3)
    grant = make_support_type("Grant", slug="grant", order=1)
    peer = make_support_type("Peer challenge", slug="peer-challenge", order=2)
    make_case_study(
        "Alpha homes",
        summary="Homes heated by a zeppelin-shaped boiler.",
        topics=[housing],
        support_types=[grant],
        published_at=datetime(2021, 1, 1, tzinfo=UTC),
    )
    make_case_study(
        "Bravo zeppelin apps",
        topics=[digital],
        support_types=[peer],
        published_at=datetime(2022, 1, 1, tzinfo=UTC),
    )
    make_case_study(
        "Charlie bins",
        topics=[waste],
        support_types=[grant],
        published_at=datetime(2023, 1, 1, tzinfo=UTC),
    )
    make_case_study(
        "Delta hybrid",
        topics=[housing, digital],
        support_types=[grant, peer],
        published_at=datetime(2024, 1, 1, tzinfo=UTC),
    )
    make_case_study(
        "Echo draft",
        topics=[housing, digital, waste],
        support_types=[grant, peer],
        status=CaseStudy.Status.DRAFT,
    )


def get(client, query: str = ""):
    response = client.get(f"/case-studies/?{query}")
    assert response.status_code == 200
    return response, page(response)


@pytest.mark.parametrize(
    ("query", "expected_titles", "expected_count"),
    [
        ("", ["Delta hybrid", "Charlie bins", "Bravo zeppelin apps", "Alpha homes"], "There are 4 results"),
        ("topic=housing", ["Delta hybrid", "Alpha homes"], "Your search returned 2 results"),
        (
            "topic=housing&topic=digital",
            ["Delta hybrid", "Bravo zeppelin apps", "Alpha homes"],
            "Your search returned 3 results",
        ),
        (
            "topic=housing&topic=housing",
            ["Delta hybrid", "Alpha homes"],
            "Your search returned 2 results",
        ),
        ("topic=housing&support_type=peer-challenge", ["Delta hybrid"], "Your search returned 1 result"),
        (
            "topic=waste&topic=digital&support_type=grant",
            ["Delta hybrid", "Charlie bins"],
            "Your search returned 2 results",
        ),
        (
            "support_type=grant&support_type=peer-challenge",
            ["Delta hybrid", "Charlie bins", "Bravo zeppelin apps", "Alpha homes"],
            "Your search returned 4 results",
        ),
        ("topic=waste&support_type=peer-challenge", [], "Your search returned 0 results"),
        ("q=zeppelin", ["Bravo zeppelin apps", "Alpha homes"], "Your search returned 2 results"),
        ("q=zeppelin&topic=housing", ["Alpha homes"], "Your search returned 1 result"),
        ("q=zeppelin&support_type=peer-challenge", ["Bravo zeppelin apps"], "Your search returned 1 result"),
        ("q=zeppelin&topic=waste", [], "Your search returned 0 results"),
    ],
    ids=[
        "none",
        "one-topic",
        "two-topics-or",
        "repeated-topic",
        "topic-and-support",
        "or-within-and-across",
        "two-supports-or",
        "and-across-no-match",
        "keyword",
        "keyword-and-topic",
        "keyword-and-support",
        "keyword-and-topic-no-match",
    ],
)
def test_list_filters_give_exact_results_and_count(client, library, query, expected_titles, expected_count):
    response, doc = get(client, query)

    assert response.context["page_obj"].paginator.count == len(expected_titles)
    assert card_titles(doc) == expected_titles
    assert count_text(doc) == expected_count
    assert notes(doc) == []


def test_count_is_inside_a_status_element(client, library):
    _, doc = get(client, "topic=waste")

    status = doc.find(role="status")
    assert status.tag == "p"
    assert status.find("strong").text == "1"
    assert status.text == "Your search returned 1 result"


def test_unknown_topic_slug_is_ignored_with_a_note(client, library):
    _, doc = get(client, "topic=housing&topic=no-such-topic")

    assert card_titles(doc) == ["Delta hybrid", "Alpha homes"]
    assert notes(doc) == ["We ignored the topic “no-such-topic” because we don't recognise it."]
    assert [tag.text for tag in doc.find_all("a", class_="tag")] == ["Remove filter Topics: Housing ×"]


def test_only_unknown_topic_slug_shows_everything_with_a_note(client, library):
    _, doc = get(client, "topic=no-such-topic")

    assert card_titles(doc) == ["Delta hybrid", "Charlie bins", "Bravo zeppelin apps", "Alpha homes"]
    assert count_text(doc) == "There are 4 results"
    assert notes(doc) == ["We ignored the topic “no-such-topic” because we don't recognise it."]


def test_unknown_support_type_is_ignored_with_a_note(client, library):
    _, doc = get(client, "support_type=peer-challenge&support_type=bribery")

    assert card_titles(doc) == ["Delta hybrid", "Bravo zeppelin apps"]
    assert notes(doc) == ["We ignored the support type “bribery” because we don't recognise it."]


def test_invalid_sort_is_ignored_with_a_note_and_newest_is_used(client, library):
    response, doc = get(client, "sort=sideways")

    assert card_titles(doc) == ["Delta hybrid", "Charlie bins", "Bravo zeppelin apps", "Alpha homes"]
    assert notes(doc) == ["We ignored the sort order “sideways” because we don't recognise it."]
    assert response.context["filter"].sort_order == "newest"


def test_too_long_keyword_is_ignored_with_a_note(client, library):
    _, doc = get(client, "q=" + "z" * 201)

    assert card_titles(doc) == ["Delta hybrid", "Charlie bins", "Bravo zeppelin apps", "Alpha homes"]
    assert notes(doc) == [
        "Search case studies: Ensure this value has at most 200 characters (it has 201). We ignored it."
    ]


@pytest.mark.parametrize(
    ("query", "expected_titles", "selected"),
    [
        ("", ["Delta hybrid", "Charlie bins", "Bravo zeppelin apps", "Alpha homes"], "newest"),
        ("sort=newest", ["Delta hybrid", "Charlie bins", "Bravo zeppelin apps", "Alpha homes"], "newest"),
        ("sort=oldest", ["Alpha homes", "Bravo zeppelin apps", "Charlie bins", "Delta hybrid"], "oldest"),
        ("sort=title", ["Alpha homes", "Bravo zeppelin apps", "Charlie bins", "Delta hybrid"], "title"),
        ("sort=relevance", ["Delta hybrid", "Charlie bins", "Bravo zeppelin apps", "Alpha homes"], "newest"),
        ("q=zeppelin", ["Bravo zeppelin apps", "Alpha homes"], "relevance"),
        ("q=zeppelin&sort=relevance", ["Bravo zeppelin apps", "Alpha homes"], "relevance"),
        ("q=zeppelin&sort=oldest", ["Alpha homes", "Bravo zeppelin apps"], "oldest"),
        ("q=zeppelin&sort=newest", ["Bravo zeppelin apps", "Alpha homes"], "newest"),
        ("q=zeppelin&sort=title", ["Alpha homes", "Bravo zeppelin apps"], "title"),
    ],
    ids=[
        "default-newest",
        "newest",
        "oldest",
        "title",
        "relevance-without-keyword-is-newest",
        "keyword-default-relevance",
        "keyword-relevance",
        "keyword-oldest",
        "keyword-newest",
        "keyword-title",
    ],
)
def test_sort_orders(client, library, query, expected_titles, selected):
    response, doc = get(client, query)

    assert card_titles(doc) == expected_titles
    assert response.context["filter"].sort_order == selected
    labels = {
        "relevance": "Best match",
        "newest": "Newest first",
        "oldest": "Oldest first",
        "title": "Title (A to Z)",
    }
    default = "relevance" if "q=" in query else "newest"
    assert [
        (option["value"], option.text)
        for option in doc.find("select", name="sort").find_all("option", selected=True)
    ] == [("" if selected == default else selected, labels[selected])]
    assert notes(doc) == []


@pytest.mark.parametrize(
    ("query", "options"),
    [
        (
            "",
            [
                ("", "Newest first"),
                ("oldest", "Oldest first"),
                ("title", "Title (A to Z)"),
                ("evidence", "Strongest evidence first"),
            ],
        ),
        (
            "q=zeppelin",
            [
                ("", "Best match"),
                ("newest", "Newest first"),
                ("oldest", "Oldest first"),
                ("title", "Title (A to Z)"),
                ("evidence", "Strongest evidence first"),
            ],
        ),
    ],
)
def test_sort_menu_offers_the_default_as_a_blank_value(client, library, query, options):
    _, doc = get(client, query)

    assert [(o["value"], o.text) for o in doc.find("select", name="sort").find_all("option")] == options


@pytest.mark.parametrize(
    ("query", "expected_titles", "selected"),
    [
        # The menu said "Newest first" (chosen before any keyword) and was left as it was while a keyword was
        # typed: the keyword's results come best match first.
        (
            "q=zeppelin&sort=newest&was_sort=newest&was_q=",
            ["Bravo zeppelin apps", "Alpha homes"],
            "relevance",
        ),
        (
            "q=zeppelin&sort=title&was_sort=title&was_q=hybrid",
            ["Bravo zeppelin apps", "Alpha homes"],
            "relevance",
        ),
        # The menu was changed together with the keyword, or the keyword stayed the same: the choice stands.
        ("q=zeppelin&sort=oldest&was_sort=newest&was_q=", ["Alpha homes", "Bravo zeppelin apps"], "oldest"),
        (
            "q=zeppelin&sort=title&was_sort=title&was_q=Zeppelin",
            ["Alpha homes", "Bravo zeppelin apps"],
            "title",
        ),
        # Without a keyword the chosen order stays whatever the keyword was before.
        (
            "sort=title&was_sort=title&was_q=zeppelin",
            ["Alpha homes", "Bravo zeppelin apps", "Charlie bins", "Delta hybrid"],
            "title",
        ),
        ("q=zeppelin&sort=oldest&was_sort=bogus&was_q=x", ["Alpha homes", "Bravo zeppelin apps"], "oldest"),
    ],
    ids=[
        "typed-after-choosing-newest",
        "new-keyword-same-menu",
        "menu-changed",
        "same-keyword",
        "no-keyword",
        "bogus-shown-order",
    ],
)
def test_sort_chosen_for_another_keyword_gives_way_to_best_match(
    client, library, query, expected_titles, selected
):
    response, doc = get(client, query)

    assert card_titles(doc) == expected_titles
    assert response.context["filter"].sort_order == selected


def test_sort_form_remembers_the_chosen_order_and_its_keyword(client, library):
    _, doc = get(client, "q=zeppelin&sort=title")
    form = doc.find("form", class_="filter-form")

    assert [(i["name"], i["value"]) for i in form.find_all("input", type="hidden")] == [
        ("was_sort", "title"),
        ("was_q", "zeppelin"),
    ]
    _, doc = get(client, "q=zeppelin")
    assert doc.find("form", class_="filter-form").find_all("input", type="hidden") == []


def test_relevance_sort_puts_title_match_above_newer_summary_match(client, library):
    make_case_study(
        "Foxtrot",
        summary="A zeppelin appears in the summary.",
        topics=[],
        published_at=datetime(2025, 1, 1, tzinfo=UTC),
    )

    _, doc = get(client, "q=zeppelin")

    assert card_titles(doc) == ["Bravo zeppelin apps", "Foxtrot", "Alpha homes"]


def test_active_filter_tags_each_remove_only_their_own_filter(client, library):
    _, doc = get(client, "q=zeppelin&topic=housing&topic=digital&support_type=grant&sort=title")

    tags = [(tag.text, tag["href"]) for tag in doc.find_all("a", class_="tag")]
    assert tags == [
        (
            "Remove filter Keyword: “zeppelin” ×",
            "/case-studies/?topic=housing&topic=digital&support_type=grant&sort=title",
        ),
        (
            "Remove filter Topics: Housing ×",
            "/case-studies/?q=zeppelin&topic=digital&support_type=grant&sort=title",
        ),
        (
            "Remove filter Topics: Digital ×",
            "/case-studies/?q=zeppelin&topic=housing&support_type=grant&sort=title",
        ),
        (
            "Remove filter Support received: Grant ×",
            "/case-studies/?q=zeppelin&topic=housing&topic=digital&sort=title",
        ),
    ]


def test_removing_the_last_filter_links_to_the_bare_list(client, library):
    _, doc = get(client, "topic=waste")

    tag = doc.find("a", class_="tag")
    assert (tag.text, tag["href"]) == ("Remove filter Topics: Waste ×", "/case-studies/")


def test_clear_all_filters_links_to_the_bare_list(client, library):
    _, doc = get(client, "q=zeppelin&topic=housing&support_type=grant")

    links = [a["href"] for a in doc.find_all("a") if a.text == "Clear all filters"]
    assert links == ["/case-studies/"]


def test_no_active_filters_means_no_tags_and_no_clear_all_link(client, library):
    _, doc = get(client, "sort=title")

    assert doc.find_all("a", class_="tag") == []
    assert [a for a in doc.find_all("a") if a.text == "Clear all filters"] == []


def test_selected_filters_are_checked_in_the_form(client, library):
    _, doc = get(client, "topic=digital&support_type=grant&q=zeppelin")

    checked = [(box["name"], box["value"]) for box in doc.find_all("input", type="checkbox", checked=True)]
    assert checked == [("topic", "digital"), ("support_type", "grant")]
    assert doc.find("input", name="q")["value"] == "zeppelin"


def filterset(query: str, **kwargs) -> CaseStudyFilter:
    request = RequestFactory().get(f"/case-studies/?{query}")
    return CaseStudyFilter(request.GET, queryset=CaseStudy.objects.published(), request=request, **kwargs)


def test_canonical_params_are_in_fixed_order_without_defaults_or_unknowns(library):
    chosen = filterset("sort=oldest&support_type=grant&topic=nope&topic=digital&q=+zeppelin+&page=3")

    assert chosen.canonical_params() == [
        ("q", "zeppelin"),
        ("topic", "digital"),
        ("support_type", "grant"),
        ("sort", "oldest"),
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sort=newest", []),
        ("q=zeppelin&sort=relevance", [("q", "zeppelin")]),
        ("sort=relevance", []),
        ("q=zeppelin&sort=newest", [("q", "zeppelin"), ("sort", "newest")]),
    ],
)
def test_canonical_params_drop_the_default_sort(library, query, expected):
    assert filterset(query).canonical_params() == expected


def test_fixed_topic_filters_to_that_topic_and_ignores_topic_parameter(library):
    housing = Topic.objects.get(slug="housing")

    chosen = filterset("topic=waste&support_type=peer-challenge", fixed_topic=housing)

    assert [cs.title for cs in chosen.qs] == ["Delta hybrid"]
    assert chosen.canonical_params() == [("support_type", "peer-challenge")]
    assert [tag.label for tag in chosen.active_filters()] == ["Peer challenge"]


def test_keyword_with_nul_byte_is_ignored_with_a_note(client, library):
    _, doc = get(client, "q=zeppelin%00")

    assert card_titles(doc) == ["Delta hybrid", "Charlie bins", "Bravo zeppelin apps", "Alpha homes"]
    assert notes(doc) == ["Search case studies: Null characters are not allowed. We ignored it."]
    assert doc.find("input", name="q")["aria-invalid"] == "true"


def test_topic_with_nul_byte_is_ignored_with_a_printable_note(client, library):
    _, doc = get(client, "topic=housing%00")

    assert card_titles(doc) == ["Delta hybrid", "Charlie bins", "Bravo zeppelin apps", "Alpha homes"]
    assert notes(doc) == ["We ignored the topic “housing” because we don't recognise it."]


def test_note_about_a_long_unknown_slug_is_shortened(client, library):
    _, doc = get(client, "topic=" + "x" * 100)

    assert notes(doc) == ["We ignored the topic “" + "x" * 60 + "…” because we don't recognise it."]


def test_filtersets_share_a_form_class_but_not_what_validation_found(library):
    """The form class is made once and its fields copied shallowly: one request's unknown values and councils
    must not show in the next request's notes."""
    make_case_study("Delta", council=make_council("Wigan", code="WGN"))
    first = CaseStudyFilter(
        {"topic": ["housing", "nonsense"], "council": ["WGN", "XXX"]}, queryset=CaseStudy.objects
    )
    second = CaseStudyFilter({"topic": ["digital"]}, queryset=CaseStudy.objects)

    assert first.notes() == [
        "We ignored the topic “nonsense” because we don't recognise it.",
        "We ignored the council “XXX” because we don't recognise it.",
    ]
    assert [c.code for c in first.selected_councils()] == ["WGN"]
    assert second.notes() == []
    assert second.selected_councils() == []
    assert type(first.form) is type(second.form)
    assert first.form.fields["topic"] is not second.form.fields["topic"]
    assert not hasattr(type(first.form).base_fields["topic"], "unknown")


def test_filtersets_have_their_own_filters_with_their_own_choices(library):
    first = CaseStudyFilter({"topic": ["housing"]}, queryset=CaseStudy.objects.published())
    second = CaseStudyFilter({}, queryset=CaseStudy.objects.published())

    assert first.filters["topic"] is not second.filters["topic"]
    assert first.filters["topic"].parent is first and second.filters["topic"].parent is second
    assert first.filters["topic"].extra is not CaseStudyFilter.base_filters["topic"].extra
    assert "choices" not in CaseStudyFilter.base_filters["topic"].extra
    assert [slug for slug, _ in first.filters["topic"].extra["choices"]] == [
        t.slug for t in Topic.objects.order_by("order", "name")
    ]

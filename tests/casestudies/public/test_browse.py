"""The public browse pages: the list, a topic page and a case study, and the base template they share."""

from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest

from casestudies.models import Attachment, CaseStudy
from tests.casestudies.discovery_helpers import count_queries, search_queries
from tests.factories import make_case_study, make_council, make_support_type, make_topic
from tests.pages import card_titles, count_text, page

pytestmark = pytest.mark.django_db

STATUSES_NOT_PUBLISHED = ["draft", "submitted", "rejected", "archived"]
SECTION_HEADINGS = [
    "The challenge",
    "The solution",
    "The impact",
    "How the approach is being sustained",
    "Lessons learned",
]


@pytest.fixture
def housing():
    return make_topic(
        "Housing", slug="housing", order=1, description="New homes, homelessness prevention and planning."
    )


@pytest.fixture
def digital():
    return make_topic("Digital", slug="digital", order=2)


@pytest.fixture
def grant():
    return make_support_type("Grant", slug="grant")


def make_numbered(count: int, **kwargs) -> list[CaseStudy]:
    """``count`` case studies titled "Study 01".., one day apart, "Study 01" the oldest."""
    start = datetime(2024, 1, 1, 10, tzinfo=UTC)
    return [
        make_case_study(f"Study {n:02d}", published_at=start + timedelta(days=n), **kwargs)
        for n in range(1, count + 1)
    ]


def pagination_links(doc) -> list[tuple[str, str, str | None]]:
    nav = doc.find_all("nav", aria_label="Pagination")
    if not nav:
        return []
    return [(a.text, a["href"], a.attrs.get("aria-current")) for a in nav[0].find_all("a")]


# Base template


def test_root_redirects_to_the_list(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/case-studies/"


def test_base_template_has_language_skip_link_main_and_attribution(client):
    response = client.get("/case-studies/")
    doc = page(response)

    assert response.status_code == 200
    assert doc.find("html")["lang"] == "en-GB"
    skip = doc.find("body").find_all("a")[0]
    assert (skip.text, skip["href"]) == ("Skip to main content", "#main-content")
    assert doc.find("main")["id"] == "main-content"
    attribution = doc.find("footer").find("p", class_="site-footer__attribution")
    assert attribution.text == (
        "Council names and codes: mySociety, “UK Local Authority Names and Codes”, licensed under CC BY 4.0."
    )
    assert [(a.text, a["href"]) for a in attribution.find_all("a")] == [
        ("mySociety", "https://www.mysociety.org/"),
        ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    ]


# The list


def test_list_card_shows_title_link_council_date_summary_and_first_topic_link(client, housing, digital):
    make_case_study(
        "Warm homes for Wigan",
        slug="warm-homes-wigan",
        council=make_council("Wigan"),
        summary="Insulating 400 homes before winter.",
        topics=[digital, housing],
        published_at=datetime(2024, 3, 5, 10, tzinfo=UTC),
    )

    response = client.get("/case-studies/")
    doc = page(response)

    assert response.status_code == 200
    card = doc.find("article", class_="card")
    title_link = card.find("h2", class_="card__title").find("a")
    assert (title_link.text, title_link["href"]) == (
        "Warm homes for Wigan",
        "/case-studies/warm-homes-wigan/",
    )
    assert card.find("p", class_="card__meta").text == "Wigan · 5 March 2024"
    assert card.find("time")["datetime"] == "2024-03-05"
    assert card.find("p", class_="card__summary").text == "Insulating 400 homes before winter."
    topic_link = card.find("p", class_="card__topic").find("a")
    assert (topic_link.text, topic_link["href"]) == (
        "View all Housing case studies",
        "/case-studies/topics/housing/",
    )
    assert count_text(doc) == "There is 1 result"


def test_list_card_links_to_the_clean_case_study_address_on_a_filtered_page(client, housing, grant):
    make_case_study("Warm homes", slug="warm-homes", topics=[housing], support_types=[grant])

    doc = page(client.get("/case-studies/?support_type=grant&topic=housing&topic=nope&page=1"))

    assert doc.find("h2", class_="card__title").find("a")["href"] == "/case-studies/warm-homes/"


def test_list_excludes_unpublished_case_studies(client):
    make_case_study("Published")
    for status in STATUSES_NOT_PUBLISHED:
        make_case_study(f"Was {status}", status=status, published_at=datetime(2024, 1, 1, tzinfo=UTC))

    doc = page(client.get("/case-studies/"))

    assert card_titles(doc) == ["Published"]


def test_list_shows_twenty_per_page_newest_first(client):
    make_numbered(25)

    first = page(client.get("/case-studies/"))
    second = page(client.get("/case-studies/?page=2"))

    assert card_titles(first) == [f"Study {n:02d}" for n in range(25, 5, -1)]
    assert count_text(first) == "There are 25 results, showing 1 to 20"
    assert card_titles(second) == [f"Study {n:02d}" for n in range(5, 0, -1)]
    assert count_text(second) == "There are 25 results, showing 21 to 25"
    assert second.find("ol", class_="cards")["start"] == "21"


def test_list_pagination_keeps_filters_and_marks_the_current_page(client, housing, digital):
    make_numbered(25, topics=[housing])
    make_case_study("Other topic", topics=[make_topic("Waste")])

    doc = page(client.get("/case-studies/?topic=housing&topic=digital"))

    assert pagination_links(doc) == [
        ("Page 1", "/case-studies/?topic=housing&topic=digital", "page"),
        ("Page 2", "/case-studies/?topic=housing&topic=digital&page=2", None),
        ("Next page", "/case-studies/?topic=housing&topic=digital&page=2", None),
    ]


def test_list_second_page_marks_page_two_and_links_back(client, housing):
    make_numbered(25, topics=[housing])

    doc = page(client.get("/case-studies/?topic=housing&page=2"))

    assert pagination_links(doc) == [
        ("Previous page", "/case-studies/?topic=housing", None),
        ("Page 1", "/case-studies/?topic=housing", None),
        ("Page 2", "/case-studies/?topic=housing&page=2", "page"),
    ]


def test_list_single_page_has_no_pagination(client):
    make_numbered(20)

    doc = page(client.get("/case-studies/"))

    assert len(card_titles(doc)) == 20
    assert pagination_links(doc) == []


@pytest.mark.parametrize(
    ("page_param", "expected_page"),
    [("abc", 1), ("", 1), ("1", 1), ("2", 2), ("9999", 2), ("-1", 2), ("0", 2)],
)
def test_list_out_of_range_or_invalid_page_shows_a_real_page(client, page_param, expected_page):
    make_numbered(25)

    response = client.get(f"/case-studies/?page={page_param}")
    doc = page(response)

    assert response.status_code == 200
    assert response.context["page_obj"].number == expected_page
    expected = range(25, 5, -1) if expected_page == 1 else range(5, 0, -1)
    assert card_titles(doc) == [f"Study {n:02d}" for n in expected]


def test_list_empty_result_says_nothing_matches(client):
    make_case_study("Warm homes")

    response = client.get("/case-studies/?q=kumquat")
    doc = page(response)

    assert response.status_code == 200
    assert card_titles(doc) == []
    assert count_text(doc) == "Your search returned 0 results"
    empty = doc.find("div", class_="empty")
    assert empty.find("h2").text == "No case studies match your search"
    assert [(a.text, a["href"]) for a in empty.find_all("a")] == [
        ("Browse all case studies", "/case-studies/")
    ]


def test_list_title_and_description_name_the_keyword_and_page(client):
    make_numbered(25, summary="Zeppelin rides.")

    doc = page(client.get("/case-studies/?q=zeppelin&page=2"))

    assert doc.find("title").text == "“zeppelin” – Case studies (page 2) – Council Case Study Library"
    assert doc.find("meta", name="description")["content"] == (
        "Search 25 case studies of council innovation by topic, support received and keyword."
    )


# A topic page


def test_topic_page_shows_name_description_and_only_that_topics_case_studies(client, housing, digital):
    make_case_study("Housing one", topics=[housing], published_at=datetime(2024, 1, 1, tzinfo=UTC))
    make_case_study("Both", topics=[digital, housing], published_at=datetime(2024, 2, 1, tzinfo=UTC))
    make_case_study("Digital only", topics=[digital])
    make_case_study("Housing draft", topics=[housing], status=CaseStudy.Status.DRAFT)

    response = client.get("/case-studies/topics/housing/")
    doc = page(response)

    assert response.status_code == 200
    assert doc.find("h1").text == "Housing case studies"
    assert doc.find("p", class_="lead").text == "New homes, homelessness prevention and planning."
    assert doc.find("title").text == "Housing case studies – Council Case Study Library"
    assert (
        doc.find("meta", name="description")["content"] == "New homes, homelessness prevention and planning."
    )
    assert card_titles(doc) == ["Both", "Housing one"]
    assert count_text(doc) == "There are 2 results"
    crumbs = doc.find("nav", aria_label="Breadcrumb")
    assert [(a.text, a["href"]) for a in crumbs.find_all("a")] == [("Case studies", "/case-studies/")]
    assert crumbs.find("span", aria_current="page").text == "Housing"
    combine = [a["href"] for a in doc.find_all("a") if a.text == "Combine this topic with others"]
    assert combine == ["/case-studies/?topic=housing"]
    assert doc.find_all("input", name="topic") == []


def test_topic_page_support_type_filter_still_works(client, housing, grant):
    make_case_study("With grant", topics=[housing], support_types=[grant])
    make_case_study("Without grant", topics=[housing])
    make_case_study("Other topic with grant", support_types=[grant])

    doc = page(client.get("/case-studies/topics/housing/?support_type=grant&topic=digital"))

    assert card_titles(doc) == ["With grant"]
    assert count_text(doc) == "Your search returned 1 result"
    assert [(a.text, a["href"]) for a in doc.find_all("a", class_="tag")] == [
        ("Remove filter Support received: Grant ×", "/case-studies/topics/housing/")
    ]
    assert [a["href"] for a in doc.find_all("a") if a.text == "Clear all filters"] == [
        "/case-studies/topics/housing/"
    ]


def test_topic_page_paginates_with_its_filters(client, housing, grant):
    make_numbered(25, topics=[housing], support_types=[grant])

    doc = page(client.get("/case-studies/topics/housing/?support_type=grant"))

    assert len(card_titles(doc)) == 20
    assert pagination_links(doc) == [
        ("Page 1", "/case-studies/topics/housing/?support_type=grant", "page"),
        ("Page 2", "/case-studies/topics/housing/?support_type=grant&page=2", None),
        ("Next page", "/case-studies/topics/housing/?support_type=grant&page=2", None),
    ]


def test_topic_page_unknown_slug_is_404(client, housing):
    response = client.get("/case-studies/topics/no-such-topic/")

    assert response.status_code == 404


# A case study


@pytest.fixture
def case_study(housing, digital, grant):
    return make_case_study(
        "Warm homes for Wigan: insulating four hundred homes before the first frost",
        slug="warm-homes-wigan",
        council=make_council("Wigan"),
        partners="Wigan and Leigh Housing",
        summary="Insulating 400 homes before winter.",
        challenge="Cold homes.\n\nHigh bills.",
        solution="Loft insulation.",
        impact="Lower bills.",
        sustainability="Core budget.",
        lessons="Start early.",
        contact_name="Sam Patel",
        contact_role="Head of housing",
        contact_email="sam.patel@wigan.example",
        topics=[digital, housing],
        support_types=[grant],
        published_at=datetime(2024, 3, 5, 10, tzinfo=UTC),
    )


def test_detail_shows_title_council_date_summary_and_sections(client, case_study):
    response = client.get("/case-studies/warm-homes-wigan/")
    doc = page(response)

    assert response.status_code == 200
    article = doc.find("article", class_="case-study")
    assert article.find("h1").text == case_study.title
    meta = article.find("dl", class_="case-study__meta")
    assert [(div.find("dt").text, div.find("dd").text) for div in meta.find_all("div")] == [
        ("Council", "Wigan"),
        ("Partners", "Wigan and Leigh Housing"),
        ("Published", "5 March 2024"),
    ]
    assert meta.find("time")["datetime"] == "2024-03-05"
    assert article.find("div", class_="case-study__summary").text == "Insulating 400 homes before winter."
    sections = article.find_all("section", class_="case-study__section")
    assert [section.find("h2").text for section in sections] == [
        *SECTION_HEADINGS,
        "Contact",
        "Topics and support",
    ]
    assert [[p.text for p in section.find_all("p")] for section in sections[:5]] == [
        ["Cold homes.", "High bills."],
        ["Loft insulation."],
        ["Lower bills."],
        ["Core budget."],
        ["Start early."],
    ]


def test_detail_shows_contact_and_links_topics_and_support_to_the_filtered_list(client, case_study):
    doc = page(client.get("/case-studies/warm-homes-wigan/"))

    sections = {s.find("h2").text: s for s in doc.find_all("section", class_="case-study__section")}
    contact = sections["Contact"]
    assert contact.find("p").text == "Sam Patel, Head of housing, Wigan sam.patel@wigan.example"
    assert contact.find("a")["href"] == "mailto:sam.patel@wigan.example"
    assert [(a.text, a["href"]) for a in sections["Topics and support"].find_all("a")] == [
        ("Housing", "/case-studies/?topic=housing"),
        ("Digital", "/case-studies/?topic=digital"),
        ("Grant", "/case-studies/?support_type=grant"),
    ]


def test_detail_without_support_types_or_partners_leaves_them_out(client, housing):
    make_case_study("Plain", slug="plain", partners="", topics=[housing], support_types=[])

    doc = page(client.get("/case-studies/plain/"))

    assert [dt.text for dt in doc.find("dl", class_="case-study__meta").find_all("dt")] == [
        "Council",
        "Published",
    ]
    assert [h3.text for h3 in doc.find_all("h3")] == ["Topics"]


def test_detail_has_breadcrumbs_title_and_meta_description(client, case_study):
    CaseStudy.objects.filter(pk=case_study.pk).update(summary=" ".join(f"w{n}" for n in range(1, 51)))

    doc = page(client.get("/case-studies/warm-homes-wigan/"))

    crumbs = doc.find("nav", aria_label="Breadcrumb")
    assert [(a.text, a["href"]) for a in crumbs.find_all("a")] == [
        ("Case studies", "/case-studies/"),
        ("Housing", "/case-studies/topics/housing/"),
    ]
    assert (
        crumbs.find("span", aria_current="page").text
        == "Warm homes for Wigan: insulating four hundred homes …"
    )
    assert doc.find("title").text == (
        "Warm homes for Wigan: insulating four hundred homes before the first frost – Wigan – "
        "Council Case Study Library"
    )
    assert doc.find("meta", name="description")["content"] == " ".join(f"w{n}" for n in range(1, 41)) + " …"


def test_detail_related_are_up_to_three_published_sharing_topics_most_shared_first(
    client, case_study, housing, digital
):
    make_case_study(
        "Shares both, oldest", topics=[housing, digital], published_at=datetime(2020, 1, 1, tzinfo=UTC)
    )
    make_case_study("Shares housing, newest", topics=[housing], published_at=datetime(2025, 1, 1, tzinfo=UTC))
    make_case_study("Shares digital", topics=[digital], published_at=datetime(2024, 1, 1, tzinfo=UTC))
    make_case_study("Shares housing, older", topics=[housing], published_at=datetime(2023, 1, 1, tzinfo=UTC))
    make_case_study("Unrelated", topics=[make_topic("Waste")], published_at=datetime(2026, 1, 1, tzinfo=UTC))
    for status in STATUSES_NOT_PUBLISHED:
        make_case_study(
            f"Shares both, {status}",
            topics=[housing, digital],
            status=status,
            published_at=datetime(2026, 1, 1, tzinfo=UTC),
        )

    doc = page(client.get("/case-studies/warm-homes-wigan/"))

    related = doc.find("aside", class_="related")
    assert related.find("h2").text == "Related case studies"
    assert [a.text for a in related.find_all("a")] == [
        "Shares both, oldest",
        "Shares housing, newest",
        "Shares digital",
    ]
    assert (
        related.find_all("a")[0]["href"]
        == CaseStudy.objects.get(title="Shares both, oldest").get_absolute_url()
    )


def test_detail_without_related_has_no_related_section(client, case_study):
    make_case_study("Unrelated", topics=[make_topic("Waste")])

    doc = page(client.get("/case-studies/warm-homes-wigan/"))

    assert doc.find_all("aside") == []
    assert doc.find("h1").text == case_study.title


@pytest.mark.parametrize(
    ("referer", "expected"),
    [
        ("http://testserver/case-studies/?topic=housing&page=2", "/case-studies/?topic=housing&page=2"),
        (
            "http://testserver/case-studies/topics/housing/?support_type=grant",
            "/case-studies/topics/housing/?support_type=grant",
        ),
        ("http://testserver/councils/WGN/?page=2", "/councils/WGN/?page=2"),
        ("https://testserver/case-studies/?q=warm+homes", "/case-studies/?q=warm+homes"),
        ("http://testserver/case-studies/", "/case-studies/"),
    ],
)
def test_detail_back_link_returns_to_the_results_page_in_the_referer(client, case_study, referer, expected):
    response = client.get("/case-studies/warm-homes-wigan/", headers={"referer": referer})
    doc = page(response)

    assert response.status_code == 200
    link = doc.find("p", class_="back-link").find("a")
    assert (link.text, link["href"], link.attrs.get("data-fallback")) == ("Back to results", expected, None)


@pytest.mark.parametrize(
    "referer",
    [
        "",
        "https://evil.example/case-studies/",
        "http://testserver.evil.example/case-studies/",
        "http://evil.example@testserver/case-studies/",
        "http://testserver:8080/case-studies/",
        "//testserver/case-studies/",
        "/case-studies/?topic=housing",
        "ftp://testserver/case-studies/",
        "javascript:alert(1)//testserver/case-studies/",
        "http://testserver//evil.example/case-studies/",
        "http://testserver/case-studies/\\evil.example",
        "http://testserver/case-studies/?q=a\\b",
        "http://testserver/case-studies/?q=\x00",
        "http://testserver/case-studies/?q=a b",
        "http://[testserver/case-studies/",
        "http://testserver/admin/",
        "http://testserver/case-studiesevil",
        "http://testserver/case-studies/warm-homes-wigan/",
        "http://testserver/case-studies/map/?topic=housing",
        "http://testserver/insights/",
        "http://testserver/councils/",
        "http://testserver/case-studies/submit/",
        "http://testserver/case-studies/?q=" + "a" * 2000,
    ],
)
def test_detail_back_link_falls_back_to_the_list_for_any_other_referer(client, case_study, referer):
    response = client.get("/case-studies/warm-homes-wigan/", headers={"referer": referer})
    doc = page(response)

    assert response.status_code == 200
    link = doc.find("p", class_="back-link").find("a")
    assert (link.text, link["href"], link["data-fallback"]) == (
        "Browse all case studies",
        "/case-studies/",
        "",
    )


def test_detail_back_link_defaults_to_the_list(client, case_study):
    doc = page(client.get("/case-studies/warm-homes-wigan/"))

    assert doc.find("p", class_="back-link").find("a")["href"] == "/case-studies/"


@pytest.mark.parametrize(
    "query",
    ["back=%2Fcase-studies%2F%3Fpage%3D2", "utm_source=newsletter", "x", "back=https://evil.example/", "%00"],
)
def test_detail_with_a_query_string_redirects_permanently_to_the_clean_address(client, case_study, query):
    response = client.get(f"/case-studies/warm-homes-wigan/?{query}")

    assert (response.status_code, response["Location"]) == (301, "/case-studies/warm-homes-wigan/")


def test_detail_of_an_unknown_case_study_with_a_query_string_redirects_then_is_404(client, case_study):
    response = client.get("/case-studies/no-such-thing/?back=/case-studies/", follow=True)

    assert response.redirect_chain == [("/case-studies/no-such-thing/", 301)]
    assert response.status_code == 404


@pytest.mark.parametrize("status", STATUSES_NOT_PUBLISHED)
def test_detail_unpublished_is_404(client, status):
    make_case_study("Hidden", slug="hidden", status=status, published_at=datetime(2024, 1, 1, tzinfo=UTC))

    response = client.get("/case-studies/hidden/")

    assert response.status_code == 404
    assert b"Hidden" not in response.content


def test_detail_published_without_date_is_404(client):
    case_study = make_case_study("Hidden", slug="hidden")
    CaseStudy.objects.filter(pk=case_study.pk).update(published_at=None)

    assert client.get("/case-studies/hidden/").status_code == 404


def test_detail_unknown_slug_is_404(client, case_study):
    assert client.get("/case-studies/no-such-case-study/").status_code == 404


# Bad parameters never give a server error

NASTY_QUERIES = [
    "q=%00",
    "q=zeppelin%00",
    "topic=%00",
    "topic=housing%00",
    "support_type=%00",
    "sort=%00",
    "page=%00",
    "q=" + "a" * 5000,
    "q=" + "zeppelin+" * 1000,
    "topic=" + "x" * 5000,
    "q=a&q=b&q=c",
    "topic=housing&topic=housing&topic=housing",
    "page=1&page=2&page=abc",
    "sort=title&sort=oldest&sort=bogus",
    "q=" + quote("café naïve 日本語 😀 \u202e"),
    "topic=" + quote("日本語"),
    "q=%FF%FE",
    "q=" + quote("' OR 1=1 --"),
    "q=" + quote('"'),
    "q=" + quote(";"),
    "q=" + quote("--"),
    "q=" + quote("'; DROP TABLE casestudies_casestudy; --"),
    "topic=" + quote("' OR '1'='1"),
    "q=" + quote("&"),
    "q=" + quote("|"),
    "q=" + quote("!"),
    "q=" + quote(":*"),
    "q=" + quote("("),
    "q=" + quote(")"),
    "q=" + quote("a & b | !c"),
    "q=" + quote("zeppelin:*"),
    "q=" + quote("<->"),
    "q=" + quote('"unclosed phrase'),
    "q=" + quote("-"),
    "q=" + quote("- - -"),
    "q=" + quote("!!!"),
    "q=" + quote("\\"),
    "q=" + quote("%_"),
    "q=" + quote("   "),
    "sort=",
    "sort=relevance",
    "page=",
    "page=1e9",
    "page=99999999999999999999",
    "page=-1",
    "page=0",
    "page=2.5",
    "page=" + quote(" 2 "),
    "topic=&support_type=&sort=&page=&q=",
    "topic%5B%5D=housing",
    "q=zeppelin&topic=housing&support_type=grant&sort=title&page=1e9",
    "evidence=9",
    "evidence=0",
    "evidence=%00",
    "evidence=" + quote("1 OR 1=1"),
    "cost=zzz",
    "cost=" + quote("日本語"),
    "stage=%FF%FE",
    "has=" + quote("<script>alert(1)</script>"),
    "has=outcomes&has=savings&evidence=5&cost=not_stated&stage=stopped&sort=evidence&page=2",
    "sort=evidence&q=zeppelin",
]


@pytest.mark.parametrize("path", ["/case-studies/", "/case-studies/topics/housing/"], ids=["list", "topic"])
@pytest.mark.parametrize("query", NASTY_QUERIES)
def test_bad_parameters_never_cause_a_server_error(client, housing, grant, path, query):
    make_case_study("Zeppelin rides", topics=[housing], support_types=[grant])

    response = client.get(f"{path}?{query}")

    assert response.status_code == 200
    assert count_text(page(response)) in {
        "There is 1 result",
        "Your search returned 1 result",
        "Your search returned 0 results",
    }


# Query counts


@pytest.mark.parametrize("size", [1, 25])
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", 2),
        ("topic=housing&topic=digital&support_type=grant", 2),
        ("topic=housing&region=north-west&council_type=unitary&year_from=2020", 2),
        ("q=zeppelin", 3),
    ],
    ids=["plain", "filtered", "facets", "search"],
)
def test_list_query_count_does_not_grow_with_results(client, housing, digital, grant, size, query, expected):
    """Guards against N+1: the number of queries is the same for 1 and 25 case studies.

    The catalogue index's version token, and the page's cards (each with its council and first topic, one
    query); the count and every facet count come from the index. With a keyword, the search and one more query for the
    highlighted excerpts of the page's case studies.
    """
    for n in range(size):
        make_case_study(
            f"Zeppelin {n}",
            council=make_council(f"Council {n}"),
            topics=[housing, digital],
            support_types=[grant],
        )
    if query.startswith("q="):
        expected += search_queries(size)

    assert count_queries(client, f"/case-studies/?{query}") == expected


@pytest.mark.parametrize("per_page", [5, 50])
def test_list_query_count_does_not_grow_with_page_size(client, housing, settings, per_page):
    settings.CASE_STUDIES_PER_PAGE = per_page
    for n in range(60):
        make_case_study(f"Study {n}", council=make_council(f"Council {n}"), topics=[housing])

    assert count_queries(client, "/case-studies/?topic=housing") == 2
    assert count_queries(client, "/case-studies/?q=study") == 3 + search_queries(60)


def test_topic_page_query_count_does_not_grow_with_results(client, housing, grant):
    """Guards against N+1 on the topic page: the topic, then the list's two queries."""
    make_numbered(1, topics=[housing], support_types=[grant])
    one = count_queries(client, "/case-studies/topics/housing/?support_type=grant")
    make_numbered(24, topics=[housing], support_types=[grant])

    assert one == count_queries(client, "/case-studies/topics/housing/?support_type=grant") == 3


@pytest.mark.parametrize("documents, expected", [(0, 3), (1, 4), (3, 4)])
def test_detail_query_count(client, case_study, housing, digital, documents, expected):
    """The index's version token, the case study with its council and whether it has files, its files when it has
    some (one query for the lead image and the documents), and the related case studies as cards (chosen from the
    index). Topics and support types come from the index."""
    for n in range(5):
        make_case_study(f"Related {n}", topics=[housing, digital])
    for n in range(documents):
        Attachment.objects.create(
            case_study=case_study,
            kind=Attachment.Kind.DOCUMENT,
            file_type="pdf",
            content_type="application/pdf",
            name=f"files/report-{n}.pdf",
            size=1000,
            title=f"Report {n}",
            position=n,
        )

    response = client.get("/case-studies/warm-homes-wigan/")

    assert count_queries(client, "/case-studies/warm-homes-wigan/") == expected
    assert response.content.decode().count("Report ") == documents
    assert response.content.decode().count('/">Related ') == 3

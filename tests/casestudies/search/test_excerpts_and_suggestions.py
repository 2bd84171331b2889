"""Search that explains itself: highlighted excerpts, relevance by default, suggestions when nothing matches.

Every test runs on whichever database the suite uses (SQLite or PostgreSQL) and expects the same result.
"""

import re
from datetime import UTC, datetime

import pytest

from tests.factories import make_case_study, make_council, make_topic
from tests.pages import card_titles, page

pytestmark = pytest.mark.django_db


def excerpt_html(response) -> dict[str, str]:
    """Each card's title and the raw HTML of its excerpt paragraph (None when it has none)."""
    html = response.content.decode()
    cards = re.findall(r'<article class="card">(.*?)</article>', html, flags=re.S)
    found = {}
    for card in cards:
        title = re.search(r'<h2 class="card__title"><a [^>]*>(.*?)</a>', card).group(1)
        excerpt = re.search(
            r'<p class="card__excerpt"><span class="visually-hidden">Matching text: </span>(.*?)</p>',
            card,
            flags=re.S,
        )
        found[title] = excerpt.group(1) if excerpt else None
    return found


def summary_html(response) -> dict[str, str]:
    """Each card's title and the raw HTML of its summary paragraph."""
    html = response.content.decode()
    cards = re.findall(r'<article class="card">(.*?)</article>', html, flags=re.S)
    return {
        re.search(r'<h2 class="card__title"><a [^>]*>(.*?)</a>', card).group(1): re.search(
            r'<p class="card__summary">(.*?)</p>', card, flags=re.S
        ).group(1)
        for card in cards
    }


def marked_words(excerpt: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", excerpt)


# Excerpts: the card prints the summary, so the excerpt comes from the sections; when only the summary has the
# words, they are marked in the summary itself.


def test_excerpt_comes_from_the_sections_not_the_summary_printed_under_it(client):
    make_case_study(
        "Sky tours",
        summary="Residents rode a zeppelin over the town.",
        impact="Zeppelin trips doubled.",
    )

    response = client.get("/case-studies/?q=zeppelin")
    excerpt = excerpt_html(response)["Sky tours"]
    paragraph = page(response).find("p", class_="card__excerpt")

    assert "<mark>Zeppelin</mark> trips doubled" in excerpt
    assert "Residents rode" not in excerpt
    assert [mark.text for mark in paragraph.find_all("mark")] == ["Zeppelin"]
    assert summary_html(response)["Sky tours"] == "Residents rode a zeppelin over the town."


def test_summary_has_the_words_marked_when_only_the_summary_matches(client):
    make_case_study("Sky tours", summary="Residents rode a zeppelin over the town.")

    response = client.get("/case-studies/?q=zeppelin")

    assert excerpt_html(response) == {"Sky tours": None}
    assert summary_html(response)["Sky tours"] == "Residents rode a <mark>zeppelin</mark> over the town."


def test_excerpt_comes_from_the_matching_section_when_the_summary_lacks_the_word(client):
    make_case_study(
        "Sky tours",
        summary="Tourism grew by a third.",
        challenge="Few visitors came.",
        impact="Visitors arrived by zeppelin every Sunday.",
    )

    excerpt = excerpt_html(client.get("/case-studies/?q=zeppelin"))["Sky tours"]

    assert "Visitors arrived by <mark>zeppelin</mark> every Sunday" in excerpt
    assert marked_words(excerpt) == ["zeppelin"]
    assert "Tourism" not in excerpt


def test_excerpt_marks_every_word_of_the_keyword(client):
    make_case_study("Fruit flights", impact="Every zeppelin carried kumquat crates to market.")

    excerpt = excerpt_html(client.get("/case-studies/?q=kumquat+zeppelin"))["Fruit flights"]

    assert "Every <mark>zeppelin</mark> carried <mark>kumquat</mark> crates to market" in excerpt


@pytest.mark.parametrize("field", ["summary", "impact"])
def test_excerpt_is_html_escaped(client, field):
    make_case_study(
        "Escaped",
        **{
            field: "Visitors loved the <b>zeppelin</b> tours over the town & <script>alert(1)</script> snacks."
        },
    )

    response = client.get("/case-studies/?q=zeppelin")
    marked = excerpt_html(response)["Escaped"] if field == "impact" else summary_html(response)["Escaped"]
    html = response.content.decode()

    assert "Visitors loved the &lt;b&gt;<mark>zeppelin</mark>&lt;/b&gt; tours over the town" in marked
    assert marked_words(marked) == ["zeppelin"]
    assert "<b>" not in html
    assert "<script>alert(1)" not in html


def test_excerpt_keeps_punctuation_attached_to_the_matched_word(client):
    make_case_study("Punctuated", lessons="Residents (zeppelin crews included) took part in the trial run.")

    excerpt = excerpt_html(client.get("/case-studies/?q=zeppelin"))["Punctuated"]

    assert "Residents (<mark>zeppelin</mark> crews included) took part" in excerpt
    assert marked_words(excerpt) == ["zeppelin"]


def test_excerpt_is_absent_when_only_the_title_matches(client):
    make_case_study("Zeppelin tours", summary="Tourism grew by a third.")

    response = client.get("/case-studies/?q=zeppelin")

    assert excerpt_html(response) == {"Zeppelin tours": None}


def test_excerpt_is_absent_without_a_keyword(client):
    make_case_study("Sky tours", summary="Residents rode a zeppelin over the town.")

    response = client.get("/case-studies/?topic=nope")

    assert excerpt_html(response) == {"Sky tours": None}


def test_excerpt_on_each_card_of_a_topic_and_a_council_page(client):
    housing = make_topic("Housing", slug="housing")
    wigan = make_council("Wigan", code="WGN")
    make_case_study("Sky homes", council=wigan, topics=[housing], solution="Homes with a zeppelin dock.")

    for path in ["/case-studies/topics/housing/", "/councils/WGN/"]:
        excerpts = excerpt_html(client.get(f"{path}?q=zeppelin"))
        assert list(excerpts) == ["Sky homes"]
        assert "Homes with a <mark>zeppelin</mark> dock" in excerpts["Sky homes"]


# Relevance


@pytest.fixture
def ranked():
    make_case_study(
        "Section match, newest",
        summary="Tourism grew.",
        lessons="Book the zeppelin early.",
        published_at=datetime(2025, 1, 1, tzinfo=UTC),
    )
    make_case_study(
        "Summary match", summary="A zeppelin tour.", published_at=datetime(2024, 1, 1, tzinfo=UTC)
    )
    make_case_study(
        "Zeppelin in the title, oldest", summary="Tours.", published_at=datetime(2020, 1, 1, tzinfo=UTC)
    )


def test_relevance_is_the_default_sort_with_a_keyword(client, ranked):
    response = client.get("/case-studies/?q=zeppelin")
    doc = page(response)

    assert card_titles(doc) == ["Zeppelin in the title, oldest", "Summary match", "Section match, newest"]
    assert (doc.find("option", selected=True)["value"], doc.find("option", selected=True).text) == (
        "",
        "Best match",
    )
    assert response.context["filter"].sort_order == "relevance"


def test_newest_is_the_default_sort_without_a_keyword(client, ranked):
    doc = page(client.get("/case-studies/?sort=relevance"))

    assert card_titles(doc) == ["Section match, newest", "Summary match", "Zeppelin in the title, oldest"]
    assert (doc.find("option", selected=True)["value"], doc.find("option", selected=True).text) == (
        "",
        "Newest first",
    )


def test_chosen_sort_overrides_relevance(client, ranked):
    doc = page(client.get("/case-studies/?q=zeppelin&sort=newest"))

    assert card_titles(doc) == ["Section match, newest", "Summary match", "Zeppelin in the title, oldest"]


# Suggestions when nothing matches


@pytest.fixture
def places():
    make_topic("Housing", slug="housing", order=1)
    make_topic("Digital", slug="digital", order=2)
    wigan = make_council("Wigan", code="WGN")
    make_council("Wigan Borough", code="OLDW", is_current=False)
    make_case_study("Warm homes", council=wigan, summary="Insulation.")


def empty_state_links(doc) -> list[tuple[str, str]]:
    return [(a.text, a["href"]) for a in doc.find("div", class_="empty").find_all("a")]


def empty_state_items(doc) -> list[str]:
    return [li.text for li in doc.find("div", class_="empty").find_all("li")]


def test_misspelt_topic_suggests_the_topic(client, places):
    doc = page(client.get("/case-studies/?q=Housng"))

    assert card_titles(doc) == []
    assert empty_state_links(doc) == [
        ("Housing", "/case-studies/topics/housing/"),
        ("Browse all case studies", "/case-studies/"),
    ]
    assert empty_state_items(doc) == [
        "Check the spelling of your keyword or try a more general word.",
        "Browse a topic with a similar name: Housing.",
        "Browse all case studies.",
    ]


def test_misspelt_council_searched_as_typed_suggests_the_current_council(client, places):
    """As typed (``as_typed=1``) "Wigann" finds nothing; without it the list shows the results for "wigan"
    (test_spelling.py)."""
    doc = page(client.get("/case-studies/?q=Wigann&as_typed=1"))

    assert empty_state_links(doc) == [
        ("Wigan", "/councils/WGN/"),
        ("Browse all case studies", "/case-studies/"),
    ]
    assert "Councils with a similar name: Wigan." in empty_state_items(doc)


def test_unrelated_keyword_suggests_nothing(client, places):
    doc = page(client.get("/case-studies/?q=kumquat"))

    assert empty_state_links(doc) == [("Browse all case studies", "/case-studies/")]


def test_two_or_more_filters_with_no_results_suggest_removing_some(client, places):
    doc = page(client.get("/case-studies/?q=Housng&topic=digital"))

    assert empty_state_items(doc) == [
        "Check the spelling of your keyword or try a more general word.",
        "Remove some filters: each filter group narrows the results further.",
        "Browse a topic with a similar name: Housing.",
        "Browse all case studies.",
    ]


def test_one_filter_with_no_results_does_not_suggest_removing_filters(client, places):
    doc = page(client.get("/case-studies/?topic=digital"))

    assert empty_state_items(doc) == ["Browse all case studies."]

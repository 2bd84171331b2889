"""The search in words: the notes about what was ignored and the active filter tags."""

import pytest

from tests.casestudies.catalogue.test_filters import get, library  # noqa: F401 (a fixture)
from tests.pages import card_titles, count_text, notes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("library")]

EVERY_TITLE = ["Delta hybrid", "Charlie bins", "Bravo zeppelin apps", "Alpha homes"]


@pytest.mark.parametrize(
    ("query", "typed"),
    [
        ("q=%22", '"'),
        ("q=OR", "OR"),
        ("q=or+OR", "or OR"),
        ("q=-", "-"),
        ("q=%2B", "+"),
        ("q=%22%22", '""'),
        ("q=%22+%22", '" "'),
        ("q=-%22", '-"'),
        ("q=%21%21%21", "!!!"),
    ],
)
def test_keyword_without_words_shows_no_keyword_tag_and_says_it_was_ignored(client, query, typed):
    _, doc = get(client, query)

    assert doc.find_all("a", class_="tag") == []
    assert notes(doc) == [f"We ignored the keyword “{typed}” because it has no words to search for."]
    assert card_titles(doc) == EVERY_TITLE
    assert count_text(doc) == "There are 4 results"
    assert doc.find("input", name="q")["value"] == typed
    assert doc.find("title").text == "Case studies – Council Case Study Library"
    assert doc.find("link", rel="alternate", type="application/atom+xml")["href"] == "/case-studies/feed/"


def test_keyword_without_words_beside_a_filter_keeps_the_filter(client):
    _, doc = get(client, "q=OR&topic=waste&sort=title")

    tags = [(tag.text, tag["href"]) for tag in doc.find_all("a", class_="tag")]
    assert tags == [("Remove filter Topics: Waste ×", "/case-studies/?sort=title")]
    assert card_titles(doc) == ["Charlie bins"]
    assert notes(doc) == ["We ignored the keyword “OR” because it has no words to search for."]


def test_keyword_of_spaces_is_no_keyword_and_no_note(client):
    _, doc = get(client, "q=+++")

    assert doc.find_all("a", class_="tag") == []
    assert notes(doc) == []
    assert card_titles(doc) == EVERY_TITLE


@pytest.mark.parametrize(
    ("query", "label", "titles"),
    [
        ("q=-zeppelin", "Keyword: “-zeppelin”", ["Charlie bins", "Delta hybrid"]),
        ("q=OR+zeppelin", "Keyword: “OR zeppelin”", ["Bravo zeppelin apps", "Alpha homes"]),
    ],
)
def test_keyword_with_a_word_beside_signs_keeps_its_tag(client, query, label, titles):
    _, doc = get(client, query)

    assert [tag.text for tag in doc.find_all("a", class_="tag")] == [f"Remove filter {label} ×"]
    assert notes(doc) == []
    assert sorted(card_titles(doc)) == sorted(titles)

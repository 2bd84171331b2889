"""The list's parameters once validated: the keyword, the order and the canonical query string."""

import pytest

from tests.casestudies.catalogue.test_filters import filterset, library  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("library")]


@pytest.mark.parametrize("typed", ['"', "OR", "-", '""', '" "', "+", "- OR +"])
def test_keyword_without_words_is_no_keyword(typed):
    chosen = filterset(f"q={typed.replace('+', '%2B').replace(' ', '+')}&topic=digital")

    assert (chosen.typed_keyword, chosen.keyword) == (typed, "")
    assert chosen.canonical_params() == [("topic", "digital")]
    assert chosen.sort_order == "newest"
    assert sorted(case_study.title for case_study in chosen.qs) == ["Bravo zeppelin apps", "Delta hybrid"]


def test_keyword_with_a_word_is_kept_as_typed():
    chosen = filterset("q=+OR+zeppelin+")

    assert (chosen.typed_keyword, chosen.keyword) == ("OR zeppelin", "OR zeppelin")
    assert chosen.canonical_params() == [("q", "OR zeppelin")]
    assert chosen.sort_order == "relevance"

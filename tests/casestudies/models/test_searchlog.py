"""The search log's table keeps counts and nothing personal; queries are normalised and masked before they are kept."""

import pytest

from casestudies.models import BestBet, SearchCount, mask_personal, normalise_query
from casestudies.models.searchlog import MAX_QUERY_LENGTH


def test_search_count_fields_are_only_the_counts():
    names = {field.name for field in SearchCount._meta.get_fields()}

    assert names == {
        "id",
        "day",
        "query",
        "language",
        "filtered",
        "results",
        "corrected",
        "synonym",
        "searches",
    }


@pytest.mark.parametrize(
    "word", ["ip", "address", "session", "agent", "referer", "referrer", "user", "cookie"]
)
def test_search_count_fields_name_nothing_personal(word):
    columns = [field.column for field in SearchCount._meta.concrete_fields]

    assert [column for column in columns if word in column] == []


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("jo.bloggs@example.gov.uk", "[email]"),
        ("contact j_b+x@council.example about parks", "contact [email] about parks"),
        ("07700 900123", "[phone]"),
        ("+44 7700 900123 housing", "[phone] housing"),
        ("(020) 7946 0018", "[phone]"),
        ("01632-960-001", "[phone]"),
        ("sw1a 1aa", "[postcode]"),
        ("flooding in M1 1AE area", "flooding in [postcode] area"),
        ("ec1a1bb", "[postcode]"),
        ("ref 12345678", "ref [number]"),
        ("case 123 456 789", "case [number]"),
        ("housing 2023", "housing 2023"),
        ("a 12345 b", "a 12345 b"),
        ("net zero 2030 plan", "net zero 2030 plan"),
        ("b12 road", "b12 road"),
        ("covid-19", "covid-19"),
    ],
)
def test_mask_personal_patterns(typed, kept):
    assert mask_personal(typed) == kept


def test_normalise_query_folds_case_and_spaces():
    assert normalise_query("  Electric\tVEHICLE   charging ") == "electric vehicle charging"


def test_normalise_query_compatibility_forms():
    assert normalise_query("ｈｏｕｓｉｎｇ") == "housing"


def test_normalise_query_masks_before_cutting():
    text = "x" * (MAX_QUERY_LENGTH - 10) + " someone@example.com"

    kept = normalise_query(text)

    assert "@" not in kept
    assert kept == ("x" * (MAX_QUERY_LENGTH - 10) + " [email]")[:MAX_QUERY_LENGTH]


def test_best_bet_clean_normalises_query():
    bet = BestBet(query="  Net  ZERO ")

    bet.clean()

    assert bet.query == "net zero"


@pytest.mark.parametrize("query", ["!!!", "someone@example.com"])
def test_best_bet_clean_refuses_query(query):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        BestBet(query=query).clean()

"""A keyword typed into the site's own search box is ordered by best match, with JavaScript on and off, unless the
person chose another order for that keyword (issue 19). The form sends every field, so this is about what the
order menu sends: its default is blank ("Best match"), and an order left as it was while the keyword changed gives
way to best match."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_case_study

pytestmark = pytest.mark.browser

BEST = ["Zeppelin hangar reopens", "Airship tours", "Town events"]
NEWEST = ["Town events", "Airship tours", "Zeppelin hangar reopens"]


@pytest.fixture
def airships(live_server):
    now = timezone.now()
    make_case_study("Zeppelin hangar reopens", published_at=now - timedelta(days=300))
    make_case_study(
        "Airship tours",
        summary="A zeppelin took visitors over the bay.",
        published_at=now - timedelta(days=200),
    )
    make_case_study(
        "Town events", impact="One zeppelin flew over the fair.", published_at=now - timedelta(days=1)
    )
    make_case_study("Unrelated", published_at=now)


def titles(page) -> list[str]:
    return page.locator(".card__title").all_inner_texts()


def chosen_order(page) -> str:
    return page.locator("select[name=sort] option:checked").inner_text()


def search(page, keyword: str) -> None:
    page.fill("input[name=q]", keyword)
    with page.expect_navigation():
        page.press("input[name=q]", "Enter")


def choose_order(page, label: str) -> None:
    page.select_option("select[name=sort]", label=label)
    with page.expect_navigation():
        page.click(".filter-form__apply")


@pytest.mark.parametrize("js_enabled", [True, False], ids=["javascript", "no-javascript"])
def test_typed_keyword_is_ordered_by_best_match(page, airships, js_enabled):
    page.goto("/case-studies/")
    assert chosen_order(page) == "Newest first"

    search(page, "zeppelin")

    assert titles(page) == BEST
    assert chosen_order(page) == "Best match"


@pytest.mark.parametrize("js_enabled", [True, False], ids=["javascript", "no-javascript"])
def test_order_chosen_before_typing_gives_way_to_best_match_and_a_choice_for_the_keyword_stands(
    page, airships, js_enabled
):
    page.goto("/case-studies/")
    choose_order(page, "Oldest first")
    assert "sort=oldest" in page.url

    search(page, "zeppelin")
    assert titles(page) == BEST
    assert chosen_order(page) == "Best match"

    choose_order(page, "Newest first")
    assert titles(page) == NEWEST
    assert chosen_order(page) == "Newest first"

    page.goto("/case-studies/?q=zeppelin&sort=newest")
    search(page, "zeppelin tours")
    assert titles(page)[0] == "Airship tours"
    assert chosen_order(page) == "Best match"

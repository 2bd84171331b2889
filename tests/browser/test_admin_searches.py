"""The admin's Searches page and best bets in a real browser (issue 24): the pages pass axe, a search that found
nothing links to prefilled add forms, and a best bet shows first on the public results, marked as the editors'."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from casestudies.models import BestBet, BestBetPick, SearchCount, SynonymGroup

from .data import make_editor
from .helpers import assert_no_axe_violations, screenshot

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/shots")
SEARCHES = "/admin/casestudies/searchcount/"


def sign_in_editor(page, live_server) -> None:
    client = Client()
    client.force_login(make_editor(), backend="django.contrib.auth.backends.ModelBackend")
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def seed_searches() -> None:
    """Thirty days of searches: housing every day, homelessness on most, and three that find nothing."""
    today = timezone.localdate()
    rows = []
    for n in range(30):
        day = today - timedelta(days=n)
        rows.append(SearchCount(day=day, query="housing", results=12, searches=20 + (n * 7) % 15))
        if n % 3:
            rows.append(SearchCount(day=day, query="homelessness", results=4, searches=5 + n % 4))
        if n % 4 == 0:
            rows.append(SearchCount(day=day, query="allotment waiting lists", results=0, searches=3 + n % 3))
        if n % 5 == 0:
            rows.append(SearchCount(day=day, query="quokka", results=0, searches=1, filtered=True))
        if n == 2:
            rows.append(SearchCount(day=day, query="call [phone]", results=0, searches=1))
    SearchCount.objects.bulk_create(rows)


def test_searches_page_passes_axe_and_links_to_prefilled_forms(page, library, live_server, screenshot_dir):
    seed_searches()
    sign_in_editor(page, live_server)

    page.goto(f"{live_server.url}/admin/")
    page.click("#searches-link a")
    assert page.inner_text("h1") == "Searches"
    assert page.locator("svg.searches-svg g[role=img]").count() == 30
    assert_no_axe_violations(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    screenshot(page, SHOTS, "admin-searches")
    screenshot(page, screenshot_dir, "admin-searches")

    page.click("text=Last 7 days")
    assert page.locator("svg.searches-svg g[role=img]").count() == 7
    assert_no_axe_violations(page)

    page.goto(f"{live_server.url}{SEARCHES}?days=30")
    page.click("a[href='/admin/casestudies/bestbet/add/?query=allotment%20waiting%20lists']")
    assert page.input_value("input[name=query]") == "allotment waiting lists"
    assert_no_axe_violations(page)
    screenshot(page, SHOTS, "admin-best-bet-add")

    page.goto(f"{live_server.url}{SEARCHES}?days=30")
    page.click("a[href='/admin/casestudies/synonymgroup/add/?terms=allotment%20waiting%20lists']")
    assert page.input_value("textarea[name=terms]") == "allotment waiting lists"
    assert_no_axe_violations(page)


def test_best_bet_shows_first_on_the_results(page, library, live_server, screenshot_dir):
    bet = BestBet.objects.create(query="repairs")
    BestBetPick.objects.create(best_bet=bet, case_study=library.published[0], order=0)
    BestBetPick.objects.create(best_bet=bet, case_study=library.published[3], order=1)

    page.goto(f"{live_server.url}/case-studies/?q=repairs&sort=newest")

    section = page.locator("section.best-bets")
    assert section.locator(".best-bets__label").inner_text() == "Recommended by our editors"
    assert section.locator(".card__title").all_inner_texts() == [
        "Wigan: warm homes for older residents",
        "Wigan: community health checks in libraries",
    ]
    assert page.locator("ol.cards .card__title").all_inner_texts() == [
        "Leeds: tenants design the repairs service"
    ]
    assert_no_axe_violations(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    screenshot(page, SHOTS, "best-bet-results")
    screenshot(page, screenshot_dir, "best-bet-results")


def test_best_bets_admin_pages_pass_axe(page, library, live_server):
    bet = BestBet.objects.create(query="repairs", note="The strongest examples.")
    BestBetPick.objects.create(best_bet=bet, case_study=library.published[0], order=0)
    group = SynonymGroup.objects.create(terms="repairs\nmaintenance")
    sign_in_editor(page, live_server)

    for path in [
        "/admin/casestudies/bestbet/",
        f"/admin/casestudies/bestbet/{bet.pk}/change/",
        f"/admin/casestudies/bestbet/{bet.pk}/history/",
        "/admin/casestudies/synonymgroup/",
        f"/admin/casestudies/synonymgroup/{group.pk}/change/",
    ]:
        page.goto(f"{live_server.url}{path}")
        assert_no_axe_violations(page)

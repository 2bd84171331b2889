"""The admin's Searches page, best bets and synonym groups: what editors see and may do."""

from datetime import date, timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone
from reversion.models import Version

from casestudies.models import BestBet, CaseStudy, SearchCount, SynonymGroup
from tests.casestudies.submission_helpers import make_editor, make_staff
from tests.factories import make_case_study
from tests.pages import page

pytestmark = pytest.mark.django_db
SEARCHES = "/admin/casestudies/searchcount/"


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def count(day: date, query: str, searches: int, results: int, *, filtered: bool = False) -> None:
    SearchCount.objects.create(day=day, query=query, searches=searches, results=results, filtered=filtered)


@pytest.fixture
def searched():
    today = timezone.localdate()
    count(today, "housing", 10, 12)
    count(today - timedelta(days=1), "housing", 5, 14)
    count(today - timedelta(days=9), "housing", 3, 14)  # the week before
    count(today, "parks", 4, 2)
    count(today - timedelta(days=2), "quokka", 6, 0)
    count(today - timedelta(days=3), "quokka", 1, 0, filtered=True)
    count(today, "call [phone]", 2, 0)
    count(today - timedelta(days=20), "allotments", 9, 0)
    return today


def table_rows(doc, heading_id: str) -> list[list[str]]:
    table = doc.find("table", aria_labelledby=heading_id)
    return [
        [cell.text for cell in row.find_all() if cell.tag in ("th", "td")]
        for row in table.find("tbody").find_all("tr")
    ]


def test_searches_page_most_common_with_trend(editor_client, searched):
    doc = page(editor_client.get(f"{SEARCHES}?days=7"))

    assert table_rows(doc, "common") == [
        ["housing", "15", "12–14", "up 400% (from 3)"],
        ["quokka", "7", "0", "new"],
        ["parks", "4", "2", "new"],
        ["call [phone]", "2", "0", "new"],
    ]
    assert doc.find("p", class_="searches-summary").text == (
        f"Last 7 days ({searched - timedelta(days=6):%-d %b %Y} to {searched:%-d %b %Y}): 28 searches, "
        "9 of them (32%) found nothing."
    )


def test_searches_that_found_nothing_with_prefilled_links(editor_client, searched):
    doc = page(editor_client.get(f"{SEARCHES}?days=30"))

    rows = table_rows(doc, "nothing")
    assert [row[:3] for row in rows] == [
        ["allotments", "9", "0"],
        ["quokka", "7", "1"],
        ["call [phone]", "2", "0"],
    ]
    table = doc.find("table", aria_labelledby="nothing")
    links = [(a.text, a["href"]) for a in table.find_all("a")]
    assert links[:2] == [
        (
            "Add a synonym group with this term: allotments",
            "/admin/casestudies/synonymgroup/add/?terms=allotments",
        ),
        ("Add a best bet for this query: allotments", "/admin/casestudies/bestbet/add/?query=allotments"),
    ]
    assert len(links) == 4  # no links for a masked query
    assert rows[2][4] == "Masked: personal details"


def test_searches_chart_has_a_column_per_day_and_a_table(editor_client, searched):
    doc = page(editor_client.get(f"{SEARCHES}?days=7"))

    columns = doc.find("svg", class_="searches-svg").find_all("g", role="img")
    assert len(columns) == 7
    assert columns[-1]["aria-label"] == f"{searched.day} {searched:%b}: 16 searches, 2 found nothing (12%)"
    assert table_rows(doc, "per-day")[-1] == [f"{searched.day} {searched:%b}", "16", "2", "12%"]


def test_searches_over_a_year_are_by_month(editor_client, searched):
    doc = page(editor_client.get(f"{SEARCHES}?days=365"))

    assert len(doc.find("svg", class_="searches-svg").find_all("g", role="img")) in (13, 12)
    assert doc.find("h2", id="per-day").text == "Searches per month"


@pytest.mark.parametrize("days", ["", "abc", "0", "-7", "99999999999999999999", "7\x00"])
def test_searches_page_survives_any_period(editor_client, days):
    response = editor_client.get(SEARCHES, {"days": days})

    assert response.status_code == 200
    assert page(response).find("strong", aria_current="page").text == "Last 30 days"


def test_searches_page_with_no_searches(editor_client):
    doc = page(editor_client.get(SEARCHES))

    assert "Every search in this period found something." in doc.text
    assert "No searches in this period." in doc.text


def test_searches_page_needs_the_permission(client):
    client.force_login(make_staff())

    assert client.get(SEARCHES).status_code == 403


def test_searches_rows_cannot_be_opened_or_changed(editor_client, searched):
    row = SearchCount.objects.first()

    assert editor_client.get(f"{SEARCHES}{row.pk}/change/").status_code == 404
    assert editor_client.get(f"{SEARCHES}add/").status_code == 404


def test_admin_index_links_to_searches(editor_client):
    doc = page(editor_client.get("/admin/"))

    assert doc.find("div", id="searches-link").find("a")["href"] == SEARCHES


def test_best_bet_add_form_is_prefilled(editor_client):
    doc = page(editor_client.get("/admin/casestudies/bestbet/add/?query=quokka"))

    field = next(i for i in doc.find_all("input") if i.attrs.get("name") == "query")
    assert field["value"] == "quokka"


def test_synonym_group_add_form_is_prefilled(editor_client):
    doc = page(editor_client.get("/admin/casestudies/synonymgroup/add/?terms=quokka"))

    area = next(t for t in doc.find_all("textarea") if t.attrs.get("name") == "terms")
    assert area.text == "quokka"


def bet_form(query: str, *case_studies: CaseStudy, include_synonyms: bool = False) -> dict:
    data = {
        "query": query,
        "note": "",
        "picks-TOTAL_FORMS": "3",
        "picks-INITIAL_FORMS": "0",
        "picks-MIN_NUM_FORMS": "0",
        "picks-MAX_NUM_FORMS": "3",
    }
    if include_synonyms:
        data["include_synonyms"] = "on"
    for n in range(3):
        data[f"picks-{n}-case_study"] = case_studies[n].slug if n < len(case_studies) else ""
        data[f"picks-{n}-order"] = (
            str(n) if n < len(case_studies) else "0"
        )  # an empty form as the admin shows it
    return data


def test_editor_adds_a_best_bet_with_history_and_a_revision(editor_client):
    first, second = make_case_study("Warm homes"), make_case_study("Street trees")

    response = editor_client.post(
        "/admin/casestudies/bestbet/add/", bet_form("  Quokka  Habitats", first, second)
    )

    assert response.status_code == 302
    bet = BestBet.objects.get()
    assert bet.query == "quokka habitats"
    assert list(bet.picks.values_list("case_study__title", flat=True)) == ["Warm homes", "Street trees"]
    assert LogEntry.objects.filter(object_id=str(bet.pk)).count() == 1
    assert Version.objects.get_for_object(bet).count() == 1
    history = editor_client.get(f"/admin/casestudies/bestbet/{bet.pk}/history/")
    assert history.status_code == 200


def test_best_bet_refuses_an_unpublished_case_study(editor_client):
    draft = make_case_study("Draft idea", status=CaseStudy.Status.DRAFT)

    response = editor_client.post("/admin/casestudies/bestbet/add/", bet_form("quokka", draft))

    assert response.status_code == 200
    assert BestBet.objects.count() == 0


def test_best_bet_needs_a_case_study(editor_client):
    response = editor_client.post("/admin/casestudies/bestbet/add/", bet_form("quokka"))

    assert response.status_code == 200
    assert "Pin at least one published case study." in page(response).text
    assert BestBet.objects.count() == 0


def test_best_bet_query_is_unique_once_normalised(editor_client):
    study = make_case_study("Warm homes")
    editor_client.post("/admin/casestudies/bestbet/add/", bet_form("quokka", study))

    response = editor_client.post("/admin/casestudies/bestbet/add/", bet_form("QUOKKA ", study))

    assert response.status_code == 200
    assert BestBet.objects.count() == 1


def test_editor_adds_a_synonym_group_with_a_revision(editor_client):
    response = editor_client.post(
        "/admin/casestudies/synonymgroup/add/", {"terms": "quokka\nshort-tailed wallaby"}
    )

    assert response.status_code == 302
    group = SynonymGroup.objects.get()
    assert Version.objects.get_for_object(group).count() == 1


def test_best_bet_change_form_shows_the_pinned_address(editor_client):
    study = make_case_study("Warm homes")
    editor_client.post("/admin/casestudies/bestbet/add/", bet_form("quokka", study))
    bet = BestBet.objects.get()

    doc = page(editor_client.get(f"/admin/casestudies/bestbet/{bet.pk}/change/"))

    field = next(i for i in doc.find_all("input") if i.attrs.get("name") == "picks-0-case_study")
    assert field["value"] == study.slug


def test_best_bet_unknown_address_is_explained(editor_client):
    data = bet_form("quokka")
    data["picks-0-case_study"] = "/case-studies/no-such-thing/"

    response = editor_client.post("/admin/casestudies/bestbet/add/", data)

    assert "No published case study has that address." in page(response).text
    assert BestBet.objects.count() == 0


def test_searches_that_found_nothing_link_to_a_best_bet_already_set(editor_client, searched):
    bet = BestBet.objects.create(query="quokka")

    doc = page(editor_client.get(f"{SEARCHES}?days=30"))

    table = doc.find("table", aria_labelledby="nothing")
    links = [(a.text, a["href"]) for a in table.find_all("a")]
    assert links == [
        (
            "Add a synonym group with this term: allotments",
            "/admin/casestudies/synonymgroup/add/?terms=allotments",
        ),
        ("Add a best bet for this query: allotments", "/admin/casestudies/bestbet/add/?query=allotments"),
        ("Add a synonym group with this term: quokka", "/admin/casestudies/synonymgroup/add/?terms=quokka"),
        ("Best bet set: change it for quokka", f"/admin/casestudies/bestbet/{bet.pk}/change/"),
    ]

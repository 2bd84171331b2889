"""The management commands, run through call_command against the real fixtures."""

import json
import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count

from casestudies.interchange.loading import demo_files
from casestudies.models import CaseStudy, Council, SearchDocument, SupportType, Topic
from tests.factories import make_case_study, make_council, make_support_type, make_topic
from tests.pages import page

pytestmark = pytest.mark.django_db

ENGLISH_REGIONS = {
    "North East",
    "North West",
    "Yorkshire and The Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
}


def run(*args, **options) -> str:
    out = StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def demo_item_count() -> int:
    return sum(len(json.loads(path.read_text(encoding="utf-8"))) for path in demo_files())


# load_reference and load_councils


def test_load_reference_loads_topics_support_types_and_councils():
    output = run("load_reference")

    assert output == (
        "Topics: 17 created, 0 updated, 0 unchanged.\n"
        "Support types: 7 created, 0 updated, 0 unchanged.\n"
        "Councils: 470 created, 0 updated, 0 unchanged.\n"
        "Synonym groups: 115 created, 0 updated, 0 unchanged.\n"
        "Reference data is up to date.\n"
    )
    assert (Topic.objects.count(), SupportType.objects.count(), Council.objects.count()) == (17, 7, 470)


def test_load_reference_twice_creates_nothing_the_second_time():
    run("load_reference")

    output = run("load_reference")

    assert output == (
        "Topics: 0 created, 0 updated, 17 unchanged.\n"
        "Support types: 0 created, 0 updated, 7 unchanged.\n"
        "Councils: 0 created, 0 updated, 470 unchanged.\n"
        "Synonym groups: 0 created, 0 updated, 115 unchanged.\n"
        "Reference data is up to date.\n"
    )
    assert (Topic.objects.count(), SupportType.objects.count(), Council.objects.count()) == (17, 7, 470)


def test_load_reference_restores_edited_rows():
    run("load_reference")
    Topic.objects.filter(slug="digital").update(name="Computers", order=999)
    Council.objects.filter(code="WGN").update(region="Nowhere")

    output = run("load_reference")

    assert output.splitlines()[0] == "Topics: 0 created, 1 updated, 16 unchanged."
    assert output.splitlines()[2] == "Councils: 0 created, 1 updated, 469 unchanged."
    assert Topic.objects.values_list("name", "order").get(slug="digital") == ("Digital", 80)
    assert Council.objects.get(code="WGN").region == "North West"


def test_load_reference_topics_are_in_display_order():
    run("load_reference")

    assert list(Topic.objects.values_list("slug", flat=True)[:3]) == [
        "adult-social-care",
        "children-and-young-people",
        "climate-change",
    ]
    assert Topic.objects.get(slug="public-health").description == (
        "Prevention, health inequalities, healthy weight, substance misuse, sexual health and health protection."
    )


def test_load_reference_applies_council_overrides():
    run("load_reference")

    assert Council.objects.get(code="DBY").region == "East Midlands"
    assert Council.objects.get(code="LIN").region == "East Midlands"
    assert Council.objects.get(code="DER").region == "East Midlands"  # in the CSV already


def test_load_reference_reads_council_fields_from_the_csv():
    run("load_reference")

    cardiff = Council.objects.get(code="CRF")
    assert (
        cardiff.name,
        cardiff.official_name,
        cardiff.gss_code,
        cardiff.nation,
        cardiff.region,
        cardiff.authority_type,
        cardiff.is_current,
        cardiff.start_date,
        cardiff.end_date,
    ) == (
        "Cardiff",
        "City of Cardiff Council",
        "W06000015",
        "Wales",
        "Wales",
        "Welsh unitary authority",
        True,
        date(1996, 4, 1),
        None,
    )
    assert Council.objects.filter(is_current=False).count() == 73


def test_load_councils_loads_only_councils():
    output = run("load_councils")

    assert output == "Councils: 470 created, 0 updated, 0 unchanged.\n"
    assert (Council.objects.count(), Topic.objects.count()) == (470, 0)
    assert run("load_councils") == "Councils: 0 created, 0 updated, 470 unchanged.\n"


# load_demo


@pytest.fixture
def demo():
    run("load_demo")


def test_load_demo_twice_gives_the_same_case_studies(demo):
    total = demo_item_count()
    first = sorted(CaseStudy.objects.values_list("slug", flat=True))

    output = run("load_demo")

    assert output.splitlines()[-1] == f"Demo case studies: 0 created, 0 updated, {total} unchanged."
    assert sorted(CaseStudy.objects.values_list("slug", flat=True)) == first
    assert CaseStudy.objects.count() == total


def test_load_demo_first_run_reports_everything_created():
    output = run("load_demo")

    total = demo_item_count()
    assert output.endswith(f"\nDemo case studies: {total} created, 0 updated, 0 unchanged.\n")
    assert f"\rLoading demo case studies: {total}/{total}" in output


def test_load_demo_has_at_least_sixty_published_case_studies_without_duplicates(demo):
    total = CaseStudy.objects.count()

    assert total >= 60
    assert CaseStudy.objects.published().count() == total
    assert CaseStudy.objects.values("title").distinct().count() == total
    assert CaseStudy.objects.values("summary").distinct().count() == total


def test_load_demo_uses_every_topic_and_support_type(demo):
    unused_topics = Topic.objects.annotate(n=Count("case_studies")).filter(n=0)
    unused_supports = SupportType.objects.annotate(n=Count("case_studies")).filter(n=0)

    assert list(unused_topics.values_list("slug", flat=True)) == []
    assert list(unused_supports.values_list("slug", flat=True)) == []
    assert CaseStudy.objects.annotate(n=Count("topics")).filter(n=0).count() == 0


def test_load_demo_spreads_across_councils_regions_and_years(demo):
    councils = Council.objects.filter(case_studies__isnull=False).distinct()
    places = set(councils.values_list("nation", "region"))
    years = {published.year for published in CaseStudy.objects.values_list("published_at", flat=True)}

    assert councils.count() >= 40
    assert {region for nation, region in places if nation == "England"} >= ENGLISH_REGIONS
    assert "Wales" in {nation for nation, region in places}
    assert years >= set(range(2019, 2027))


def test_load_demo_case_studies_show_on_the_site(demo, client):
    case_study = CaseStudy.objects.order_by("published_at", "id").first()

    response = client.get(case_study.get_absolute_url())

    assert response.status_code == 200
    assert page(response).find("h1").text == case_study.title


# generate_case_studies


@pytest.fixture
def reference():
    councils = [make_council("Wigan"), make_council("Leeds"), make_council("Old Town", is_current=False)]
    topics = [make_topic(f"Topic {n}") for n in range(4)]
    supports = [make_support_type(f"Support {n}") for n in range(2)]
    return councils, topics, supports


def test_generate_case_studies_adds_exactly_count_published_with_topics(reference):
    councils, topics, _ = reference
    make_case_study("Already here", council=councils[0], topics=topics[:1])

    output = run("generate_case_studies", "--count", "50", "--seed", "1")

    assert CaseStudy.objects.count() == 51
    generated = CaseStudy.objects.exclude(title="Already here")
    assert generated.count() == 50
    assert CaseStudy.objects.published().count() == 51
    assert generated.annotate(n=Count("topics")).filter(n=0).count() == 0
    assert set(generated.values_list("lead_council__name", flat=True)) <= {"Wigan", "Leeds"}
    last_line = output.splitlines()[-1]
    assert re.fullmatch(r"Added 50 synthetic published case studies in \d+\.\d s\.", last_line), last_line
    assert "\r[##############################] 50/50 (" in output


def test_generate_case_studies_in_batches_adds_exactly_count(reference):
    output = run("generate_case_studies", "--count", "50", "--batch-size", "20")

    assert CaseStudy.objects.count() == 50
    assert re.findall(r"\] (\d+)/50 ", output) == ["20", "40", "50"]


def test_generate_case_studies_same_seed_gives_same_titles(reference):
    run("generate_case_studies", "--count", "5", "--seed", "7")
    first = list(CaseStudy.objects.order_by("id").values_list("title", flat=True))
    run("generate_case_studies", "--count", "5", "--seed", "7")

    second = list(CaseStudy.objects.order_by("id").values_list("title", flat=True)[5:])
    assert second == first
    assert CaseStudy.objects.values("slug").distinct().count() == 10


def test_generate_case_studies_are_browsable(reference, client):
    run("generate_case_studies", "--count", "25", "--seed", "3")

    response = client.get("/case-studies/")

    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 25
    assert len(response.context["case_studies"]) == 20


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the search table is PostgreSQL only")
def test_generate_case_studies_fills_the_search_table(reference):
    run("generate_case_studies", "--count", "10")

    assert SearchDocument.objects.filter(full_vector__isnull=False, rank_vector__isnull=False).count() == 10


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--count", "0"], "--count must be at least 1."),
        (["--count", "-5"], "--count must be at least 1."),
        (["--count", "5", "--batch-size", "0"], "--batch-size must be at least 1."),
    ],
)
def test_generate_case_studies_rejects_bad_arguments(reference, args, message):
    with pytest.raises(CommandError, match=f"^{re.escape(message)}$"):
        run("generate_case_studies", *args)

    assert CaseStudy.objects.count() == 0


def test_generate_case_studies_needs_reference_data():
    with pytest.raises(CommandError, match=r"^Load the reference data first \(manage.py load_reference\)\.$"):
        run("generate_case_studies", "--count", "5")

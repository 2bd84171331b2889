"""The idempotent loaders in casestudies/loading.py, on small files written by the tests."""

import json
from collections import Counter
from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from casestudies.interchange.loading import (
    FIXTURES_DIR,
    LoadResult,
    demo_welsh,
    load_councils,
    load_demo,
    load_reference_list,
    load_synonyms,
)
from casestudies.models import CaseStudy, Council, Outcome, SynonymGroup, Topic
from casestudies.submissions.figures import band_of
from tests.factories import make_council, make_support_type, make_topic

pytestmark = pytest.mark.django_db

CSV_HEADER = (
    "local-authority-code,official-name,nice-name,gss-code,start-date,end-date,replaced-by,nation,region,"
    "local-authority-type-name,current-authority,lat,long\n"
)
WIGAN = "WGN,Wigan Metropolitan Borough Council,Wigan,E08000010,1974-04-01,,,England,North West,Metropolitan district,True,53.5,-2.6\n"
KETTERING = "KET,Kettering Borough Council,Kettering,E07000153,,2021-03-31,NNT,England,,Non-metropolitan district,False,52.4,-0.7\n"


def write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def overrides_file(tmp_path, entries: list[dict]):
    return write(tmp_path / "overrides.json", json.dumps({"_about": "test", "overrides": entries}))


def test_load_result_reads_as_a_sentence():
    assert str(LoadResult(created=1, updated=2, unchanged=3)) == "1 created, 2 updated, 3 unchanged"


def test_load_reference_list_creates_updates_and_leaves_alone(tmp_path):
    items = [
        {"slug": "housing", "name": "Housing", "description": "Homes.", "order": 10},
        {"slug": "digital", "name": "Digital", "description": "Tech.", "order": 20},
    ]
    path = write(tmp_path / "topics.json", json.dumps(items))

    first = load_reference_list(Topic, path)
    items[1]["description"] = "Technology."
    write(path, json.dumps(items))
    second = load_reference_list(Topic, path)

    assert str(first) == "2 created, 0 updated, 0 unchanged"
    assert str(second) == "0 created, 1 updated, 1 unchanged"
    assert list(Topic.objects.values_list("slug", "name", "description", "order")) == [
        ("housing", "Housing", "Homes.", 10),
        ("digital", "Digital", "Technology.", 20),
    ]


def test_load_councils_reads_every_field(tmp_path):
    csv_path = write(tmp_path / "councils.csv", CSV_HEADER + WIGAN + KETTERING)

    result = load_councils(csv_path, tmp_path / "no-overrides.json")

    assert str(result) == "2 created, 0 updated, 0 unchanged"
    assert list(
        Council.objects.order_by("code").values_list(
            "code", "name", "official_name", "gss_code", "nation", "region", "authority_type", "is_current"
        )
    ) == [
        (
            "KET",
            "Kettering",
            "Kettering Borough Council",
            "E07000153",
            "England",
            "",
            "Non-metropolitan district",
            False,
        ),
        (
            "WGN",
            "Wigan",
            "Wigan Metropolitan Borough Council",
            "E08000010",
            "England",
            "North West",
            "Metropolitan district",
            True,
        ),
    ]
    assert list(Council.objects.order_by("code").values_list("start_date", "end_date")) == [
        (None, date(2021, 3, 31)),
        (date(1974, 4, 1), None),
    ]


def test_load_councils_applies_overrides_every_time(tmp_path):
    csv_path = write(tmp_path / "councils.csv", CSV_HEADER + WIGAN + KETTERING)
    overrides = overrides_file(
        tmp_path, [{"code": "WGN", "fields": {"region": "Greater Manchester"}, "reason": "test"}]
    )

    first = load_councils(csv_path, overrides)
    second = load_councils(csv_path, overrides)
    Council.objects.filter(code="WGN").update(region="North West")
    third = load_councils(csv_path, overrides)

    assert [str(first), str(second), str(third)] == [
        "2 created, 0 updated, 0 unchanged",
        "0 created, 0 updated, 2 unchanged",
        "0 created, 1 updated, 1 unchanged",
    ]
    assert Council.objects.get(code="WGN").region == "Greater Manchester"


def test_load_councils_updates_a_changed_row_and_keeps_councils_not_in_the_file(tmp_path):
    make_council("Elsewhere", code="ELS")
    csv_path = write(tmp_path / "councils.csv", CSV_HEADER + WIGAN)
    load_councils(csv_path, tmp_path / "none.json")
    write(csv_path, CSV_HEADER + WIGAN.replace(",Wigan,", ",Wigan Borough,"))

    result = load_councils(csv_path, tmp_path / "none.json")

    assert str(result) == "0 created, 1 updated, 0 unchanged"
    assert list(Council.objects.order_by("code").values_list("code", "name")) == [
        ("ELS", "Elsewhere"),
        ("WGN", "Wigan Borough"),
    ]


# Locations (the map and "councils like this one")

LEEDS = "LDS,Leeds City Council,Leeds,E08000035,1974-04-01,,,England,Yorkshire and The Humber,Metropolitan district,True,53.8,-1.55\n"
COMBINED = "WYCA,West Yorkshire Combined Authority,West Yorkshire,E47000003,2014-04-01,,,England,Yorkshire and The Humber,Combined authority,True,,\n"


def test_load_councils_reads_latitude_and_longitude_and_leaves_blanks_empty(tmp_path):
    csv_path = write(tmp_path / "councils.csv", CSV_HEADER + WIGAN + COMBINED)

    load_councils(csv_path, tmp_path / "none.json")

    assert list(Council.objects.order_by("code").values_list("code", "latitude", "longitude")) == [
        ("WGN", 53.5, -2.6),
        ("WYCA", None, None),
    ]


def test_load_councils_locations_are_idempotent_and_refreshed_when_the_data_moves(tmp_path):
    csv_path = write(tmp_path / "councils.csv", CSV_HEADER + WIGAN + KETTERING)
    load_councils(csv_path, tmp_path / "none.json")
    again = load_councils(csv_path, tmp_path / "none.json")
    write(csv_path, CSV_HEADER + WIGAN.replace("53.5,-2.6", "53.54,-2.63") + KETTERING)

    moved = load_councils(csv_path, tmp_path / "none.json")

    assert str(again) == "0 created, 0 updated, 2 unchanged"
    assert str(moved) == "0 created, 1 updated, 1 unchanged"
    assert Council.objects.filter(code="WGN").values_list("latitude", "longitude").get() == (53.54, -2.63)


def test_load_councils_places_a_council_without_a_location_at_the_mean_of_the_named_councils(tmp_path):
    csv_path = write(tmp_path / "councils.csv", CSV_HEADER + WIGAN + LEEDS + COMBINED)
    overrides = overrides_file(
        tmp_path, [{"code": "WYCA", "location_from": ["WGN", "LDS"], "reason": "test"}]
    )

    first = load_councils(csv_path, overrides)
    second = load_councils(csv_path, overrides)

    assert Council.objects.filter(code="WYCA").values_list("latitude", "longitude").get() == (53.65, -2.075)
    assert str(second) == "0 created, 0 updated, 3 unchanged", first


def test_shipped_council_data_gives_every_current_council_a_location():
    """The real fixtures: the six combined authorities the CSV gives no point for get one from their members."""
    load_councils()

    missing = list(
        Council.objects.filter(is_current=True, latitude__isnull=True).values_list("code", flat=True)
    )
    assert missing == []
    assert Council.objects.filter(is_current=True).count() == 397
    members = Council.objects.filter(code__in=["BIR", "COV", "DUD", "SAW", "SOL", "WLL", "WLV"])
    wmca = Council.objects.get(code="WMCA")
    assert wmca.latitude == pytest.approx(sum(c.latitude for c in members) / 7, abs=1e-9)
    assert wmca.longitude == pytest.approx(sum(c.longitude for c in members) / 7, abs=1e-9)
    assert (round(wmca.latitude, 2), round(wmca.longitude, 2)) == (52.5, -1.9)  # the West Midlands


@pytest.fixture
def demo_reference():
    make_council("Wigan", code="WGN")
    make_council("Leeds", code="LDS")
    make_topic("Housing", slug="housing")
    make_topic("Digital", slug="digital")
    make_support_type("Grant", slug="grant")
    make_support_type("Peer challenge", slug="peer-challenge")


def demo_item(**changes) -> dict:
    item = {
        "slug": "warm-homes-wigan",
        "title": "Warm homes for Wigan",
        "council": "WGN",
        "partners": "Wigan and Leigh Housing",
        "summary": "Insulating homes.",
        "challenge": "Cold homes.",
        "solution": "Insulation.",
        "impact": "Lower bills.",
        "sustainability": "Core budget.",
        "lessons": "Start early.",
        "contact_name": "Sam Patel",
        "contact_role": "Head of housing",
        "contact_email": "sam.patel@wigan.example",
        "topics": ["housing", "digital"],
        "support_types": ["grant"],
        "published_on": "2024-03-05",
    }
    return item | changes


def test_load_demo_creates_published_case_studies_with_their_classification(tmp_path, demo_reference):
    path = write(tmp_path / "case_studies_1.json", json.dumps([demo_item()]))

    result = load_demo([path])

    assert str(result) == "1 created, 0 updated, 0 unchanged"
    case_study = CaseStudy.objects.get()
    assert (case_study.slug, case_study.title, case_study.lead_council.code, case_study.status) == (
        "warm-homes-wigan",
        "Warm homes for Wigan",
        "WGN",
        "published",
    )
    assert case_study.published_at == datetime(2024, 3, 5, 10, tzinfo=ZoneInfo("Europe/London"))
    assert sorted(t.slug for t in case_study.topics.all()) == ["digital", "housing"]
    assert [s.slug for s in case_study.support_types.all()] == ["grant"]
    assert case_study.contact_email == "sam.patel@wigan.example"


def test_load_demo_is_idempotent_and_updates_what_changed(tmp_path, demo_reference):
    path = write(tmp_path / "case_studies_1.json", json.dumps([demo_item(), demo_item(slug="second")]))
    load_demo([path])
    unchanged = load_demo([path])
    write(
        path,
        json.dumps(
            [
                demo_item(topics=["housing"], support_types=["peer-challenge"]),
                demo_item(slug="second", council="LDS"),
            ]
        ),
    )

    updated = load_demo([path])

    assert str(unchanged) == "0 created, 0 updated, 2 unchanged"
    assert str(updated) == "0 created, 2 updated, 0 unchanged"
    first = CaseStudy.objects.get(slug="warm-homes-wigan")
    assert [t.slug for t in first.topics.all()] == ["housing"]
    assert [s.slug for s in first.support_types.all()] == ["peer-challenge"]
    assert CaseStudy.objects.get(slug="second").lead_council.code == "LDS"
    assert CaseStudy.objects.count() == 2


def test_load_demo_republishes_a_case_study_that_was_unpublished(tmp_path, demo_reference):
    path = write(tmp_path / "case_studies_1.json", json.dumps([demo_item()]))
    load_demo([path])
    CaseStudy.objects.update(status=CaseStudy.Status.ARCHIVED)

    result = load_demo([path])

    assert str(result) == "0 created, 1 updated, 0 unchanged"
    assert CaseStudy.objects.published().count() == 1


def test_load_demo_reports_progress_for_each_written_case_study(tmp_path, demo_reference):
    path = write(tmp_path / "case_studies_1.json", json.dumps([demo_item(), demo_item(slug="second")]))
    calls = []

    load_demo([path], progress=lambda done, total: calls.append((done, total)))

    assert calls == [(1, 2), (2, 2)]


# Synonym groups: a starter set loaded once per group; editors' later changes stand


def synonyms_file(tmp_path, groups: list[dict]):
    return write(tmp_path / "synonyms.json", json.dumps(groups))


def group_terms() -> list[str]:
    return sorted(SynonymGroup.objects.values_list("terms", flat=True))


def test_load_synonyms_creates_each_group_once(tmp_path):
    path = synonyms_file(
        tmp_path,
        [
            {"key": "ev", "terms": ["EV", " electric  vehicle "]},
            {"key": "ai", "terms": ["AI", "artificial intelligence"]},
        ],
    )

    first = load_synonyms(path)
    second = load_synonyms(path)

    assert (first.created, first.unchanged) == (2, 0)
    assert (second.created, second.unchanged) == (0, 2)
    assert group_terms() == ["AI\nartificial intelligence", "EV\nelectric vehicle"]


def test_load_synonyms_keeps_an_editors_change_and_deletion(tmp_path):
    path = synonyms_file(
        tmp_path,
        [
            {"key": "ev", "terms": ["EV", "electric vehicle"]},
            {"key": "ai", "terms": ["AI", "artificial intelligence"]},
        ],
    )
    load_synonyms(path)
    SynonymGroup.objects.filter(terms__startswith="EV").update(terms="EV\nelectric vehicle\nplug-in car")
    SynonymGroup.objects.filter(terms__startswith="AI").delete()

    result = load_synonyms(path)

    assert (result.created, result.unchanged) == (0, 2)
    assert group_terms() == ["EV\nelectric vehicle\nplug-in car"]


def test_load_synonyms_adds_a_group_new_to_the_file(tmp_path):
    load_synonyms(synonyms_file(tmp_path, [{"key": "ev", "terms": ["EV", "electric vehicle"]}]))

    result = load_synonyms(
        synonyms_file(
            tmp_path,
            [
                {"key": "ev", "terms": ["EV", "electric vehicle"]},
                {"key": "asc", "terms": ["ASC", "adult social care"]},
            ],
        )
    )

    assert (result.created, result.unchanged) == (1, 1)
    assert group_terms() == ["ASC\nadult social care", "EV\nelectric vehicle"]


def test_starter_synonyms_file_has_forty_valid_groups_with_unique_keys():
    groups = json.loads((FIXTURES_DIR / "synonyms.json").read_text(encoding="utf-8"))

    assert len(groups) >= 40
    assert len({group["key"] for group in groups}) == len(groups)
    for group in groups:
        SynonymGroup(terms="\n".join(group["terms"])).full_clean()


# The demo case studies' impact, cost and evidence (fixtures/demo/evidence.json, issue 20)


def test_demo_case_studies_get_their_varied_evidence_values():
    call_command("load_demo", stdout=StringIO())
    evidence = json.loads((FIXTURES_DIR / "demo" / "evidence.json").read_text(encoding="utf-8"))
    case_studies = {cs.slug: cs for cs in CaseStudy.objects.prefetch_related("outcomes")}

    assert set(evidence) == set(case_studies)
    for slug, stated in evidence.items():
        case_study = case_studies[slug]
        assert case_study.cost_band == stated["cost_band"], slug
        assert case_study.evidence_level_confirmed == stated["evidence_level_confirmed"], slug
        assert [o.measure for o in case_study.outcomes.all()] == [o["measure"] for o in stated["outcomes"]], (
            slug
        )
        if case_study.cost_amount is not None:
            assert band_of(case_study.cost_amount) == case_study.cost_band, slug
        assert (case_study.stage == "stopped") == bool(case_study.stopped_reason), slug
    levels = Counter(cs.evidence_level_claimed for cs in case_studies.values())
    assert levels == {1: 10, 2: 22, 3: 21, 4: 4, 5: 1, None: 6}
    nothing = [
        cs for cs in case_studies.values() if not cs.cost_band and cs.evidence_level is None and not cs.stage
    ]
    assert len(nothing) == 5  # one of them still gives measured outcomes
    assert sum(cs.stage == "stopped" for cs in case_studies.values()) == 10
    assert sum(cs.evidence_level_confirmed is not None for cs in case_studies.values()) == 18
    assert sum(cs.savings_per_year is not None for cs in case_studies.values()) == 19
    assert Outcome.objects.count() == sum(len(v["outcomes"]) for v in evidence.values())


# The demo case studies' Welsh versions (fixtures/demo/welsh.json, issue 23)

WELSH_COUNCILS = {"CRF", "GWN", "PEM", "SWA", "CWY", "MON", "RCT"}


def test_twelve_demo_case_studies_have_a_whole_welsh_version_the_welsh_councils_first():
    call_command("load_demo", stdout=StringIO())
    welsh = [cs for cs in CaseStudy.objects.select_related("lead_council") if cs.has_welsh]

    assert len(welsh) == 12
    assert sorted(cs.lead_council.code for cs in welsh) == sorted(
        [*WELSH_COUNCILS, "BIR", "DUR", "KEN", "LAN", "YOR"]
    )
    for case_study in welsh:
        case_study.full_clean()
        assert all(
            getattr(case_study, f"{field}_cy") != getattr(case_study, field) for field in CaseStudy.WELSH
        )
    cardiff = next(cs for cs in welsh if cs.lead_council.code == "CRF")
    assert cardiff.title_cy == "Lonydd beicio dros dro y pandemig yn dod yn rhai parhaol yng Nghaerdydd"


def test_demo_welsh_of_a_case_study_without_one_is_empty():
    assert demo_welsh("warm-homes-wigan", {}) == dict.fromkeys(CaseStudy.WELSH_FIELDS, "")


def test_demo_welsh_gives_every_welsh_field():
    version = {field: f"{field} yn Gymraeg" for field in CaseStudy.WELSH}

    found = demo_welsh("warm-homes-wigan", {"warm-homes-wigan": version})

    assert found["title_cy"] == "title yn Gymraeg"
    assert found["lessons_cy"] == "lessons yn Gymraeg"
    assert len(found) == 7


def test_demo_welsh_refuses_a_partial_version():
    with pytest.raises(ValueError) as raised:
        demo_welsh("warm-homes-wigan", {"warm-homes-wigan": {"title": "Cartrefi cynnes"}})

    assert str(raised.value) == (
        "fixtures/demo/welsh.json, warm-homes-wigan: give exactly title, summary, challenge, solution, impact, "
        "sustainability, lessons"
    )


def test_load_demo_is_unchanged_on_a_second_run_with_the_welsh_versions():
    call_command("load_demo", stdout=StringIO())
    out = StringIO()

    call_command("load_demo", stdout=out)

    assert "0 created, 0 updated, 64 unchanged" in out.getvalue()

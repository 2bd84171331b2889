"""The loaders fill the Welsh names of topics, support types and councils (issue 23)."""

import json

import pytest

from casestudies.interchange.loading import FIXTURES_DIR, load_councils, load_reference_list
from casestudies.models import Council, SupportType, Topic

pytestmark = pytest.mark.django_db

CSV_HEADER = (
    "local-authority-code,official-name,nice-name,gss-code,start-date,end-date,replaced-by,nation,region,"
    "local-authority-type-name,current-authority,lat,long\n"
)
CARDIFF = (
    "CRF,Cardiff Council,Cardiff,W06000015,1996-04-01,,,Wales,Wales,Welsh unitary authority,True,51.5,-3.2\n"
)
WIGAN = "WGN,Wigan Metropolitan Borough Council,Wigan,E08000010,1974-04-01,,,England,North West,Metropolitan district,True,53.5,-2.6\n"


def test_load_reference_list_reads_the_welsh_name_and_keeps_an_editors_when_the_file_has_none(tmp_path):
    path = tmp_path / "topics.json"
    path.write_text(
        json.dumps(
            [
                {
                    "slug": "housing",
                    "name": "Housing",
                    "name_cy": "Tai",
                    "description": "Homes.",
                    "description_cy": "Cartrefi.",
                    "order": 10,
                },
                {"slug": "digital", "name": "Digital", "description": "", "order": 20},
            ]
        ),
        encoding="utf-8",
    )
    load_reference_list(Topic, path)
    Topic.objects.filter(slug="digital").update(name_cy="Digidol")

    again = load_reference_list(Topic, path)

    assert str(again) == "0 created, 0 updated, 2 unchanged"
    assert list(Topic.objects.values_list("slug", "name_cy", "description_cy")) == [
        ("housing", "Tai", "Cartrefi."),
        ("digital", "Digidol", ""),
    ]


def test_load_councils_fills_the_welsh_councils_welsh_names_only(tmp_path):
    csv_path = tmp_path / "councils.csv"
    csv_path.write_text(CSV_HEADER + CARDIFF + WIGAN, encoding="utf-8")

    first = load_councils(csv_path, tmp_path / "no-overrides.json")
    again = load_councils(csv_path, tmp_path / "no-overrides.json")

    assert (str(first), str(again)) == (
        "2 created, 0 updated, 0 unchanged",
        "0 created, 0 updated, 2 unchanged",
    )
    assert list(Council.objects.order_by("code").values_list("code", "name_cy", "official_name_cy")) == [
        ("CRF", "Caerdydd", "Cyngor Caerdydd"),
        ("WGN", "", ""),
    ]


def test_load_councils_puts_back_a_changed_welsh_name(tmp_path):
    csv_path = tmp_path / "councils.csv"
    csv_path.write_text(CSV_HEADER + CARDIFF, encoding="utf-8")
    load_councils(csv_path, tmp_path / "no-overrides.json")
    Council.objects.filter(code="CRF").update(name_cy="Caerdyd")

    result = load_councils(csv_path, tmp_path / "no-overrides.json")

    assert str(result) == "0 created, 1 updated, 0 unchanged"
    assert Council.objects.get(code="CRF").name_cy == "Caerdydd"


@pytest.mark.parametrize(("name", "model"), [("topics.json", Topic), ("support_types.json", SupportType)])
def test_every_shipped_topic_and_support_type_has_a_welsh_name(name, model):
    items = json.loads((FIXTURES_DIR / name).read_text(encoding="utf-8"))

    assert [item["slug"] for item in items if not item.get("name_cy") or not item.get("description_cy")] == []
    assert len({item["name_cy"] for item in items}) == len(items)


def test_the_shipped_topics_welsh_names():
    items = json.loads((FIXTURES_DIR / "topics.json").read_text(encoding="utf-8"))

    assert {item["slug"]: item["name_cy"] for item in items}["housing-and-planning"] == "Tai a chynllunio"

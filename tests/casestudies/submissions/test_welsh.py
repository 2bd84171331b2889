"""The Welsh names the lead-council picker matches on: one pair for each current Welsh council of the list."""

import csv
import unicodedata

from casestudies.submissions.welsh import WELSH_NAMES, welsh_names

COUNCILS_CSV = WELSH_NAMES.parent / "uk_local_authorities.csv"


def current_welsh_councils() -> dict[str, str]:
    with COUNCILS_CSV.open(encoding="utf-8", newline="") as handle:
        return {
            row["local-authority-code"]: row["nice-name"]
            for row in csv.DictReader(handle)
            if row["nation"] == "Wales" and row["current-authority"] == "True"
        }


def test_welsh_names_cover_every_current_welsh_council_and_nothing_else():
    welsh = current_welsh_councils()

    assert len(welsh) == 22
    assert sorted(welsh_names()) == sorted(welsh)


def test_welsh_names_give_each_council_a_name_and_an_official_name():
    names = welsh_names()

    assert {tuple(sorted(entry)) for entry in names.values()} == {("name", "official_name")}
    assert [code for code, entry in names.items() if not all(value.strip() for value in entry.values())] == []
    assert [code for code, entry in names.items() if not entry["official_name"].startswith("Cyngor ")] == []


def test_welsh_names_are_the_ones_people_type():
    names = welsh_names()

    assert (names["AGY"], names["CRF"]["name"], names["SWA"]["name"]) == (
        {"name": "Ynys Môn", "official_name": "Cyngor Sir Ynys Môn"},
        "Caerdydd",
        "Abertawe",
    )
    # Stored composed (NFC), as the page sends them and the picker folds them.
    assert all(
        unicodedata.is_normalized("NFC", value) for entry in names.values() for value in entry.values()
    )

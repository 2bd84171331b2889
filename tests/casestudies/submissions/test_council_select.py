"""The lead-council <select> carries what the picker script matches on: each council's official name, and a Welsh
council's Welsh names (as data attributes only: the options themselves stay in English)."""

import pytest

from casestudies.submissions.forms import SubmissionForm
from tests.factories import make_council

pytestmark = pytest.mark.django_db


def test_council_select_renders_official_names_for_the_picker():
    make_council("Kirklees", code="KIR", official_name="Kirklees Council")
    make_council("Eilean Siar", code="ELS", official_name="Comhairle nan Eilean Siar")
    make_council("Wigan", code="WGN", official_name="Wigan")
    make_council("Old Shire", code="OLD", official_name="Old Shire District Council", is_current=False)

    html = str(SubmissionForm()["lead_council"])

    assert html.startswith('<select name="lead_council" data-council-picker')
    assert '<option value="" selected>Choose a council</option>' in html
    assert '<option value="KIR" data-official-name="Kirklees Council">Kirklees</option>' in html
    assert '<option value="ELS" data-official-name="Comhairle nan Eilean Siar">Eilean Siar</option>' in html
    assert '<option value="WGN">Wigan</option>' in html  # the same name twice says nothing new
    assert "OLD" not in html


def test_council_select_keeps_the_chosen_council_selected():
    make_council("Kirklees", code="KIR", official_name="Kirklees Council")

    html = str(SubmissionForm(data={"lead_council": "KIR"})["lead_council"])

    assert '<option value="KIR" selected data-official-name="Kirklees Council">Kirklees</option>' in html


def test_council_select_renders_welsh_names_of_welsh_councils_as_data_only():
    make_council(
        "Isle of Anglesey", code="AGY", official_name="Isle of Anglesey County Council", nation="Wales"
    )
    make_council("Cardiff", code="CRF", official_name="City of Cardiff Council", nation="Wales")
    make_council("Wigan", code="WGN", official_name="Wigan Council")

    html = str(SubmissionForm()["lead_council"])

    assert (
        '<option value="AGY" data-official-name="Isle of Anglesey County Council" data-welsh-name="Ynys Môn" '
        'data-welsh-official-name="Cyngor Sir Ynys Môn">Isle of Anglesey</option>' in html
    )
    assert (
        '<option value="CRF" data-official-name="City of Cardiff Council" data-welsh-name="Caerdydd" '
        'data-welsh-official-name="Cyngor Caerdydd">Cardiff</option>' in html
    )
    assert '<option value="WGN" data-official-name="Wigan Council">Wigan</option>' in html

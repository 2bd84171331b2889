"""The lead-council <select> carries what the picker script matches on: each council's official name."""

import pytest

from casestudies.submissions.forms import SubmissionForm
from tests.factories import make_council

pytestmark = pytest.mark.django_db


def test_council_select_renders_official_names_for_the_picker():
    make_council("Kirklees", code="KIR", official_name="Kirklees Council")
    make_council("Ynys Môn", code="AGY", official_name="Isle of Anglesey County Council")
    make_council("Wigan", code="WGN", official_name="Wigan")
    make_council("Old Shire", code="OLD", official_name="Old Shire District Council", is_current=False)

    html = str(SubmissionForm()["lead_council"])

    assert html.startswith('<select name="lead_council" data-council-picker')
    assert '<option value="" selected>Choose a council</option>' in html
    assert '<option value="KIR" data-official-name="Kirklees Council">Kirklees</option>' in html
    assert (
        '<option value="AGY" data-official-name="Isle of Anglesey County Council">Ynys Môn</option>' in html
    )
    assert '<option value="WGN">Wigan</option>' in html  # the same name twice says nothing new
    assert "OLD" not in html


def test_council_select_keeps_the_chosen_council_selected():
    make_council("Kirklees", code="KIR", official_name="Kirklees Council")

    html = str(SubmissionForm(data={"lead_council": "KIR"})["lead_council"])

    assert '<option value="KIR" selected data-official-name="Kirklees Council">Kirklees</option>' in html
